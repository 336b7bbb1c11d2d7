/* W3037: IAM actions that the service authorization reference does not know. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules/iam/iam.h"
#include "spec/iam.h"

/* Names the reference does not list that AWS's own material writes in
 * policies: the SQS batch operations, which the single action authorizes
 * ("Specifying SendMessage, DeleteMessage, or ChangeMessageVisibility ... also
 * grants permissions for the corresponding batch versions", SQS API reference,
 * AddPermission); SAM's SQSPollerPolicy template lists them. Naming them
 * grants nothing more, but the user copied them from AWS: no warning. */
static const char *const legacy[] = {
	"sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessageBatch", "sqs:SendMessageBatch",
};

static bool is_legacy(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof(legacy) / sizeof(legacy[0]); i++)
		if (strlen(legacy[i]) == len && strncasecmp(s, legacy[i], len) == 0)
			return true;
	return false;
}

/* A bucket, queue or topic policy acts on its own resource: only the
 * service's own actions apply (S3 rejects others: "Policy has invalid action"). */
static const char *own_service(const struct sl_iam_doc *d)
{
	static const char *const own[][2] = {
		{ "AWS::S3::BucketPolicy", "s3" },
		{ "AWS::SQS::QueuePolicy", "sqs" },
		{ "AWS::SNS::TopicPolicy", "sns" },
	};
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (sl_str_eq(d->res->type, own[i][0]))
			return own[i][1];
	return NULL;
}

/* Suggestions cost an edit distance against every name of a service: a
 * template gets at most this many, so that a generated policy with thousands
 * of unknown names stays linear. */
#define MAX_SUGGESTIONS 64

struct act_ud {
	struct sl_ctx *c;
	const struct sl_iam_doc *doc;
	unsigned *suggestions; /* made so far for this template */
};

/* The closest service prefix to s, or NULL: a known prefix that s extends with
 * "-suffix" (bedrock-runtime, the endpoint's name, for bedrock), else the
 * nearest by edit distance (case-insensitive). */
static const char *near_service(const char *s, size_t len)
{
	for (size_t k = len; k > 0; k--) {
		if (s[k - 1] != '-')
			continue;
		int svc = sl_iam_service(s, k - 1);
		if (svc >= 0)
			return sl_iam_service_name(svc);
	}
	size_t n = sl_iam_service_count();
	const char **cands = malloc(n * sizeof(*cands));
	if (!cands)
		return NULL;
	char low[128];
	if (len >= sizeof low) {
		free(cands);
		return NULL;
	}
	for (size_t i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	for (size_t i = 0; i < n; i++)
		cands[i] = sl_iam_service_name((int)i);
	const char *best = sl_suggest(low, len, cands, n);
	free(cands);
	return best;
}

/* The closest action name of service svc to s, copied into out; false if none. */
static bool near_action(char *out, size_t cap, int svc, const char *s, size_t len)
{
	char low[256], cand[256];
	if (len >= sizeof low)
		return false;
	for (size_t i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	size_t lim = len / 3 > 1 ? len / 3 : 1, bd = (size_t)-1, ext = (size_t)-1;
	struct sl_iam_iter it;
	sl_iam_iter_init(&it, svc);
	while (sl_iam_next(&it)) {
		size_t cl = it.a.len;
		/* a name the written one begins (GetModelInvocationLogging for
		 * GetModelInvocationLoggingConfiguration): the shortest wins */
		if (len >= 6 && cl > len && cl < ext && strncasecmp(it.a.name, s, len) == 0) {
			ext = cl;
			snprintf(out, cap, "%s", it.a.name);
		}
		if (ext != (size_t)-1)
			continue;
		if ((cl > len ? cl - len : len - cl) > lim)
			continue;
		for (size_t i = 0; i < cl; i++)
			cand[i] = (char)tolower((unsigned char)it.a.name[i]);
		size_t d = sl_edit_distance(low, len, cand, cl);
		if (d < bd && d <= lim && d < len) {
			bd = d;
			snprintf(out, cap, "%s", it.a.name);
		}
	}
	return bd != (size_t)-1 || ext != (size_t)-1;
}

static void check_action(void *ud, const struct sl_node *v)
{
	struct act_ud *u = ud;
	struct sl_ctx *c = u->c;
	if (!sl_node_is(v, SL_SCALAR) || sl_scalar_type(v) != SL_TYPE_STRING || !v->len)
		return;
	const char *s = v->str;
	size_t len = v->len;
	if ((len == 1 && s[0] == '*') || memchr(s, 0, len) || strstr(s, "${"))
		return;
	const char *colon = memchr(s, ':', len);
	if (!colon) {
		sl_report(c, v,
			  "action '%s' is not of the form service:Action (s3:GetObject) or '*': IAM "
			  "rejects the policy",
			  s);
		return;
	}
	size_t sl = (size_t)(colon - s);
	const char *name = colon + 1;
	size_t nl = len - sl - 1;
	if (memchr(s, '*', sl) || memchr(s, '?', sl) || is_legacy(s, len))
		return;
	const char *own = own_service(u->doc);
	if (own && (strlen(own) != sl || strncasecmp(s, own, sl) != 0)) {
		sl_report(c, v,
			  "action '%s' is not an action of '%s', but this %s governs only "
			  "actions on its own %s resource: %s; grant it in the policy of the "
			  "identity or resource it belongs to",
			  s, own, u->doc->res->type->str, own,
			  own[1] == '3' ? "S3 rejects the policy (Policy has invalid action)"
					: "the statement does nothing for it");
		return;
	}
	int svc = sl_iam_service(s, sl);
	if (svc < 0) {
		const char *near = (*u->suggestions)++ < MAX_SUGGESTIONS ? near_service(s, sl) : NULL;
		sl_report(c, v,
			  "unknown service prefix '%.*s' in action '%s': the IAM service "
			  "authorization reference has no such service%s%s%s",
			  (int)sl, s, s, near ? " (did you mean '" : "", near ? near : "",
			  near ? "'?)" : "");
		return;
	}
	if (memchr(name, '*', nl) || memchr(name, '?', nl)) {
		struct sl_iam_iter it;
		sl_iam_iter_init(&it, svc);
		while (sl_iam_next(&it))
			if (iam_glob(name, nl, it.a.name, it.a.len))
				return;
		sl_report(c, v,
			  "action pattern '%s' matches no action of service '%.*s': the policy "
			  "grants or denies nothing through it; check the spelling",
			  s, (int)sl, s);
		return;
	}
	struct sl_iam_action a;
	if (sl_iam_action_find(&a, svc, name, nl))
		return;
	char near[256];
	bool has = (*u->suggestions)++ < MAX_SUGGESTIONS &&
		   near_action(near, sizeof near, svc, name, nl);
	sl_report(c, v,
		  "unknown action '%s': service '%s' has no action '%.*s' in the IAM service "
		  "authorization reference%s%s%s%s%s",
		  s, sl_iam_service_name(svc), (int)nl, name, has ? " (did you mean '" : "",
		  has ? sl_iam_service_name(svc) : "", has ? ":" : "", has ? near : "",
		  has ? "'?)" : "");
}

static void check(struct sl_ctx *c)
{
	if (!sl_iam_service_count())
		return;
	const struct sl_iam *m = iam_model(c);
	unsigned suggestions = 0;
	for (size_t i = 0; i < m->n_stmts; i++) {
		struct act_ud u = { c, &m->docs[m->stmts[i].doc], &suggestions };
		sl_iam_each_string(m->stmts[i].action, check_action, &u);
		sl_iam_each_string(m->stmts[i].not_action, check_action, &u);
	}
}

const struct sl_rule rule_W3037 = {
	.id = "W3037",
	.severity = SL_SEV_WARNING,
	.title = "IAM policy actions exist in the service authorization reference",
	.source = "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
	.doc =
	"### What it checks\n"
	"Every `Action` and `NotAction` of an IAM policy document in the template (identity, "
	"trust and resource-based policies: roles, users, groups, managed and inline policies, "
	"bucket, queue, topic, key, repository and domain policies, SAM `Policies`) names a "
	"service prefix and an action that the AWS Service Authorization Reference lists "
	"(compared without regard to case), and every wildcard pattern (`s3:Get*`, "
	"`ec2:*Tags`) matches at least one action of its service. A bucket, queue or topic "
	"policy names only actions of its own service (`s3:`, `sqs:`, `sns:`). Values "
	"written with intrinsic functions or `${...}` are not judged, nor the SQS batch "
	"operations (`sqs:SendMessageBatch`, ...) that AWS's own policies carry although "
	"the reference does not list them.\n"
	"\n"
	"### Why it matters\n"
	"IAM accepts a policy that names an action no service has, and the statement then "
	"grants or denies nothing for it: a typo (`s3:ListObjects` for `s3:ListBucket`, "
	"`s3:ReplicationTags` for `s3:ReplicateTags`) leaves the permission missing, and the "
	"application fails with AccessDenied at run time, or a Deny meant as a guard "
	"protects nothing.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      PolicyDocument:\n"
	"        Version: '2012-10-17'\n"
	"        Statement:\n"
	"          - Effect: Allow\n"
	"            Action: [s3:ListObjects, s3:HeadBucket]\n"
	"            Resource: '*'\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      PolicyDocument:\n"
	"        Version: '2012-10-17'\n"
	"        Statement:\n"
	"          - Effect: Allow\n"
	"            Action: s3:ListBucket\n"
	"            Resource: '*'\n"
	"```\n",
	.check = check,
};
