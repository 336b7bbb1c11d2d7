/* E7001: the Mappings section has the shape CloudFormation accepts. */
#include "rules/refs.h"

/* Reports a key that is empty or has characters other than A-Z a-z 0-9 - . */
static void check_key(struct sl_ctx *c, const struct sl_node *k, const char *what)
{
	if (k->flags & SL_NODE_ALIAS)
		return;
	bool ok = k->len > 0;
	for (size_t i = 0; ok && i < k->len; i++) {
		char ch = k->str[i];
		ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		     ch == '-' || ch == '.';
	}
	if (!ok)
		sl_report(c, k, "%s '%s' may only use letters, digits, '-' and '.'", what, k->str);
}

static const char *what(const struct sl_node *n)
{
	const struct sl_node *fn = sl_node_intrinsic(n);
	if (fn)
		return fn->str;
	if (sl_node_is(n, SL_SCALAR) && sl_scalar_type(n) == SL_TYPE_NULL)
		return "empty (null, which CloudFormation rejects)";
	return sl_node_is(n, SL_SEQ) ? "a list" : sl_node_is(n, SL_MAP) ? "a map" : "a scalar";
}

static bool aliased(const struct sl_node *n)
{
	return n && (n->flags & SL_NODE_ALIAS);
}

static void check_value(struct sl_ctx *c, const struct sl_node *v)
{
	if (aliased(v) || sl_node_is(v, SL_SCALAR))
		return;
	if (sl_node_is(v, SL_SEQ)) {
		for (size_t i = 0; i < v->len; i++)
			if (!aliased(v->items[i]) && !sl_node_is(v->items[i], SL_SCALAR))
				sl_report(c, v->items[i], "a list in a mapping holds strings, not %s",
					  what(v->items[i]));
		return;
	}
	sl_report(c, v, "a mapping value is a string or a list of strings, not %s", what(v));
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *sec = sl_section(c->t, SL_SEC_MAPPINGS);
	if (!sec || aliased(sec))
		return;
	if (!sl_node_is(sec, SL_MAP)) {
		sl_report(c, sec, "the Mappings section must be a map of mapping names to mappings, "
			  "not %s", what(sec));
		return;
	}
	for (size_t i = 0; i < sec->len; i++) {
		const struct sl_node *name = sec->pairs[i].key, *m = sec->pairs[i].value;
		if (sl_foreach_key(name))
			continue;
		check_key(c, name, "mapping name");
		if (aliased(m))
			continue;
		if (!sl_node_is(m, SL_MAP) || sl_node_intrinsic(m) || !m->len) {
			sl_report(c, m, "mapping '%s' must be a non-empty map of top-level keys, not %s",
				  name->str, sl_node_is(m, SL_MAP) && !m->len ? "an empty map" : what(m));
			continue;
		}
		for (size_t j = 0; j < m->len; j++) {
			const struct sl_node *k1 = m->pairs[j].key, *l2 = m->pairs[j].value;
			check_key(c, k1, "top-level key");
			if (aliased(l2))
				continue;
			if (!sl_node_is(l2, SL_MAP) || sl_node_intrinsic(l2) || !l2->len) {
				sl_report(c, l2, "top-level key '%s' of mapping '%s' must hold a non-empty "
					  "map of second-level keys, not %s", k1->str, name->str,
					  sl_node_is(l2, SL_MAP) && !l2->len ? "an empty map" : what(l2));
				continue;
			}
			for (size_t k = 0; k < l2->len; k++)
				check_value(c, l2->pairs[k].value);
		}
	}
}

const struct sl_rule rule_E7001 = {
	.id = "E7001",
	.severity = SL_SEV_ERROR,
	.title = "Mappings have two levels of keys and string values",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/mappings-section-structure.html",
	.doc =
	"### What it checks\n"
	"The `Mappings` section is a map of mapping names; each mapping is a non-empty map of "
	"top-level keys, each holding a non-empty map of second-level keys, whose values are strings "
	"(or numbers and booleans, which CloudFormation reads as strings) or lists of strings. "
	"Mapping names and top-level keys use only letters, digits, `-` and `.` (second-level "
	"keys are not restricted: the language extensions accept any string there). Values "
	"cannot be intrinsic functions.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects any other shape, and `Fn::FindInMap` always takes exactly a map "
	"name, a top-level key and a second-level key.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Mappings:\n"
	"  RegionAmi:\n"
	"    us_east_1: ami-0123456789abcdef0\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Mappings:\n"
	"  RegionAmi:\n"
	"    us-east-1:\n"
	"      Ami: ami-0123456789abcdef0\n"
	"```\n",
	.check = check,
};
