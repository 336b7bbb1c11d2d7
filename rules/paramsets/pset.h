/*
 * Parameter sets: the values a template is deployed with, as cfn-lint takes
 * them, and the test E2900 makes of one set against the template's
 * Parameters. A set comes from the command line (--parameters KEY=VALUE...,
 * or the configuration's `parameters`: sl_options.param_sets), from the
 * template's own Metadata (cfn-lint: config: parameters), from a parameter
 * file (--parameter-files, linted as a file of kind SL_FILE_PARAMETERS) or from
 * a Git sync deployment file (--deployment-files, kind SL_FILE_DEPLOYMENT).
 *
 * The file formats, and who judges what:
 *   parameter file: a list of {ParameterKey, ParameterValue} entries (the
 *     CloudFormation API's Parameter: UsePreviousValue and ResolvedValue are
 *     taken too), a list of "KEY=VALUE" strings (aws cloudformation deploy
 *     --parameter-overrides), or a mapping {Parameters: {KEY: VALUE}, Tags,
 *     StackPolicy} (a CodePipeline template configuration file);
 *   deployment file: a mapping {template-file-path, parameters: {KEY: VALUE},
 *     tags: {KEY: VALUE}}.
 * E0200 and E0100 report what is malformed; sl_pset_from_*() read the same
 * files and skip whatever those rules report (a value they cannot read counts
 * as given but is not judged), so each fault is reported once.
 */
#ifndef SL_RULES_PARAMSETS_PSET_H
#define SL_RULES_PARAMSETS_PSET_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/engine.h"

/* One KEY=VALUE of a set. */
struct sl_pset_entry {
	const char *key;
	size_t key_len;
	const char *value; /* NULL: given, but not judged (UsePreviousValue, a malformed value) */
	size_t value_len;
	/* nodes of the file (or template) being linted that hold the key and the
	 * value; NULL for values from the command line, which have no place in it */
	const struct sl_node *key_at, *value_at;
};

struct sl_pset {
	struct sl_pset_entry *e;
	size_t n;
	/* who gives the values, for messages: "this parameter file",
	 * "--parameters (set 2)", ... */
	const char *origin;
	/* where a parameter the set leaves out is reported (its first character);
	 * NULL: at that parameter in the template */
	const struct sl_node *at;
};

/* Reads a parameter file's root (any of the three forms) into *out, in c's
 * arena. Returns false when the root is none of the forms (E0200 says why). */
bool sl_pset_from_parameter_file(struct sl_ctx *c, const struct sl_node *root, struct sl_pset *out);

/* Reads a deployment file's `parameters` into *out. Returns false when the root
 * is not a mapping (E0100). */
bool sl_pset_from_deployment_file(struct sl_ctx *c, const struct sl_node *root, struct sl_pset *out);

/* Reads the sets of a template's Metadata cfn-lint config `parameters` (a list
 * of mappings, one set each) into a new array *out of *n sets. Returns false
 * when there are none. */
bool sl_pset_from_metadata(struct sl_ctx *c, const struct sl_template *t, struct sl_pset **out,
			   size_t *n);

/* The template a side file of c deploys with, read from `path` (relative to
 * the current directory, as cfn-lint resolves it, unless absolute; len bytes),
 * or NULL when it is missing, unreadable, or no template. */
const struct sl_template *sl_pset_template(struct sl_ctx *c, const char *path, size_t len);

/* Judges set s against t's Parameters, reporting with the current rule:
 * a key that names no parameter, a parameter without Default that the set
 * leaves out, a value that breaks its parameter's constraints (sl_pv_check).
 * `tname` names the template in messages ("template 'app.yaml'"); for a set
 * given on the command line (entries without nodes) findings go at the
 * template's Parameters. Nothing is judged for a template a macro rewrites. */
void sl_pset_check(struct sl_ctx *c, const struct sl_template *t, const char *tname,
		   const struct sl_pset *s);

/* Reports at a scalar n, at the first key of a mapping n, or at the first
 * character of a list or an empty mapping: where a finding about a whole list
 * or mapping goes. */
void sl_pset_report_at(struct sl_ctx *c, const struct sl_node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
