/* The record sets of a template (see route53.h). */
#include "rules/route53/route53.h"

void sl_r53_each_record_set(struct sl_ctx *c,
			    void (*fn)(struct sl_ctx *c, const struct sl_node *rs, const struct sl_node *zone))
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		if (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props))
			continue;
		if (sl_str_eq(e->type, "AWS::Route53::RecordSet")) {
			fn(c, props, NULL);
		} else if (sl_str_eq(e->type, "AWS::Route53::RecordSetGroup")) {
			const struct sl_node *zone = sl_map_get(props, "HostedZoneName");
			const struct sl_node *sets = sl_map_get(props, "RecordSets");
			for (size_t k = 0; sl_node_is(sets, SL_SEQ) && k < sets->len; k++)
				fn(c, sets->items[k], zone);
		}
	}
}
