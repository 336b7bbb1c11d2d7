/* E3011: resource names are alphanumeric and at most 255 characters. */
#include <string.h>

#include "engine/engine.h"

#define MAX_NAME 255

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_node *k = t->resources.items[i].key;
		if (sl_foreach_key(k))
			continue;
		if (sl_str_eq(k, "Fn::Transform"))
			continue; /* an AWS::Include point: the snippet's resources replace it */
		size_t j = 0;
		while (j < k->len && ((k->str[j] >= 'a' && k->str[j] <= 'z') ||
				      (k->str[j] >= 'A' && k->str[j] <= 'Z') ||
				      (k->str[j] >= '0' && k->str[j] <= '9')))
			j++;
		if (k->len == 0)
			sl_report(c, k, "a resource's name must not be empty");
		else if (j < k->len)
			sl_report(c, k, "resource name '%s' has the character '%.*s'; logical IDs are "
				  "alphanumeric (A-Z, a-z, 0-9)", k->str,
				  (int)sl_utf8_char_len(k->str + j, k->len - j), k->str + j);
		else if (k->len > MAX_NAME)
			sl_report(c, k, "resource name is %u characters long; CloudFormation allows at "
				  "most %d", (unsigned)k->len, MAX_NAME);
	}
}

const struct sl_rule rule_E3011 = {
	.id = "E3011",
	.severity = SL_SEV_ERROR,
	.title = "Resource names are alphanumeric and at most 255 characters",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html",
	.doc =
	"### What it checks\n"
	"Each resource's logical ID has only the characters A-Z, a-z and 0-9, and at most 255 of them.\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation rejects other logical IDs; `-` and `_` are the usual culprits, carried over from resource names in other tools.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  my-queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  MyQueue:\n"
	"    Type: AWS::SQS::Queue\n"
	"```\n",
	.check = check,
};
