/*
 * Fuzz target: the files a run reads besides templates, each from the same
 * input written to a scratch file: a custom rules file (-z), a configuration
 * file (--config-file, through the command-line parser as a run reads it),
 * and an override spec (-o, layered over the built-in spec). Each must give
 * a result or a message, never a crash, a leak or a hang.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "custom/custom.h"
#include "spec/layer.h"
#include "spec/spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/stacklint-fuzz-files-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	bool ok = write(fd, data, size) == (ssize_t)size;
	close(fd);
	FILE *err = fopen("/dev/null", "w");
	if (ok && err) {
		struct sl_custom_rules *rules = NULL;
		if (sl_custom_load(&rules, path, err) == 0)
			sl_custom_free(rules);

		struct sl_cli cli;
		char *argv[] = { (char *)"stacklint", (char *)"--config-file", path, (char *)"t.yaml", NULL };
		sl_cli_parse(&cli, 4, argv, err);
		sl_cli_free(&cli);

		const struct sl_spec *spec = NULL;
		char msg[512];
		if (sl_spec_layer(&spec, sl_spec_builtin(), path, NULL, 0, msg, sizeof(msg)) == 0)
			sl_spec_free(spec);
	}
	if (err)
		fclose(err);
	unlink(path);
	return 0;
}
