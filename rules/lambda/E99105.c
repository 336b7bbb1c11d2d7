/* E99105: a function with more than five layers (SAM's Globals layers counted). */
#include "rules/lambda/lambda.h"

#define MAX_LAYERS 5

/* Adds the items of list that are surely there (sl_samr_item_certain: not an
 * Fn::If that may be AWS::NoValue) to *n, and remembers the one that goes
 * over the limit. */
static void count(const struct sl_node *list, size_t *n, const struct sl_node **over)
{
	for (size_t i = 0; i < list->len; i++)
		if (sl_samr_item_certain(list->items[i]) && ++*n == MAX_LAYERS + 1)
			*over = list->items[i];
}

/* A literal list of layers (not an intrinsic function), or NULL. */
static const struct sl_node *literal_list(const struct sl_node *n)
{
	return sl_node_is(n, SL_SEQ) ? n : NULL;
}

static void report(struct sl_ctx *c, const struct sl_entity *e, size_t n,
		   const struct sl_node *over, bool globals)
{
	sl_report(c, over, "function '%s' has %zu layers%s: Lambda allows at most %d (this is the "
		  "sixth); merge layers or move code into a container image", e->key->str, n,
		  globals ? " (Globals' layers included, which SAM adds to the function's)" : "",
		  MAX_LAYERS);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	static const char *const path[] = { "Layers", NULL };
	struct sl_samr_types tw;
	sl_samr_functions_init(&tw, t);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		size_t n = 0;
		const struct sl_node *over = NULL;
		if (sl_samr_type_is(e, SL_LAM_FUNCTION)) {
			const struct sl_node *l = sl_map_get(sl_samr_props(e), "Layers");
			if (!l)
				continue;
			const struct sl_node *k = sl_node_intrinsic(l);
			if (k && sl_str_eq(k, "Fn::If") && sl_node_is(l->pairs[0].value, SL_SEQ) &&
			    l->pairs[0].value->len == 3) {
				for (size_t b = 1; b < 3; b++) {
					const struct sl_node *br = literal_list(l->pairs[0].value->items[b]);
					n = 0;
					over = NULL;
					if (br)
						count(br, &n, &over);
					if (over)
						report(c, e, n, over, false);
				}
				continue;
			}
			if (literal_list(l))
				count(l, &n, &over);
			if (over)
				report(c, e, n, over, false);
		} else if (sl_samr_type_is(e, SL_SAM_FUNCTION)) {
			struct sl_sam_value v;
			sl_sam_lookup(&v, t, e, path);
			const struct sl_node *g = literal_list(v.global), *l = literal_list(v.local);
			switch (v.how) {
			case SL_SAM_LIST_CONCAT:
				if (!g || !l)
					continue;
				count(g, &n, &over);
				count(l, &n, &over);
				break;
			case SL_SAM_LOCAL:
				if (!l)
					continue;
				count(l, &n, &over);
				break;
			case SL_SAM_GLOBAL:
				if (!g)
					continue;
				count(g, &n, &over);
				break;
			default:
				continue;
			}
			if (over)
				report(c, e, n, over, v.how != SL_SAM_LOCAL);
		}
	}
}

const struct sl_rule rule_E99105 = {
	.id = "E99105",
	.severity = SL_SEV_ERROR,
	.title = "At most five layers per function",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/adding-layers.html",
	.doc =
	"### What it checks\n"
	"An `AWS::Lambda::Function` or `AWS::Serverless::Function` has at most five `Layers`. For "
	"SAM functions the layers of `Globals.Function.Layers` count too, since SAM puts them "
	"before the function's own. The diagnostic points at the sixth layer. Layers given by an "
	"intrinsic function (a list parameter, `Fn::Split`) are not counted, nor items that an "
	"`Fn::If` may turn into `AWS::NoValue`.\n\n"
	"### Why it matters\n"
	"Lambda accepts at most five layers per function; with more, creating or updating the "
	"function fails (\"Cannot reference more than 5 layers\") and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Globals:\n"
	"  Function:\n"
	"    Layers:\n"
	"      - !Ref Common\n"
	"      - !Ref Logging\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"      Layers:\n"
	"        - !Ref Numpy\n"
	"        - !Ref Pandas\n"
	"        - !Ref Scipy\n"
	"        - !Ref Sklearn\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Globals:\n"
	"  Function:\n"
	"    Layers:\n"
	"      - !Ref Common\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"      Layers:\n"
	"        - !Ref ScientificPython\n"
	"```\n",
	.check = check,
};
