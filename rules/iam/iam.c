/*
 * The IAM rules' shared parts (iam.h): the memoised model, the policy grammar
 * check run per kind of document, ARN shapes and action globs.
 *
 * The grammar is the IAM JSON policy language as AWS documents it
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html):
 * a document has Version, Id and Statement; a statement Sid, Effect (Allow or
 * Deny), one of Action/NotAction, one of Resource/NotResource (identity and
 * resource-based policies), one of Principal/NotPrincipal (resource-based and
 * trust policies; never in an identity policy), and Condition, a map of
 * condition operators.
 */
#include "rules/iam/iam.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static void release(void *p)
{
	sl_iam_free(p);
	free(p);
}

const struct sl_iam *iam_model(struct sl_ctx *c)
{
	static const char key = 0;
	static const struct sl_iam empty;
	struct sl_iam *m = sl_memo_get(c, &key);
	if (m)
		return m;
	m = calloc(1, sizeof(*m));
	if (!m || sl_iam_build(m, c->t) < 0) {
		free(m);
		c->oom = true;
		return &empty;
	}
	if (!sl_memo_put(c, &key, m, release))
		return &empty; /* m was released */
	return m;
}

bool iam_glob(const char *p, size_t pl, const char *s, size_t sl)
{
	/* the literal tail after the last '*' must end s: a cheap first filter
	 * (most names fail it), and what is left to match shrinks by it */
	size_t tail = 0;
	while (tail < pl && p[pl - 1 - tail] != '*')
		tail++;
	if (tail < pl) {
		if (tail > sl)
			return false;
		for (size_t k = 0; k < tail; k++) {
			char a = p[pl - tail + k], b = s[sl - tail + k];
			if (a != '?' && tolower((unsigned char)a) != tolower((unsigned char)b))
				return false;
		}
		pl -= tail;
		sl -= tail;
	}
	size_t i = 0, j = 0, star = (size_t)-1, mark = 0;
	while (j < sl) {
		if (i < pl && (p[i] == '?' ||
			       tolower((unsigned char)p[i]) == tolower((unsigned char)s[j]))) {
			i++;
			j++;
		} else if (i < pl && p[i] == '*') {
			star = i++;
			mark = j;
		} else if (star != (size_t)-1) {
			i = star + 1;
			j = ++mark;
		} else {
			return false;
		}
	}
	while (i < pl && p[i] == '*')
		i++;
	return i == pl;
}

bool iam_arn_shape(const char *s, size_t len, bool star_partition, bool bare_star)
{
	if (len == 1 && s[0] == '*')
		return bare_star;
	if (len < 4 || memcmp(s, "arn:", 4) != 0)
		return false;
	const char *p = s + 4, *end = s + len;
	/* partition */
	const char *q = memchr(p, ':', (size_t)(end - p));
	if (!q)
		return false;
	if (star_partition && q - p == 1 && *p == '*') {
		/* arn:*: */
	} else {
		if (q - p < 3 || memcmp(p, "aws", 3) != 0)
			return false;
		for (const char *x = p + 3; x < q; x++)
			if (!isalpha((unsigned char)*x) && *x != '-')
				return false;
	}
	/* service: at least one character */
	p = q + 1;
	q = memchr(p, ':', (size_t)(end - p));
	if (!q || q == p)
		return false;
	/* region */
	p = q + 1;
	q = memchr(p, ':', (size_t)(end - p));
	if (!q)
		return true; /* arn:aws:svc:region */
	/* account */
	p = q + 1;
	q = memchr(p, ':', (size_t)(end - p));
	if (!q)
		return false;
	size_t al = (size_t)(q - p);
	bool account = al == 0 || (al == 1 && *p == '*') || (al == 3 && memcmp(p, "aws", 3) == 0);
	if (al == 12) {
		account = true;
		for (size_t i = 0; i < 12; i++)
			account &= isdigit((unsigned char)p[i]) != 0;
	}
	return account && q + 1 < end;
}

/* ---- the grammar ------------------------------------------------------- */

static const char *const doc_keys[] = { "Version", "Id", "Statement" };

static const char *const stmt_keys[] = {
	"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition",
	"Principal", "NotPrincipal",
};

static const char *const kind_name[] = {
	[SL_IAM_IDENTITY] = "an identity-based policy",
	[SL_IAM_TRUST] = "a role trust policy",
	[SL_IAM_RESOURCE] = "a resource-based policy",
	[SL_IAM_ECR] = "an ECR repository policy",
	[SL_IAM_OTHER] = "a resource-based policy",
};

static const char *const cond_ops[] = {
	"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
	"StringLike", "StringNotLike", "NumericEquals", "NumericNotEquals", "NumericLessThan",
	"NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals",
	"DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
	"DateGreaterThanEquals", "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals",
	"ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static bool ieq(const char *a, size_t al, const char *b)
{
	size_t bl = strlen(b);
	if (al != bl)
		return false;
	for (size_t i = 0; i < al; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return false;
	return true;
}

static bool istarts(const char *a, size_t al, const char *b)
{
	size_t bl = strlen(b);
	return al >= bl && ieq(a, bl, b);
}

/* A condition operator: [ForAnyValue:|ForAllValues:]Base[IfExists]. */
static bool cond_op_ok(const char *s, size_t len)
{
	if (istarts(s, len, "ForAnyValue:"))
		s += 12, len -= 12;
	else if (istarts(s, len, "ForAllValues:"))
		s += 13, len -= 13;
	if (len > 8 && ieq(s + len - 8, 8, "IfExists"))
		len -= 8;
	for (size_t i = 0; i < N(cond_ops); i++)
		if (ieq(s, len, cond_ops[i]))
			return true;
	return false;
}

/* True for a literal string scalar (not a YAML number, bool or null). */
static bool literal(const struct sl_node *v)
{
	return sl_node_is(v, SL_SCALAR) && sl_scalar_type(v) == SL_TYPE_STRING;
}

static bool is_function(const struct sl_node *v)
{
	return sl_node_intrinsic(v) != NULL;
}

static void check_doc_keys(struct sl_ctx *c, const struct sl_iam_doc *d)
{
	const struct sl_node *n = d->node;
	for (uint32_t i = 0; i < n->len; i++) {
		const struct sl_node *k = n->pairs[i].key;
		bool ok = false;
		for (size_t j = 0; j < N(doc_keys); j++)
			ok |= sl_str_eq(k, doc_keys[j]);
		if (ok)
			continue;
		const char *s = sl_suggest(k->str, k->len, doc_keys, N(doc_keys));
		sl_report(c, k,
			  "'%s' is not an element of an IAM policy document: %s takes Version, "
			  "Id and Statement%s%s%s",
			  k->str, kind_name[d->kind], s ? " (did you mean '" : "", s ? s : "",
			  s ? "'?)" : "");
	}
	const struct sl_node *v = d->version;
	if (literal(v) && !sl_str_eq(v, "2012-10-17") && !sl_str_eq(v, "2008-10-17"))
		sl_report(c, v,
			  "policy Version '%s' is not a version of the IAM policy language: use "
			  "'2012-10-17'",
			  v->str);
	if (!d->statement) {
		sl_report(c, n,
			  "%s needs a Statement, and this document has none: add one with at least one statement",
			  kind_name[d->kind]);
		return;
	}
	const struct sl_node *st = d->statement;
	if (is_function(st))
		return;
	if (st->kind == SL_SCALAR) {
		sl_report(c, st,
			  "Statement must be a statement (a map) or a list of statements, not a "
			  "string");
		return;
	}
	if (st->kind == SL_SEQ)
		for (uint32_t i = 0; i < st->len; i++)
			if (sl_node_is(st->items[i], SL_SCALAR) && !sl_node_is_null(st->items[i]))
				sl_report(c, st->items[i],
					  "a statement must be a map of Effect, Action, Resource, ..., "
					  "not a string");
}

/* Reports the one of two exclusive elements missing or doubled. */
static void xor_pair(struct sl_ctx *c, const struct sl_iam_stmt *s, const struct sl_node *a,
		     const struct sl_node *b, const char *an, const char *bn, const char *kind)
{
	if (a && b)
		sl_report(c, sl_map_key_of(b) ? sl_map_key_of(b) : s->node,
			  "this statement has both %s and %s: a statement takes exactly one of "
			  "them; remove %s or %s",
			  an, bn, an, bn);
	else if (!a && !b)
		sl_report(c, s->node,
			  "this statement of %s has neither %s nor %s: add %s (or %s)", kind, an,
			  bn, an, bn);
}

struct principal_ud {
	struct sl_ctx *c;
};

static bool principal_arn(const char *s, size_t len)
{
	if (len == 1 && s[0] == '*')
		return true;
	if (len == 12) {
		bool digits = true;
		for (size_t i = 0; i < 12; i++)
			digits &= isdigit((unsigned char)s[i]) != 0;
		if (digits)
			return true;
	}
	/* arn:PARTITION: with a partition aws, aws-cn, aws-us-gov, aws-iso, ... */
	if (len < 8 || memcmp(s, "arn:aws", 7) != 0)
		return false;
	const char *p = s + 7, *end = s + len;
	while (p < end && (islower((unsigned char)*p) || *p == '-'))
		p++;
	if (p == end || *p != ':')
		return false;
	p++;
	size_t rest = (size_t)(end - p);
	if (rest > 21 && memcmp(p, "iam::cloudfront:user/", 21) == 0)
		return true;
	const char *svc = NULL;
	if (rest >= 5 && memcmp(p, "iam::", 5) == 0)
		svc = "iam";
	else if (rest >= 5 && memcmp(p, "sts::", 5) == 0)
		svc = "sts";
	if (!svc)
		return false;
	p += 5;
	rest -= 5;
	if (rest < 13 || p[12] != ':')
		return false;
	for (size_t i = 0; i < 12; i++)
		if (!isdigit((unsigned char)p[i]))
			return false;
	p += 13;
	rest -= 13;
	if (svc[0] == 's')
		return (rest >= 12 && memcmp(p, "assumed-role", 12) == 0) ||
		       (rest >= 14 && memcmp(p, "federated-user", 14) == 0);
	static const char *const kinds[] = { "root", "user", "group", "role" };
	for (size_t i = 0; i < N(kinds); i++)
		if (rest >= strlen(kinds[i]) && memcmp(p, kinds[i], strlen(kinds[i])) == 0)
			return true;
	return false;
}

static void aws_principal(void *ud, const struct sl_node *v)
{
	struct principal_ud *u = ud;
	if (!literal(v))
		return;
	if (!principal_arn(v->str, v->len))
		sl_report(u->c, v,
			  "'%s' is not an AWS principal: use '*', a 12-digit account ID, or the "
			  "ARN of an account root, IAM user, group or role "
			  "(arn:aws:iam::123456789012:role/Name), an assumed-role or federated-user "
			  "session or a CloudFront origin access identity",
			  v->str);
}

static void check_principal(struct sl_ctx *c, const struct sl_node *p, const char *name)
{
	if (!p || is_function(p))
		return;
	if (p->kind == SL_SCALAR) {
		if (literal(p) && !sl_str_eq(p, "*"))
			sl_report(c, p,
				  "%s '%s' is neither '*' nor a map of principal types: write "
				  "{%s: '%s'}",
				  name, p->str, strstr(p->str, ".amazonaws.com") ? "Service" : "AWS",
				  p->str);
		return;
	}
	if (p->kind != SL_MAP)
		return;
	struct principal_ud u = { c };
	sl_iam_each_string(sl_map_get(p, "AWS"), aws_principal, &u);
}

static void check_condition(struct sl_ctx *c, const struct sl_node *cond)
{
	if (!sl_node_is(cond, SL_MAP) || is_function(cond))
		return;
	for (uint32_t i = 0; i < cond->len; i++) {
		const struct sl_node *k = cond->pairs[i].key;
		if (sl_foreach_key(k) || (k->len > 5 && memcmp(k->str, "Fn::", 4) == 0))
			continue;
		if (!cond_op_ok(k->str, k->len)) {
			const char *s = sl_suggest(k->str, k->len, cond_ops, N(cond_ops));
			sl_report(c, k,
				  "'%s' is not an IAM condition operator (StringEquals, StringLike, "
				  "ArnLike, Bool, NumericLessThan, IpAddress, Null, ..., with "
				  "ForAnyValue:/ForAllValues: before or IfExists after)%s%s%s",
				  k->str, s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
			continue;
		}
		const struct sl_node *v = cond->pairs[i].value;
		if (sl_node_is(v, SL_SCALAR) && !sl_node_is_null(v))
			sl_report(c, v,
				  "the value of condition operator '%s' must be a map of condition "
				  "keys to values, not '%s'",
				  k->str, v->str);
	}
}

static bool alnum(const struct sl_node *v)
{
	if (!v->len)
		return false;
	for (uint32_t i = 0; i < v->len; i++)
		if (!isalnum((unsigned char)v->str[i]))
			return false;
	return true;
}

struct sid {
	const struct sl_node *n;
};

static int sid_cmp(const void *a, const void *b)
{
	const struct sl_node *x = ((const struct sid *)a)->n, *y = ((const struct sid *)b)->n;
	size_t m = x->len < y->len ? x->len : y->len;
	int r = memcmp(x->str, y->str, m);
	if (r)
		return r;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Identity policies: Sids unique within the document. */
static void unique_sids(struct sl_ctx *c, const struct sl_iam *m, const struct sl_iam_doc *d)
{
	if (d->n < 2)
		return;
	struct sid *v = malloc(d->n * sizeof(*v));
	if (!v) {
		c->oom = true;
		return;
	}
	size_t n = 0;
	for (uint32_t i = 0; i < d->n; i++) {
		const struct sl_node *s = m->stmts[d->first + i].sid;
		if (literal(s))
			v[n++].n = s;
	}
	qsort(v, n, sizeof(*v), sid_cmp);
	for (size_t i = 1; i < n; i++)
		if (v[i].n->len == v[i - 1].n->len &&
		    memcmp(v[i].n->str, v[i - 1].n->str, v[i].n->len) == 0)
			sl_report(c, v[i].n,
				  "Sid '%s' is used by another statement of this policy (line %u): "
				  "IAM needs each Sid of a policy to be unique; rename one",
				  v[i].n->str, (unsigned)sl_line(c, v[i - 1].n));
	free(v);
}

static void check_stmt(struct sl_ctx *c, const struct sl_iam_stmt *s, enum sl_iam_kind kind)
{
	bool principals = kind != SL_IAM_IDENTITY;
	const char *kn = kind_name[kind];
	for (uint32_t i = 0; i < s->node->len; i++) {
		const struct sl_node *k = s->node->pairs[i].key;
		size_t nk = principals ? N(stmt_keys) : N(stmt_keys) - 2;
		bool ok = false;
		for (size_t j = 0; j < nk; j++)
			ok |= sl_str_eq(k, stmt_keys[j]);
		if (ok)
			continue;
		if (!principals && (sl_str_eq(k, "Principal") || sl_str_eq(k, "NotPrincipal"))) {
			sl_report(c, k,
				  "an identity-based policy applies to the identity it is attached "
				  "to and takes no %s: remove it (a Principal belongs in a trust or "
				  "resource-based policy)",
				  k->str);
			continue;
		}
		const char *sg = sl_suggest(k->str, k->len, stmt_keys, nk);
		sl_report(c, k,
			  "'%s' is not an element of an IAM policy statement: a statement of %s "
			  "takes Sid, Effect, %sAction/NotAction, Resource/NotResource and "
			  "Condition%s%s%s",
			  k->str, kn, principals ? "Principal/NotPrincipal, " : "",
			  sg ? " (did you mean '" : "", sg ? sg : "", sg ? "'?)" : "");
	}
	if (!s->effect)
		sl_report(c, s->node,
			  "this statement has no Effect: add Effect: Allow or Effect: Deny");
	else if (literal(s->effect) && !sl_str_eq(s->effect, "Allow") &&
		 !sl_str_eq(s->effect, "Deny"))
		sl_report(c, s->effect,
			  "Effect '%s' is neither Allow nor Deny (IAM takes exactly these two, "
			  "capitalised)",
			  s->effect->str);
	xor_pair(c, s, s->action, s->not_action, "Action", "NotAction", kn);
	if (kind == SL_IAM_IDENTITY || kind == SL_IAM_RESOURCE)
		xor_pair(c, s, s->resource, s->not_resource, "Resource", "NotResource", kn);
	if (kind == SL_IAM_RESOURCE || kind == SL_IAM_TRUST)
		xor_pair(c, s, s->principal, s->not_principal, "Principal", "NotPrincipal", kn);
	const struct sl_node *acts[] = { s->action, s->not_action };
	for (size_t i = 0; i < 2; i++)
		if (sl_node_is(acts[i], SL_SEQ) && acts[i]->len == 0)
			sl_report(c, acts[i],
				  "this %s list is empty: list at least one action",
				  i ? "NotAction" : "Action");
	if (principals) {
		check_principal(c, s->principal, "Principal");
		check_principal(c, s->not_principal, "NotPrincipal");
	}
	check_condition(c, s->condition);
	if (kind == SL_IAM_IDENTITY && literal(s->sid) && !alnum(s->sid))
		sl_report(c, s->sid,
			  "Sid '%s' has characters IAM does not take in an identity-based policy: "
			  "use letters and digits only",
			  s->sid->str);
}

void iam_check_structure(struct sl_ctx *c, enum sl_iam_kind kind)
{
	const struct sl_iam *m = iam_model(c);
	for (size_t i = 0; i < m->n_docs; i++) {
		const struct sl_iam_doc *d = &m->docs[i];
		if (d->kind != kind)
			continue;
		check_doc_keys(c, d);
		for (uint32_t j = 0; j < d->n; j++)
			check_stmt(c, &m->stmts[d->first + j], kind);
		if (kind == SL_IAM_IDENTITY)
			unique_sids(c, m, d);
	}
}
