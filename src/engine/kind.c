/*
 * File kinds: what a file is (a template, or one of the files that deploy with
 * it), told by the names AWS documents for them. The CLI asks here when it
 * walks a directory and for each file it is given; --file-type overrides.
 */
#include <string.h>
#include <strings.h>

#include "stacklint/stacklint.h"

static const char *const names[SL_FILE_KIND_COUNT] = {
	[SL_FILE_TEMPLATE] = "template",
	[SL_FILE_APPSPEC] = "appspec",
	[SL_FILE_SAMCONFIG] = "samconfig",
	[SL_FILE_DOCKERRUN] = "dockerrun",
	[SL_FILE_EB_ENV] = "eb-env",
	[SL_FILE_EB_CRON] = "eb-cron",
	[SL_FILE_EBEXTENSION] = "ebextension",
	[SL_FILE_PARAMETERS] = "parameters",
	[SL_FILE_DEPLOYMENT] = "deployment",
};

const char *sl_file_kind_name(enum sl_file_kind kind)
{
	return (unsigned)kind < SL_FILE_KIND_COUNT ? names[kind] : "?";
}

int sl_file_kind_parse(const char *name, enum sl_file_kind *out)
{
	for (int k = 0; k < SL_FILE_KIND_COUNT; k++) {
		if (strcmp(name, names[k]) == 0) {
			*out = (enum sl_file_kind)k;
			return 0;
		}
	}
	return -1;
}

enum sl_file_kind sl_file_kind_of(const char *path)
{
	if (!path)
		return SL_FILE_TEMPLATE;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	/* CodeDeploy looks for appspec.yml (EC2/On-Premises; .yaml and .json are
	 * what the Lambda and ECS console and CLI take) */
	if (strcmp(base, "appspec.yml") == 0 || strcmp(base, "appspec.yaml") == 0 ||
	    strcmp(base, "appspec.json") == 0)
		return SL_FILE_APPSPEC;
	if (strcmp(base, "samconfig.toml") == 0 || strcmp(base, "samconfig.yaml") == 0 ||
	    strcmp(base, "samconfig.yml") == 0)
		return SL_FILE_SAMCONFIG;
	if (strcmp(base, "Dockerrun.aws.json") == 0)
		return SL_FILE_DOCKERRUN;
	if (strcmp(base, "env.yaml") == 0)
		return SL_FILE_EB_ENV;
	if (strcmp(base, "cron.yaml") == 0)
		return SL_FILE_EB_CRON;
	/* <dir>/.ebextensions/<name>.config: directly inside a directory so named */
	size_t bl = strlen(base);
	if (bl > 7 && strcmp(base + bl - 7, ".config") == 0 && base - path >= 14) {
		const char *dir_end = base - 1; /* the '/' before base */
		const char *dir = dir_end - 13;
		if (memcmp(dir, ".ebextensions", 13) == 0 && (dir == path || dir[-1] == '/'))
			return SL_FILE_EBEXTENSION;
	}
	return SL_FILE_TEMPLATE;
}
