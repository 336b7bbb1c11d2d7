/*
 * E1029: a plain string (not inside Fn::Sub) holds ${Name} where Name is a
 * parameter, resource or pseudo parameter of the template: it needed Fn::Sub.
 * Only names that resolve count, and free-form text (scripts, policies, state
 * machine definitions, metadata) is left alone.
 */
#include <assert.h>

#include "analysis/textscan.h"
#include "engine/ruleopt.h"
#include "load/builder.h"
#include "rules/functions/fn.h"
#include "util/text.h"

/* Keys whose values are free-form text or are substituted by something else. */
#define K(s) { s, sizeof(s) - 1 }
static const struct {
	const char *s;
	size_t n;
} skip_keys[] = {
	K("Metadata"), K("Fn::Sub"), K("Fn::Transform"), K("UserData"), K("ZipFile"), K("InlineCode"),
	K("AWS::CloudFormation::Init"), K("DefinitionString"), K("Definition"), K("CloudWatchAlarmDefinition"),
	K("TopicRulePayload"), K("Content"), K("Data"), K("RequestMappingTemplate"), K("ResponseMappingTemplate"),
	K("BuildSpec"), K("TemplateBody"), K("Condition"), K("Conditions"), K("Rules"), K("Mappings"), K("Transform"),
};
#undef K

/* The lengths of the keys above, one bit each: most keys are none of them and
 * are passed by one test (checked against the table in debug builds). */
#define B(n) (1ull << (n))
static const uint64_t skip_lengths = B(4) | B(5) | B(7) | B(8) | B(9) | B(10) | B(12) | B(13) | B(16) |
				     B(22) | B(23) | B(25);
#undef B

static bool skip_key(const struct sl_node *k)
{
	if (k->len >= 64 || !(skip_lengths >> k->len & 1))
		return false;
	for (size_t j = 0; j < sizeof(skip_keys) / sizeof(skip_keys[0]); j++)
		if (k->len == skip_keys[j].n && memcmp(k->str, skip_keys[j].s, k->len) == 0)
			return true;
	return false;
}

static bool resolves(const struct sl_template *t, const char *v, size_t l)
{
	const char *dot = memchr(v, '.', l);
	size_t nl = dot ? (size_t)(dot - v) : l;
	if (sl_index_find(&t->resources, v, nl))
		return true;
	if (dot)
		return false;
	return sl_index_find(&t->params, v, l) || sl_pseudo_param(v, l);
}

struct raw_scan {
	size_t want, n;
	size_t *offs;
};

static void raw_var(void *ud, size_t s, size_t l)
{
	struct raw_scan *r = ud;
	(void)l;
	if (r->offs && r->n < r->want)
		r->offs[r->n] = s;
	r->n++;
}

static void count_var(void *ud, size_t s, size_t l)
{
	(void)s;
	(void)l;
	(*(size_t *)ud)++;
}

struct var_scan {
	struct sl_ctx *c;
	const struct sl_node *n;
	size_t *offs; /* source offsets of each variable, or NULL */
	size_t i;
	struct sl_builder *cur;
};

static void var(void *ud, size_t s, size_t l)
{
	struct var_scan *vs = ud;
	const struct sl_node *n = vs->n;
	size_t idx = vs->i++;
	if (!resolves(vs->c->t, n->str + s, l))
		return;
	/* cfn-lint's custom_excludes option: "${...}" texts a tool that
	 * pre-processes the template replaces (re.match on the whole "${...}") */
	if (s >= 2 && s + l < n->len &&
	    sl_ropt_re_match(sl_rule_opt_regex(vs->c, "custom_excludes"), n->str + s - 2, l + 3))
		return;
	size_t a = n->start, b = n->end;
	if (vs->offs) {
		a = vs->offs[idx];
		b = a + l;
	}
	struct sl_position ps = sl_builder_pos(vs->cur, a), pe = sl_builder_pos(vs->cur, b);
	sl_report_span(vs->c, n, ps, pe, "${%.*s} is only substituted inside Fn::Sub: here "
		       "CloudFormation keeps the text as written (wrap the string in !Sub)", (int)l,
		       n->str + s);
}

static void check_string(struct sl_ctx *c, const struct sl_node *n, struct sl_builder *cur)
{
	if (n->len < 4 || !sl_has_pair(n->str, n->len, '$', '{'))
		return;
	size_t nv = 0;
	sl_sub_vars(n->str, n->len, count_var, &nv);
	if (!nv)
		return;
	/* map each variable to its place in the source when the raw text has as many */
	const struct sl_doc *d = c->t->doc;
	size_t rs = n->start, re = n->end;
	size_t *offs = NULL;
	if (re > rs && re <= d->len) {
		struct raw_scan r = { nv, 0, NULL };
		sl_sub_vars(d->src + rs, re - rs, raw_var, &r);
		if (r.n == nv && (offs = malloc(nv * sizeof(*offs)))) {
			r.offs = offs;
			r.n = 0;
			sl_sub_vars(d->src + rs, re - rs, raw_var, &r);
			for (size_t i = 0; i < nv; i++)
				offs[i] += rs;
		}
	}
	struct var_scan vs = { c, n, offs, 0, cur };
	sl_sub_vars(n->str, n->len, var, &vs);
	free(offs);
}

static void walk(struct sl_ctx *c, const struct sl_node *n, struct sl_builder *cur)
{
	if (!n || (n->flags & SL_NODE_ALIAS))
		return;
	if (n->kind == SL_SCALAR) {
		/* the cheap test first: most strings hold no ${ */
		if (n->len >= 4 && sl_has_pair(n->str, n->len, '$', '{') &&
		    sl_scalar_type(n) == SL_TYPE_STRING)
			check_string(c, n, cur);
		return;
	}
	if (n->kind == SL_SEQ) {
		for (uint32_t i = 0; i < n->len; i++)
			walk(c, n->items[i], cur);
		return;
	}
	for (uint32_t i = 0; i < n->len; i++) {
		if (!skip_key(n->pairs[i].key))
			walk(c, n->pairs[i].value, cur);
	}
}

static void check(struct sl_ctx *c)
{
#ifndef NDEBUG
	for (size_t j = 0; j < sizeof(skip_keys) / sizeof(skip_keys[0]); j++)
		assert(skip_keys[j].n < 64 && (skip_lengths >> skip_keys[j].n & 1));
#endif
	/* a macro may substitute the strings itself */
	if (c->t->macro)
		return;
	/* only a string holding ${ can need Fn::Sub */
	if (!sl_text_may_hold(c, "${"))
		return;
	/* a cursor for the findings' positions: they come in document order */
	struct sl_builder cur;
	sl_builder_init(&cur, (struct sl_doc *)c->t->doc);
	walk(c, sl_section(c->t, SL_SEC_RESOURCES), &cur);
	walk(c, sl_section(c->t, SL_SEC_OUTPUTS), &cur);
	walk(c, sl_section(c->t, SL_SEC_GLOBALS), &cur);
	sl_builder_fini(&cur);
}

const struct sl_rule rule_E1029 = {
	.id = "E1029",
	.severity = SL_SEV_ERROR,
	.title = "A ${Name} outside Fn::Sub is not substituted",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html",
	.doc =
	"### What it checks\n"
	"A string of Resources, Outputs or SAM Globals that is not inside `Fn::Sub` contains "
	"`${Name}` where Name is a parameter, a resource (or `Resource.Attribute`) or a pseudo "
	"parameter of the template. Other `${...}` (shell variables, IAM policy variables such "
	"as `${aws:username}`, API Gateway `${stageVariables.x}`) are not judged, nor is "
	"free-form text: UserData, inline code, `AWS::CloudFormation::Init`, Step Functions "
	"definitions, SSM documents, AppSync mapping templates, CodeBuild build specs, Metadata.\n\n"
	"### Why it matters\n"
	"Outside `Fn::Sub` CloudFormation passes `${BucketName}` through as literal text: the "
	"resource is created with a wrong name or ARN and nothing fails until it is used.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Env:\n"
	"    Type: String\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      QueueName: orders-${Env}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Env:\n"
	"    Type: String\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      QueueName: !Sub orders-${Env}\n"
	"```\n",
	.check = check,
};
