/* W1053: "{{ resolve:...}}" with spaces is not a dynamic reference. */
#include "rules/functions/dynref.h"

static void check(struct sl_ctx *c)
{
	size_t n;
	const struct sl_dynref *refs = sl_dynrefs(c, &n);
	for (size_t i = 0; i < n; i++) {
		const struct sl_dynref *r = &refs[i];
		if (r->spaced)
			sl_dynref_report(c, r, "%s has white space after '{{': CloudFormation keeps it "
					 "as text instead of resolving it; write '{{resolve:' with "
					 "nothing between", sl_dynref_show(c, r));
	}
}

const struct sl_rule rule_W1053 = {
	.id = "W1053",
	.severity = SL_SEV_WARNING,
	.title = "Dynamic references have no spaces after '{{'",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html",
	.doc =
	"### What it checks\n"
	"Text of the form `{{ resolve:...}}`: white space between the opening braces and "
	"`resolve:`.\n\n"
	"### Why it matters\n"
	"A dynamic reference follows the pattern `{{resolve:service-name:reference-key}}` "
	"exactly. With a space it is not one: CloudFormation passes the text through as it "
	"is, and the resource gets the literal string `{{ resolve:ssm:... }}` where a value "
	"from Parameter Store or Secrets Manager was meant — a template-engine habit "
	"(Jinja, Handlebars) that fails silently.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      QueueName: '{{ resolve:ssm:/app/queue-name }}'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      QueueName: '{{resolve:ssm:/app/queue-name}}'\n"
	"```\n",
	.check = check,
};
