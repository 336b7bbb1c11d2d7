/*
 * Walking the metrics of CloudWatch alarms (see cloudwatch.h): an alarm's own
 * MetricName/Namespace/Dimensions, and the MetricStat.Metric of each item of
 * a metric-math alarm's Metrics list.
 */
#include <string.h>

#include "rules/cloudwatch/cloudwatch.h"
#include "rules/sam/samrules.h"

struct metric_walk {
	void (*fn)(struct sl_ctx *c, const struct sl_cw_metric *m, void *ud);
	void *ud;
};

/* The metrics of one alarm whose Properties map is p. */
static void alarm_metrics(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *p,
			  void *ud)
{
	const struct metric_walk *w = ud;
	struct sl_cw_metric m = { e, sl_map_get(p, "Namespace"), sl_map_get(p, "MetricName"),
				  sl_map_get(p, "Dimensions") };
	if (m.ns || m.name || m.dims)
		w->fn(c, &m, w->ud);
	const struct sl_node *ms = sl_map_get(p, "Metrics");
	if (!sl_node_is(ms, SL_SEQ))
		return;
	for (size_t j = 0; j < ms->len; j++) {
		const struct sl_node *q = ms->items[j];
		if (!sl_node_is(q, SL_MAP) || sl_node_intrinsic(q))
			continue;
		const struct sl_node *st = sl_map_get(q, "MetricStat");
		if (sl_node_intrinsic(st))
			continue;
		const struct sl_node *mt = sl_map_get(st, "Metric");
		if (!sl_node_is(mt, SL_MAP) || sl_node_intrinsic(mt))
			continue;
		struct sl_cw_metric mm = { e, sl_map_get(mt, "Namespace"),
					   sl_map_get(mt, "MetricName"),
					   sl_map_get(mt, "Dimensions") };
		w->fn(c, &mm, w->ud);
	}
}

void sl_cw_each_metric(struct sl_ctx *c,
		       void (*fn)(struct sl_ctx *c, const struct sl_cw_metric *m, void *ud),
		       void *ud)
{
	struct metric_walk w = { fn, ud };
	sl_samr_each_resource(c, SL_CW_ALARM, alarm_metrics, &w);
}

const char *sl_cw_literal(const struct sl_node *n)
{
	if (!sl_samr_is_string(n) || sl_node_intrinsic(n))
		return NULL;
	return n->str;
}

struct dim_walk {
	void (*fn)(struct sl_ctx *c, const struct sl_node *name, const struct sl_node *value,
		   void *ud);
	void *ud;
};

static void dim_item(struct sl_ctx *c, const struct sl_node *d, void *ud)
{
	struct dim_walk *w = ud;
	if (!sl_node_is(d, SL_MAP) || sl_node_intrinsic(d))
		return;
	const struct sl_node *name = sl_map_get(d, "Name");
	if (!sl_cw_literal(name))
		return;
	w->fn(c, name, sl_map_get(d, "Value"), w->ud);
}

void sl_cw_each_dimension(struct sl_ctx *c, const struct sl_node *dims,
			  void (*fn)(struct sl_ctx *c, const struct sl_node *name,
				     const struct sl_node *value, void *ud),
			  void *ud)
{
	struct dim_walk w = { fn, ud };
	if (!sl_node_is(dims, SL_SEQ))
		return;
	for (size_t i = 0; i < dims->len; i++)
		sl_samr_each_value(dims->items[i], dim_item, c, &w);
}
