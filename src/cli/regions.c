/*
 * The Regions of a run (cfn-lint's -r/--regions and `regions`): checks and
 * completes cli->regions once the command line and the configuration are
 * read (docs/regions.md).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "engine/engine.h"
#include "util/region.h"

/* The default when neither the command line nor the configuration names a
 * Region, as cfn-lint 1.x takes it: $AWS_REGION, else $AWS_DEFAULT_REGION,
 * else NULL: us-east-1, which the options say by naming none (so that the
 * region-specific rules judge only Regions someone named). A variable that is
 * set but not a Region code is passed over with a notice. */
static const char *default_region(struct sl_cli *cli)
{
	static const char *const vars[] = { "AWS_REGION", "AWS_DEFAULT_REGION" };
	for (size_t i = 0; i < 2; i++) {
		const char *v = getenv(vars[i]);
		if (!v || !*v)
			continue;
		if (sl_region_shaped(v, strlen(v)))
			return v;
		sl_cli_notice(cli, "%s='%s' is not an AWS Region code: it is passed over for the default "
			      "Region", vars[i], v);
	}
	return NULL;
}

/* The Region of the table closest to r, for "did you mean", or NULL. */
static const char *nearest(const char *r)
{
	size_t nall;
	const struct sl_region *all = sl_region_all(&nall);
	const char *codes[64];
	size_t nc = nall < 64 ? nall : 64;
	for (size_t k = 0; k < nc; k++)
		codes[k] = all[k].code;
	return sl_suggest(r, strlen(r), codes, nc);
}

int sl_cli_regions(struct sl_cli *cli, FILE *err)
{
	const char *from = cli->set_regions ? "-r/--regions" : "the configuration's regions";
	size_t nall;
	const struct sl_region *all = sl_region_all(&nall);
	bool every = false;
	for (size_t i = 0; i < cli->regions.n; i++) {
		const char *r = cli->regions.v[i];
		if (strcmp(r, "ALL_REGIONS") == 0) {
			every = true;
			continue;
		}
		if (sl_region_shaped(r, strlen(r)))
			continue;
		const char *near = nearest(r);
		fprintf(err, "stacklint: %s: '%s' is not an AWS Region code (such as us-east-1) or "
			"ALL_REGIONS%s%s%s\n", from, r, near ? "; did you mean " : "", near ? near : "",
			near ? "?" : "");
		return 1;
	}
	struct sl_strv out = { 0 };
	int rc = 0;
	if (every) {
		/* as cfn-lint: ALL_REGIONS anywhere in the list means every Region */
		for (size_t k = 0; k < nall && rc == 0; k++)
			rc = sl_strv_push(&out, all[k].code);
	} else if (!cli->regions.n) {
		const char *d = default_region(cli);
		rc = d ? sl_strv_push(&out, d) : 0;
	} else {
		for (size_t i = 0; i < cli->regions.n && rc == 0; i++) {
			const char *r = cli->regions.v[i];
			bool dup = false;
			for (size_t k = 0; k < out.n && k < 256 && !dup; k++) /* bounded */
				dup = strcmp(out.v[k], r) == 0;
			if (!dup)
				rc = sl_strv_push(&out, r);
		}
	}
	if (rc < 0) {
		sl_strv_free(&out);
		fprintf(err, "stacklint: out of memory\n");
		return 1;
	}
	for (size_t i = 0; i < out.n; i++) {
		bool known;
		const char *p = sl_region_partition(out.v[i], strlen(out.v[i]), &known);
		if (known)
			continue;
		const char *near = nearest(out.v[i]);
		sl_cli_notice(cli, "Region '%s' is not in stacklint's table of AWS Regions: it is judged as a "
			      "Region of partition %s, which its name tells%s%s%s", out.v[i], p,
			      near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
	}
	sl_strv_free(&cli->regions);
	cli->regions = out;
	return 0;
}
