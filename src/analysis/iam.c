/*
 * The IAM policy model (iam.h): finds every policy-shaped property of the
 * template's resources and splits each document into statements.
 */
#include "analysis/iam.h"

#include <stdlib.h>
#include <string.h>

struct where {
	const char *type;  /* resource type */
	const char *prop;  /* property holding the document */
	bool list;         /* prop is a list of {PolicyDocument: ...} (Policies) */
	enum sl_iam_kind kind;
};

static const struct where places[] = {
	{ "AWS::IAM::Role", "Policies", true, SL_IAM_IDENTITY },
	{ "AWS::IAM::Role", "AssumeRolePolicyDocument", false, SL_IAM_TRUST },
	{ "AWS::IAM::User", "Policies", true, SL_IAM_IDENTITY },
	{ "AWS::IAM::Group", "Policies", true, SL_IAM_IDENTITY },
	{ "AWS::IAM::ManagedPolicy", "PolicyDocument", false, SL_IAM_IDENTITY },
	{ "AWS::IAM::Policy", "PolicyDocument", false, SL_IAM_IDENTITY },
	{ "AWS::IAM::RolePolicy", "PolicyDocument", false, SL_IAM_IDENTITY },
	{ "AWS::IAM::UserPolicy", "PolicyDocument", false, SL_IAM_IDENTITY },
	{ "AWS::IAM::GroupPolicy", "PolicyDocument", false, SL_IAM_IDENTITY },
	{ "AWS::SSO::PermissionSet", "InlinePolicy", false, SL_IAM_IDENTITY },
	{ "AWS::KMS::Key", "KeyPolicy", false, SL_IAM_RESOURCE },
	{ "AWS::OpenSearchService::Domain", "AccessPolicies", false, SL_IAM_RESOURCE },
	{ "AWS::S3::BucketPolicy", "PolicyDocument", false, SL_IAM_RESOURCE },
	{ "AWS::SNS::TopicPolicy", "PolicyDocument", false, SL_IAM_RESOURCE },
	{ "AWS::SQS::QueuePolicy", "PolicyDocument", false, SL_IAM_RESOURCE },
	{ "AWS::ECR::Repository", "RepositoryPolicyText", false, SL_IAM_ECR },
	{ "AWS::Elasticsearch::Domain", "AccessPolicies", false, SL_IAM_OTHER },
	{ "AWS::SecretsManager::ResourcePolicy", "ResourcePolicy", false, SL_IAM_OTHER },
	{ "AWS::Backup::BackupVault", "AccessPolicy", false, SL_IAM_OTHER },
	{ "AWS::KMS::ReplicaKey", "KeyPolicy", false, SL_IAM_OTHER },
	{ "AWS::S3::AccessPoint", "Policy", false, SL_IAM_OTHER },
	{ "AWS::EFS::FileSystem", "FileSystemPolicy", false, SL_IAM_OTHER },
	{ "AWS::ApiGateway::RestApi", "Policy", false, SL_IAM_OTHER },
	{ "AWS::ECR::RegistryPolicy", "PolicyText", false, SL_IAM_OTHER },
	{ "AWS::SNS::TopicInlinePolicy", "PolicyDocument", false, SL_IAM_OTHER },
	{ "AWS::SQS::QueueInlinePolicy", "PolicyDocument", false, SL_IAM_OTHER },
	{ "AWS::Logs::ResourcePolicy", "PolicyDocument", false, SL_IAM_OTHER },
	{ "AWS::Kinesis::ResourcePolicy", "ResourcePolicy", false, SL_IAM_OTHER },
	{ "AWS::Serverless::Function", "AssumeRolePolicyDocument", false, SL_IAM_TRUST },
};

struct builder {
	const struct sl_template *t;
	struct sl_iam *m;
	size_t cap_docs, cap_stmts;
	bool oom;
};

static void *grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return p;
	size_t c = *cap ? *cap * 2 : 16;
	void *q = realloc(p, c * size);
	if (q)
		*cap = c;
	return q;
}

static void add_stmt(struct builder *b, const struct sl_node *s, uint32_t doc)
{
	struct sl_iam *m = b->m;
	struct sl_iam_stmt *st = grow(m->stmts, &b->cap_stmts, m->n_stmts, sizeof(*st));
	if (!st) {
		b->oom = true;
		return;
	}
	m->stmts = st;
	struct sl_iam_stmt *x = &m->stmts[m->n_stmts++];
	memset(x, 0, sizeof(*x));
	x->node = s;
	x->doc = doc;
	for (uint32_t i = 0; i < s->len; i++) {
		const struct sl_node *k = s->pairs[i].key, *v = s->pairs[i].value;
		const struct sl_node **slot = NULL;
		if (sl_str_eq(k, "Sid"))
			slot = &x->sid;
		else if (sl_str_eq(k, "Effect"))
			slot = &x->effect;
		else if (sl_str_eq(k, "Principal"))
			slot = &x->principal;
		else if (sl_str_eq(k, "NotPrincipal"))
			slot = &x->not_principal;
		else if (sl_str_eq(k, "Action"))
			slot = &x->action;
		else if (sl_str_eq(k, "NotAction"))
			slot = &x->not_action;
		else if (sl_str_eq(k, "Resource"))
			slot = &x->resource;
		else if (sl_str_eq(k, "NotResource"))
			slot = &x->not_resource;
		else if (sl_str_eq(k, "Condition"))
			slot = &x->condition;
		if (slot)
			*slot = v;
	}
}

/* Adds the statement(s) s stands for; returns false when some part is unknown. */
static bool statement(struct builder *b, const struct sl_node *s, uint32_t doc, unsigned depth)
{
	const struct sl_node *x, *y;
	if (sl_node_is_novalue(s))
		return true;
	if (depth < 16 && sl_node_if(s, &x, &y)) {
		bool kx = statement(b, x, doc, depth + 1);
		bool ky = statement(b, y, doc, depth + 1);
		return kx && ky;
	}
	if (!sl_node_is(s, SL_MAP) || sl_node_intrinsic(s))
		return false;
	add_stmt(b, s, doc);
	return true;
}

static bool statements(struct builder *b, const struct sl_node *v, uint32_t doc, unsigned depth)
{
	const struct sl_node *x, *y;
	if (depth < 16 && sl_node_if(v, &x, &y)) {
		bool kx = statements(b, x, doc, depth + 1);
		bool ky = statements(b, y, doc, depth + 1);
		return kx && ky;
	}
	if (sl_node_is(v, SL_SEQ)) {
		bool known = true;
		for (uint32_t i = 0; i < v->len; i++)
			known &= statement(b, v->items[i], doc, depth);
		return known;
	}
	return statement(b, v, doc, depth);
}

/* A document written as a JSON string (a literal, no intrinsic function):
 * parsed into the template's arena, every node given the string's span and
 * the root hung below the string, so that reports land on the string and
 * carry its path. Returns the document's root map, or NULL when the string is
 * not a JSON object (CloudFormation's own check reports that). */
static const struct sl_node *json_document(struct builder *b, const struct sl_node *str)
{
	if (sl_scalar_type(str) != SL_TYPE_STRING || !b->t->arena)
		return NULL;
	size_t i = 0;
	while (i < str->len && (str->str[i] == ' ' || str->str[i] == '\t' ||
				str->str[i] == '\n' || str->str[i] == '\r'))
		i++;
	if (i == str->len || str->str[i] != '{')
		return NULL;
	struct sl_doc doc;
	struct sl_load_opts opts = { .backend = SL_BACKEND_DEFAULT };
	if (sl_load(&doc, b->t->arena, str->str, str->len, &opts) < 0) {
		b->oom = true;
		return NULL;
	}
	if (!doc.json || doc.failed || !sl_node_is(doc.root, SL_MAP))
		return NULL;
	/* relocate: an explicit stack, no recursion on input depth */
	struct sl_node **stack = malloc(64 * sizeof(*stack));
	size_t n = 0, cap = 64;
	if (!stack) {
		b->oom = true;
		return NULL;
	}
	stack[n++] = doc.root;
	while (n) {
		struct sl_node *x = stack[--n];
		x->start = str->start;
		x->end = str->end;
		size_t kids = x->kind == SL_MAP ? 2 * (size_t)x->len : x->kind == SL_SEQ ? x->len : 0;
		if (n + kids > cap) {
			while (n + kids > cap)
				cap *= 2;
			struct sl_node **ns = realloc(stack, cap * sizeof(*stack));
			if (!ns) {
				free(stack);
				b->oom = true;
				return NULL;
			}
			stack = ns;
		}
		for (uint32_t k = 0; k < x->len && x->kind == SL_MAP; k++) {
			stack[n++] = x->pairs[k].key;
			stack[n++] = x->pairs[k].value;
		}
		for (uint32_t k = 0; k < x->len && x->kind == SL_SEQ; k++)
			stack[n++] = x->items[k];
	}
	free(stack);
	doc.root->parent = (struct sl_node *)str;
	return doc.root;
}

static void add_doc(struct builder *b, const struct sl_node *d, const struct sl_entity *res,
		    enum sl_iam_kind kind, bool s3, unsigned depth)
{
	const struct sl_node *x, *y;
	if (!d || sl_node_is_novalue(d))
		return;
	if (depth < 16 && sl_node_if(d, &x, &y)) {
		add_doc(b, x, res, kind, s3, depth + 1);
		add_doc(b, y, res, kind, s3, depth + 1);
		return;
	}
	bool from_string = false;
	if (sl_node_is(d, SL_SCALAR)) {
		d = json_document(b, d);
		from_string = true;
	}
	if (!sl_node_is(d, SL_MAP) || sl_node_intrinsic(d))
		return;
	struct sl_iam *m = b->m;
	struct sl_iam_doc *docs = grow(m->docs, &b->cap_docs, m->n_docs, sizeof(*docs));
	if (!docs) {
		b->oom = true;
		return;
	}
	m->docs = docs;
	uint32_t di = (uint32_t)m->n_docs++;
	struct sl_iam_doc *doc = &m->docs[di];
	memset(doc, 0, sizeof(*doc));
	doc->node = d;
	doc->res = res;
	doc->kind = kind;
	doc->s3 = s3;
	doc->from_string = from_string;
	doc->version = sl_map_get(d, "Version");
	doc->statement = sl_map_get(d, "Statement");
	doc->first = (uint32_t)m->n_stmts;
	bool known = doc->statement ? statements(b, doc->statement, di, 0) : true;
	/* statements() may have moved m->docs: no pointer into it is kept */
	m->docs[di].statement_known = known;
	m->docs[di].n = (uint32_t)(m->n_stmts - m->docs[di].first);
}

/* The documents of a Policies list: each item's PolicyDocument (Fn::If items
 * give each branch). */
static void policies(struct builder *b, const struct sl_node *v, const struct sl_entity *res,
		     unsigned depth)
{
	const struct sl_node *x, *y;
	if (depth >= 16)
		return;
	if (sl_node_if(v, &x, &y)) {
		policies(b, x, res, depth + 1);
		policies(b, y, res, depth + 1);
		return;
	}
	if (sl_node_is(v, SL_SEQ)) {
		for (uint32_t i = 0; i < v->len; i++)
			policies(b, v->items[i], res, depth + 1);
		return;
	}
	if (sl_node_is(v, SL_MAP) && !sl_node_intrinsic(v))
		add_doc(b, sl_map_get(v, "PolicyDocument"), res, SL_IAM_IDENTITY, false, 0);
}

/* SAM Policies: a document (a map with Statement), or a list whose items are
 * managed policy names, policy templates or documents. */
static void sam_policies(struct builder *b, const struct sl_node *v, const struct sl_entity *res)
{
	if (sl_node_is(v, SL_MAP) && sl_map_get(v, "Statement")) {
		add_doc(b, v, res, SL_IAM_IDENTITY, false, 0);
		return;
	}
	if (!sl_node_is(v, SL_SEQ))
		return;
	for (uint32_t i = 0; i < v->len; i++) {
		const struct sl_node *it = v->items[i];
		if (sl_node_is(it, SL_MAP) && !sl_node_intrinsic(it) && sl_map_get(it, "Statement"))
			add_doc(b, it, res, SL_IAM_IDENTITY, false, 0);
	}
}

static bool sam_holder(const struct sl_node *type)
{
	return sl_str_eq(type, "AWS::Serverless::Function") ||
	       sl_str_eq(type, "AWS::Serverless::StateMachine");
}

/* A type that holds policies: SAM's, or one of places. */
static bool holder(const struct sl_node *type, void *ud)
{
	(void)ud;
	for (size_t i = 0; i < sizeof(places) / sizeof(places[0]); i++)
		if (sl_str_eq(type, places[i].type))
			return true;
	return sam_holder(type);
}

int sl_iam_build(struct sl_iam *out, const struct sl_template *t)
{
	memset(out, 0, sizeof(*out));
	struct builder b = { .t = t, .m = out };
	if (t->macro_global)
		return 0; /* a macro rewrites the template: its policies are not these */
	uint32_t *ix;
	long n = sl_template_of_types(t, holder, NULL, &ix);
	if (n < 0)
		return -1;
	for (long r = 0; r < n && !b.oom; r++) {
		const struct sl_entity *e = &t->resources.items[ix[r]];
		if (e->module)
			continue;
		const struct sl_node *props = e->props;
		if (!props || sl_node_intrinsic(props))
			continue;
		if (sam_holder(e->type))
			sam_policies(&b, sl_map_get(props, "Policies"), e);
		for (size_t i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
			const struct where *w = &places[i];
			if (!sl_str_eq(e->type, w->type))
				continue;
			const struct sl_node *v = sl_map_get(props, w->prop);
			if (!v)
				continue;
			if (w->list)
				policies(&b, v, e, 0);
			else
				add_doc(&b, v, e, w->kind, sl_str_eq(e->type, "AWS::S3::BucketPolicy"), 0);
		}
	}
	free(ix);
	if (b.oom) {
		sl_iam_free(out);
		return -1;
	}
	return 0;
}

void sl_iam_free(struct sl_iam *m)
{
	free(m->docs);
	free(m->stmts);
	memset(m, 0, sizeof(*m));
}

static bool each_string(const struct sl_node *v, void (*fn)(void *, const struct sl_node *),
			void *ud, unsigned depth)
{
	const struct sl_node *x, *y;
	if (!v || sl_node_is_novalue(v))
		return true;
	if (sl_node_if(v, &x, &y)) {
		if (depth >= 16)
			return false;
		bool kx = each_string(x, fn, ud, depth + 1);
		bool ky = each_string(y, fn, ud, depth + 1);
		return kx && ky;
	}
	if (v->kind == SL_SCALAR) {
		fn(ud, v);
		return true;
	}
	if (v->kind == SL_SEQ && depth < 16) {
		bool known = true;
		for (uint32_t i = 0; i < v->len; i++)
			known &= each_string(v->items[i], fn, ud, depth + 1);
		return known;
	}
	return false;
}

bool sl_iam_each_string(const struct sl_node *v, void (*fn)(void *ud, const struct sl_node *s),
			void *ud)
{
	return each_string(v, fn, ud, 0);
}
