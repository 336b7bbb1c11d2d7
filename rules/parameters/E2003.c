/* E2003: parameter names are alphanumeric (A-Z, a-z, 0-9). */
#include "rules/parameters/params.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->params.n; i++) {
		const struct sl_node *k = t->params.items[i].key;
		size_t j = 0;
		while (j < k->len && ((k->str[j] >= 'a' && k->str[j] <= 'z') ||
				      (k->str[j] >= 'A' && k->str[j] <= 'Z') ||
				      (k->str[j] >= '0' && k->str[j] <= '9')))
			j++;
		if (!k->len)
			sl_report(c, k, "a parameter name must not be empty");
		else if (j < k->len)
			sl_report(c, k, "parameter name '%s' must be alphanumeric (A-Z, a-z, 0-9): '%.*s' at "
				  "position %zu is not", k->str, (int)sl_utf8_char_len(k->str + j, k->len - j),
				  k->str + j, sl_utf8_chars(k->str, j) + 1);
	}
}

const struct sl_rule rule_E2003 = {
	.id = "E2003",
	.severity = SL_SEV_ERROR,
	.title = "Parameter names are alphanumeric",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
	.doc =
	"### What it checks\n"
	"Each parameter's logical ID contains only the letters A-Z and a-z and the digits 0-9.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects a template with a parameter named `db-password` or `Env_Name`; "
	"the error only shows at deploy time.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  db-password:\n"
	"    Type: String\n"
	"    NoEcho: true\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  DbPassword:\n"
	"    Type: String\n"
	"    NoEcho: true\n"
	"```\n",
	.check = check,
};
