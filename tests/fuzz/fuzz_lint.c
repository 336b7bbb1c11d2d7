/*
 * Fuzz target: the whole pipeline (load, model, every rule, informational
 * included), and every output format over the report; then the same input
 * as each side file kind (appspec, samconfig in YAML and in TOML, ...), whose
 * rules read the tree without a template model.
 */
#include <stdint.h>
#include <stdlib.h>

#include "output/output.h"
#include "stacklint/stacklint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const inc[] = { "I" };
	struct sl_options o = { .include_checks = inc, .n_include = 1 };
	struct sl_report *r;
	if (sl_lint_buffer(&r, &o, "fuzz.yaml", (const char *)data, size) != 0)
		return 0;
	const struct sl_report *rs[1] = { r };
	struct sl_output_opts oo = { .color = true };
	for (int f = SL_FMT_TEXT; f <= SL_FMT_STANDARD; f++) {
		struct sl_buf b = SL_BUF_INIT;
		sl_output_write(&b, (enum sl_format)f, rs, 1, &oo);
		sl_buf_free(&b);
	}
	sl_report_free(r);
	/* side files are named in a directory that does not exist: the rules
	 * that read the template beside a file find none, and read no disk */
	for (int k = SL_FILE_TEMPLATE + 1; k < SL_FILE_KIND_COUNT; k++) {
		if (sl_lint_buffer_kind(&r, &o, "/nonexistent/fuzz.yaml", (enum sl_file_kind)k,
					(const char *)data, size) == 0)
			sl_report_free(r);
	}
	/* samconfig.toml: the TOML reader, then the samconfig rules on its tree */
	if (sl_lint_buffer_kind(&r, &o, "/nonexistent/samconfig.toml", SL_FILE_SAMCONFIG,
				(const char *)data, size) == 0)
		sl_report_free(r);
	return 0;
}
