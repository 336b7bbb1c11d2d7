/* E1011: Fn::FindInMap names a mapping, and keys of it where they are literal. */
#include "rules/functions/fn.h"
#include "rules/refs.h"

/* A key written out in the template (not a function, not a ${Id} of Fn::ForEach). */
static bool literal_key(const struct sl_node *n)
{
	return sl_fn_is_string(n) && !memchr(n->str, '$', n->len) && !memchr(n->str, '&', n->len);
}

/* Closest key of a map node, for "did you mean". */
static const char *suggest_key(const struct sl_node *m, const struct sl_node *k)
{
	if (!m->len)
		return NULL;
	const char **c = malloc(m->len * sizeof(*c));
	if (!c)
		return NULL;
	for (uint32_t i = 0; i < m->len; i++)
		c[i] = m->pairs[i].key->str;
	const char *s = sl_suggest(k->str, k->len, c, m->len);
	free(c);
	return s;
}

static void visit(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
		  const struct sl_node *v)
{
	(void)fn;
	const struct sl_template *t = c->t;
	if (!sl_node_is(v, SL_SEQ)) {
		sl_report(c, v ? v : key, "Fn::FindInMap takes a list [MapName, TopLevelKey, "
			  "SecondLevelKey], not %s", sl_fn_kind(v));
		return;
	}
	bool has_default = false;
	if (v->len == 4) {
		const struct sl_node *d = v->items[3];
		if (!t->lang_ext) {
			sl_report(c, d, "A fourth item (DefaultValue) in Fn::FindInMap needs "
				  "'Transform: AWS::LanguageExtensions'");
			return;
		}
		if (!sl_node_is(d, SL_MAP) || !sl_map_get(d, "DefaultValue") || d->len != 1) {
			sl_report(c, d, "The fourth item of Fn::FindInMap is {DefaultValue: value}");
			return;
		}
		has_default = true;
	} else if (v->len != 3) {
		sl_report(c, v, "Fn::FindInMap takes 3 items (MapName, TopLevelKey, SecondLevelKey)%s; "
			  "this list has %u", t->lang_ext ? ", and optionally {DefaultValue: value}" : "",
			  v->len);
		return;
	}
	for (uint32_t i = 0; i < 3; i++) {
		const struct sl_node *it = v->items[i];
		if (sl_node_is(it, SL_SEQ) || (sl_node_is(it, SL_MAP) && !sl_fn_is(it)) ||
		    (sl_node_is(it, SL_SCALAR) && sl_scalar_type(it) == SL_TYPE_NULL)) {
			sl_report(c, it, "The %s of Fn::FindInMap is a string or a function returning one, "
				  "not %s", i == 0 ? "map name" : i == 1 ? "top-level key" :
				  "second-level key", sl_fn_kind(it));
			return;
		}
	}
	const struct sl_node *name = v->items[0];
	if (!literal_key(name) || t->macro_global)
		return;
	const struct sl_entity *m = sl_index_find(&t->mappings, name->str, name->len);
	if (!m) {
		if (sl_template_generated(t, SL_SEC_MAPPINGS, name->str))
			return;
		const char *sug = sl_suggest_ids(c, name->str, name->len, &t->mappings, NULL);
		sl_report(c, name, "Fn::FindInMap names the mapping '%s', which is not in Mappings%s",
			  name->str, sl_did_you_mean(c, sug));
		return;
	}
	if (has_default || !sl_node_is(m->value, SL_MAP))
		return;
	const struct sl_node *k1 = v->items[1], *k2 = v->items[2];
	if (!literal_key(k1)) {
		/* the top-level key comes from a function: the second must be under one of them */
		if (!literal_key(k2))
			return;
		for (uint32_t i = 0; i < m->value->len; i++) {
			const struct sl_node *e = m->value->pairs[i].value;
			if (!sl_node_is(e, SL_MAP) || sl_map_get(e, k2->str))
				return;
		}
		sl_report(c, k2, "No top-level key of the mapping '%s' has the key '%s'", name->str,
			  k2->str);
		return;
	}
	const struct sl_node *top = sl_map_get(m->value, k1->str);
	if (!top) {
		const char *sug = suggest_key(m->value, k1);
		sl_report(c, k1, "The mapping '%s' has no top-level key '%s'%s", name->str, k1->str,
			  sl_did_you_mean(c, sug));
		return;
	}
	if (!literal_key(k2) || !sl_node_is(top, SL_MAP))
		return;
	if (!sl_map_get(top, k2->str)) {
		const char *sug = suggest_key(top, k2);
		sl_report(c, k2, "The mapping '%s' has no key '%s' under '%s'%s", name->str, k2->str,
			  k1->str, sl_did_you_mean(c, sug));
	}
}

static void check(struct sl_ctx *c)
{
	sl_fn_walk(c, "Fn::FindInMap", visit);
}

const struct sl_rule rule_E1011 = {
	.id = "E1011",
	.severity = SL_SEV_ERROR,
	.title = "Fn::FindInMap names a mapping and keys that exist",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-findinmap.html",
	.doc =
	"### What it checks\n"
	"`Fn::FindInMap` is a list of three items (map name, top-level key, second-level key), or "
	"four with `{DefaultValue: ...}` under `Transform: AWS::LanguageExtensions`. The mapping "
	"exists, and where the keys are written out, the top-level key exists in the mapping and "
	"the second-level key under it (not checked when a DefaultValue is given).\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the template for an unknown mapping or a literal key that is not "
	"there; a key looked up from a parameter fails only at deploy time for the values it "
	"lacks.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Mappings:\n"
	"  Sizes:\n"
	"    prod:\n"
	"      Instance: m5.large\n"
	"Resources:\n"
	"  Server:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Properties:\n"
	"      InstanceType: !FindInMap [Sizes, prod, InstanceType]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Mappings:\n"
	"  Sizes:\n"
	"    prod:\n"
	"      Instance: m5.large\n"
	"Resources:\n"
	"  Server:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Properties:\n"
	"      InstanceType: !FindInMap [Sizes, prod, Instance]\n"
	"```\n",
	.check = check,
};
