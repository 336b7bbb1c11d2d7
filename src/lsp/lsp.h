/*
 * `stacklint lsp`: a Language Server Protocol server over standard input and
 * output (JSON-RPC 2.0 with Content-Length framing). It keeps the open
 * documents, lints a document when it is opened, changed (full sync) or
 * saved, and publishes its diagnostics with exact ranges in UTF-16 code
 * units (LSP's default position encoding), the rule ID as code and the rule's
 * documentation as codeDescription. Only templates and side files get
 * diagnostics: other YAML and JSON stays quiet (the --only-templates
 * decision). The workspace's configuration (.stacklintrc.yaml, .cfnlintrc) is
 * read from the working directory at start-up.
 */
#ifndef SL_LSP_LSP_H
#define SL_LSP_LSP_H

#include <stdio.h>

/* Serves one client on in/out until `exit` (status 0 after `shutdown`, else
 * 1) or the end of input (1). argv are the options after `lsp` (the
 * selection and configuration options of the command line). */
int sl_lsp_main(int argc, char **argv, FILE *in, FILE *out);

#endif
