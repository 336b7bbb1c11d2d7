/* W2530: SnapStart on a function of which the template publishes no version. */
#include "rules/lambda/runtimes.h"
#include "rules/lambda/snapstart.h"

#define LAMBDA_VERSION "AWS::Lambda::Version"

struct state {
	bool *versioned; /* by resource index: an AWS::Lambda::Version names it */
	/* functions that take SnapStart from Globals and publish no version: the
	 * first few names, and how many */
	const char *globals_fns;
	size_t n_globals_fns;
	const struct sl_node *globals_on;
};

static void check_function(struct sl_ctx *c, const struct sl_snap_fn *f, void *ud)
{
	struct state *st = ud;
	if (f->n_on == 0 || !st->versioned || st->versioned[f->res - c->t->resources.items])
		return;
	if (c->t->macro)
		return; /* a macro may write the version */
	const char *name = f->res->key->str;
	if (f->sam) {
		const struct sl_node *alias = sl_sam_prop(c->t, f->res, "AutoPublishAlias", NULL);
		if (alias && !sl_node_is_null(alias))
			return; /* SAM publishes a version and points the alias at it */
		if (f->on[0].global) {
			st->globals_on = f->on[0].node;
			if (st->n_globals_fns++ < 5)
				st->globals_fns = st->globals_fns
					? sl_arena_printf(c->arena, "%s, '%s'", st->globals_fns, name)
					: sl_arena_printf(c->arena, "'%s'", name);
			return;
		}
		sl_report(c, f->on[0].node, "SnapStart is on for '%s', but it has no AutoPublishAlias: "
			  "SAM publishes no version of it, and SnapStart works only on published "
			  "versions (never on $LATEST). Add AutoPublishAlias and invoke the alias",
			  name);
		return;
	}
	sl_report(c, f->on[0].node, "SnapStart is on for '%s', but no %s of the template publishes a "
		  "version of it: SnapStart works only on published versions (never on $LATEST). Add "
		  "an %s (and an alias pointing at it) and invoke the version or the alias",
		  name, LAMBDA_VERSION, LAMBDA_VERSION);
}

static void check(struct sl_ctx *c)
{
	static const char *const versions[] = { LAMBDA_VERSION, NULL };
	struct state st = { sl_snap_named_by(c, versions, NULL), NULL, 0, NULL };
	sl_snap_each_function(c, check_function, &st);
	if (!st.globals_on || !st.globals_fns)
		return;
	const char *more = st.n_globals_fns > 5
		? sl_arena_printf(c->arena, " and %zu more", st.n_globals_fns - 5) : "";
	sl_report(c, st.globals_on, "Globals.Function turns SnapStart on, but %s%s %s no "
		  "AutoPublishAlias: SAM publishes no version of %s, and SnapStart works only on "
		  "published versions (never on $LATEST). Add AutoPublishAlias (in Globals.Function or "
		  "on each function) and invoke the alias",
		  st.globals_fns, more ? more : "", st.n_globals_fns > 1 ? "have" : "has",
		  st.n_globals_fns > 1 ? "them" : "it");
}

const struct sl_rule rule_W2530 = {
	.id = "W2530",
	.severity = SL_SEV_WARNING,
	.title = "SnapStart functions publish versions",
	.source = SL_SNAPSTART_SOURCE,
	.doc =
	"### What it checks\n"
	"A function that turns SnapStart on (`SnapStart: {ApplyOn: PublishedVersions}`, a "
	"literal or a literal branch of an `Fn::If`) has a published version in the template: an "
	"`AWS::Lambda::Function` needs an `AWS::Lambda::Version` that names it (`FunctionName: "
	"!Ref Fn`, a `GetAtt`, a `Sub`, or `DependsOn`); an `AWS::Serverless::Function` needs "
	"`AutoPublishAlias` (its own or from `Globals.Function`), with which SAM writes the "
	"version and an alias, or such an `AWS::Lambda::Version`. When `Globals.Function` turns "
	"SnapStart on, the functions without a version are named in one finding at Globals.\n\n"
	"### Why it matters\n"
	"Lambda takes the snapshot when a version is published, and SnapStart applies only to "
	"published versions and the aliases that point at them, never to the unpublished "
	"`$LATEST`. A stack that turns SnapStart on but publishes no version gets no faster "
	"start-ups: every invocation of the function name still runs the full initialization. "
	"A warning, not an error: a version may be published outside the template (a pipeline "
	"calling PublishVersion).\n\n"
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
	"      SnapStart:\n"
	"        ApplyOn: PublishedVersions\n"
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
