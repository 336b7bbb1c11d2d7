/*
 * I3042: an ARN written in a Fn::Sub string names its partition with
 * ${AWS::Partition}, not a hard-coded "aws".
 *
 * Every string below a Fn::Sub (the text and the values of its variable map)
 * of Resources, Globals and Outputs is scanned for ARNs: "arn:" then at least
 * partition, service and region fields, each ended by ':' (a ${...} is taken
 * whole inside a field). The partition field is reported when it is literal
 * text ("aws", "aws-cn", "aws-us-gov": every partition's name starts with
 * "aws") or a pseudo parameter other than AWS::Partition (${AWS::Region} put
 * where the partition goes). Left alone: ${AWS::Partition}, a ${Name} (a
 * parameter, a variable or an attribute whose value cannot be known), fields
 * that mix literal text and ${...}, wildcards, and strings outside Fn::Sub
 * (cfn-lint's scope: a fully literal ARN names one resource of one account
 * anyway, and in a Fn::Sub the fix is a drop-in). Unlike cfn-lint, SAM
 * templates are checked: SAM's transform copies these strings unchanged, so
 * they break in another partition just the same.
 *
 * cfn-lint's options (-x I3042:region=true, ...; docs/configure-rules.md)
 * are followed: partition (on by default), region and accountId (off): the
 * region field then must be ${AWS::Region} (or a ${Name}), the account field
 * ${AWS::AccountId}, a ${Name}, or start with "aws" or "lambda" (AWS managed
 * policies, authorizer URIs) or be "cloudfront", as cfn-lint accepts.
 */
#include <ctype.h>
#include <string.h>

#include "engine/engine.h"
#include "engine/ruleopt.h"

/* Longest ${...} taken inside a field: a variable names a parameter, a
 * resource (logical IDs have at most 255 characters) and an attribute. The
 * bound keeps the scan linear on a line of unclosed "${". */
#define MAX_VAR 512

/* The end of the ARN field that starts at s[i]: the first ':' or white space,
 * a ${...} counted whole. SIZE_MAX when a ${ is not closed on its line (or
 * within MAX_VAR characters). */
static size_t field_end(const char *s, size_t i, size_t n)
{
	while (i < n) {
		if (s[i] == '$' && i + 1 < n && s[i + 1] == '{') {
			size_t j = i + 2, lim = n - j > MAX_VAR ? j + MAX_VAR : n;
			while (j < lim && s[j] != '}' && s[j] != '\n' && s[j] != '\r')
				j++;
			if (j >= lim || s[j] != '}')
				return SIZE_MAX;
			i = j + 1;
			continue;
		}
		if (s[i] == ':' || isspace((unsigned char)s[i]))
			break;
		i++;
	}
	return i;
}

/* The ranges of an ARN's partition, region and account fields in the string. */
struct arn {
	size_t ps, pe, rs, re, as, ae;
};

/* When s[i..] starts an ARN ("arn:" not inside a longer word, then partition,
 * service and region fields each followed by ':'), stores the partition's and
 * the region's ranges, and the account's (empty when its ${ is not closed),
 * and returns true. */
static bool arn_at(const char *s, size_t n, size_t i, struct arn *a)
{
	if (n - i < 4 || memcmp(s + i, "arn:", 4) != 0)
		return false;
	if (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_' || s[i - 1] == '-'))
		return false;
	size_t p0 = i + 4, p1 = field_end(s, p0, n);
	if (p1 >= n || s[p1] != ':')
		return false;
	size_t p2 = field_end(s, p1 + 1, n);
	if (p2 >= n || s[p2] != ':' || p2 == p1 + 1)
		return false;
	size_t p3 = field_end(s, p2 + 1, n);
	if (p3 >= n || s[p3] != ':')
		return false;
	size_t p4 = field_end(s, p3 + 1, n);
	*a = (struct arn){ p0, p1, p2 + 1, p3, p3 + 1, p4 == SIZE_MAX ? p3 + 1 : p4 };
	return true;
}

enum verdict { FINE, LITERAL, MISPLACED };

/* The region and account fields (the options region and accountId, as
 * cfn-lint's): fine when empty, a wildcard, `pseudo` itself, one ${Name}, or
 * text mixed with variables; a literal value is hard-coded, another pseudo
 * parameter misplaced. `allowed` are literal prefixes cfn-lint accepts (an
 * account field of "aws": AWS managed policies; "lambda": authorizer URIs). */
static enum verdict judge_field(const char *f, size_t l, const char *pseudo, const char *const *allowed)
{
	if (!l || memchr(f, '*', l) || memchr(f, '?', l))
		return FINE;
	if (!memchr(f, '$', l)) {
		for (const char *const *p = allowed; p && *p; p++)
			if (l >= strlen(*p) && memcmp(f, *p, strlen(*p)) == 0)
				return FINE;
		return LITERAL;
	}
	if (l < 4 || f[0] != '$' || f[1] != '{' || f[l - 1] != '}' || memchr(f + 2, '}', l - 3) || f[2] == '!')
		return FINE;
	if (l == strlen(pseudo) && memcmp(f, pseudo, l) == 0)
		return FINE;
	for (size_t k = 2; k + 1 < l - 1; k++)
		if (f[k] == ':' && f[k + 1] == ':')
			return MISPLACED;
	return FINE;
}

static enum verdict judge(const char *f, size_t l)
{
	if (!l || memchr(f, '*', l) || memchr(f, '?', l))
		return FINE;
	if (!memchr(f, '$', l))
		return l >= 3 && memcmp(f, "aws", 3) == 0 ? LITERAL : FINE;
	/* exactly one ${...}: anything else mixes text and variables */
	if (l < 4 || f[0] != '$' || f[1] != '{' || f[l - 1] != '}' || memchr(f + 2, '}', l - 3) ||
	    f[2] == '!')
		return FINE;
	static const char part[] = "${AWS::Partition}";
	if (l == sizeof(part) - 1 && memcmp(f, part, l) == 0)
		return FINE;
	for (size_t k = 2; k + 1 < l - 1; k++)
		if (f[k] == ':' && f[k + 1] == ':')
			return MISPLACED;
	return FINE;
}

/* The source offset of "arn:<field>:" at or after *cur in the node's raw text,
 * or SIZE_MAX. Advances *cur past it. */
static size_t raw_find(const struct sl_doc *d, const struct sl_node *n, size_t *cur, const char *f,
		       size_t l)
{
	size_t end = n->end;
	if (end > d->len || *cur >= end)
		return SIZE_MAX;
	for (size_t i = *cur; i + 4 + l + 1 <= end; i++) {
		if (memcmp(d->src + i, "arn:", 4) == 0 && memcmp(d->src + i + 4, f, l) == 0 &&
		    d->src[i + 4 + l] == ':') {
			*cur = i + 4 + l;
			return i + 4;
		}
	}
	return SIZE_MAX;
}

/* The options, read once per check. */
struct opts {
	bool partition, region, account;
};

/* Reports field f (l bytes at s[fs]) of an ARN whose partition starts at
 * s[ps]; `base` is the source offset of the partition field (SIZE_MAX when the
 * value's text is not found in the source: the whole value is the span). */
static void report_field(struct sl_ctx *c, const struct sl_node *n, size_t base, size_t ps, size_t fs, size_t l,
			 enum verdict v, const char *what, const char *pseudo)
{
	const struct sl_doc *d = c->t->doc;
	const char *f = n->str + fs;
	size_t a = n->start, b = n->end;
	size_t off = base == SIZE_MAX ? SIZE_MAX : base + (fs - ps);
	if (off != SIZE_MAX && off + l <= d->len && memcmp(d->src + off, f, l) == 0) {
		a = off;
		b = off + l;
	}
	struct sl_position s = sl_doc_pos(d, a), e = sl_doc_pos(d, b);
	if (v == LITERAL)
		sl_report_span(c, n, s, e, "ARN %s '%.*s' is hard-coded in this Fn::Sub string: write %s so "
			       "that the template deploys anywhere", what, (int)l, f, pseudo);
	else
		sl_report_span(c, n, s, e, "'%.*s' stands where an ARN's %s goes "
			       "(arn:partition:service:region:account-id:resource): write %s there", (int)l, f,
			       what, pseudo);
}

static void scan(struct sl_ctx *c, const struct sl_node *n, const struct opts *o)
{
	static const char *const account_ok[] = { "aws", "lambda", "cloudfront", NULL };
	if (n->flags & SL_NODE_ALIAS || sl_scalar_type(n) != SL_TYPE_STRING || n->len < 10)
		return;
	const struct sl_doc *d = c->t->doc;
	size_t cur = n->start;
	bool raw_ok = true; /* the value's ARNs are found in the source text in order */
	for (size_t i = 0; i + 4 <= n->len; i++) {
		struct arn a;
		if (n->str[i] != 'a' || !arn_at(n->str, n->len, i, &a))
			continue;
		const char *f = n->str + a.ps;
		size_t l = a.pe - a.ps;
		enum verdict vp = o->partition ? judge(f, l) : FINE;
		enum verdict vr = o->region ? judge_field(n->str + a.rs, a.re - a.rs, "${AWS::Region}", NULL) : FINE;
		enum verdict va = o->account ? judge_field(n->str + a.as, a.ae - a.as, "${AWS::AccountId}", account_ok)
					     : FINE;
		if (vp == FINE && vr == FINE && va == FINE)
			continue;
		size_t off = raw_ok ? raw_find(d, n, &cur, f, l) : SIZE_MAX;
		if (off == SIZE_MAX)
			raw_ok = false;
		if (vp == LITERAL) {
			size_t from = n->start, to = n->end;
			if (off != SIZE_MAX) {
				from = off;
				to = off + l;
			}
			struct sl_position s = sl_doc_pos(d, from), e = sl_doc_pos(d, to);
			sl_report_span(c, n, s, e,
				       "ARN partition '%.*s' is hard-coded in this Fn::Sub string: write "
				       "arn:${AWS::Partition}:... so that the ARN is right in every partition "
				       "(aws-cn in the China Regions, aws-us-gov in AWS GovCloud (US))",
				       (int)l, f);
		} else if (vp == MISPLACED) {
			report_field(c, n, off, a.ps, a.ps, l, vp, "partition", "${AWS::Partition}");
		}
		if (vr != FINE)
			report_field(c, n, off, a.ps, a.rs, a.re - a.rs, vr, "region", "${AWS::Region}");
		if (va != FINE)
			report_field(c, n, off, a.ps, a.as, a.ae - a.as, va, "account", "${AWS::AccountId}");
		i = a.pe;
	}
}

/* Scans every string below a Fn::Sub in n. The loader caps nesting depth. */
static void walk(struct sl_ctx *c, const struct sl_node *n, bool in_sub, const struct opts *o)
{
	if (!n)
		return;
	switch (n->kind) {
	case SL_SCALAR:
		if (in_sub)
			scan(c, n, o);
		break;
	case SL_SEQ:
		for (size_t i = 0; i < n->len; i++)
			walk(c, n->items[i], in_sub, o);
		break;
	case SL_MAP:
		for (size_t i = 0; i < n->len; i++)
			walk(c, n->pairs[i].value, in_sub || sl_str_eq(n->pairs[i].key, "Fn::Sub"), o);
		break;
	}
}

static void check(struct sl_ctx *c)
{
	/* cfn-lint's options: partition (on by default), region and accountId */
	struct opts o = { sl_rule_opt_bool(c, "partition"), sl_rule_opt_bool(c, "region"),
			  sl_rule_opt_bool(c, "accountId") };
	if (!o.partition && !o.region && !o.account)
		return;
	walk(c, sl_section(c->t, SL_SEC_RESOURCES), false, &o);
	walk(c, sl_section(c->t, SL_SEC_GLOBALS), false, &o);
	walk(c, sl_section(c->t, SL_SEC_OUTPUTS), false, &o);
}

const struct sl_rule rule_I3042 = {
	.id = "I3042",
	.severity = SL_SEV_INFO,
	.title = "ARNs in Fn::Sub strings use ${AWS::Partition}, not a hard-coded partition",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html",
	.doc =
	"### What it checks\n"
	"An ARN inside a `Fn::Sub` string (in Resources, SAM Globals or Outputs) whose partition "
	"field is written out (`arn:aws:...`) or holds another pseudo parameter "
	"(`arn:${AWS::Region}:...`) instead of `${AWS::Partition}`. The finding is the partition "
	"field itself. A `${Name}` there (a parameter or variable), wildcards, and strings outside "
	"`Fn::Sub` are left alone. Templates with the SAM transform are checked too (cfn-lint "
	"skips them): the transform passes these strings through as written. cfn-lint's options "
	"`region` and `accountId` (off by default; `-x I3042:region=true`) check the region and "
	"account fields the same way (`${AWS::Region}`, `${AWS::AccountId}`), and `partition=false` "
	"turns the partition check off.\n"
	"\n"
	"### Why it matters\n"
	"An ARN's partition is the group of Regions the resource lives in: `aws` in the AWS "
	"Regions, `aws-cn` in the China Regions, `aws-us-gov` in AWS GovCloud (US). A template "
	"with `arn:aws:` names resources, managed policies and service integrations that do not "
	"exist when it is deployed in another partition; `${AWS::Partition}` gives the partition "
	"the stack is in, so the same template works everywhere.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      ManagedPolicyArns:\n"
	"        - !Sub arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\n"
	"      Policies:\n"
	"        - PolicyName: read\n"
	"          PolicyDocument:\n"
	"            Statement:\n"
	"              - Effect: Allow\n"
	"                Action: s3:GetObject\n"
	"                Resource: !Sub arn:aws:s3:::${Bucket}/*\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      ManagedPolicyArns:\n"
	"        - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\n"
	"      Policies:\n"
	"        - PolicyName: read\n"
	"          PolicyDocument:\n"
	"            Statement:\n"
	"              - Effect: Allow\n"
	"                Action: s3:GetObject\n"
	"                Resource: !Sub arn:${AWS::Partition}:s3:::${Bucket}/*\n"
	"```\n",
	.check = check,
};
