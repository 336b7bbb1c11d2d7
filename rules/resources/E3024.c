/* E3024: resource tags keep AWS's tag rules (key present, lengths, aws: prefix, unique keys). */
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "util/text.h"

#define KEY_MAX 128   /* Unicode characters */
#define VALUE_MAX 256 /* Unicode characters */

/* Characters (UTF-8 code points) in a scalar. */
static size_t chars(const struct sl_node *n)
{
	return sl_utf8_chars(n->str, n->len);
}

static bool literal(const struct sl_node *n)
{
	return n && n->kind == SL_SCALAR && !sl_node_is_null(n);
}

static void check_key(struct sl_ctx *c, const struct sl_node *k)
{
	size_t n = chars(k);
	if (n == 0)
		sl_report(c, k, "tag key is empty: a tag key takes 1 to %d characters", KEY_MAX);
	else if (n > KEY_MAX)
		sl_report(c, k, "tag key is %zu characters long: a tag key takes at most %d", n, KEY_MAX);
	else if (k->len >= 4 && memcmp(k->str, "aws:", 4) == 0)
		sl_report(c, k, "tag key '%s' starts with 'aws:', a prefix reserved for tags AWS sets: "
			  "the resource cannot be created with it", k->str);
}

static void check_value(struct sl_ctx *c, const struct sl_node *v)
{
	size_t n = chars(v);
	if (n > VALUE_MAX)
		sl_report(c, v, "tag value is %zu characters long: a tag value takes at most %d", n,
			  VALUE_MAX);
}

/* One {Key, Value} item of a tag list; an Fn::If is looked into. need_key:
 * the list's item shape requires Key. */
static void check_item(struct sl_ctx *c, const struct sl_node *it, bool need_key)
{
	const struct sl_node *fn = sl_node_intrinsic(it);
	if (fn) {
		const struct sl_node *args = it->pairs[0].value;
		if (sl_str_eq(fn, "Fn::If") && sl_node_is(args, SL_SEQ) && args->len == 3) {
			check_item(c, args->items[1], need_key);
			check_item(c, args->items[2], need_key);
		}
		return;
	}
	if (!sl_node_is(it, SL_MAP))
		return;
	const struct sl_node *k = sl_map_get(it, "Key");
	if (!sl_map_get_pair(it, "Key")) {
		if (need_key)
			sl_report(c, it, "tag has no Key: each tag needs a Key (and usually a Value)");
	} else if (literal(k)) {
		check_key(c, k);
	}
	const struct sl_node *v = sl_map_get(it, "Value");
	if (literal(v))
		check_value(c, v);
}

static int by_text_then_line(const void *x, const void *y)
{
	const struct sl_node *a = *(const struct sl_node *const *)x, *b = *(const struct sl_node *const *)y;
	size_t n = a->len < b->len ? a->len : b->len;
	int d = memcmp(a->str, b->str, n);
	if (d)
		return d;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return (a->start > b->start) - (a->start < b->start);
}

/* Duplicate literal keys among the plain items of a tag list (items inside
 * Fn::If are left out: the conditions may exclude each other), each repeat
 * reported with the key's first occurrence. Sorted: O(n log n) whatever the
 * list's length (AWS caps tags at 50 for most services; E3032 says so). */
static void check_unique(struct sl_ctx *c, const struct sl_node *list)
{
	if (list->len < 2)
		return;
	const struct sl_node **keys = sl_arena_alloc(c->arena, list->len * sizeof *keys);
	if (!keys)
		return;
	size_t n = 0;
	for (uint32_t i = 0; i < list->len; i++) {
		const struct sl_node *k = sl_map_get(list->items[i], "Key");
		if (literal(k) && !sl_node_intrinsic(list->items[i]))
			keys[n++] = k;
	}
	qsort(keys, n, sizeof *keys, by_text_then_line);
	for (size_t i = 1, first = 0; i < n; i++) {
		if (keys[i]->len != keys[first]->len || memcmp(keys[i]->str, keys[first]->str, keys[i]->len) != 0) {
			first = i;
			continue;
		}
		sl_report(c, keys[i], "tag key '%s' is set twice (first at line %u): each tag key "
			  "may appear once per resource", keys[i]->str, sl_line(c, keys[first]));
	}
}

/* The Tags value: a list of items, or a map of key to value; an Fn::If is
 * looked into. */
static void check_tags(struct sl_ctx *c, const struct sl_node *tags, bool need_key)
{
	const struct sl_node *fn = sl_node_intrinsic(tags);
	if (fn) {
		const struct sl_node *args = tags->pairs[0].value;
		if (sl_str_eq(fn, "Fn::If") && sl_node_is(args, SL_SEQ) && args->len == 3) {
			check_tags(c, args->items[1], need_key);
			check_tags(c, args->items[2], need_key);
		}
		return;
	}
	if (sl_node_is(tags, SL_SEQ)) {
		for (uint32_t i = 0; i < tags->len; i++)
			check_item(c, tags->items[i], need_key);
		check_unique(c, tags);
	} else if (sl_node_is(tags, SL_MAP)) {
		for (uint32_t i = 0; i < tags->len; i++) {
			const struct sl_pair *p = &tags->pairs[i];
			if (sl_foreach_key(p->key))
				continue;
			check_key(c, p->key);
			if (literal(p->value))
				check_value(c, p->value);
		}
	}
}

/* How a resource type takes Tags: 0 not at all (or not as tags), 1 a list of
 * {Key, Value} or a map, 2 the same with Key required in each item. */
static int tags_kind(const struct sl_spec *s, uint32_t rid)
{
	if (!(sl_spec_resource_flags(s, rid) & SL_SPEC_TAGGABLE))
		return 0;
	const struct sl_spec_prop *p = sl_spec_prop_find(s, sl_spec_resource_shape(s, rid), "Tags", 4);
	if (!p)
		return 0;
	const struct sl_spec_type *t = sl_spec_type(s, p->type);
	if (t->kind == SL_SPEC_MAP || t->kind == SL_SPEC_JSON)
		return 1;
	if (t->kind != SL_SPEC_LIST)
		return 0;
	const struct sl_spec_type *e = sl_spec_type(s, t->arg);
	if (e->kind == SL_SPEC_TAG)
		return 2;
	if (e->kind != SL_SPEC_SHAPE)
		return 0;
	const struct sl_spec_prop *k = sl_spec_prop_find(s, e->arg, "Key", 3);
	if (!k)
		return 0;
	return k->flags & SL_SPEC_REQUIRED ? 2 : 1;
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro_global)
		return; /* a macro may build the tags (PyPlate, ...) */
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!e->type || e->module)
			continue;
		uint32_t rid = sl_spec_resource(c->spec, e->type->str, e->type->len);
		if (rid == SL_SPEC_NONE)
			continue;
		const struct sl_node *tags = sl_map_get(e->props, "Tags");
		int kind = tags ? tags_kind(c->spec, rid) : 0;
		if (kind)
			check_tags(c, tags, kind == 2);
	}
}

const struct sl_rule rule_E3024 = {
	.id = "E3024",
	.severity = SL_SEV_ERROR,
	.title = "Tags keep AWS's tag rules",
	.source = "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html",
	.doc =
	"### What it checks\n"
	"The `Tags` of taggable resource types (a list of `Key`/`Value` items, or a map of key to "
	"value): each list item has a `Key`; a key is 1 to 128 characters and does not start with "
	"`aws:`; a value is at most 256 characters; no key appears twice in one list. Lengths count "
	"Unicode characters. Items and values inside `Fn::If` are checked branch by branch but "
	"left out of the duplicate check; values given by other functions are not judged. "
	"Templates processed by a macro are not checked.\n\n"
	"### Why it matters\n"
	"These are the limits AWS services apply to tags: keys are unique per resource, the `aws:` "
	"prefix is reserved for the tags AWS sets itself, and keys and values have maximum lengths. "
	"A resource whose tags break them fails to create or update, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      Tags:\n"
	"        - Key: team\n"
	"          Value: data\n"
	"        - Key: team\n"
	"          Value: platform\n"
	"        - Key: aws:owner\n"
	"          Value: me\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      Tags:\n"
	"        - Key: team\n"
	"          Value: data\n"
	"        - Key: owner\n"
	"          Value: me\n"
	"```\n",
	.check = check,
};
