/* I3510: a statement's resources do not fit an action that needs ARNs of a kind. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "rules/iam/iam.h"
#include "spec/iam.h"

#define MAX_RES 64

struct res {
	const struct sl_node *v[MAX_RES];
	size_t n;
	bool skip; /* '*', too many, or not a string */
};

static void collect(void *ud, const struct sl_node *v)
{
	struct res *r = ud;
	if (sl_scalar_type(v) != SL_TYPE_STRING || sl_str_eq(v, "*") || r->n == MAX_RES) {
		r->skip = true;
		return;
	}
	r->v[r->n++] = v;
}

/* True when the template ARN s may name a resource of type (service, fixed):
 * same service segment and a resource part starting with fixed, where '*',
 * '?' and ${...} in s stand for anything from there on. */
static bool arn_fits(const char *s, size_t len, const char *service, const char *fixed)
{
	const char *p = s, *end = s + len, *part[6];
	size_t pl[6];
	for (int i = 0; i < 6; i++) {
		const char *q = i < 5 ? memchr(p, ':', (size_t)(end - p)) : end;
		if (!q) {
			/* fewer parts: a wildcard in what there is may stand for the rest */
			return memchr(s, '*', len) != NULL;
		}
		part[i] = p;
		pl[i] = (size_t)(q - p);
		p = q + 1;
	}
	if (pl[0] != 3 || memcmp(part[0], "arn", 3) != 0)
		return memchr(part[0], '*', pl[0]) != NULL;
	bool svc_wild = memchr(part[2], '*', pl[2]) || memchr(part[2], '?', pl[2]) ||
			(pl[2] >= 2 && memmem(part[2], pl[2], "${", 2));
	if (!svc_wild) {
		if (strlen(service) != pl[2])
			return false;
		for (size_t i = 0; i < pl[2]; i++)
			if (tolower((unsigned char)part[2][i]) != tolower((unsigned char)service[i]))
				return false;
	}
	const char *r = part[5];
	size_t rl = pl[5];
	for (size_t i = 0; fixed[i]; i++) {
		if (i >= rl)
			return false;
		if (r[i] == '*' || r[i] == '?' || (r[i] == '$' && i + 1 < rl && r[i + 1] == '{'))
			return true;
		if (r[i] != fixed[i])
			return false;
	}
	return true;
}

static bool fits(const struct res *r, const struct sl_iam_action *a)
{
	for (unsigned k = 0; k < a->n_res; k++) {
		unsigned id = a->res[2 * k] | (unsigned)a->res[2 * k + 1] << 8;
		const char *service, *fixed;
		sl_iam_restype(id, &service, &fixed);
		for (size_t i = 0; i < r->n; i++)
			if (arn_fits(r->v[i]->str, r->v[i]->len, service, fixed))
				return true;
	}
	return false;
}

struct act_ud {
	struct sl_ctx *c;
	const struct res *r;
	const struct sl_node *at;
};

static void check_action(void *ud, const struct sl_node *v)
{
	struct act_ud *u = ud;
	if (sl_scalar_type(v) != SL_TYPE_STRING || memchr(v->str, '*', v->len) ||
	    memchr(v->str, '?', v->len) || strstr(v->str, "${"))
		return;
	const char *colon = memchr(v->str, ':', v->len);
	if (!colon)
		return;
	size_t sl = (size_t)(colon - v->str);
	int svc = sl_iam_service(v->str, sl);
	struct sl_iam_action a;
	if (svc < 0 || !sl_iam_action_find(&a, svc, colon + 1, v->len - sl - 1) || !a.n_res)
		return;
	if (fits(u->r, &a))
		return;
	char shapes[512];
	size_t o = 0;
	for (unsigned k = 0; k < a.n_res && k < 3; k++) {
		const char *service, *fixed;
		sl_iam_restype(a.res[2 * k] | (unsigned)a.res[2 * k + 1] << 8, &service, &fixed);
		int w = snprintf(shapes + o, sizeof shapes - o, "%sarn:...:%s:...:%s...",
				 k ? " or " : "", service, fixed);
		if (w < 0 || (size_t)w >= sizeof shapes - o)
			break;
		o += (size_t)w;
	}
	sl_report(u->c, u->at,
		  "action '%s' acts on resources whose ARNs read %s%s, but no Resource of this "
		  "statement is one: the statement grants it nothing; add the resource's ARN or "
		  "use '*'",
		  v->str, shapes, a.n_res > 3 ? " (or others)" : "");
}

static void check(struct sl_ctx *c)
{
	const struct sl_iam *m = iam_model(c);
	for (size_t i = 0; i < m->n_stmts; i++) {
		const struct sl_iam_stmt *s = &m->stmts[i];
		if (m->docs[s->doc].kind != SL_IAM_IDENTITY || !s->resource || s->not_resource)
			continue;
		struct res r = { .n = 0 };
		if (!sl_iam_each_string(s->resource, collect, &r) || r.skip || !r.n)
			continue;
		struct act_ud u = { c, &r, s->resource };
		sl_iam_each_string(s->action, check_action, &u);
	}
}

const struct sl_rule rule_I3510 = {
	.id = "I3510",
	.severity = SL_SEV_INFO,
	.title = "IAM statement resources fit the resource types of their actions",
	.source = "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
	.doc =
	"### What it checks\n"
	"In identity-based policies, a statement whose `Resource` lists only literal ARNs "
	"(no `*`, no intrinsic function) names, for each of its actions that acts on "
	"resources of given types (the resource types column of the Service Authorization "
	"Reference, e.g. `iam:PassRole` on `role`, `s3:GetObject` on `object`), at least "
	"one ARN of the action's service whose resource part can be one of those types.\n"
	"\n"
	"### Why it matters\n"
	"IAM matches an action's request against the statement's resources; when none can "
	"be the kind of resource the action works on, the statement grants nothing for the "
	"action, usually because a bucket ARN was given for an object action, or an ARN of "
	"another service was pasted.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"          - Effect: Allow\n"
	"            Action: iam:PassRole\n"
	"            Resource: arn:aws:s3:::*\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"          - Effect: Allow\n"
	"            Action: iam:PassRole\n"
	"            Resource: !GetAtt TaskRole.Arn\n"
	"```\n",
	.check = check,
};
