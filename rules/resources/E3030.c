/* E3030: values among the allowed values, where the specification lists them. */
#include "rules/schema.h"
#include "rules/lambda/runtimes.h"

#include <strings.h>

#include "util/buf.h"

static void on_hit(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	if (h->event != SL_SCHEMA_NOT_ALLOWED)
		return;
	const struct sl_spec_type *t = sl_spec_type(c->spec, h->type);
	struct sl_buf b = SL_BUF_INIT;
	uint32_t shown = t->n > 12 ? 12 : t->n;
	for (uint32_t i = 0; i < shown; i++)
		sl_buf_printf(&b, "%s'%s'", i ? ", " : "", sl_spec_allowed_value(c->spec, t, i));
	if (shown < t->n)
		sl_buf_printf(&b, ", ... (%u in all)", t->n);
	/* a case slip is the usual mistake: say so */
	const char *hint = "";
	for (uint32_t i = 0; i < t->n; i++)
		if (strcasecmp(sl_spec_allowed_value(c->spec, t, i), h->at->str) == 0)
			hint = sl_arena_printf(c->arena, " (values are case-sensitive: '%s')",
					       sl_spec_allowed_value(c->spec, t, i));
	sl_report(c, h->at, "'%s' is not an allowed value%s; allowed: %s", h->at->str, hint ? hint : "",
		  sl_buf_cstr(&b));
	sl_buf_free(&b);
}

static void check(struct sl_ctx *c)
{
	sl_schema_walk(c, on_hit);
	sl_runtime_check_unknown(c); /* Lambda runtimes: the spec lists none */
}

const struct sl_rule rule_E3030 = {
	.id = "E3030",
	.severity = SL_SEV_ERROR,
	.title = "Values are among the allowed values",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html",
	.doc =
	"### What it checks\n"
	"A literal string value is one of the values the resource specification allows for the "
	"property, where it lists them (for example `AWS::Amplify::App` `Platform`: `WEB`, "
	"`WEB_DYNAMIC`, `WEB_COMPUTE`). Values from intrinsic functions are not judged.\n\n"
	"### Why it matters\n"
	"The service rejects the value when the resource is created, and the stack rolls back; "
	"values are case-sensitive, which is the usual slip.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  App:\n"
	"    Type: AWS::Amplify::App\n"
	"    Properties:\n"
	"      Name: site\n"
	"      Platform: web\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  App:\n"
	"    Type: AWS::Amplify::App\n"
	"    Properties:\n"
	"      Name: site\n"
	"      Platform: WEB\n"
	"```\n",
	.check = check,
};
