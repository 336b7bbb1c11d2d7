/*
 * The installed header from C++: tests/install/check_install.sh compiles this
 * with the C++ compiler against the installed shared library. The declarations
 * must sit in extern "C" (otherwise the names are mangled and the link fails),
 * and the header must compile as C++ with every warning an error.
 */
#include <stacklint/stacklint.h>

#include <cstdio>
#include <cstring>

int main()
{
	static const char text[] = "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n";
	sl_report *rep = nullptr;
	if (sl_lint_buffer(&rep, nullptr, "t.yaml", text, sizeof(text) - 1) != 0 || !rep) {
		std::fprintf(stderr, "sl_lint_buffer failed\n");
		return 1;
	}
	bool e3038 = false;
	for (size_t i = 0; i < rep->count; i++) {
		const sl_diag &d = rep->diags[i];
		std::printf("%s:%u:%u: %s %s\n", rep->filename, unsigned(d.start.line),
			    unsigned(d.start.column), d.rule_id, d.message);
		e3038 = e3038 || (std::strcmp(d.rule_id, "E3038") == 0 && d.severity == SL_SEV_ERROR);
	}
	bool ok = e3038 && sl_report_exit_bits(rep) == 2;
	std::printf("C++: stacklint %s, %s\n", sl_version(), ok ? "E3038 found" : "E3038 missing");
	sl_report_free(rep);
	return ok ? 0 : 1;
}
