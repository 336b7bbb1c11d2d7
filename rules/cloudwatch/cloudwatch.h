/*
 * Helpers shared by the CloudWatch alarm rules (rules/cloudwatch/): the
 * metrics an AWS::CloudWatch::Alarm watches (its own MetricName, Namespace and
 * Dimensions, or each MetricStat of a metric-math alarm), their dimensions,
 * and the metric catalogue: the spec's (from @aws-cdk/aws-service-spec) with a
 * supplement written from the CloudWatch metric pages of Lambda, Kinesis Data
 * Streams, API Gateway and SQS (catalogue.c), and "did you mean" lookups that
 * stay silent unless a name is certainly a slip.
 */
#ifndef SL_RULES_CLOUDWATCH_CLOUDWATCH_H
#define SL_RULES_CLOUDWATCH_CLOUDWATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/engine.h"

#define SL_CW_ALARM "AWS::CloudWatch::Alarm"

/* One metric an alarm watches. */
struct sl_cw_metric {
	const struct sl_entity *alarm;
	const struct sl_node *ns;   /* the Namespace value, or NULL */
	const struct sl_node *name; /* the MetricName value, or NULL */
	const struct sl_node *dims; /* the Dimensions value, or NULL */
};

/* Calls fn for each metric of each AWS::CloudWatch::Alarm of the template: the
 * alarm's own (when it has MetricName, Namespace or Dimensions), then
 * Metrics[i].MetricStat.Metric of each item that is a plain map. */
void sl_cw_each_metric(struct sl_ctx *c,
		       void (*fn)(struct sl_ctx *c, const struct sl_cw_metric *m, void *ud),
		       void *ud);

/* The text of a literal string scalar (not an intrinsic function, not a number
 * or boolean), or NULL. */
const char *sl_cw_literal(const struct sl_node *n);

/* Calls fn for each item of a Dimensions list whose Name is a literal string:
 * name is the Name node, value the Value node (each branch of an Fn::If item
 * is visited as an item of its own). */
void sl_cw_each_dimension(struct sl_ctx *c, const struct sl_node *dims,
			  void (*fn)(struct sl_ctx *c, const struct sl_node *name,
				     const struct sl_node *value, void *ud),
			  void *ud);

/* --- the catalogue --------------------------------------------------------- */

/* Whether the catalogue (spec or supplement) knows the namespace. */
bool sl_cw_namespace_known(const struct sl_spec *s, const char *ns);

/* A known namespace that differs from ns only in case or punctuation
 * ("AWS/APIGateway" for "AWS/ApiGateway"), or NULL. */
const char *sl_cw_namespace_near(const struct sl_spec *s, const char *ns);

/* Whether the metric list of the namespace is complete in the catalogue (the
 * supplement was written from the whole metric page), so that a name outside
 * it is certainly not a metric of the namespace; *source receives the page. */
bool sl_cw_namespace_complete(const char *ns, const char **source);

/* Whether the catalogue knows metric `name` in namespace ns. */
bool sl_cw_metric_known(const struct sl_spec *s, const char *ns, const char *name);

/* A known metric of ns that `name` is certainly a slip of, or NULL: the same
 * but for case and punctuation, or for a final s (Error for Errors), in any
 * namespace; in a complete namespace also one or two edits away (at most a
 * quarter of the name). */
const char *sl_cw_metric_near(const struct sl_spec *s, const char *ns, const char *name);

/* Whether dimension `dim` is in some dimension set of the known metric. */
bool sl_cw_dimension_known(const struct sl_spec *s, const char *ns, const char *metric,
			   const char *dim);

/* Whether the catalogue has every dimension of the namespace's metrics. */
bool sl_cw_dimensions_complete(const char *ns);

/* A dimension of the metric that `dim` is a slip of (as sl_cw_metric_near,
 * edits only where the namespace's dimensions are complete), copied into buf
 * (size n); NULL when none. */
const char *sl_cw_dimension_near(const struct sl_spec *s, const char *ns, const char *metric,
				 const char *dim, char *buf, size_t n);

/* The dimension names of the metric, comma-separated, copied into buf. */
const char *sl_cw_dimension_list(const struct sl_spec *s, const char *ns, const char *metric,
				 char *buf, size_t n);

#endif
