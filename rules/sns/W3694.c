/* W3694: an SNS subscription whose Endpoint is not the ARN its protocol needs. */
#include <string.h>

#include "rules/sam/samrules.h"

struct want {
	const char *protocol; /* the subscription's Protocol */
	const char *service;  /* the ARN's service field */
	const char *what;     /* for messages */
	const char *const *types; /* resource types whose Arn it is, NULL-terminated */
	const char *const *ref_arn; /* types whose Ref is that ARN, NULL-terminated */
};

static const char *const queue_types[] = { "AWS::SQS::Queue", NULL };
static const char *const no_types[] = { NULL };
static const char *const fn_types[] = { "AWS::Lambda::Function", "AWS::Serverless::Function",
					 "AWS::Lambda::Alias", "AWS::Lambda::Version", NULL };
static const char *const fn_ref_arn[] = { "AWS::Lambda::Alias", "AWS::Lambda::Version", NULL };

/* Types whose ARN is their Arn attribute (the others are reached with Ref). */
static const char *const arn_attr_types[] = { "AWS::SQS::Queue", "AWS::Lambda::Function",
					       "AWS::Serverless::Function", NULL };

static const struct want wants[] = {
	{ "sqs", "sqs", "an Amazon SQS queue", queue_types, no_types },
	{ "lambda", "lambda", "a Lambda function", fn_types, fn_ref_arn },
};

static bool type_in(const struct sl_entity *e, const char *const *types)
{
	for (size_t i = 0; types[i]; i++)
		if (sl_samr_type_is(e, types[i]))
			return true;
	return false;
}

/* The service field of a literal ARN ("arn:partition:service:..."), or NULL. */
static const char *arn_service(const struct sl_node *v, size_t *len)
{
	if (!sl_samr_is_string(v) || v->len < 4 || memcmp(v->str, "arn:", 4) != 0)
		return NULL;
	const char *p = memchr(v->str + 4, ':', v->len - 4);
	if (!p)
		return NULL;
	p++;
	const char *end = memchr(p, ':', v->len - (size_t)(p - v->str));
	if (!end)
		return NULL;
	*len = (size_t)(end - p);
	return p;
}

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *proto = sl_map_get(props, "Protocol");
	const struct sl_node *ep = sl_map_get(props, "Endpoint");
	const struct want *w = NULL;
	for (size_t i = 0; i < sizeof(wants) / sizeof(wants[0]); i++)
		if (sl_str_eq(proto, wants[i].protocol))
			w = &wants[i];
	if (!w || !ep)
		return;
	const struct sl_node *fn = sl_node_intrinsic(ep);
	if (!fn) {
		size_t len;
		const char *svc = arn_service(ep, &len);
		if (sl_samr_is_string(ep) && (!svc || len != strlen(w->service) ||
					      memcmp(svc, w->service, len) != 0))
			sl_report(c, ep,
				  "the Endpoint of a subscription with Protocol %s is the ARN of %s, and '%.*s' is not "
				  "one: SNS cannot deliver to it. Give the ARN (arn:aws:%s:...)",
				  w->protocol, w->what, (int)ep->len, ep->str, w->service);
		return;
	}
	bool ref = sl_str_eq(fn, "Ref");
	if (!ref && !sl_str_eq(fn, "Fn::GetAtt"))
		return;
	const struct sl_node *arg = ep->pairs[0].value;
	const struct sl_node *name = ref ? arg : (sl_node_is(arg, SL_SEQ) && arg->len == 2 ? arg->items[0] : NULL);
	if (!sl_node_is(name, SL_SCALAR))
		return;
	const struct sl_entity *target = sl_index_find(&c->t->resources, name->str, name->len);
	if (!target || !target->type)
		return;
	if (!type_in(target, w->types))
		sl_report(c, ep,
			  "the Endpoint of a subscription with Protocol %s is the ARN of %s, but %.*s is an %.*s: SNS "
			  "cannot deliver to it. Point Endpoint at %s of the template",
			  w->protocol, w->what, (int)name->len, name->str, (int)target->type->len,
			  target->type->str, w->what);
	else if (!ref && type_in(target, arn_attr_types) && sl_samr_is_string(arg->items[1]) &&
		 !sl_str_eq(arg->items[1], "Arn"))
		sl_report(c, ep,
			  "the Endpoint of a subscription with Protocol %s is the ARN of %s, but this "
			  "GetAtt gives %.*s's %.*s, not its ARN. Use !GetAtt %.*s.Arn",
			  w->protocol, w->what, (int)name->len, name->str, (int)arg->items[1]->len,
			  arg->items[1]->str, (int)name->len, name->str);
	else if (ref && !type_in(target, w->ref_arn))
		sl_report(c, ep,
			  "the Endpoint of a subscription with Protocol %s is the ARN of %s, but Ref %.*s gives its %s, "
			  "not its ARN. Use !GetAtt %.*s.Arn",
			  w->protocol, w->what, (int)name->len, name->str,
			  sl_str_eq(target->type, "AWS::SQS::Queue") ? "URL" : "name", (int)name->len,
			  name->str);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::SNS::Subscription", check_one, NULL);
}

const struct sl_rule rule_W3694 = {
	.id = "W3694",
	.severity = SL_SEV_WARNING,
	.title = "SNS subscription endpoints fit the protocol",
	.source = "https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html",
	.doc =
	"### What it checks\n"
	"An `AWS::SNS::Subscription` whose `Protocol` is `sqs` has an `Endpoint` that is the ARN "
	"of an SQS queue, and one whose `Protocol` is `lambda` the ARN of a Lambda function: a "
	"literal ARN of that service, or `Fn::GetAtt` of a queue or function of the template. A "
	"`Ref` to a queue (its URL) or to a function (its name) is reported too; a `Ref` to a "
	"Lambda alias or version gives its ARN and is accepted. Values from parameters, imports "
	"or other functions are not judged.\n\n"
	"### Why it matters\n"
	"SNS's Subscribe documents the endpoint by protocol: for `sqs` the ARN of an Amazon SQS "
	"queue, for `lambda` the ARN of a Lambda function. Anything else cannot receive the "
	"messages: the subscription fails, or delivers nowhere.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Subscription:\n"
	"    Type: AWS::SNS::Subscription\n"
	"    Properties:\n"
	"      TopicArn: !Ref Topic\n"
	"      Protocol: sqs\n"
	"      Endpoint: !Ref Queue\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Protocol: sqs\n"
	"      Endpoint: !GetAtt Queue.Arn\n"
	"```\n",
	.check = check,
};
