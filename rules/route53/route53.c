/* The record sets of a template (see route53.h). */
#include "rules/route53/route53.h"
#include "rules/sam/samrules.h"

#define IF_DEPTH 8 /* nested Fn::If followed on a record set */

typedef void record_set_fn(struct sl_ctx *c, const struct sl_node *rs, const struct sl_node *zone);

static void record_set(struct sl_ctx *c, const struct sl_node *rs, const struct sl_node *zone,
		       int depth, record_set_fn *fn)
{
	const struct sl_node *a, *b;
	if (depth <= IF_DEPTH && sl_node_if(rs, &a, &b)) {
		record_set(c, a, zone, depth + 1, fn);
		record_set(c, b, zone, depth + 1, fn);
		return;
	}
	if (!sl_node_is(rs, SL_MAP) || sl_node_intrinsic(rs))
		return;
	const struct sl_node *own = sl_map_get(rs, "HostedZoneName");
	fn(c, rs, own ? own : zone);
}

void sl_r53_each_record_set(struct sl_ctx *c,
			    void (*fn)(struct sl_ctx *c, const struct sl_node *rs, const struct sl_node *zone))
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, "AWS::Route53::RecordSet", "AWS::Route53::RecordSetGroup");
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		if (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props))
			continue;
		if (sl_str_eq(e->type, "AWS::Route53::RecordSet")) {
			record_set(c, props, NULL, 0, fn);
		} else if (sl_str_eq(e->type, "AWS::Route53::RecordSetGroup")) {
			const struct sl_node *zone = sl_map_get(props, "HostedZoneName");
			const struct sl_node *sets = sl_map_get(props, "RecordSets");
			for (size_t k = 0; sl_node_is(sets, SL_SEQ) && k < sets->len; k++)
				record_set(c, sets->items[k], zone, 0, fn);
		}
	}
}
