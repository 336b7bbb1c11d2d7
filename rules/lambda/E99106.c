/* E99106: a literal layer ARN that is not a layer version ARN. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <string.h>

#include "rules/lambda/lambda.h"

/* arn:<partition>:lambda:<region>:<account>:layer:<name>:<version> */
#define VERSION_ARN "^arn:aws[a-z-]*:lambda:[a-z]{2}(?:-[a-z]+)+-[0-9]+:[0-9]{12}:layer:" \
		    "[A-Za-z0-9_-]{1,140}:[0-9]+$"
/* the same without the version: the layer, not one of its versions */
#define LAYER_ARN "^arn:aws[a-z-]*:lambda:[a-z]{2}(?:-[a-z]+)+-[0-9]+:[0-9]{12}:layer:" \
		  "[A-Za-z0-9_-]{1,140}$"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pcre2_code *version_re, *layer_re; /* NULL when they failed to compile (OOM) */

static void compile(void)
{
	int err;
	PCRE2_SIZE off;
	version_re = pcre2_compile((PCRE2_SPTR)VERSION_ARN, PCRE2_ZERO_TERMINATED, 0, &err, &off, NULL);
	layer_re = pcre2_compile((PCRE2_SPTR)LAYER_ARN, PCRE2_ZERO_TERMINATED, 0, &err, &off, NULL);
}

/* 1 when s matches re, 0 when not, -1 when it cannot be told (no pattern, no memory). */
static int matches(const pcre2_code *re, const struct sl_node *s)
{
	if (!re)
		return -1;
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	if (!md)
		return -1;
	int rc = pcre2_match(re, (PCRE2_SPTR)s->str, s->len, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

static void check_layer(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)ud;
	if (sl_node_intrinsic(v) || !sl_samr_is_string(v))
		return;
	if (matches(version_re, v) != 0)
		return;
	if (matches(layer_re, v) == 1)
		sl_report(c, v, "'%s' is a layer ARN without a version: Lambda needs a layer version "
			  "ARN (…:layer:<name>:<version>), e.g. from !Ref of an AWS::Lambda::LayerVersion",
			  v->str);
	else if (strstr(v->str, "${"))
		sl_report(c, v, "'%s' is not a layer version ARN: it holds a ${...} variable but is not "
			  "in an Fn::Sub, so CloudFormation passes it as written", v->str);
	else
		sl_report(c, v, "'%s' is not a layer version ARN (arn:aws:lambda:<region>:<account>:"
			  "layer:<name>:<version>)", v->str);
}

static void check_list(struct sl_ctx *c, const struct sl_node *l, void *ud)
{
	(void)ud;
	for (size_t i = 0; sl_node_is(l, SL_SEQ) && i < l->len; i++)
		sl_samr_each_value(l->items[i], check_layer, c, NULL);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	pthread_once(&once, compile);
	struct sl_samr_types tw;
	sl_samr_functions_init(&tw, t);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *l = sl_map_get(sl_samr_props(e), "Layers");
		if (l)
			sl_samr_each_value(l, check_list, c, NULL);
	}
	/* Globals' layers, once (not once per function that inherits them) */
	const struct sl_node *g = sl_map_get(sl_map_get(sl_section(t, SL_SEC_GLOBALS), "Function"), "Layers");
	if (g && t->sam_types)
		sl_samr_each_value(g, check_list, c, NULL);
}

const struct sl_rule rule_E99106 = {
	.id = "E99106",
	.severity = SL_SEV_ERROR,
	.title = "Layers are layer version ARNs",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/adding-layers.html",
	.doc =
	"### What it checks\n"
	"Each literal item of a function's `Layers` (`AWS::Lambda::Function`, "
	"`AWS::Serverless::Function`, `Globals.Function.Layers`) is a layer *version* ARN: "
	"`arn:aws:lambda:<region>:<account>:layer:<name>:<version>` (any partition). Values built "
	"by intrinsic functions (`!Ref` of a layer version, `!Sub`, parameters) are not judged; a "
	"plain string holding a `${...}` variable (an `Fn::Sub` left out) is reported.\n\n"
	"### Why it matters\n"
	"Lambda attaches a specific version of a layer; a layer ARN without the version, a "
	"function ARN or a layer name fails the deployment (\"Layer version arn:... does not "
	"exist\" or a validation error).\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      Role: !GetAtt Role.Arn\n"
	"      Code:\n"
	"        S3Bucket: my-bucket\n"
	"        S3Key: fn.zip\n"
	"      Layers:\n"
	"        - arn:aws:lambda:us-east-1:123456789012:layer:common\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      Role: !GetAtt Role.Arn\n"
	"      Code:\n"
	"        S3Bucket: my-bucket\n"
	"        S3Key: fn.zip\n"
	"      Layers:\n"
	"        - arn:aws:lambda:us-east-1:123456789012:layer:common:3\n"
	"```\n",
	.check = check,
};
