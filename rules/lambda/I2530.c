/* I2530: a Java function that could use SnapStart and does not say. */
#include <string.h>

#include "rules/lambda/runtimes.h"
#include "rules/lambda/snapstart.h"

static bool present(const struct sl_node *n)
{
	return n && !sl_node_is_null(n) && !sl_samr_is_novalue(n);
}

/* A function property, after Globals for SAM. */
static const struct sl_node *prop(struct sl_ctx *c, const struct sl_snap_fn *f, const char *name)
{
	return f->sam ? sl_sam_prop(c->t, f->res, name, NULL) : sl_map_get(sl_samr_props(f->res), name);
}

/* True when the function uses something SnapStart does not support:
 * provisioned concurrency, Amazon EFS, or ephemeral storage over 512 MB (or a
 * size that cannot be known here). */
static bool incompatible(struct sl_ctx *c, const struct sl_snap_fn *f, const bool *provisioned)
{
	if (present(prop(c, f, "FileSystemConfigs")) ||
	    (f->sam && present(prop(c, f, "ProvisionedConcurrencyConfig"))) ||
	    !provisioned || provisioned[f->res - c->t->resources.items])
		return true;
	const struct sl_node *eph = prop(c, f, "EphemeralStorage");
	if (!present(eph))
		return false;
	long long mb;
	return !sl_lam_number(sl_map_get(eph, "Size"), &mb) || mb > 512;
}

struct seen {
	const struct sl_node *at[32];
	size_t n;
	bool *provisioned; /* by resource index: a version or alias sets provisioned concurrency */
};

static bool first_time(struct seen *s, const struct sl_node *at)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->at[i] == at)
			return false;
	if (s->n < sizeof(s->at) / sizeof(s->at[0]))
		s->at[s->n++] = at;
	return true;
}

static void check_function(struct sl_ctx *c, const struct sl_snap_fn *f, void *ud)
{
	struct seen *seen = ud;
	if (f->has_snapstart || f->image || f->n_runtime == 0 || incompatible(c, f, seen->provisioned))
		return;
	for (size_t i = 0; i < f->n_runtime; i++) {
		const struct sl_node *rt = f->runtime[i].node;
		const char *family = sl_runtime_family_of(rt->str, rt->len);
		if (!family || strcmp(family, "Java") != 0 || sl_runtime_snapstart(rt->str, rt->len) != 1)
			continue;
		if (f->runtime[i].global && !first_time(seen, rt))
			continue; /* one node of Globals, whatever number of functions take it */
		const char *where = f->runtime[i].global
			? sl_arena_printf(c->arena, "in Globals.Function (for '%s' and the other functions "
					  "that take this runtime from there)", f->res->key->str)
			: sl_arena_printf(c->arena, "on '%s'", f->res->key->str);
		sl_report(c, rt, "%s functions can start much faster with SnapStart (Lambda resumes them "
			  "from a snapshot of the initialized function), at no extra cost for Java: consider "
			  "SnapStart: {ApplyOn: PublishedVersions} %s, with a published version (%s) that "
			  "callers invoke", rt->str, where ? where : "",
			  f->sam ? "AutoPublishAlias" : "an AWS::Lambda::Version and an alias");
	}
}

static void check(struct sl_ctx *c)
{
	static const char *const published[] = { "AWS::Lambda::Version", "AWS::Lambda::Alias", NULL };
	struct seen seen = { .n = 0 };
	seen.provisioned = sl_snap_named_by(c, published, "ProvisionedConcurrencyConfig");
	sl_snap_each_function(c, check_function, &seen);
}

const struct sl_rule rule_I2530 = {
	.id = "I2530",
	.severity = SL_SEV_INFO,
	.title = "Consider SnapStart for Java functions",
	.source = SL_SNAPSTART_SOURCE,
	.doc =
	"### What it checks\n"
	"An `AWS::Lambda::Function` or `AWS::Serverless::Function` (with SAM's "
	"`Globals.Function`) whose runtime is Java 11 or later (a literal, or a literal branch of "
	"an `Fn::If`) and that has no `SnapStart` property at all. Functions SnapStart cannot "
	"serve are left alone: container images, functions with Amazon EFS (`FileSystemConfigs`), "
	"ephemeral storage over 512 MB, or provisioned concurrency (SAM's "
	"`ProvisionedConcurrencyConfig`, or a version or alias of the template that sets it). "
	"Writing `SnapStart: {ApplyOn: None}` records the decision and silences it.\n\n"
	"### Why it matters\n"
	"Java functions spend much of a cold start initializing the JVM and the application. "
	"With SnapStart, Lambda initializes the function once when a version is published, "
	"snapshots it and resumes new execution environments from the snapshot; for Java "
	"managed runtimes this costs nothing extra (for Python and .NET it is billed, so this "
	"rule does not suggest it there). Check that the code is resilient to snapshot restore "
	"(unique values, network connections and credentials made during initialization) before "
	"turning it on; SnapStart applies to published versions only (see W2530).\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: java21\n"
	"      Handler: example.Handler::handleRequest\n"
	"      CodeUri: target/app.jar\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: java21\n"
	"      Handler: example.Handler::handleRequest\n"
	"      CodeUri: target/app.jar\n"
	"      AutoPublishAlias: live\n"
	"      SnapStart:\n"
	"        ApplyOn: PublishedVersions\n"
	"```\n",
	.check = check,
};
