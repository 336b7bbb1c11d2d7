/* E3023: the values of a Route 53 record set have the format its record type takes.
 *
 * Each value of ResourceRecords, in an AWS::Route53::RecordSet or in a record
 * set of an AWS::Route53::RecordSetGroup, is read as the Route 53 API reads a
 * ResourceRecord Value of that Type: the Developer Guide's "Supported DNS record
 * types" (ResourceRecordTypes.html) for each format, its "DNS domain name format"
 * (DomainNameFormat.html) for names, and the API reference's ResourceRecord
 * (at most 4,000 characters; one value only for CNAME and SOA). Values written
 * with a function other than Fn::If, dynamic references, and a Type that is not
 * a literal are left alone; an Fn::If is judged only when both of its branches
 * are literal. */
#include <arpa/inet.h>
#include <string.h>

#include "rules/route53/route53.h"

#define VALUE_MAX 4000  /* characters in one ResourceRecord Value */
#define STRING_MAX 255  /* characters in one TXT string */
#define NAME_MAX_ 255   /* bytes in a domain name, dots included */
#define LABEL_MAX 63    /* bytes in one label */
#define IF_DEPTH 8      /* nested Fn::If followed */

enum rtype { T_OTHER, T_A, T_AAAA, T_CAA, T_CNAME, T_MX, T_NS, T_PTR, T_SPF, T_SRV, T_TXT };

static const struct {
	const char *name;
	enum rtype t;
} types[] = {
	{ "A", T_A }, { "AAAA", T_AAAA }, { "CAA", T_CAA }, { "CNAME", T_CNAME }, { "MX", T_MX },
	{ "NS", T_NS }, { "PTR", T_PTR }, { "SPF", T_SPF }, { "SRV", T_SRV }, { "TXT", T_TXT },
};

/* True when n is known at lint time: no function in it other than Fn::If with
 * known branches and Ref AWS::NoValue. Looks one level into lists and maps
 * (what a record value or a record list holds). */
static bool known(const struct sl_node *n, int depth)
{
	const struct sl_node *a, *b;
	if (!n || depth > IF_DEPTH)
		return false;
	if (sl_node_is_novalue(n))
		return true;
	if (sl_node_if(n, &a, &b))
		return known(a, depth + 1) && known(b, depth + 1);
	if (sl_node_intrinsic(n))
		return false;
	if (n->kind == SL_SEQ)
		for (size_t i = 0; i < n->len; i++)
			if (!known(n->items[i], depth + 1))
				return false;
	return true;
}

/* "a" or "an" before a record type name as it is read aloud (an MX, a TXT). */
static const char *article(const char *type)
{
	return strchr("AEFHILMNORSX", type[0]) ? "an" : "a";
}

/* --- value formats ------------------------------------------------------------------ */

static bool is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static bool is_alnum(char ch)
{
	return is_digit(ch) || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static bool has_letter(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))
			return true;
	return false;
}

/* An unsigned decimal number of 1..5 digits no greater than max. */
static bool number(const char *s, size_t len, unsigned max)
{
	if (len == 0 || len > 5)
		return false;
	unsigned v = 0;
	for (size_t i = 0; i < len; i++) {
		if (!is_digit(s[i]))
			return false;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	return v <= max;
}

/* Dotted decimal: four numbers of 1-3 digits, each 0-255. */
static bool ipv4(const char *s, size_t len)
{
	size_t i = 0;
	for (int part = 0; part < 4; part++) {
		size_t j = i;
		while (j < len && is_digit(s[j]))
			j++;
		if (j - i > 3 || !number(s + i, j - i, 255))
			return false;
		if (part < 3 && (j >= len || s[j] != '.'))
			return false;
		i = j + (part < 3);
	}
	return i == len;
}

/* Colon-separated hexadecimal, with '::' and a dotted IPv4 tail, as inet_pton
 * reads it. */
static bool ipv6(const char *s, size_t len)
{
	char buf[64];
	unsigned char out[16];
	if (len == 0 || len >= sizeof(buf) || memchr(s, '\0', len))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return inet_pton(AF_INET6, buf, out) == 1;
}

/* Why s is not a domain name Route 53 takes in a record ("DNS domain name
 * format": printable ASCII without spaces, labels of at most 63 bytes, at most
 * 255 bytes; \ddd and \X escapes count as one byte), or NULL when it is. */
static const char *domain_problem(const char *s, size_t len)
{
	if (len == 0)
		return "it is empty";
	size_t total = 0, label = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ' || ch == '\t')
			return "it contains a space";
		if (ch < 0x21 || ch > 0x7e)
			return "it contains a character other than printable ASCII (an internationalized "
			       "name is written in Punycode, xn--...)";
		if (ch == '.') {
			label = 0;
			total++;
			continue;
		}
		if (ch == '\\' && i + 3 < len && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
		    is_digit(s[i + 3]))
			i += 3;
		else if (ch == '\\' && i + 1 < len)
			i += 1;
		label++;
		total++;
		if (label > LABEL_MAX)
			return "a label is longer than 63 bytes";
	}
	if (total > NAME_MAX_)
		return "it is longer than 255 bytes";
	return NULL;
}

/* Splits s at runs of spaces into at most max fields; returns the count (max + 1
 * when there are more). */
static size_t fields(const char *s, size_t len, const char **f, size_t *fl, size_t max)
{
	size_t n = 0, i = 0;
	while (i < len) {
		while (i < len && s[i] == ' ')
			i++;
		if (i == len)
			break;
		size_t j = i;
		while (j < len && s[j] != ' ')
			j++;
		if (n == max)
			return max + 1;
		f[n] = s + i;
		fl[n] = j - i;
		n++;
		i = j;
	}
	return n;
}

/* --- one value ---------------------------------------------------------------------- */

/* The value as a message shows it: whole when short, else its start. */
static const char *shown(struct sl_ctx *c, const struct sl_node *v)
{
	if (v->len <= 60)
		return sl_arena_printf(c->arena, "'%s'", v->str);
	return sl_arena_printf(c->arena, "'%.50s...' (%u characters)", v->str, v->len);
}

static void check_txt(struct sl_ctx *c, const struct sl_node *v, const char *type)
{
	const char *s = v->str;
	size_t len = v->len, i = 0;
	while (i < len && s[i] == ' ')
		i++;
	if (i == len || s[i] != '"') {
		if (len <= 60 && !memchr(s, '"', len))
			sl_report(c, v, "%s record value %s is not enclosed in double quotation marks: "
				  "%s %s value is one or more strings, each in quotation marks; write "
				  "'\"%s\"'", type, shown(c, v), article(type), type, s);
		else
			sl_report(c, v, "%s record value %s is not enclosed in double quotation marks: "
				  "%s %s value is one or more strings of at most 255 characters, each in "
				  "quotation marks (\"first\" \"second\")", type, shown(c, v), article(type),
				  type);
		return;
	}
	while (i < len) {
		if (s[i] == ' ') {
			i++;
			continue;
		}
		if (s[i] != '"') {
			sl_report(c, v, "%s record value %s has text outside quotation marks at "
				  "character %zu: every string of %s %s value is enclosed in double quotation "
				  "marks (\"first\" \"second\"); a quotation mark inside a string is written "
				  "\\\"", type, shown(c, v), i + 1, article(type), type);
			return;
		}
		size_t start = i++, chars = 0;
		while (i < len && s[i] != '"') {
			if (s[i] == '\\' && i + 3 < len && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
			    is_digit(s[i + 3]))
				i += 4;
			else if (s[i] == '\\' && i + 1 < len)
				i += 2;
			else
				i++;
			chars++;
		}
		if (i == len) {
			sl_report(c, v, "%s record value %s has a string with no closing quotation mark "
				  "(opened at character %zu): end each string with a quotation mark", type, shown(c, v),
				  start + 1);
			return;
		}
		i++;
		if (chars > STRING_MAX) {
			sl_report(c, v, "%s record value %s has a string of %zu characters (from character "
				  "%zu): a string can hold at most %d, and Route 53 rejects the record; split "
				  "the text into several quoted strings in the same value (\"first 255\" "
				  "\"rest\")", type, shown(c, v), chars, start + 1, STRING_MAX);
			return;
		}
	}
}

static void check_caa(struct sl_ctx *c, const struct sl_node *v)
{
	const char *s = v->str;
	size_t len = v->len, i = 0;
	while (i < len && s[i] == ' ')
		i++;
	const char *f[2];
	size_t fl[2];
	size_t n = 0;
	for (; n < 2; n++) {
		size_t j = i;
		while (j < len && s[j] != ' ')
			j++;
		if (j == i)
			break;
		f[n] = s + i;
		fl[n] = j - i;
		i = j;
		while (i < len && s[i] == ' ')
			i++;
	}
	size_t vl = len - i;
	while (vl && s[i + vl - 1] == ' ')
		vl--;
	if (n < 2 || vl == 0) {
		sl_report(c, v, "CAA record value %s is not 'flags tag \"value\"': a CAA value is three "
			  "settings separated by spaces (0 issue \"amazon.com\")", shown(c, v));
		return;
	}
	if (!number(f[0], fl[0], 255))
		sl_report(c, v, "CAA record value %s has flags '%.*s': the flags setting is a number "
			  "from 0 to 255, usually 0 (0 issue \"amazon.com\")", shown(c, v), (int)fl[0], f[0]);
	for (size_t k = 0; k < fl[1]; k++)
		if (!is_alnum(f[1][k])) {
			sl_report(c, v, "CAA record value %s has tag '%.*s': a tag contains only the "
				  "characters A-Z, a-z and 0-9 (issue, issuewild, iodef)", shown(c, v),
				  (int)fl[1], f[1]);
			break;
		}
	if (vl < 2 || s[i] != '"' || s[i + vl - 1] != '"')
		sl_report(c, v, "CAA record value %s has a value not enclosed in quotation marks: "
			  "write it as %.*s %.*s \"%.*s\"", shown(c, v), (int)fl[0], f[0], (int)fl[1], f[1],
			  (int)vl, s + i);
}

static void check_mx(struct sl_ctx *c, const struct sl_node *v)
{
	const char *f[2];
	size_t fl[2];
	size_t n = fields(v->str, v->len, f, fl, 2);
	if (n == 1 && domain_problem(f[0], fl[0]) == NULL && !number(f[0], fl[0], 65535)) {
		sl_report(c, v, "MX record value %s has no priority: an MX value is 'priority "
			  "domain-name' (10 mail.example.com), the priority a number from 0 to 65535",
			  shown(c, v));
		return;
	}
	if (n != 2) {
		sl_report(c, v, "MX record value %s is not 'priority domain-name': an MX value is two "
			  "settings separated by a space (10 mail.example.com)", shown(c, v));
		return;
	}
	if (!number(f[0], fl[0], 65535))
		sl_report(c, v, "MX record value %s has priority '%.*s': the priority is a number from "
			  "0 to 65535 (10 mail.example.com)", shown(c, v), (int)fl[0], f[0]);
	const char *why = domain_problem(f[1], fl[1]);
	if (why)
		sl_report(c, v, "MX record value %s names mail server '%.*s', which is not a domain "
			  "name: %s", shown(c, v), (int)fl[1], f[1], why);
}

static void check_srv(struct sl_ctx *c, const struct sl_node *v)
{
	static const char *const what[] = { "priority", "weight", "port" };
	const char *f[4];
	size_t fl[4];
	if (fields(v->str, v->len, f, fl, 4) != 4) {
		sl_report(c, v, "SRV record value %s is not 'priority weight port domain-name': an SRV "
			  "value is four settings separated by spaces (1 10 5269 xmpp.example.com)",
			  shown(c, v));
		return;
	}
	for (int k = 0; k < 3; k++)
		if (!number(f[k], fl[k], 65535)) {
			sl_report(c, v, "SRV record value %s has %s '%.*s': priority, weight and port are "
				  "numbers from 0 to 65535 (1 10 5269 xmpp.example.com)", shown(c, v),
				  what[k], (int)fl[k], f[k]);
			return;
		}
	const char *why = domain_problem(f[3], fl[3]);
	if (why)
		sl_report(c, v, "SRV record value %s names target '%.*s', which is not a domain name: %s",
			  shown(c, v), (int)fl[3], f[3], why);
}

/* One value of a record of type t (a name as written for messages). */
static void check_value(struct sl_ctx *c, const struct sl_node *v, enum rtype t, const char *tname)
{
	if (!sl_node_is(v, SL_SCALAR) || sl_node_is_null(v) || strstr(v->str, "{{resolve:"))
		return;
	if (v->len > VALUE_MAX) {
		sl_report(c, v, "%s record value is %u characters long: Route 53 takes at most %d "
			  "characters in one value", tname, v->len, VALUE_MAX);
		return;
	}
	const char *why;
	switch (t) {
	case T_A:
		if (!ipv4(v->str, v->len))
			sl_report(c, v, "A record value %s is not an IPv4 address: an A record holds IPv4 "
				  "addresses in dotted decimal notation (192.0.2.1)%s", shown(c, v),
				  ipv6(v->str, v->len) ? "; an IPv6 address goes in an AAAA record"
				  : domain_problem(v->str, v->len) == NULL && has_letter(v->str, v->len)
				  ? "; to point a name at another name use a CNAME record or an alias "
				    "(AliasTarget)" : "");
		break;
	case T_AAAA:
		if (!ipv6(v->str, v->len))
			sl_report(c, v, "AAAA record value %s is not an IPv6 address: an AAAA record holds "
				  "IPv6 addresses in colon-separated hexadecimal (2001:db8:85a3::8a2e:370:7334)%s",
				  shown(c, v), ipv4(v->str, v->len) ? "; an IPv4 address goes in an A record"
				  : "");
		break;
	case T_CNAME:
	case T_NS:
	case T_PTR:
		why = domain_problem(v->str, v->len);
		if (why)
			sl_report(c, v, "%s record value %s is not a domain name: %s; %s %s value is one "
				  "domain name (www.example.com)", tname, shown(c, v), why, article(tname), tname);
		break;
	case T_MX:
		check_mx(c, v);
		break;
	case T_TXT:
	case T_SPF:
		check_txt(c, v, tname);
		break;
	case T_CAA:
		check_caa(c, v);
		break;
	case T_SRV:
		check_srv(c, v);
		break;
	case T_OTHER:
		break;
	}
}

/* A value of ResourceRecords, or a branch of an Fn::If in its place. */
static void check_item(struct sl_ctx *c, const struct sl_node *v, enum rtype t, const char *tname,
		       int depth)
{
	const struct sl_node *a, *b;
	if (depth <= IF_DEPTH && sl_node_if(v, &a, &b)) {
		if (known(v, 0)) {
			check_item(c, a, t, tname, depth + 1);
			check_item(c, b, t, tname, depth + 1);
		}
		return;
	}
	check_value(c, v, t, tname);
}

/* The ResourceRecords list (or an Fn::If branch in its place). */
static void check_list(struct sl_ctx *c, const struct sl_node *list, enum rtype t, const char *tname,
		       int depth)
{
	const struct sl_node *a, *b;
	if (depth <= IF_DEPTH && sl_node_if(list, &a, &b)) {
		if (known(list, 0)) {
			check_list(c, a, t, tname, depth + 1);
			check_list(c, b, t, tname, depth + 1);
		}
		return;
	}
	if (!sl_node_is(list, SL_SEQ))
		return;
	/* values certainly present: an Fn::If may give AWS::NoValue */
	size_t present = 0;
	for (size_t i = 0; i < list->len; i++) {
		const struct sl_node *x, *y;
		present += !sl_node_is_novalue(list->items[i]) && !sl_node_if(list->items[i], &x, &y);
	}
	if (t == T_CNAME && present > 1) {
		/* a literal list: at the key; an Fn::If branch: at the branch */
		const struct sl_node *at = depth == 0 ? sl_map_key_of(list) : list;
		sl_report(c, at ? at : list, "a CNAME record takes one value, and this one has %zu: Route "
			  "53 accepts several values for every record type except CNAME and SOA; keep one "
			  "target name, or use A/AAAA records (or an alias) to list several addresses",
			  present);
	}
	for (size_t i = 0; i < list->len; i++)
		check_item(c, list->items[i], t, tname, 0);
}

/* Lowercase compare of two domain names, a trailing dot ignored on each. */
static bool same_name(const struct sl_node *x, const struct sl_node *y)
{
	size_t lx = x->len, ly = y->len;
	if (lx && x->str[lx - 1] == '.')
		lx--;
	if (ly && y->str[ly - 1] == '.')
		ly--;
	if (lx != ly || lx == 0)
		return false;
	for (size_t i = 0; i < lx; i++) {
		char p = x->str[i], q = y->str[i];
		if (p >= 'A' && p <= 'Z')
			p = (char)(p - 'A' + 'a');
		if (q >= 'A' && q <= 'Z')
			q = (char)(q - 'A' + 'a');
		if (p != q)
			return false;
	}
	return true;
}

static bool plain(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && !sl_node_is_null(n);
}

/* One record set (the properties of a RecordSet, or an item of RecordSets);
 * zone: the HostedZoneName that applies, or NULL. */
static void check_record_set(struct sl_ctx *c, const struct sl_node *rs, const struct sl_node *zone)
{
	const struct sl_node *type = sl_map_get(rs, "Type");
	if (!plain(type))
		return;
	enum rtype t = T_OTHER;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (sl_str_eq(type, types[i].name))
			t = types[i].t;
	if (t == T_OTHER)
		return;
	const struct sl_node *name = sl_map_get(rs, "Name");
	if (t == T_CNAME && plain(zone) && plain(name) && same_name(name, zone))
		sl_report(c, name, "CNAME record '%s' is at the zone apex (hosted zone %s): DNS does not "
			  "allow a CNAME for the top node of a zone; use an alias record (AliasTarget) "
			  "or A/AAAA records for the apex", name->str, zone->str);
	const struct sl_node *rr = sl_map_get(rs, "ResourceRecords");
	if (rr)
		check_list(c, rr, t, type->str, 0);
}

static void check(struct sl_ctx *c)
{
	sl_r53_each_record_set(c, check_record_set);
}

const struct sl_rule rule_E3023 = {
	.id = "E3023",
	.severity = SL_SEV_ERROR,
	.title = "Route 53 record values have the format of their record type",
	.source = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/ResourceRecordTypes.html",
	.doc =
	"### What it checks\n"
	"Each literal value in `ResourceRecords` of an `AWS::Route53::RecordSet`, or of a record "
	"set in an `AWS::Route53::RecordSetGroup`, has the format Route 53 takes for the record's "
	"`Type`: an `A` value is an IPv4 address in dotted decimal notation, an `AAAA` value an IPv6 "
	"address; `CNAME`, `NS` and `PTR` values are domain names (printable ASCII without spaces, "
	"labels of at most 63 bytes, at most 255 bytes in all) and a `CNAME` has a single value, not "
	"at the zone apex; an `MX` value is `priority domain-name` (priority 0-65535); an `SRV` "
	"value is `priority weight port domain-name`; a `TXT` or `SPF` value is one or more strings "
	"in double quotation marks, each of at most 255 characters; a `CAA` value is "
	"`flags tag \"value\"` (flags a number, tag letters and digits, value quoted). No value "
	"is longer than 4,000 characters.\n"
	"\n"
	"Values written with a function (`Ref`, `Fn::GetAtt`, `Fn::Sub`, ...) and dynamic "
	"references are not judged; an `Fn::If` is judged branch by branch when both branches are "
	"literal. Alias records (`AliasTarget`) have no `ResourceRecords` to judge.\n"
	"\n"
	"### Why it matters\n"
	"Route 53 rejects the change batch (`InvalidChangeBatch`, for example `CharacterStringTooLong` "
	"for a TXT string over 255 characters), so the resource fails to create and the stack rolls "
	"back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"  Verification:\n"
	"    Type: AWS::Route53::RecordSet\n"
	"    Properties:\n"
	"      HostedZoneName: example.com.\n"
	"      Name: example.com.\n"
	"      Type: TXT\n"
	"      TTL: 300\n"
	"      ResourceRecords:\n"
	"        - v=spf1 include:amazonses.com -all\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"  Verification:\n"
	"    Type: AWS::Route53::RecordSet\n"
	"    Properties:\n"
	"      HostedZoneName: example.com.\n"
	"      Name: example.com.\n"
	"      Type: TXT\n"
	"      TTL: 300\n"
	"      ResourceRecords:\n"
	"        - '\"v=spf1 include:amazonses.com -all\"'\n"
	"```\n",
	.check = check,
};
