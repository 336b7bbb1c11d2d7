/* W3701: an SSM parameter name that begins with the reserved "aws" or "ssm". */
#include <strings.h>

#include "rules/sam/samrules.h"

/* The literal text a name starts with: a plain string, or the text of an
 * Fn::Sub string (its first variable ends what is known). *len gets the
 * bytes known; NULL when nothing is. */
static const char *name_text(const struct sl_node *v, size_t *len)
{
	const struct sl_node *fn = sl_node_intrinsic(v);
	if (fn && sl_str_eq(fn, "Fn::Sub")) {
		const struct sl_node *s = v->pairs[0].value;
		if (sl_node_is(s, SL_SEQ) && s->len >= 1)
			s = s->items[0];
		if (!sl_node_is(s, SL_SCALAR))
			return NULL;
		const char *d = memchr(s->str, '$', s->len);
		*len = d ? (size_t)(d - s->str) : s->len;
		return s->str;
	}
	if (fn || !sl_samr_is_string(v))
		return NULL;
	*len = v->len;
	return v->str;
}

static void check_value(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)ud;
	size_t len;
	const char *s = name_text(v, &len);
	if (!s)
		return;
	size_t off = len > 0 && s[0] == '/' ? 1 : 0;
	if (len < off + 3)
		return;
	if (strncasecmp(s + off, "aws", 3) != 0 && strncasecmp(s + off, "ssm", 3) != 0)
		return;
	sl_report(c, v,
		  "the parameter name begins with '%.*s%.3s': Systems Manager reserves names that "
		  "begin with \"aws\" or \"ssm\" (in any case), and PutParameter refuses them. Choose "
		  "a name that begins with something else, e.g. /myapp/...",
		  (int)off, s, s + off);
}

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *name = sl_map_get(props, "Name");
	if (name)
		sl_samr_each_value(name, check_value, c, NULL);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::SSM::Parameter", check_one, NULL);
}

const struct sl_rule rule_W3701 = {
	.id = "W3701",
	.severity = SL_SEV_WARNING,
	.title = "SSM parameter names do not begin with aws or ssm",
	.source = "https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html",
	.doc =
	"### What it checks\n"
	"The `Name` of an `AWS::SSM::Parameter` (a string, each literal branch of an `Fn::If`, "
	"or the literal start of an `Fn::Sub` string) does not begin with `aws` or `ssm` in any "
	"case, with or without a leading `/`.\n\n"
	"### Why it matters\n"
	"Systems Manager's naming constraints say a parameter name can't be prefixed with "
	"\"aws\" or \"ssm\" (case-insensitive): that namespace is kept for AWS (public parameters "
	"such as `/aws/service/ami-amazon-linux-latest/...`). The request to create the parameter "
	"fails, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Param:\n"
	"    Type: AWS::SSM::Parameter\n"
	"    Properties:\n"
	"      Name: /aws/myapp/endpoint\n"
	"      Type: String\n"
	"      Value: https://example.com\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Name: /myapp/endpoint\n"
	"```\n",
	.check = check,
};
