/* E1024: Fn::Cidr is [ipBlock, count, cidrBits] with numbers in range. */
#include "rules/functions/fn.h"

/* Checks a literal number argument against [lo, hi]; functions pass. */
static void check_num(struct sl_ctx *c, const struct sl_node *n, const char *what, long lo, long hi)
{
	if (sl_fn_is(n))
		return;
	long x;
	if (!sl_fn_int(n, &x)) {
		if (sl_node_is(n, SL_SCALAR))
			sl_report(c, n, "The %s of Fn::Cidr is a whole number from %ld to %ld, not '%s'",
				  what, lo, hi, n->str);
		else
			sl_report(c, n, "The %s of Fn::Cidr is a whole number from %ld to %ld, not %s",
				  what, lo, hi, sl_fn_kind(n));
		return;
	}
	if (x < lo || x > hi)
		sl_report(c, n, "The %s of Fn::Cidr is %ld; it must be from %ld to %ld", what, x, lo, hi);
}

static void visit(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
		  const struct sl_node *v)
{
	(void)fn;
	if (!sl_node_is(v, SL_SEQ)) {
		sl_report(c, v ? v : key, "Fn::Cidr takes a list [ipBlock, count, cidrBits], not %s",
			  sl_fn_kind(v));
		return;
	}
	if (v->len != 3) {
		sl_report(c, v, "Fn::Cidr takes exactly 3 items (ipBlock, count, cidrBits); this list "
			  "has %u", v->len);
		return;
	}
	const struct sl_node *ip = v->items[0];
	if (!sl_fn_is(ip)) {
		if (!sl_fn_is_string(ip) || !memchr(ip->str, '/', ip->len))
			sl_report(c, ip, "The ipBlock of Fn::Cidr is a CIDR block such as 10.0.0.0/16%s",
				  sl_node_is(ip, SL_SCALAR) ? "" : ", or a function returning one");
	}
	check_num(c, v->items[1], "count", 1, 256);
	check_num(c, v->items[2], "cidrBits", 1, 128);
}

static void check(struct sl_ctx *c)
{
	sl_fn_walk(c, "Fn::Cidr", visit);
}

const struct sl_rule rule_E1024 = {
	.id = "E1024",
	.severity = SL_SEV_ERROR,
	.title = "Fn::Cidr has an IP block, a count and a size",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-cidr.html",
	.doc =
	"### What it checks\n"
	"`Fn::Cidr` is a list of exactly three items: the IP block in CIDR notation (or a "
	"function returning it), the number of subnets to make (1 to 256) and the number of host "
	"bits of each subnet (1 to 128). Numbers given by a function are not judged.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects other shapes and values. Mistaking cidrBits for a prefix length "
	"(`24` where `8` was meant) is a common slip that this rule catches only when it is out "
	"of range.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  Subnets:\n"
	"    Value: !Join [',', !Cidr ['10.0.0.0/16', 0, 8]]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  Subnets:\n"
	"    Value: !Join [',', !Cidr ['10.0.0.0/16', 4, 8]]\n"
	"```\n",
	.check = check,
};
