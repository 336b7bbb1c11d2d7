/*
 * Helpers shared by the IAM policy rules (rules/iam/): the per-template IAM
 * model (src/analysis/iam.h) memoised in the rule context, the structure check
 * that E3510, E3512, E3513 and E3530 run each on their own kind of document,
 * and the ARN shapes that E3510 and E3514 ask of a statement's Resource.
 */
#ifndef SL_RULES_IAM_IAM_H
#define SL_RULES_IAM_IAM_H

#include "analysis/iam.h"
#include "engine/engine.h"

/* The IAM model of the template being linted, built on first use; never NULL
 * (an empty model when memory ran out). */
const struct sl_iam *iam_model(struct sl_ctx *c);

/* Reports, under the current rule, what breaks the policy grammar in every
 * document of this kind: document keys other than Version/Id/Statement, a
 * Version other than 2012-10-17/2008-10-17, no Statement, statement keys the
 * kind does not take, Effect, exactly one of Action/NotAction (and of
 * Resource/NotResource, Principal/NotPrincipal where the kind needs them),
 * Principal forms, condition operators, identity Sids. */
void iam_check_structure(struct sl_ctx *c, enum sl_iam_kind kind);

/* True when s (len bytes) has the shape of a resource ARN a policy takes:
 * arn:PARTITION:SERVICE:REGION[:ACCOUNT:RESOURCE], ACCOUNT empty, 12 digits,
 * '*' or 'aws'; or '*' when bare_star. PARTITION starts with "aws", or is '*'
 * when star_partition. */
bool iam_arn_shape(const char *s, size_t len, bool star_partition, bool bare_star);

/* Case-insensitive glob of an IAM action pattern ('*' any run, '?' one
 * character) against a name; O(len(p) x len(s)) at worst, no backtracking
 * explosion. */
bool iam_glob(const char *p, size_t pl, const char *s, size_t sl);

#endif
