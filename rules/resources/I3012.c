/* I3012: resource names are not close to the limit of 255 characters. */
#include <string.h>

#include "engine/engine.h"

#define MAX_NAME 255

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_node *k = t->resources.items[i].key;
		if (sl_foreach_key(k) || sl_str_eq(k, "Fn::Transform"))
			continue;
		/* above 90% of the quota; above the quota itself E3011 reports */
		if ((size_t)k->len * 10 > MAX_NAME * 9 && k->len <= MAX_NAME)
			sl_report(c, k, "resource name is %u characters long, close to CloudFormation's "
				  "limit of %d; a shorter logical ID leaves room for prefixes and "
				  "suffixes added later", (unsigned)k->len, MAX_NAME);
	}
}

const struct sl_rule rule_I3012 = {
	.id = "I3012",
	.severity = SL_SEV_INFO,
	.title = "Resource names are not close to the limit of 255 characters",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.doc =
	"### What it checks\n"
	"Each resource's logical ID is at most 229 characters long, 90% of the CloudFormation "
	"quota of 255 characters for a resource name (above 255, E3011 reports instead).\n\n"
	"### Why it matters\n"
	"A name near the quota leaves no room to grow: a generator that adds a prefix or a hash, "
	"or a copy of the resource with a suffix, breaks the quota and the stack fails to "
	"create.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  ApiPermissionForTheInvalidResponseFunction...:  # 230 to 255 characters\n"
	"    Type: AWS::Lambda::Permission\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  InvalidResponseApiPermission:\n"
	"    Type: AWS::Lambda::Permission\n"
	"```\n",
	.check = check,
};
