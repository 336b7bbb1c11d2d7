/* E3503: a certificate's ValidationDomain is its DomainName or a superdomain of it. */
#include "rules/sam/samrules.h"

static char lower(char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

static bool text(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && !sl_node_is_null(n) && n->len;
}

/* True when dom equals sup or ends in "." + sup (case-insensitive, a trailing
 * dot ignored on each). */
static bool below(const struct sl_node *dom, const struct sl_node *sup)
{
	size_t ld = dom->len, ls = sup->len;
	if (dom->str[ld - 1] == '.')
		ld--;
	if (sup->str[ls - 1] == '.')
		ls--;
	if (ls == 0 || ld < ls || (ld > ls && dom->str[ld - ls - 1] != '.'))
		return false;
	for (size_t i = 0; i < ls; i++)
		if (lower(dom->str[ld - ls + i]) != lower(sup->str[i]))
			return false;
	return true;
}

static void option(struct sl_ctx *c, const struct sl_node *o, void *ud)
{
	(void)ud;
	if (!sl_node_is(o, SL_MAP) || sl_node_intrinsic(o))
		return;
	const struct sl_node *dom = sl_map_get(o, "DomainName");
	const struct sl_node *vd = sl_map_get(o, "ValidationDomain");
	if (!text(dom) || !text(vd) || below(dom, vd))
		return;
	sl_report(c, vd, "ValidationDomain '%s' is neither DomainName '%s' nor a superdomain of it: "
		  "ACM sends the validation email to addresses at this domain, which must be the "
		  "domain being validated or one of its parents; use '%s' or a parent of it",
		  vd->str, dom->str, dom->str);
}

static void certificate(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props, void *ud)
{
	(void)e;
	const struct sl_node *opts = sl_map_get(props, "DomainValidationOptions");
	for (uint32_t i = 0; sl_node_is(opts, SL_SEQ) && i < opts->len; i++)
		sl_samr_each_value(opts->items[i], option, c, ud);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::CertificateManager::Certificate", certificate, NULL);
}

const struct sl_rule rule_E3503 = {
	.id = "E3503",
	.severity = SL_SEV_ERROR,
	.title = "A certificate's ValidationDomain is its DomainName or a superdomain of it",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
		  "aws-properties-certificatemanager-certificate-domainvalidationoption.html",
	.doc =
	"### What it checks\n"
	"In each `DomainValidationOptions` item of an `AWS::CertificateManager::Certificate` "
	"(each branch of an `Fn::If`), a literal `ValidationDomain` is the literal `DomainName` "
	"or a superdomain of it: for `DomainName: www.example.com`, `example.com` and "
	"`www.example.com` are accepted, `example.org` is not. Names are compared without regard "
	"to case or a trailing dot; values made with intrinsic functions are not judged. The "
	"finding is on `ValidationDomain`.\n\n"
	"### Why it matters\n"
	"With email validation, ACM mails the approval request to administrative addresses at "
	"the validation domain. The CloudFormation reference says that domain must be the same "
	"as `DomainName` or a superdomain of it; any other value cannot prove control of the "
	"domain, and the certificate request fails.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      DomainName: www.example.com\n"
	"      ValidationMethod: EMAIL\n"
	"      DomainValidationOptions:\n"
	"        - DomainName: www.example.com\n"
	"          ValidationDomain: example.org\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      DomainName: www.example.com\n"
	"      ValidationMethod: EMAIL\n"
	"      DomainValidationOptions:\n"
	"        - DomainName: www.example.com\n"
	"          ValidationDomain: example.com\n"
	"```\n",
	.check = check,
};
