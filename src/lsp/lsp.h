/*
 * `stacklint lsp`: a Language Server Protocol server over standard input and
 * output (JSON-RPC 2.0 with Content-Length framing). It keeps the open
 * documents (incremental sync), lints each on a thread of its own a debounce
 * after it changes, and publishes its diagnostics with exact ranges in the
 * position encoding negotiated at initialize (UTF-8, UTF-32 or LSP's
 * default UTF-16), the rule ID as code and the rule's documentation as
 * codeDescription. Only templates and side files get diagnostics: other
 * YAML and JSON stays quiet (the --only-templates decision). It answers
 * hover, definition, document symbols, completion and code actions while a
 * lint runs. The workspace's configuration (.stacklintrc.yaml, .cfnlintrc)
 * is read from the working directory at start-up and again when the client
 * reports it changed. docs/editors.md documents what a client sees.
 */
#ifndef SL_LSP_LSP_H
#define SL_LSP_LSP_H

#include <stdio.h>

/* Serves one client on in/out until `exit` (status 0 after `shutdown`, else
 * 1) or the end of input (1). argv are the options after `lsp` (the
 * selection and configuration options of the command line). */
int sl_lsp_main(int argc, char **argv, FILE *in, FILE *out);

#endif
