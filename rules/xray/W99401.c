/* W99401: tracing on, but the execution role defined in the template cannot write traces. */
#include <stdlib.h>
#include <string.h>

#include "rules/iam/iam.h"
#include "rules/sam/samrules.h"
#include "rules/xray/xray.h"
#include "spec/managed.h"

/* What a role is known to allow. */
enum {
	PUT_SEGMENTS = 1 << 0,  /* xray:PutTraceSegments */
	PUT_TELEMETRY = 1 << 1, /* xray:PutTelemetryRecords */
	BOTH = PUT_SEGMENTS | PUT_TELEMETRY,
	UNKNOWN = 1 << 2, /* something we cannot read could grant them */
};

/* IAM action matching (case-insensitive, '*' and '?'): iam_glob, linear in
 * the pattern times the name, however many '*' a template writes. */
static bool glob(const char *p, size_t pl, const char *s)
{
	return iam_glob(p, pl, s, strlen(s));
}

static unsigned action_bits(const struct sl_node *a)
{
	if (!sl_node_is(a, SL_SCALAR))
		return UNKNOWN;
	unsigned b = 0;
	if (glob(a->str, a->len, "xray:PutTraceSegments"))
		b |= PUT_SEGMENTS;
	if (glob(a->str, a->len, "xray:PutTelemetryRecords"))
		b |= PUT_TELEMETRY;
	return b;
}

/* What a policy document allows of the two actions. */
static unsigned document_bits(const struct sl_node *doc)
{
	if (!sl_node_is(doc, SL_MAP) || sl_node_intrinsic(doc))
		return UNKNOWN;
	const struct sl_node *st = sl_map_get(doc, "Statement");
	if (!st || sl_node_intrinsic(st))
		return UNKNOWN;
	size_t n = st->kind == SL_SEQ ? st->len : 1;
	unsigned b = 0;
	for (size_t i = 0; i < n; i++) {
		const struct sl_node *s = st->kind == SL_SEQ ? st->items[i] : st;
		if (!sl_node_is(s, SL_MAP) || sl_node_intrinsic(s))
			return UNKNOWN;
		const struct sl_node *eff = sl_map_get(s, "Effect");
		if (sl_str_eq(eff, "Deny"))
			continue;
		if (!sl_str_eq(eff, "Allow") || sl_map_get(s, "NotAction"))
			return UNKNOWN;
		const struct sl_node *act = sl_map_get(s, "Action");
		if (sl_node_is(act, SL_SEQ))
			for (size_t j = 0; j < act->len; j++)
				b |= action_bits(act->items[j]);
		else
			b |= action_bits(act);
	}
	return b;
}

/* What the AWS managed policy an ARN written as text names (a literal, or the
 * template of an Fn::Sub when sub) allows of the two actions, by its content
 * (spec/managed.h); UNKNOWN for any other ARN. */
static unsigned managed_arn_bits(const char *arn, size_t len, bool sub)
{
	size_t nl;
	const char *name = sl_managed_arn_name(arn, len, sub, &nl);
	if (!name)
		return UNKNOWN;
	static const struct {
		const char *action;
		unsigned bit;
	} asked[] = { { "xray:PutTraceSegments", PUT_SEGMENTS },
		      { "xray:PutTelemetryRecords", PUT_TELEMETRY } };
	unsigned b = 0;
	for (size_t i = 0; i < sizeof(asked) / sizeof(asked[0]); i++) {
		enum sl_managed_answer a = sl_managed_allows(name, nl, asked[i].action);
		b |= a == SL_MANAGED_YES ? asked[i].bit : a == SL_MANAGED_UNKNOWN ? UNKNOWN : 0;
	}
	return b;
}

/* One ManagedPolicyArns item: a literal ARN, "arn:${AWS::Partition}:..." in Fn::Sub,
 * or a Ref to an AWS::IAM::ManagedPolicy of the template. */
static unsigned managed_bits(const struct sl_template *t, const struct sl_node *m)
{
	const struct sl_node *k = sl_node_intrinsic(m);
	const struct sl_node *a = k ? m->pairs[0].value : NULL;
	if (!k && sl_node_is(m, SL_SCALAR))
		return managed_arn_bits(m->str, m->len, false);
	if (sl_str_eq(k, "Fn::Sub") && sl_node_is(a, SL_SCALAR))
		return managed_arn_bits(a->str, a->len, true);
	if (sl_str_eq(k, "Ref") && sl_node_is(a, SL_SCALAR)) {
		const struct sl_entity *p = sl_index_find(&t->resources, a->str, a->len);
		if (!p || !sl_samr_type_is(p, "AWS::IAM::ManagedPolicy"))
			return UNKNOWN;
		return document_bits(sl_map_get(sl_samr_props(p), "PolicyDocument"));
	}
	return UNKNOWN;
}

/* The AWS::IAM::Policy, ManagedPolicy and RolePolicy resources of the
 * template, read once: what each allows, and the roles it names through
 * sorted links (a Ref to a resource by its logical ID, a literal role name),
 * so that each role is judged by the policies that name it. A policy with an
 * entry that could name any role ("wild") makes every role it does not name
 * unknown, and so does one with a literal name for a role whose RoleName
 * cannot be read. */
struct policy {
	unsigned bits;
	bool wild, literal; /* an entry naming any role; a literal name */
	size_t stamp;       /* the last role that counted it */
};

struct link {
	bool literal; /* a literal role name, else a Ref to a logical ID */
	const char *s;
	size_t len, pol;
};

struct policies {
	const struct sl_template *t;
	struct policy *pol;
	size_t n_pol;
	struct link *links;
	size_t n_links, cap_links;
	size_t wild, literal_tame; /* policies that are wild; not wild but with a literal */
	size_t stamp;
	unsigned *memo; /* per resource: the role's bits + 1, or 0 */
	bool oom;
};

static int link_cmp(const void *a, const void *b)
{
	const struct link *x = a, *y = b;
	if (x->literal != y->literal)
		return x->literal ? 1 : -1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->s, y->s, x->len);
}

static void add_link(struct policies *ps, bool literal, const char *s, size_t len)
{
	if (ps->n_links == ps->cap_links) {
		size_t cap = ps->cap_links ? 2 * ps->cap_links : 16;
		struct link *l = realloc(ps->links, cap * sizeof(*l));
		if (!l) {
			ps->oom = true;
			return;
		}
		ps->links = l;
		ps->cap_links = cap;
	}
	ps->links[ps->n_links++] = (struct link){ literal, s, len, ps->n_pol };
}

/* One Roles / RoleName entry, as names_role() judged it for every role. */
static void role_entry(struct policies *ps, struct policy *p, const struct sl_node *r)
{
	const struct sl_node *k = sl_node_intrinsic(r);
	const struct sl_node *a = k ? r->pairs[0].value : NULL;
	if (sl_str_eq(k, "Ref") && sl_node_is(a, SL_SCALAR) &&
	    sl_index_find(&ps->t->resources, a->str, a->len)) {
		add_link(ps, false, a->str, strlen(a->str)); /* compared with strcmp */
	} else if (k || !sl_node_is(r, SL_SCALAR)) {
		p->wild = true;
	} else {
		p->literal = true;
		add_link(ps, true, r->str, r->len);
	}
}

static void policies_read(struct policies *ps, const struct sl_template *t)
{
	ps->t = t;
	ps->pol = calloc(t->resources.n + 1, sizeof(*ps->pol));
	ps->memo = calloc(t->resources.n + 1, sizeof(*ps->memo));
	if (!ps->pol || !ps->memo) {
		ps->oom = true;
		return;
	}
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy",
			   "AWS::IAM::RolePolicy");
	for (const struct sl_entity *e; !ps->oom && (e = sl_samr_types_next(&tw));) {
		bool role_policy = sl_samr_type_is(e, "AWS::IAM::RolePolicy");
		const struct sl_node *ep = sl_samr_props(e);
		struct policy *p = &ps->pol[ps->n_pol];
		p->bits = document_bits(sl_map_get(ep, "PolicyDocument"));
		if (role_policy) {
			role_entry(ps, p, sl_map_get(ep, "RoleName"));
		} else {
			const struct sl_node *roles = sl_map_get(ep, "Roles");
			if (roles && !sl_node_is(roles, SL_SEQ))
				p->wild = true;
			for (size_t j = 0; sl_node_is(roles, SL_SEQ) && j < roles->len; j++)
				role_entry(ps, p, roles->items[j]);
		}
		ps->wild += p->wild;
		ps->literal_tame += !p->wild && p->literal;
		ps->n_pol++;
	}
	if (ps->n_links)
		qsort(ps->links, ps->n_links, sizeof(*ps->links), link_cmp);
}

/* ORs into *b what the policies linked by key allow, each once per role;
 * returns how many of them count in `unknowns` (wild, or with a literal when
 * weird: the role's RoleName cannot be read). */
static size_t named(struct policies *ps, unsigned *b, const struct link *key, bool weird)
{
	size_t lo = 0, hi = ps->n_links, hits = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (link_cmp(&ps->links[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ps->n_links && link_cmp(&ps->links[lo], key) == 0; lo++) {
		struct policy *p = &ps->pol[ps->links[lo].pol];
		if (p->stamp == ps->stamp)
			continue;
		p->stamp = ps->stamp;
		*b |= p->bits;
		hits += p->wild || (weird && p->literal);
	}
	return hits;
}

/* What the role (an AWS::IAM::Role of the template) is known to allow. */
static unsigned role_bits(struct policies *ps, const struct sl_entity *role)
{
	const struct sl_template *t = ps->t;
	const struct sl_node *props = sl_samr_props(role);
	if (!props)
		return UNKNOWN;
	unsigned b = 0;
	const struct sl_node *mp = sl_map_get(props, "ManagedPolicyArns");
	if (mp && !sl_node_is(mp, SL_SEQ))
		return UNKNOWN;
	for (size_t i = 0; mp && i < mp->len; i++)
		b |= managed_bits(t, mp->items[i]);
	const struct sl_node *pol = sl_map_get(props, "Policies");
	if (pol && !sl_node_is(pol, SL_SEQ))
		return UNKNOWN;
	for (size_t i = 0; pol && i < pol->len; i++) {
		const struct sl_node *p = pol->items[i];
		if (!sl_node_is(p, SL_MAP) || sl_node_intrinsic(p))
			return UNKNOWN;
		b |= document_bits(sl_map_get(p, "PolicyDocument"));
	}
	/* policies of the template attached to the role */
	const struct sl_node *rn = sl_map_get(props, "RoleName");
	bool weird = rn && (!sl_node_is(rn, SL_SCALAR) || sl_node_intrinsic(rn));
	ps->stamp++;
	struct link key = { false, role->key->str, strlen(role->key->str), 0 };
	size_t hits = named(ps, &b, &key, weird);
	if (rn && !weird) {
		key = (struct link){ true, rn->str, strlen(rn->str), 0 };
		hits += named(ps, &b, &key, weird);
	}
	if (ps->wild + (weird ? ps->literal_tame : 0) > hits)
		return UNKNOWN; /* a policy that may be attached to it */
	return b;
}

/* role_bits, once per role. */
static unsigned role_bits_memo(struct policies *ps, const struct sl_entity *role)
{
	size_t i = (size_t)(role - ps->t->resources.items);
	if (!ps->memo[i])
		ps->memo[i] = role_bits(ps, role) + 1;
	return ps->memo[i] - 1;
}

/* The AWS::IAM::Role of the template a Role value names (GetAtt X.Arn or Ref X), or NULL. */
static const struct sl_entity *role_of(const struct sl_template *t, const struct sl_node *r)
{
	const struct sl_node *k = sl_node_intrinsic(r);
	const struct sl_node *arg = k ? r->pairs[0].value : NULL;
	const struct sl_node *name = NULL;
	if (sl_str_eq(k, "Ref"))
		name = arg;
	else if (sl_str_eq(k, "Fn::GetAtt") && sl_node_is(arg, SL_SEQ) && arg->len == 2 &&
		 sl_str_eq(arg->items[1], "Arn"))
		name = arg->items[0];
	else if (sl_str_eq(k, "Fn::GetAtt") && sl_node_is(arg, SL_SCALAR) && arg->len > 4 &&
		 strcmp(arg->str + arg->len - 4, ".Arn") == 0) {
		const struct sl_entity *e = sl_index_find(&t->resources, arg->str, arg->len - 4);
		return e && sl_samr_type_is(e, "AWS::IAM::Role") ? e : NULL;
	}
	if (!sl_node_is(name, SL_SCALAR))
		return NULL;
	const struct sl_entity *e = sl_index_find(&t->resources, name->str, name->len);
	return e && sl_samr_type_is(e, "AWS::IAM::Role") ? e : NULL;
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	struct policies ps = { 0 }; /* read when a traced function first needs them */
	struct sl_samr_types tw;
	sl_samr_functions_init(&tw, t);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_samr_props(e);
		const struct sl_node *mode = NULL, *role = NULL;
		if (sl_samr_type_is(e, SL_LAMBDA_FUNCTION)) {
			mode = sl_map_get(sl_map_get(props, "TracingConfig"), "Mode");
			role = sl_map_get(props, "Role");
		} else if (sl_samr_type_is(e, SL_SERVERLESS_FUNCTION)) {
			mode = sl_sam_prop(t, e, "Tracing", NULL);
			role = sl_sam_prop(t, e, "Role", NULL);
		}
		if (!sl_str_eq(mode, "Active") || !role)
			continue; /* SAM functions without a Role get AWSXRayDaemonWriteAccess from SAM */
		const struct sl_entity *r = role_of(t, role);
		if (!r)
			continue;
		if (!ps.t)
			policies_read(&ps, t);
		if (ps.oom) {
			c->oom = true;
			break;
		}
		unsigned b = role_bits_memo(&ps, r);
		if (b & UNKNOWN || (b & BOTH) == BOTH)
			continue;
		sl_report(c, role, "tracing is Active but the execution role '%s' cannot write traces "
			  "(it lacks %s): the function runs, but Lambda sends no traces to X-Ray. Add the "
			  "AWSXRayDaemonWriteAccess managed policy or allow xray:PutTraceSegments and "
			  "xray:PutTelemetryRecords", r->key->str,
			  b & PUT_SEGMENTS ? "xray:PutTelemetryRecords"
			  : b & PUT_TELEMETRY ? "xray:PutTraceSegments"
					      : "xray:PutTraceSegments and xray:PutTelemetryRecords");
	}
	free(ps.pol);
	free(ps.links);
	free(ps.memo);
}

const struct sl_rule rule_W99401 = {
	.id = "W99401",
	.severity = SL_SEV_WARNING,
	.title = "A traced function's role can write traces",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html",
	.doc =
	"### What it checks\n"
	"A function with active tracing (`TracingConfig.Mode: Active` on an "
	"`AWS::Lambda::Function`, `Tracing: Active` on an `AWS::Serverless::Function` or in SAM's "
	"`Globals.Function`) whose execution role is an `AWS::IAM::Role` of the template (`Role: "
	"!GetAtt X.Arn` or `!Ref X`) has `xray:PutTraceSegments` and `xray:PutTelemetryRecords` "
	"(wildcards such as `xray:*` or `*` count) in the role's inline policies, in "
	"`AWS::IAM::Policy`, `AWS::IAM::RolePolicy` or `AWS::IAM::ManagedPolicy` resources attached "
	"to it, or through AWS managed policies (a literal ARN or `arn:${AWS::Partition}:...` in "
	"`Fn::Sub`), judged by what each policy's default version allows, as compiled in from the "
	"AWS managed policy documents: `AWSXRayDaemonWriteAccess` grants both actions, "
	"`service-role/AWSLambdaBasicExecutionRole` neither. A SAM "
	"function without `Role` is not checked: SAM adds the policy to the role it creates. When "
	"something that could grant the actions cannot be read (a parameter, an imported ARN, a "
	"customer managed policy outside the template, an AWS managed policy that allows them only "
	"on some resources or under a condition, or one the compiled-in data does not know, "
	"`NotAction`), the rule stays silent.\n\n"
	"### Why it matters\n"
	"With active tracing Lambda samples requests and runs the X-Ray daemon for the function, "
	"which sends segments with the function's own credentials. Without the permissions the "
	"function works but its traces are silently dropped, so tracing looks on and shows "
	"nothing.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  FnRole:\n"
	"    Type: AWS::IAM::Role\n"
	"    Properties:\n"
	"      AssumeRolePolicyDocument:\n"
	"        Statement:\n"
	"          - Effect: Allow\n"
	"            Principal: {Service: lambda.amazonaws.com}\n"
	"            Action: sts:AssumeRole\n"
	"      ManagedPolicyArns:\n"
	"        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      Role: !GetAtt FnRole.Arn\n"
	"      Code: {S3Bucket: my-bucket, S3Key: fn.zip}\n"
	"      TracingConfig:\n"
	"        Mode: Active\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  FnRole:\n"
	"    Type: AWS::IAM::Role\n"
	"    Properties:\n"
	"      AssumeRolePolicyDocument:\n"
	"        Statement:\n"
	"          - Effect: Allow\n"
	"            Principal: {Service: lambda.amazonaws.com}\n"
	"            Action: sts:AssumeRole\n"
	"      ManagedPolicyArns:\n"
	"        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\n"
	"        - !Sub arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      Role: !GetAtt FnRole.Arn\n"
	"      Code: {S3Bucket: my-bucket, S3Key: fn.zip}\n"
	"      TracingConfig:\n"
	"        Mode: Active\n"
	"```\n",
	.check = check,
};
