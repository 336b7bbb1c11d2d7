/* W2501: a password property gets its value from the template's text, from a
 * plaintext Parameter Store value, or from a parameter without NoEcho. */
#include <stdio.h>

#include "analysis/textscan.h"
#include "rules/functions/dynref.h"
#include "rules/parameters/params.h"

/* The names of properties that hold a password or a key's passphrase, as the
 * resource reference names them (string properties only: MasterUserPassword of
 * RDS, DocumentDB, Redshift and Lightsail, Password of Directory Service, DMS,
 * Amazon MQ users, Amplify basic auth, IAM LoginProfile, ...; AuthToken, the
 * Redis AUTH password of an ElastiCache replication group; Passwords, the list
 * of ElastiCache and MemoryDB users). Left out: names for a switch
 * (ManageMasterUserPassword, NoPasswordRequired), for a secret's ARN
 * (PasswordArn) and MediaLive's PasswordParam, which names the Parameter Store
 * parameter holding the password, not the password. */
static const char *const password_names[] = {
	"ADDomainJoinPassword", "AccountPassword", "AdminPassword", "AdminUserPassword",
	"AsmPassword", "AuthPassword", "AuthToken", "CrossRealmTrustPrincipalPassword",
	"DbPassword", "FsxAdminPassword", "KdcAdminPassword", "KeyPassphrase",
	"MasterUserPassword", "Password", "Passwords", "PrivateKeyPassphrase", "SaslPassword",
	"ServiceAccountPassword", "SmtpPassword", "SslClientKeyPassword", "SvmAdminPassword",
	"TdeCredentialPassword",
};

static bool ends_with(const struct sl_node *k, const char *s, size_t l)
{
	return k->len >= l && memcmp(k->str + k->len - l, s, l) == 0;
}

static bool password_name(const struct sl_node *k)
{
	if (!k || !(ends_with(k, "Password", 8) || ends_with(k, "Passwords", 9) ||
		    ends_with(k, "Passphrase", 10) || ends_with(k, "AuthToken", 9)))
		return false;
	for (size_t i = 0; i < sizeof(password_names) / sizeof(password_names[0]); i++)
		if (sl_str_eq(k, password_names[i]))
			return true;
	return false;
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t) * (const void *const *)a, y = (uintptr_t) * (const void *const *)b;
	return x < y ? -1 : x > y;
}

/* The first password property that takes its value from a parameter. */
struct use {
	const struct sl_node *key;   /* the property's key */
	const struct sl_entity *res; /* its resource, NULL in Globals */
	size_t n;                    /* how many password properties use the parameter */
};

struct walk {
	struct sl_ctx *c;
	const struct sl_node **with_ref; /* scalars holding a dynamic reference, sorted */
	size_t n_with_ref;
	struct use *uses;                /* by parameter index; NULL when out of memory */
	const struct sl_entity *res;     /* the resource walked, NULL for Globals */
};

/* Where a property is, for messages: "of resource 'Db'", "in Globals". */
static const char *owner(struct sl_ctx *c, const struct sl_entity *res)
{
	const char *s = res ? sl_arena_printf(c->arena, "of resource '%s'", res->key->str) : NULL;
	return s ? s : res ? "of a resource" : "in Globals";
}

static bool holds_dynref(const struct walk *w, const struct sl_node *n)
{
	return w->n_with_ref &&
	       bsearch(&n, w->with_ref, w->n_with_ref, sizeof(*w->with_ref), cmp_ptr) != NULL;
}

/* Judges the value v of the password property `key` (an item of its list
 * when `item`). */
static void judge(struct walk *w, const struct sl_node *key, const struct sl_node *v, bool item)
{
	if (!v)
		return;
	if (v->kind == SL_SEQ) { /* Passwords: a list of them */
		for (uint32_t i = 0; i < v->len && !item; i++)
			judge(w, key, v->items[i], true);
		return;
	}
	if (v->kind == SL_SCALAR) {
		enum sl_scalar_type st = sl_scalar_type(v);
		if (st == SL_TYPE_NULL || st == SL_TYPE_BOOL || (v->flags & SL_NODE_ALIAS) ||
		    holds_dynref(w, v))
			return; /* an ssm reference is reported from the references below */
		sl_report(w->c, v, "%s%s %s is written in the template as plain text: anyone who "
			  "can read the template sees it; store it in Secrets Manager and write "
			  "a dynamic reference ('{{resolve:secretsmanager:...}}'), or pass it as a "
			  "parameter with NoEcho: true", item ? "an item of " : "", key->str,
			  owner(w->c, w->res));
		return;
	}
	const struct sl_node *fn = sl_node_intrinsic(v);
	if (!fn)
		return;
	const struct sl_node *arg = v->pairs[0].value;
	if (sl_str_eq(fn, "Fn::If")) {
		if (sl_node_is(arg, SL_SEQ) && arg->len == 3) {
			judge(w, key, arg->items[1], item);
			judge(w, key, arg->items[2], item);
		}
		return;
	}
	if (!sl_str_eq(fn, "Ref") || !sl_node_is(arg, SL_SCALAR))
		return;
	const struct sl_entity *p = sl_index_find(&w->c->t->params, arg->str, arg->len);
	if (!p || !w->uses)
		return;
	struct use *u = &w->uses[p - w->c->t->params.items];
	if (!u->n++) {
		u->key = key;
		u->res = w->res;
	}
}

static void walk(struct walk *w, const struct sl_node *n)
{
	if (!n)
		return;
	if (n->kind == SL_SEQ) {
		for (uint32_t i = 0; i < n->len; i++)
			walk(w, n->items[i]);
	} else if (n->kind == SL_MAP) {
		const struct sl_node *fn = sl_node_intrinsic(n);
		if (fn && !sl_str_eq(fn, "Fn::If"))
			return; /* keys inside other functions (Fn::Sub's variables) are not properties */
		for (uint32_t i = 0; i < n->len; i++) {
			if (password_name(n->pairs[i].key))
				judge(w, n->pairs[i].key, n->pairs[i].value, false);
			else
				walk(w, n->pairs[i].value);
		}
	}
}

/* The ssm references (plaintext Parameter Store values) given to a password. */
static void check_ssm(struct sl_ctx *c, const struct sl_dynref *refs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct sl_dynref *r = &refs[i];
		if (r->spaced || r->service != SL_DYNREF_SSM)
			continue;
		enum sl_dynref_place place = sl_dynref_place(r);
		const struct sl_node *key = sl_dynref_key(r);
		if ((place != SL_DYNREF_AT_PROPERTIES && place != SL_DYNREF_AT_GLOBALS) ||
		    !password_name(key))
			continue;
		bool secure = false;
		if (place == SL_DYNREF_AT_PROPERTIES) {
			const struct sl_entity *e =
				sl_index_find(&c->t->resources, r->path[1]->str, r->path[1]->len);
			secure = e && r->n_path > 3 &&
				 sl_dynref_secure_prop(e->type, r->path + 3, r->n_path - 3);
		}
		sl_dynref_report(c, r, "%s gives %s a plaintext Parameter Store value (a String "
				 "parameter, stored unencrypted): keep the password in %s and "
				 "refer to it with %s", sl_dynref_show(c, r), key->str,
				 secure ? "a SecureString parameter or in Secrets Manager"
					: "Secrets Manager",
				 secure ? "'{{resolve:ssm-secure:...}}' or "
					  "'{{resolve:secretsmanager:...}}'"
					: "'{{resolve:secretsmanager:...}}' (this property does not "
					  "take ssm-secure references)");
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	size_t n_refs;
	const struct sl_dynref *refs = sl_dynrefs(c, &n_refs);
	check_ssm(c, refs, n_refs);

	/* every password name ends in one of these: a template that cannot hold
	 * them has no password property to walk to */
	if (!sl_text_may_hold(c, "Password") && !sl_text_may_hold(c, "Passphrase") &&
	    !sl_text_may_hold(c, "AuthToken"))
		return;
	struct walk w = {.c = c};
	if (n_refs && (w.with_ref = malloc(n_refs * sizeof(*w.with_ref)))) {
		for (size_t i = 0; i < n_refs; i++)
			w.with_ref[w.n_with_ref++] = refs[i].at;
		qsort(w.with_ref, w.n_with_ref, sizeof(*w.with_ref), cmp_ptr);
	}
	if (t->params.n)
		w.uses = calloc(t->params.n, sizeof(*w.uses));
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		w.res = e;
		walk(&w, sl_map_get(e->value, "Properties"));
	}
	w.res = NULL;
	walk(&w, sl_section(t, SL_SEC_GLOBALS));

	for (size_t i = 0; w.uses && i < t->params.n; i++) {
		const struct use *u = &w.uses[i];
		const struct sl_entity *p = &t->params.items[i];
		if (!u->n || sl_param_no_echo(p->value))
			continue;
		const struct sl_node *ne = sl_map_get(p->value, "NoEcho");
		if (ne && ne->kind != SL_SCALAR)
			continue; /* not a value CloudFormation takes: not judged */
		char more[64] = "";
		if (u->n > 1)
			snprintf(more, sizeof(more), " (and %zu more password propert%s)", u->n - 1,
				 u->n > 2 ? "ies" : "y");
		sl_report(c, ne ? ne : p->key,
			  "parameter '%s' gives %s %s its value%s but is not NoEcho: "
			  "CloudFormation shows its value in the console and in DescribeStacks; set "
			  "NoEcho: true, or better, replace the parameter with a dynamic reference",
			  p->key->str, u->key->str, owner(c, u->res), more);
	}
	free(w.uses);
	free(w.with_ref);
}

const struct sl_rule rule_W2501 = {
	.id = "W2501",
	.severity = SL_SEV_WARNING,
	.title = "Passwords are not written in the template or passed unmasked",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds",
	.doc =
	"### What it checks\n"
	"A resource property (or a SAM `Globals` entry) named for a password — "
	"`Password`, `MasterUserPassword`, `AdminPassword`, `DbPassword`, `KdcAdminPassword`, "
	"`ADDomainJoinPassword`, `CrossRealmTrustPrincipalPassword`, `AccountPassword`, "
	"`AdminUserPassword`, `SaslPassword`, `TdeCredentialPassword`, `KeyPassphrase`, "
	"ElastiCache's `AuthToken`, ElastiCache and MemoryDB users' `Passwords`, and the other "
	"password properties of the resource reference — at any depth, including each branch of `Fn::If`, whose value is:\n"
	"- a literal string or number (reported at the value; the value is never shown);\n"
	"- a `{{resolve:ssm:...}}` reference, a plaintext Parameter Store value;\n"
	"- a `Ref` to a parameter without `NoEcho: true` (reported once at the parameter, or at "
	"its `NoEcho: false`).\n\n"
	"A `{{resolve:ssm-secure:...}}` or `{{resolve:secretsmanager:...}}` reference, a NoEcho "
	"parameter, `GetAtt`, `ImportValue` and other functions are not reported. MediaLive's "
	"`PasswordParam` holds the *name* of a Parameter Store parameter and is not a password.\n\n"
	"### Why it matters\n"
	"AWS recommends not embedding credentials in templates: a password in the template is "
	"readable by everyone who can read the file, its repository, or `GetTemplate`. A "
	"parameter without `NoEcho` is shown in clear in the console and in `DescribeStacks`; "
	"an `ssm` reference reads a `String` parameter, which Parameter Store keeps unencrypted. "
	"Store the password in Secrets Manager (or as an SSM `SecureString` where the property "
	"takes `ssm-secure`) and write a dynamic reference: CloudFormation resolves it when it "
	"needs it and never stores the value.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  DbPassword:\n"
	"    Type: String\n"
	"Resources:\n"
	"  Db:\n"
	"    Type: AWS::RDS::DBInstance\n"
	"    Properties:\n"
	"      MasterUserPassword: !Ref DbPassword\n"
	"  User:\n"
	"    Type: AWS::IAM::User\n"
	"    Properties:\n"
	"      LoginProfile:\n"
	"        Password: Welcome123!\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Db:\n"
	"    Type: AWS::RDS::DBInstance\n"
	"    Properties:\n"
	"      MasterUserPassword: '{{resolve:secretsmanager:MyDbSecret:SecretString:password}}'\n"
	"  User:\n"
	"    Type: AWS::IAM::User\n"
	"    Properties:\n"
	"      LoginProfile:\n"
	"        Password: '{{resolve:ssm-secure:/users/initial-password:1}}'\n"
	"```\n",
	.check = check,
};
