/* E3013: the Aliases (alternate domain names) of a CloudFront distribution are
 * lowercase domain names, with a wildcard only as a whole first label. */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "rules/schema.h"

#define PAGE "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"

/* What is wrong with alias s (for the message), or NULL when nothing we judge. */
static const char *fault(const char *s, size_t len)
{
	bool upper = false, star = false, url = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		upper |= isupper(ch) != 0;
		star |= ch == '*' && !(i == 0 && len > 2 && s[1] == '.');
		url |= ch == '/' || ch == ':' || isspace(ch);
	}
	if (url)
		return "is not a domain name (a URL, a port or a space): give the bare host name, "
		       "such as www.example.com";
	if (star)
		return "puts the * wildcard where CloudFront does not take it: a wildcard alternate "
		       "domain name begins with '*.' and the * stands for a whole leftmost label "
		       "(*.example.com), not part of a label (*domain.example.com) nor a label in "
		       "the middle (sub.*.example.com)";
	if (len == 0 || s[0] == '.' || memmem(s, len, "..", 2))
		return "has an empty label (a leading dot or two dots in a row); a domain name's "
		       "labels are separated by single dots";
	if (upper)
		return "has uppercase letters; CloudFront requires alternate domain names to be "
		       "lowercase";
	return NULL;
}

static void alias(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *n)
{
	const struct sl_node *a, *b;
	if (sl_node_if(n, &a, &b)) {
		/* judged only when both branches are literal (or one removes the item) */
		bool la = sl_node_is(a, SL_SCALAR) || sl_node_is_novalue(a);
		bool lb = sl_node_is(b, SL_SCALAR) || sl_node_is_novalue(b);
		if (la && lb) {
			alias(c, e, a);
			alias(c, e, b);
		}
		return;
	}
	if (!n || n->kind != SL_SCALAR || sl_scalar_type(n) != SL_TYPE_STRING ||
	    memmem(n->str, n->len, "{{resolve:", 10))
		return; /* a function, a number (the schema's type check), a dynamic reference */
	const char *why = fault(n->str, n->len);
	if (why)
		sl_report(c, n, "alias '%s' of CloudFront distribution '%s' %s", n->str, e->key->str, why);
}

static void aliases(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *n)
{
	const struct sl_node *a, *b;
	if (sl_node_if(n, &a, &b)) {
		aliases(c, e, a);
		aliases(c, e, b);
		return;
	}
	for (size_t i = 0; sl_node_is(n, SL_SEQ) && i < n->len; i++)
		alias(c, e, n->items[i]);
}

static void check(struct sl_ctx *c)
{
	static const char *const path[] = { "Properties", "DistributionConfig", "Aliases", NULL };
	const struct sl_template *t = c->t;
	const uint32_t *idx;
	size_t n_idx = sl_template_of_type(t, "AWS::CloudFront::Distribution",
					   strlen("AWS::CloudFront::Distribution"), &idx);
	for (size_t i = 0; i < n_idx; i++) {
		const struct sl_entity *e = &t->resources.items[idx[i]];
		aliases(c, e, sl_map_path(e->value, path));
	}
}

const struct sl_rule rule_E3013 = {
	.id = "E3013",
	.severity = SL_SEV_ERROR,
	.title = "CloudFront aliases are valid alternate domain names",
	.source = PAGE "CNAMEs.html#alternate-domain-names-requirements",
	.doc =
	"### What it checks\n"
	"Each literal item of `DistributionConfig.Aliases` of an `AWS::CloudFront::Distribution` "
	"(the branches of an `Fn::If` when both are literal, or one is `AWS::NoValue`) is a bare domain name: no scheme, path, port or space; "
	"no empty label; a `*` wildcard only as the whole leftmost label (`*.example.com`); and "
	"lowercase. Values from parameters, other functions and dynamic references are not "
	"judged.\n\n"
	"### Why it matters\n"
	"CloudFront's requirements for alternate domain names say they must be lowercase, and "
	"that a wildcard alternate domain name must begin with `*.` and cannot replace part of "
	"a label or a label in the middle of the name. CloudFront rejects the distribution "
	"otherwise, and the stack rolls back when it is created or updated.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Distribution:\n"
	"    Type: AWS::CloudFront::Distribution\n"
	"    Properties:\n"
	"      DistributionConfig:\n"
	"        Aliases:\n"
	"          - https://www.example.com/\n"
	"          - '*cdn.example.com'\n"
	"          - Static.Example.com\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Distribution:\n"
	"    Type: AWS::CloudFront::Distribution\n"
	"    Properties:\n"
	"      DistributionConfig:\n"
	"        Aliases:\n"
	"          - www.example.com\n"
	"          - '*.cdn.example.com'\n"
	"          - static.example.com\n"
	"```\n",
	.check = check,
};
