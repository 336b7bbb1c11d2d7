/* I2003: each parameter's AllowedPattern compiles as a regular expression.
 * CloudFormation uses Java's dialect; we compile with PCRE2, which accepts the
 * same syntax except for Java's own \p{...} class names. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "rules/parameters/params.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->params.n; i++) {
		const struct sl_entity *e = &t->params.items[i];
		const struct sl_node *ap = sl_map_get(e->value, "AllowedPattern");
		if (!ap || ap->kind != SL_SCALAR || sl_scalar_type(ap) != SL_TYPE_STRING)
			continue;
		int err;
		PCRE2_SIZE off;
		pcre2_code *re = pcre2_compile((PCRE2_SPTR)ap->str, ap->len, 0, &err, &off, NULL);
		if (re) {
			pcre2_code_free(re);
			continue;
		}
		if (err == PCRE2_ERROR_NOMEMORY) {
			c->oom = true;
			return;
		}
		/* Java knows \p{Alpha}, \p{javaLowerCase}, \p{IsLatin}...; PCRE2 does not */
		if (strstr(ap->str, "\\p{") || strstr(ap->str, "\\P{"))
			continue;
		PCRE2_UCHAR msg[160];
		if (pcre2_get_error_message(err, msg, sizeof(msg)) < 0)
			msg[0] = '\0';
		sl_report(c, ap, "the AllowedPattern of parameter '%s' is not a valid regular expression: "
			  "%s at offset %zu", e->key->str, (const char *)msg, (size_t)off);
	}
}

const struct sl_rule rule_I2003 = {
	.id = "I2003",
	.severity = SL_SEV_INFO,
	.title = "Parameter AllowedPattern is a valid regular expression",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#parameters-section-structure-properties-allowedpattern",
	.doc =
	"### What it checks\n"
	"Each parameter's `AllowedPattern` compiles as a regular expression. CloudFormation "
	"evaluates patterns with Java's `java.util.regex`; stacklint compiles them with PCRE2, "
	"whose syntax is the same for everything templates use in practice (classes, groups, "
	"quantifiers, anchors, `\\d`, `\\w`, `\\s`, `\\Q…\\E`, possessive and lazy quantifiers). "
	"Where the dialects differ the rule stays quiet: Java's own `\\p{…}` names such as "
	"`\\p{Alpha}` or `\\p{javaLowerCase}` are not reported, and Java's class intersection "
	"`[a-z&&[^e]]` compiles in PCRE2 with another meaning, so it is not reported either. The "
	"message quotes PCRE2's error and its offset in the pattern.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects a template whose pattern does not compile, and an unbalanced "
	"bracket or parenthesis is easy to miss in a long pattern.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Cidr:\n"
	"    Type: String\n"
	"    AllowedPattern: '(\\d{1,3}\\.){3}\\d{1,3}/(\\d{1,2}'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Cidr:\n"
	"    Type: String\n"
	"    AllowedPattern: '(\\d{1,3}\\.){3}\\d{1,3}/(\\d{1,2})'\n"
	"```\n",
	.check = check,
};
