/*
 * -g / --build-graph: a template's resources and the dependencies between
 * them, written as a Graphviz DOT file beside the template, laid out as
 * cfn-lint 1.x writes it (its Graph.to_dot through networkx and pydot), so
 * that what reads cfn-lint's file (the VS Code extension's graph preview
 * renders `<template>.dot`) reads ours. The edges are those of the shared
 * dependency analysis (analysis/deps.h): Ref, Fn::GetAtt, Fn::Sub variables
 * and DependsOn between declared resources, as CloudFormation sees them after
 * the SAM transform. docs/graph.md describes the file.
 */
#ifndef SL_OUTPUT_GRAPH_H
#define SL_OUTPUT_GRAPH_H

#include "stacklint/stacklint.h"
#include "template/template.h"
#include "util/buf.h"

/* Appends the DOT text of t's resource graph to out: a node per resource in
 * template order, then per resource its edges, grouped by target in the
 * order cfn-lint adds them (DependsOn, then Ref, Fn::GetAtt, Fn::Sub
 * variables, each in document order). Every quoted string is escaped so that
 * no input can end it early or change the graph: the output is valid DOT for
 * any template. O(size of t log size of t). Returns 0, or -1 when memory ran
 * out (out may then hold part of the text). */
int sl_graph_dot(struct sl_buf *out, const struct sl_template *t);

/* The file -g writes for the template at `path`: "<path>.dot", as cfn-lint
 * names it. For standard input ("-"): "<stdin_name>.dot" when a name was
 * given (--stdin-filename: where an editor's buffer lives), else cfn-lint's
 * "cfn-lint.dot" in the current directory. Returns a malloc'd string, or NULL
 * when memory ran out. */
char *sl_graph_path(const char *path, const char *stdin_name);

/* Loads the template in buf[0..len) (as sl_lint_buffer() does, with the same
 * options) and writes its graph to dot_path, replacing the file. Nothing is
 * written when the input does not parse (a loader E0000) or is no mapping:
 * cfn-lint writes no graph for those either. Returns NULL on success and when
 * nothing was to be written; else a malloc'd message naming dot_path and the
 * reason (the caller prints it and exits 1). */
char *sl_graph_write(const char *dot_path, const struct sl_options *opts, const char *buf, size_t len);

#endif
