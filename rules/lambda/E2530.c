/* E2530: SnapStart on a function whose runtime or package type SnapStart does not support. */
#include <string.h>

#include "rules/conditions/cond.h"
#include "rules/lambda/runtimes.h"
#include "rules/lambda/snapstart.h"

#define SUPPORTED \
	"Lambda supports SnapStart for the Java 11 and later, Python 3.12 and later and .NET 8 " \
	"and later managed runtimes only"

/* Nodes already reported at: those of Globals for the template (a value from
 * Globals is one node however many functions take it), the function's own
 * for one function. */
struct seen {
	const struct sl_node *at[32];
	size_t n;
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

static const char *name_of(const struct sl_snap_fn *f)
{
	return f->res->key->str;
}

/* Where a conflict between the ApplyOn value `on` and another value `other`
 * (a runtime, a PackageType) is reported: the function's own ApplyOn, else
 * the function's own other value, else the ApplyOn in Globals. */
static const struct sl_node *place(const struct sl_snap_value *on, const struct sl_node *other,
				   bool other_global)
{
	if (!on->global)
		return on->node;
	return other_global ? on->node : other;
}

static void check_image(struct sl_ctx *c, const struct sl_snap_fn *f, struct seen *seen)
{
	bool g = false;
	const struct sl_node *pt = f->sam ? sl_sam_prop(c->t, f->res, "PackageType", &g)
					  : sl_map_get(sl_samr_props(f->res), "PackageType");
	const struct sl_node *at = place(&f->on[0], pt, g);
	if (at != f->on[0].node || !f->on[0].global || first_time(seen, at))
		sl_report(c, at, "SnapStart is on (ApplyOn: PublishedVersions) for '%s', a container "
			  "image function (PackageType: Image): SnapStart does not support container "
			  "images, so Lambda rejects the function. Set ApplyOn to None, or deploy a .zip "
			  "package with a supported runtime (%s)",
			  name_of(f), "Java 11+, Python 3.12+ or .NET 8+");
}

static void check_function(struct sl_ctx *c, const struct sl_snap_fn *f, void *ud)
{
	struct seen *seen = ud, mine = { .n = 0 };
	if (f->n_on == 0)
		return;
	if (f->image) {
		check_image(c, f, seen);
		return;
	}
	for (size_t i = 0; i < f->n_on; i++) {
		const struct sl_snap_value *on = &f->on[i];
		const char *names = NULL; /* the runtimes this ApplyOn value meets, quoted */
		size_t n_names = 0;
		for (size_t j = 0; j < f->n_runtime; j++) {
			const struct sl_snap_value *rt = &f->runtime[j];
			if (sl_runtime_snapstart(rt->node->str, rt->node->len) != 0 ||
			    !sl_lam_together(sl_cond_model(c), &on->when, &rt->when))
				continue;
			const struct sl_node *at = place(on, rt->node, rt->global);
			if (at != on->node) {
				/* SnapStart from Globals, this function's own runtime */
				if (first_time(&mine, at))
					sl_report(c, at, "'%s' does not support SnapStart, which "
						  "Globals.Function turns on for '%s' (ApplyOn: "
						  "PublishedVersions): %s, so Lambda rejects the function. "
						  "Set SnapStart: {ApplyOn: None} on it, or move it to a "
						  "supported runtime", rt->node->str, name_of(f), SUPPORTED);
				continue;
			}
			names = names ? sl_arena_printf(c->arena, "%s, '%s'", names, rt->node->str)
				      : sl_arena_printf(c->arena, "'%s'", rt->node->str);
			n_names++;
		}
		if (!names || !first_time(on->global ? seen : &mine, on->node))
			continue;
		if (on->global)
			sl_report(c, on->node, "Globals.Function turns SnapStart on (ApplyOn: "
				  "PublishedVersions) with the runtime%s %s, which %s not support it: "
				  "%s, so Lambda rejects the functions that take both (such as '%s'). "
				  "Move to a supported runtime or set ApplyOn to None",
				  n_names > 1 ? "s" : "", names, n_names > 1 ? "do" : "does", SUPPORTED,
				  name_of(f));
		else
			sl_report(c, on->node, "SnapStart is on (ApplyOn: PublishedVersions) for '%s', "
				  "whose runtime%s %s %s not support it: %s, so Lambda rejects the "
				  "function. Move to a supported runtime or set ApplyOn to None",
				  name_of(f), n_names > 1 ? "s" : "", names, n_names > 1 ? "do" : "does",
				  SUPPORTED);
	}
}

static void check(struct sl_ctx *c)
{
	struct seen seen = { .n = 0 };
	sl_snap_each_function(c, check_function, &seen);
}

const struct sl_rule rule_E2530 = {
	.id = "E2530",
	.severity = SL_SEV_ERROR,
	.title = "SnapStart supports the function's runtime",
	.source = SL_SNAPSTART_SOURCE,
	.doc =
	"### What it checks\n"
	"An `AWS::Lambda::Function` or `AWS::Serverless::Function` (with SAM's "
	"`Globals.Function`) that turns SnapStart on (`SnapStart: {ApplyOn: PublishedVersions}`) "
	"has a runtime SnapStart supports: Java 11 and later (`java11`, `java17`, `java21`, "
	"`java25`), Python 3.12 and later (`python3.12`, `python3.13`, `python3.14`) or .NET 8 "
	"and later (`dotnet8`, `dotnet10`), and is not a container image (`PackageType: Image`). "
	"Literal values only: each literal branch of an `Fn::If` is judged, and a runtime and an "
	"`ApplyOn` under different conditions are not judged together. A runtime from a "
	"parameter or a mapping is not judged.\n\n"
	"### Why it matters\n"
	"The Lambda Developer Guide lists the runtimes SnapStart works with; other managed "
	"runtimes (Node.js, Ruby, Java 8, Python before 3.12, .NET before 8), OS-only runtimes "
	"(`provided.al2023`, Go, Rust) and container images are not supported, and Lambda "
	"refuses to create or update a function that asks for SnapStart on them: the stack "
	"rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: nodejs22.x\n"
	"      Handler: index.handler\n"
	"      Role: arn:aws:iam::123456789012:role/lambda\n"
	"      SnapStart:\n"
	"        ApplyOn: PublishedVersions\n"
	"      Code:\n"
	"        S3Bucket: my-artifacts\n"
	"        S3Key: app.zip\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: java21\n"
	"      Handler: example.Handler::handleRequest\n"
	"      Role: arn:aws:iam::123456789012:role/lambda\n"
	"      SnapStart:\n"
	"        ApplyOn: PublishedVersions\n"
	"      Code:\n"
	"        S3Bucket: my-artifacts\n"
	"        S3Key: app.zip\n"
	"```\n",
	.check = check,
};
