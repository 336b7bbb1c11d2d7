/*
 * Condition analysis tests (src/analysis/cond.h): And is order-free and
 * equivalent conditions imply each other, atoms of one parameter exclude each
 * other, AllowedValues complete them, the same opaque test in two conditions
 * is one variable, cycles and unknown names are unknown, the budget turns
 * every answer unknown, and a deep DAG of Condition references builds into a
 * small diagram (a size bound, not a timing).
 */
#include <stdlib.h>

#include "analysis/cond.h"
#include "load/load.h"
#include "test.h"
#include "util/buf.h"

struct tpl {
	struct sl_arena a;
	struct sl_doc doc;
	struct sl_template t;
	struct sl_conds *s;
};

static struct tpl *build(const char *src)
{
	struct tpl *p = calloc(1, sizeof(*p));
	sl_arena_init(&p->a);
	assert_int(sl_load(&p->doc, &p->a, src, strlen(src), NULL), 0);
	assert_true(p->doc.root != NULL);
	assert_int(sl_template_build(&p->t, &p->doc, &p->a), 0);
	p->s = sl_conds_new(&p->t);
	assert_true(p->s != NULL);
	return p;
}

static void done(struct tpl *p)
{
	sl_conds_free(p->s);
	sl_arena_free(&p->a);
	free(p);
}

static sl_cform cond(struct tpl *p, const char *name)
{
	return sl_conds_named(p->s, name, strlen(name));
}

static void test_order_free(void)
{
	struct tpl *p = build(
		"Parameters:\n"
		"  Env: {Type: String}\n"
		"Conditions:\n"
		"  X: !Equals [!Ref Env, prod]\n"
		"  Y: !Equals [!Ref 'AWS::Region', us-east-1]\n"
		"  XY: !And [!Condition X, !Condition Y]\n"
		"  YX: !And [!Condition Y, !Condition X]\n"
		"  XorY: !Or [!Condition X, !Condition Y]\n"
		"  NotNot: !Not [!Not [!Condition XY]]\n"
		"  Flipped: !Equals [prod, !Ref Env]\n"
		"Resources: {}\n");
	sl_cform xy = cond(p, "XY"), yx = cond(p, "YX");
	assert_true(xy != SL_CF_UNKNOWN);
	assert_int(xy, yx); /* canonical: the same node */
	assert_int(sl_conds_equivalent(p->s, xy, yx), SL_TRI_YES);
	assert_int(sl_conds_implies(p->s, xy, yx), SL_TRI_YES);
	assert_int(sl_conds_implies(p->s, yx, xy), SL_TRI_YES);
	assert_int(sl_conds_implies(p->s, xy, cond(p, "X")), SL_TRI_YES);
	assert_int(sl_conds_implies(p->s, cond(p, "X"), xy), SL_TRI_NO);
	assert_int(sl_conds_implies(p->s, cond(p, "X"), cond(p, "XorY")), SL_TRI_YES);
	assert_int(sl_conds_equivalent(p->s, cond(p, "NotNot"), xy), SL_TRI_YES);
	assert_int(cond(p, "Flipped"), cond(p, "X")); /* either order is the same atom */
	assert_int(cond(p, "Nope"), SL_CF_UNKNOWN);
	done(p);
}

static void test_exclusive(void)
{
	struct tpl *p = build(
		"Parameters:\n"
		"  Env: {Type: String}\n"
		"Conditions:\n"
		"  A: !Equals [!Ref Env, a]\n"
		"  B: !Equals [!Ref Env, b]\n"
		"  C: !Equals [!Ref Env, c]\n"
		"  AB: !And [!Condition A, !Condition B]\n"
		"  RA: !Equals [!Ref 'AWS::Region', a]\n"
		"Resources: {}\n");
	sl_cform a = cond(p, "A"), b = cond(p, "B"), c = cond(p, "C");
	assert_int(sl_conds_sat(p->s, a), SL_TRI_YES);
	assert_int(sl_conds_sat(p->s, cond(p, "AB")), SL_TRI_NO);
	assert_int(sl_conds_implies(p->s, a, sl_conds_not(p->s, b)), SL_TRI_YES);
	/* no AllowedValues: Env may be none of a, b, c */
	sl_cform none = sl_conds_and(p->s, sl_conds_not(p->s, a),
				     sl_conds_and(p->s, sl_conds_not(p->s, b), sl_conds_not(p->s, c)));
	assert_int(sl_conds_sat(p->s, none), SL_TRI_YES);
	/* another parameter with the same value is another atom */
	assert_int(sl_conds_sat(p->s, sl_conds_and(p->s, a, cond(p, "RA"))), SL_TRI_YES);
	done(p);
}

static void test_allowed_values(void)
{
	struct tpl *p = build(
		"Parameters:\n"
		"  Env: {Type: String, AllowedValues: [dev, prod, dev]}\n"
		"Conditions:\n"
		"  Dev: !Equals [!Ref Env, dev]\n"
		"  Prod: !Equals [!Ref Env, prod]\n"
		"  Test: !Equals [!Ref Env, test]\n"
		"  NotDev: !Not [!Condition Dev]\n"
		"Resources: {}\n");
	sl_cform dev = cond(p, "Dev"), prod = cond(p, "Prod");
	assert_int(cond(p, "Test"), SL_CF_FALSE); /* not an allowed value */
	assert_int(sl_conds_equivalent(p->s, cond(p, "NotDev"), prod), SL_TRI_YES);
	sl_cform neither = sl_conds_and(p->s, sl_conds_not(p->s, dev), sl_conds_not(p->s, prod));
	assert_int(sl_conds_sat(p->s, neither), SL_TRI_NO);
	assert_int(sl_conds_sat(p->s, sl_conds_not(p->s, dev)), SL_TRI_YES);
	done(p);
}

static void test_opaque_and_literals(void)
{
	struct tpl *p = build(
		"Parameters:\n"
		"  Env: {Type: String}\n"
		"Mappings:\n"
		"  M: {prod: {On: 'yes'}}\n"
		"Conditions:\n"
		"  M1: !Equals [!FindInMap [M, !Ref Env, On], 'yes']\n"
		"  M2: !Equals ['yes', !FindInMap [M, !Ref Env, On]]\n"
		"  M3: !Equals [!FindInMap [M, !Ref Env, On], 'no']\n"
		"  Lit: !Equals [a, a]\n"
		"  Lit2: !Equals ['true', false]\n"
		"  Same: !Equals [!Ref Env, !Ref Env]\n"
		"Resources: {}\n");
	assert_int(cond(p, "M1"), cond(p, "M2"));
	assert_true(cond(p, "M1") != cond(p, "M3"));
	assert_int(sl_conds_sat(p->s, sl_conds_and(p->s, cond(p, "M1"), cond(p, "M3"))), SL_TRI_YES);
	assert_int(cond(p, "Lit"), SL_CF_TRUE);
	assert_int(cond(p, "Lit2"), SL_CF_FALSE);
	assert_int(cond(p, "Same"), SL_CF_TRUE);
	done(p);
}

static void test_cycles(void)
{
	struct tpl *p = build(
		"Parameters:\n"
		"  Env: {Type: String}\n"
		"Conditions:\n"
		"  A: !And [!Condition B, !Equals [!Ref Env, x]]\n"
		"  B: !Not [!Condition A]\n"
		"  Self: !Or [!Condition Self, !Equals [!Ref Env, y]]\n"
		"  UsesA: !Not [!Condition A]\n"
		"  Fine: !Equals [!Ref Env, z]\n"
		"  Broken: !And [oops]\n"
		"Resources: {}\n");
	assert_int(cond(p, "A"), SL_CF_UNKNOWN);
	assert_int(cond(p, "B"), SL_CF_UNKNOWN);
	assert_int(cond(p, "Self"), SL_CF_UNKNOWN);
	assert_int(cond(p, "UsesA"), SL_CF_UNKNOWN);
	assert_int(cond(p, "Broken"), SL_CF_UNKNOWN);
	sl_cform fine = cond(p, "Fine");
	assert_true(fine != SL_CF_UNKNOWN);
	assert_int(sl_conds_sat(p->s, cond(p, "A")), SL_TRI_UNKNOWN);
	assert_int(sl_conds_implies(p->s, fine, cond(p, "A")), SL_TRI_UNKNOWN);
	assert_int(sl_conds_and(p->s, SL_CF_FALSE, cond(p, "A")), SL_CF_UNKNOWN);
	assert_int(sl_conds_sat(NULL, fine), SL_TRI_UNKNOWN);
	done(p);
}

/* Conditions in `levels` levels of `width` each: level 0 tests one parameter
 * each; every condition above is the Fn::And of 10 conditions of the level
 * below (k, k+1, ... k+9, wrapping). */
static char *dag(int levels, int width)
{
	struct sl_buf b = SL_BUF_INIT;
	sl_buf_puts(&b, "Parameters:\n");
	for (int i = 0; i < width; i++)
		sl_buf_printf(&b, "  P%d: {Type: String}\n", i);
	sl_buf_puts(&b, "Conditions:\n");
	for (int i = 0; i < width; i++)
		sl_buf_printf(&b, "  L0C%d: !Equals [!Ref P%d, on]\n", i, i);
	for (int l = 1; l <= levels; l++)
		for (int i = 0; i < width; i++) {
			sl_buf_printf(&b, "  L%dC%d: !And [", l, i);
			for (int k = 0; k < 10; k++)
				sl_buf_printf(&b, "%s!Condition L%dC%d", k ? ", " : "", l - 1, (i + k) % width);
			sl_buf_puts(&b, "]\n");
		}
	sl_buf_puts(&b, "Resources: {}\n");
	return (char *)sl_buf_cstr(&b);
}

static void test_deep_dag_is_small(void)
{
	char *src = dag(8, 10);
	struct tpl *p = build(src);
	sl_cform top = cond(p, "L8C0");
	assert_true(top != SL_CF_UNKNOWN);
	/* every condition above level 0 is the And of the 10 atoms (10 nodes);
	 * with the partial Ands built on the way the diagram stays tiny, where
	 * expanding references would visit 10^8 leaves */
	assert_true(sl_conds_nodes(p->s) < 400); /* 177 when written */
	assert_int(sl_conds_equivalent(p->s, top, cond(p, "L1C3")), SL_TRI_YES);
	assert_int(sl_conds_implies(p->s, top, cond(p, "L0C7")), SL_TRI_YES);
	done(p);
	free(src);

	src = dag(8, 30);
	p = build(src);
	size_t before = sl_conds_nodes(p->s);
	for (int i = 0; i < 30; i++) {
		char name[16];
		snprintf(name, sizeof(name), "L8C%d", i);
		assert_true(cond(p, name) != SL_CF_UNKNOWN);
	}
	/* every condition from level 3 up is the And of all 30 atoms */
	assert_int(sl_conds_equivalent(p->s, cond(p, "L8C0"), cond(p, "L8C29")), SL_TRI_YES);
	assert_int(sl_conds_equivalent(p->s, cond(p, "L1C0"), cond(p, "L1C1")), SL_TRI_NO);
	assert_true(sl_conds_nodes(p->s) - before < 20000); /* 4568 when written */
	assert_true(!sl_conds_over_budget(p->s));
	done(p);
	free(src);
}

static void test_budget(void)
{
	char *src = dag(3, 30);
	struct tpl *p = build(src);
	sl_conds_set_budget(p->s, 20);
	assert_int(cond(p, "L3C0"), SL_CF_UNKNOWN);
	assert_true(sl_conds_over_budget(p->s));
	/* from then on every answer is unknown */
	assert_int(cond(p, "L0C0"), SL_CF_UNKNOWN);
	assert_int(sl_conds_sat(p->s, SL_CF_TRUE), SL_TRI_UNKNOWN);
	done(p);
	free(src);
}

int main(void)
{
	test_order_free();
	test_exclusive();
	test_allowed_values();
	test_opaque_and_literals();
	test_cycles();
	test_deep_dag_is_small();
	test_budget();
	return test_result();
}
