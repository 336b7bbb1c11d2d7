/*
 * What the Route 53 rules (E3023, E3029, E3041) share: the record sets of a template,
 * in AWS::Route53::RecordSet and in RecordSets of AWS::Route53::RecordSetGroup.
 */
#ifndef SL_RULES_ROUTE53_ROUTE53_H
#define SL_RULES_ROUTE53_ROUTE53_H

#include "engine/engine.h"

/* Calls fn for each record set: the Properties map of a RecordSet and each
 * item of a RecordSetGroup's RecordSets list, an item written with Fn::If
 * once per branch (8 levels deep at most); only literal maps are passed.
 * zone is the HostedZoneName that applies: the record set's own, else the
 * group's, else NULL. */
void sl_r53_each_record_set(struct sl_ctx *c,
			    void (*fn)(struct sl_ctx *c, const struct sl_node *rs, const struct sl_node *zone));

#endif
