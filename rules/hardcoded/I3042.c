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
 * cfn-lint's rule has options for the region and account fields, off by
 * default; stacklint's configuration has no rule options, so only the
 * partition is checked.
 */
#include <ctype.h>
#include <string.h>

#include "engine/engine.h"

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

/* When s[i..] starts an ARN ("arn:" not inside a longer word, then partition,
 * service and region fields each followed by ':'), stores the partition field's
 * range in *ps, *pe and returns true. */
static bool arn_at(const char *s, size_t n, size_t i, size_t *ps, size_t *pe)
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
	*ps = p0;
	*pe = p1;
	return true;
}

enum verdict { FINE, LITERAL, MISPLACED };

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
	size_t end = n->end.offset;
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

static void scan(struct sl_ctx *c, const struct sl_node *n)
{
	if (n->flags & SL_NODE_ALIAS || sl_scalar_type(n) != SL_TYPE_STRING || n->len < 10)
		return;
	const struct sl_doc *d = c->t->doc;
	size_t cur = n->start.offset;
	bool raw_ok = true; /* the value's ARNs are found in the source text in order */
	for (size_t i = 0; i + 4 <= n->len; i++) {
		size_t ps, pe;
		if (n->str[i] != 'a' || !arn_at(n->str, n->len, i, &ps, &pe))
			continue;
		const char *f = n->str + ps;
		size_t l = pe - ps;
		enum verdict v = judge(f, l);
		if (v == FINE)
			continue;
		size_t off = raw_ok ? raw_find(d, n, &cur, f, l) : SIZE_MAX;
		struct sl_position s = n->start, e = n->end;
		if (off != SIZE_MAX) {
			s = sl_doc_pos(d, off);
			e = sl_doc_pos(d, off + l);
		} else {
			raw_ok = false;
		}
		if (v == LITERAL)
			sl_report_span(c, n, s, e,
				       "ARN partition '%.*s' is hard-coded in this Fn::Sub string: write "
				       "arn:${AWS::Partition}:... so that the ARN is right in every partition "
				       "(aws-cn in the China Regions, aws-us-gov in AWS GovCloud (US))",
				       (int)l, f);
		else
			sl_report_span(c, n, s, e,
				       "'%.*s' stands where an ARN's partition goes "
				       "(arn:partition:service:region:account-id:resource): write "
				       "${AWS::Partition} there", (int)l, f);
		i = pe;
	}
}

/* Scans every string below a Fn::Sub in n. The loader caps nesting depth. */
static void walk(struct sl_ctx *c, const struct sl_node *n, bool in_sub)
{
	if (!n)
		return;
	switch (n->kind) {
	case SL_SCALAR:
		if (in_sub)
			scan(c, n);
		break;
	case SL_SEQ:
		for (size_t i = 0; i < n->len; i++)
			walk(c, n->items[i], in_sub);
		break;
	case SL_MAP:
		for (size_t i = 0; i < n->len; i++)
			walk(c, n->pairs[i].value, in_sub || sl_str_eq(n->pairs[i].key, "Fn::Sub"));
		break;
	}
}

static void check(struct sl_ctx *c)
{
	walk(c, sl_section(c->t, SL_SEC_RESOURCES), false);
	walk(c, sl_section(c->t, SL_SEC_GLOBALS), false);
	walk(c, sl_section(c->t, SL_SEC_OUTPUTS), false);
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
	"for the region and account fields (off by default there) have no equivalent: only the "
	"partition is checked.\n"
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
