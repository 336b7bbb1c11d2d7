/*
 * The literal values a property can take through Fn::If, each with the
 * branches it lies under, so that two properties of one resource can be
 * judged together only where their values can meet: the Runtime a function
 * has when SnapStart is on (E2530), the Runtime it has when its code is
 * inline (E3677). Conditions are compared by name; where two values lie
 * under different conditions, whether they can meet is not known and the
 * answer is no (a missed finding rather than a false one). Branches that the
 * template's condition analysis (src/analysis/cond.h) shows can never be
 * taken together (Fn::If [IsProd, Fn::If [IsDev, ...]] on one parameter) do
 * not meet either.
 */
#ifndef SL_RULES_LAMBDA_BRANCHES_H
#define SL_RULES_LAMBDA_BRANCHES_H

#include <stdbool.h>
#include <stdint.h>

#include "analysis/cond.h"
#include "engine/engine.h"

#define SL_LAM_WHEN_MAX 8

/* The Fn::If branches a value lies under, outermost first. */
struct sl_lam_when {
	uint8_t n;
	bool deep; /* nested deeper than SL_LAM_WHEN_MAX: never judged together */
	struct {
		const struct sl_node *cond; /* the condition's name (a scalar) */
		uint8_t branch;             /* 0: the true branch, 1: the false one */
	} at[SL_LAM_WHEN_MAX];
};

/* Calls fn for each value n can take: n itself, or for {"Fn::If": [c, a, b]}
 * each branch (recursively), with the branches taken in *when (which starts
 * from `outer`, NULL for none). AWS::NoValue branches are skipped, and so is
 * an Fn::If that is not of that shape. Other intrinsic functions are passed to
 * fn as they are. */
void sl_lam_each_branch(const struct sl_node *n, const struct sl_lam_when *outer,
			void (*fn)(const struct sl_node *v, const struct sl_lam_when *when, void *ud),
			void *ud);

/* True when two values of one resource are known to be in force together:
 * no condition is taken both ways, either one of them is unconditional or
 * both lie under the same conditions, and the analysis s (NULL: none) does
 * not show the branches they lie under to exclude each other (an answer it
 * does not know leaves the rest to decide). */
bool sl_lam_together(struct sl_conds *s, const struct sl_lam_when *a, const struct sl_lam_when *b);

#endif
