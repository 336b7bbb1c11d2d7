/* E6004: output names are alphanumeric. */
#include "rules/outputs/outputs.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->outputs.n; i++) {
		const struct sl_entity *e = &t->outputs.items[i];
		if (sl_output_loop(e))
			continue;
		const struct sl_node *k = e->key;
		size_t j = 0;
		while (j < k->len && ((k->str[j] >= 'a' && k->str[j] <= 'z') ||
				      (k->str[j] >= 'A' && k->str[j] <= 'Z') ||
				      (k->str[j] >= '0' && k->str[j] <= '9')))
			j++;
		if (k->len == 0)
			sl_report(c, k, "an output's name must not be empty");
		else if (j < k->len)
			sl_report(c, k, "output name '%s' has the character '%.*s'; logical IDs are "
				  "alphanumeric (A-Z, a-z, 0-9)", k->str,
				  (int)sl_utf8_char_len(k->str + j, k->len - j), k->str + j);
	}
}

const struct sl_rule rule_E6004 = {
	.id = "E6004",
	.severity = SL_SEV_ERROR,
	.title = "Output names are alphanumeric",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html",
	.doc =
	"### What it checks\n"
	"Each output's logical ID has only the characters A-Z, a-z and 0-9.\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation rejects a template whose output names have other characters, such as `-` or `_`.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  queue-url:\n"
	"    Value: !Ref Queue\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  QueueUrl:\n"
	"    Value: !Ref Queue\n"
	"```\n",
	.check = check,
};
