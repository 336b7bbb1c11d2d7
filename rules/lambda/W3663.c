/* W3663: a Lambda permission whose SourceArn has no account ID also sets SourceAccount. */
#include <string.h>

#include "rules/lambda/lambda.h"

#define PERMISSION_SOURCE \
	"https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html"

/* True when s (an ARN as written, Fn::Sub variables allowed) starts with
 * "arn:" and its account field (the fifth, colons inside ${...} not counted)
 * is empty, as in an S3 bucket ARN (arn:aws:s3:::bucket). */
static bool arn_without_account(const char *s, size_t len)
{
	if (len < 4 || memcmp(s, "arn:", 4) != 0)
		return false;
	size_t colons = 0, field_start = 0;
	int depth = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '$' && i + 1 < len && s[i + 1] == '{') {
			depth++;
			i++;
		} else if (s[i] == '}' && depth > 0) {
			depth--;
		} else if (s[i] == ':' && depth == 0) {
			colons++;
			if (colons == 4)
				field_start = i + 1;
			else if (colons == 5)
				return i == field_start;
		}
	}
	return false;
}

/* What the SourceArn names, when it is certain to carry no account ID: a
 * literal or Fn::Sub ARN with an empty account field, or the Arn of an
 * AWS::S3::Bucket of the template. NULL otherwise. */
static const char *no_account(struct sl_ctx *c, const struct sl_node *arn)
{
	if (sl_node_is(arn, SL_SCALAR))
		return arn_without_account(arn->str, arn->len) ? arn->str : NULL;
	const struct sl_node *fn = sl_node_intrinsic(arn);
	if (!fn)
		return NULL;
	const struct sl_node *v = arn->pairs[0].value;
	if (sl_str_eq(fn, "Fn::Sub")) {
		const struct sl_node *s = sl_node_is(v, SL_SEQ) && v->len > 0 ? v->items[0] : v;
		if (sl_node_is(s, SL_SCALAR) && arn_without_account(s->str, s->len))
			return s->str;
		return NULL;
	}
	if (!sl_str_eq(fn, "Fn::GetAtt"))
		return NULL;
	const char *name = NULL;
	size_t nlen = 0;
	if (sl_node_is(v, SL_SEQ) && v->len == 2 && sl_node_is(v->items[0], SL_SCALAR) &&
	    sl_str_eq(v->items[1], "Arn")) {
		name = v->items[0]->str;
		nlen = v->items[0]->len;
	} else if (sl_node_is(v, SL_SCALAR) && v->len > 4 &&
		   memcmp(v->str + v->len - 4, ".Arn", 4) == 0) {
		name = v->str;
		nlen = v->len - 4;
	}
	if (!name)
		return NULL;
	const struct sl_entity *r = sl_index_find(&c->t->resources, name, nlen);
	if (!r || !sl_str_eq(r->type, "AWS::S3::Bucket"))
		return NULL;
	return sl_arena_printf(c->arena, "the Arn of the bucket '%s'", r->key->str);
}

static void check(struct sl_ctx *c)
{
	for (size_t i = 0; i < c->t->resources.n; i++) {
		const struct sl_entity *r = &c->t->resources.items[i];
		if (!sl_str_eq(r->type, "AWS::Lambda::Permission"))
			continue;
		const struct sl_node *props = sl_map_get(r->value, "Properties");
		if (!sl_node_is(props, SL_MAP) || sl_map_get(props, "SourceAccount"))
			continue;
		const struct sl_node *arn = sl_map_get(props, "SourceArn");
		if (!arn)
			continue;
		const char *what = no_account(c, arn);
		if (!what)
			continue;
		bool lit = what[0] == 'a' && strncmp(what, "arn:", 4) == 0;
		sl_report(c, arn, "Permission '%s' limits the caller by SourceArn %s%s%s, which has no "
			  "account ID, and sets no SourceAccount: a resource such as a bucket can be deleted "
			  "and its name taken by another account, which could then invoke the function. Add "
			  "SourceAccount: !Ref AWS::AccountId (or the account that owns the resource)",
			  r->key->str, lit ? "'" : "", what, lit ? "'" : "");
	}
}

const struct sl_rule rule_W3663 = {
	.id = "W3663",
	.severity = SL_SEV_WARNING,
	.title = "Lambda permissions with an account-less SourceArn set SourceAccount",
	.source = PERMISSION_SOURCE,
	.doc =
	"### What it checks\n"
	"An `AWS::Lambda::Permission` whose `SourceArn` carries no account ID also sets "
	"`SourceAccount`. The ARN is known to carry none when it is a literal or `Fn::Sub` ARN "
	"whose account field is empty (`arn:aws:s3:::my-bucket`, "
	"`arn:${AWS::Partition}:s3:::${Bucket}`) or a `Fn::GetAtt` to the `Arn` of an "
	"`AWS::S3::Bucket` of the template. A `Ref`, a parameter, an import or an `Fn::If` is "
	"not judged.\n\n"
	"### Why it matters\n"
	"The `AWS::Lambda::Permission` reference says to use `SourceAccount` together with "
	"`SourceArn` to make sure the named account owns the resource: an Amazon S3 bucket can "
	"be deleted by its owner and recreated by another account, and an S3 ARN holds no "
	"account. Without `SourceAccount`, a bucket of the same name in another account may "
	"invoke the function (the confused deputy problem).\n\n"
	"### Bad\n"
	"```yaml\n"
	"  S3Invoke:\n"
	"    Type: AWS::Lambda::Permission\n"
	"    Properties:\n"
	"      Action: lambda:InvokeFunction\n"
	"      FunctionName: !Ref Fn\n"
	"      Principal: s3.amazonaws.com\n"
	"      SourceArn: !GetAtt Bucket.Arn\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  S3Invoke:\n"
	"    Type: AWS::Lambda::Permission\n"
	"    Properties:\n"
	"      Action: lambda:InvokeFunction\n"
	"      FunctionName: !Ref Fn\n"
	"      Principal: s3.amazonaws.com\n"
	"      SourceArn: !GetAtt Bucket.Arn\n"
	"      SourceAccount: !Ref AWS::AccountId\n"
	"```\n",
	.check = check,
};
