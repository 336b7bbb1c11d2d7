/* E1019: Fn::Sub has the right shape and every ${Var} in it resolves. */
#include "rules/functions/fn.h"
#include "rules/refs.h"

/* A map whose one key is a pre-processor directive (Rain's {Rain::Embed: file}): the tool
 * replaces it with a string before CloudFormation sees it. */
static bool preprocessed(const struct sl_node *v)
{
	return sl_node_is(v, SL_MAP) && v->len == 1 && v->pairs[0].key->len > 6 &&
	       memcmp(v->pairs[0].key->str, "Rain::", 6) == 0;
}

static void check_shape(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
			const struct sl_node *v)
{
	(void)fn;
	if (sl_fn_is_string(v) || sl_fn_is(v) || preprocessed(v))
		return;
	if (!sl_node_is(v, SL_SEQ)) {
		sl_report(c, v ? v : key, "Fn::Sub takes a string or a list [string, {Var: value}], not %s",
			  sl_fn_kind(v));
		return;
	}
	if (v->len != 2) {
		sl_report(c, v, "Fn::Sub in list form takes exactly 2 items, a string and a map of "
			  "variables; this list has %u", v->len);
		return;
	}
	if (!sl_fn_is_string(v->items[0]) && !sl_fn_is(v->items[0]))
		sl_report(c, v->items[0], "The first item of Fn::Sub is the string to substitute into, "
			  "not %s", sl_fn_kind(v->items[0]));
	const struct sl_node *m = v->items[1];
	if (sl_fn_is(m))
		return;
	if (!sl_node_is(m, SL_MAP)) {
		sl_report(c, m, "The second item of Fn::Sub is a map of variables, not %s", sl_fn_kind(m));
		return;
	}
	for (uint32_t i = 0; i < m->len; i++) {
		const struct sl_node *val = m->pairs[i].value;
		if (sl_node_is(val, SL_SEQ) || (sl_node_is(val, SL_MAP) && !sl_fn_is(val)))
			sl_report(c, val, "The Fn::Sub variable '%s' must be a string or a function "
				  "returning one, not %s", m->pairs[i].key->str, sl_fn_kind(val));
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	sl_fn_walk(c, "Fn::Sub", check_shape);
	for (size_t i = 0; i < t->n_refs; i++) {
		const struct sl_ref *r = &t->refs[i];
		if (r->kind != SL_REF_SUB || r->pattern)
			continue;
		size_t len = r->name_len;
		if (r->resource || sl_template_implicit(t, r->name, len) ||
		    sl_template_generated(t, SL_SEC_RESOURCES, r->name))
			continue;
		if (sl_template_foreach_id(t, r->name, len))
			continue;
		if (sl_index_find(&t->params, r->name, len) || sl_pseudo_param(r->name, len)) {
			if (r->attr)
				sl_report_span(c, r->at, sl_pos(c, r->start), sl_pos(c, r->end), "${%s.%s}: '%s' is a parameter, "
					       "which has no attributes; only resources do", r->name,
					       r->attr, r->name);
			continue;
		}
		if (len > 5 && memcmp(r->name, "AWS::", 5) == 0) {
			sl_report_span(c, r->at, sl_pos(c, r->start), sl_pos(c, r->end), "${%s} is not a pseudo parameter (they "
				       "are AWS::AccountId, AWS::NotificationARNs, AWS::Partition, "
				       "AWS::Region, AWS::StackId, AWS::StackName and AWS::URLSuffix)", r->name);
			continue;
		}
		const char *sug = sl_suggest_ids(c, r->name, len, &t->params, &t->resources);
		if (r->attr)
			sl_report_span(c, r->at, sl_pos(c, r->start), sl_pos(c, r->end), "${%s.%s}: '%s' is not a resource of "
				       "this template%s", r->name, r->attr, r->name, sl_did_you_mean(c, sug));
		else if (sug)
			sl_report_span(c, r->at, sl_pos(c, r->start), sl_pos(c, r->end), "${%s} is not a parameter, resource, "
				       "pseudo parameter or variable of this Fn::Sub%s", r->name,
				       sl_did_you_mean(c, sug));
		else
			sl_report_span(c, r->at, sl_pos(c, r->start), sl_pos(c, r->end), "${%s} is not a parameter, resource, "
				       "pseudo parameter or variable of this Fn::Sub (for the literal text "
				       "write ${!%s})", r->name, r->name);
	}
}

const struct sl_rule rule_E1019 = {
	.id = "E1019",
	.severity = SL_SEV_ERROR,
	.title = "Fn::Sub is well formed and its variables resolve",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html",
	.doc =
	"### What it checks\n"
	"`Fn::Sub` is a string, or a list of exactly two items: the string and a map of variables "
	"whose values are strings or functions. Every `${Var}` in the string names a key of that "
	"map, a parameter, a resource, a pseudo parameter (`${AWS::Region}`), a resource attribute "
	"(`${Bucket.Arn}`, the resource must exist), or a resource SAM generates. "
	"`${!Literal}` is an escape and is not checked. Under `AWS::LanguageExtensions` the "
	"template is read with its `Fn::ForEach` loops expanded; the identifier of a loop that "
	"cannot be expanded at lint time (or that lacks the transform, which E1032 reports) is "
	"accepted.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the template when a variable does not resolve. Shell and policy "
	"text pasted into a Sub often contains `${HOME}` or `${aws:username}`, which must be "
	"written `${!HOME}` to pass through.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      BucketName: !Sub '${Prefix}-${AWS::AccountId}'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Prefix:\n"
	"    Type: String\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      BucketName: !Sub '${Prefix}-${AWS::AccountId}'\n"
	"```\n",
	.check = check,
};
