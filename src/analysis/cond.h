/*
 * What a template's conditions can and cannot be at once: every condition of
 * the Conditions section as a reduced ordered binary decision diagram (BDD)
 * over the tests its Fn::Equals make, so that questions such as "can this
 * hold here?", "does A imply B?" and "are A and B the same?" are answered by
 * the structure, never by expanding condition references again.
 *
 * The variables (atoms) are the Fn::Equals tests:
 *  - [Ref P, 'lit'] (either order), P a parameter or a pseudo parameter, is
 *    the atom P=lit. Atoms of one parameter exclude each other (P has one
 *    value), and when P has AllowedValues it takes one of them: P=lit with lit
 *    outside the list is false, and atoms for every allowed value cannot all
 *    be false. These facts are joined to a question only for the atoms it
 *    involves, so each question stays polynomial;
 *  - two literals compare to a constant; two sides that are the same tree are
 *    true;
 *  - anything else (Fn::FindInMap, Fn::Sub, Fn::ImportValue, two parameters,
 *    ...) is an opaque atom named by a canonical text of both sides, order
 *    ignored: the same test written in two conditions is one variable.
 * Fn::And, Fn::Or, Fn::Not and Condition references combine them. A
 * condition is built once (memoised by its index in t->conditions), after the
 * conditions it names; one that reaches itself through Condition references,
 * a malformed one, or one naming a condition that does not exist is
 * SL_CF_UNKNOWN, and so is everything built from it.
 *
 * Cost: each condition's form is built once; and/or/not are memoised applies,
 * O(|a| x |b|) at worst. A hard budget (SL_CONDS_MAX_NODES nodes, and a cap on
 * apply steps) bounds time and memory per template: past it every answer is
 * SL_CF_UNKNOWN / SL_TRI_UNKNOWN, so a rule asking stays silent.
 *
 * Rules reach the per-template instance through sl_cond_model() in
 * rules/conditions/cond.h (memoised in the rule context): W1028 (Fn::If
 * branches never taken), E3005 (a DependsOn target under a condition the
 * resource's does not imply), W1001 (a reference made where its target may not
 * exist) and E2530/E3677 (values on Fn::If branches that cannot be taken
 * together, rules/lambda/branches.c). A rule reports only on a definite
 * answer: unknown is silence. Every function takes
 * a NULL analysis and answers "unknown". The analysis changes as it is asked
 * (forms are built lazily): it is not safe to share between threads.
 */
#ifndef SL_ANALYSIS_COND_H
#define SL_ANALYSIS_COND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "template/template.h"

/* A condition formula: a node of the analysis's BDD. */
typedef uint32_t sl_cform;

#define SL_CF_FALSE ((sl_cform)0)
#define SL_CF_TRUE ((sl_cform)1)
#define SL_CF_UNKNOWN ((sl_cform)UINT32_MAX) /* not known: cycle, malformed, budget */

#define SL_CONDS_MAX_NODES (1u << 20)

/* A three-valued answer. */
enum sl_tri {
	SL_TRI_NO = 0,
	SL_TRI_YES = 1,
	SL_TRI_UNKNOWN = 2,
};

struct sl_conds;

/* A new analysis of t's conditions; nothing is built until asked. t must
 * outlive it. Returns NULL when memory ran out. */
struct sl_conds *sl_conds_new(const struct sl_template *t);

void sl_conds_free(struct sl_conds *s);

/* The form of the condition at index i of t->conditions (built on first
 * request, with the conditions it names), or SL_CF_UNKNOWN. */
sl_cform sl_conds_at(struct sl_conds *s, size_t i);

/* The same for the condition named by the len bytes at name; SL_CF_UNKNOWN
 * when there is none. */
sl_cform sl_conds_named(struct sl_conds *s, const char *name, size_t len);

/* Conjunction, disjunction and negation. SL_CF_UNKNOWN in, or the budget
 * spent, gives SL_CF_UNKNOWN. */
sl_cform sl_conds_and(struct sl_conds *s, sl_cform a, sl_cform b);
sl_cform sl_conds_or(struct sl_conds *s, sl_cform a, sl_cform b);
sl_cform sl_conds_not(struct sl_conds *s, sl_cform a);

/* Whether f can be true for some deployment: some parameter values (each
 * parameter one value, within its AllowedValues) and some outcome of each
 * opaque test. */
enum sl_tri sl_conds_sat(struct sl_conds *s, sl_cform f);

/* Whether a being true makes b true in every deployment (sat(a and not b) is
 * NO). Equivalent conditions imply each other. */
enum sl_tri sl_conds_implies(struct sl_conds *s, sl_cform a, sl_cform b);

/* Whether a and b are true in exactly the same deployments. */
enum sl_tri sl_conds_equivalent(struct sl_conds *s, sl_cform a, sl_cform b);

/* Nodes in the diagram so far, the two constants included (for tests and
 * benchmarks); 0 for NULL. */
size_t sl_conds_nodes(const struct sl_conds *s);

/* True once the budget is spent: every answer is unknown from then on. */
bool sl_conds_over_budget(const struct sl_conds *s);

/* Lowers the node budget (tests; never above SL_CONDS_MAX_NODES). */
void sl_conds_set_budget(struct sl_conds *s, size_t max_nodes);

#endif
