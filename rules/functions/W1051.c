/* W1051: a secretsmanager reference where the property wants the secret's ARN or ID. */
#include "rules/functions/dynref.h"

/* A property named for the identifier of a Secrets Manager secret: SecretArn,
 * SecretARN, SecretId, SecretArns, SecretArnList, and their prefixed forms
 * (CredentialsSecretArn, SecretsManagerSecretId, UserSecretId, ...). */
static bool names_secret_id(const char *s, size_t len)
{
	static const char *const ends[] = { "SecretArn", "SecretARN", "SecretId", "SecretArns",
					    "SecretArnList" };
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		size_t l = strlen(ends[i]);
		if (len >= l && memcmp(s + len - l, ends[i], l) == 0)
			return true;
	}
	return false;
}

/* The property of the resource specification the value at path[3..] belongs to
 * (following nested types, list items and map values), when its own value is
 * the string or a list item of it; NULL when the path leaves the spec or goes
 * on below the property. */
static const struct sl_spec_prop *spec_prop(const struct sl_spec *s, uint32_t shape,
					    const struct sl_dynref *r)
{
	const struct sl_spec_prop *prop = NULL;
	const struct sl_spec_type *t = NULL; /* NULL: in `shape` */
	for (size_t i = 3; i < r->n_path; i++) {
		const struct sl_node *k = r->path[i];
		if (t) {
			if (t->kind == SL_SPEC_LIST) {
				if (k)
					return NULL;
				t = sl_spec_type(s, t->arg);
				continue;
			}
			if (t->kind != SL_SPEC_SHAPE)
				return NULL; /* a map key, a union, JSON: not a named property */
			shape = t->arg;
			t = NULL;
		}
		if (!k || !(prop = sl_spec_prop_find(s, shape, k->str, k->len)))
			return NULL;
		t = sl_spec_type(s, prop->type);
	}
	return t && t->kind == SL_SPEC_STRING ? prop : NULL;
}

static void check(struct sl_ctx *c)
{
	size_t n;
	const struct sl_dynref *refs = sl_dynrefs(c, &n);
	for (size_t i = 0; i < n; i++) {
		const struct sl_dynref *r = &refs[i];
		if (r->spaced || r->service != SL_DYNREF_SECRETS || !r->whole ||
		    sl_dynref_place(r) != SL_DYNREF_AT_PROPERTIES || r->n_path < 4)
			continue;
		const struct sl_node *k = r->path[1];
		const struct sl_entity *e = k ? sl_index_find(&c->t->resources, k->str, k->len) : NULL;
		if (!e || !sl_node_is(e->type, SL_SCALAR))
			continue;
		uint32_t res = sl_spec_resource(c->spec, e->type->str, e->type->len);
		if (res == SL_SPEC_NONE)
			continue;
		const struct sl_spec_prop *p = spec_prop(c->spec, sl_spec_resource_shape(c->spec, res), r);
		if (!p)
			continue;
		const char *name = sl_spec_str(c->spec, p->name);
		if (!names_secret_id(name, strlen(name)))
			continue;
		sl_dynref_report(c, r, "%s gives the secret's value to %s, which takes the ARN or ID "
				 "of the secret: write the secret's ARN (e.g. !Ref of the "
				 "AWS::SecretsManager::Secret) instead", sl_dynref_show(c, r), name);
	}
}

const struct sl_rule rule_W1051 = {
	.id = "W1051",
	.severity = SL_SEV_WARNING,
	.title = "A secretsmanager reference is not given where the secret's ARN is expected",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html",
	.doc =
	"### What it checks\n"
	"A property of the resource specification named for a secret's identifier "
	"(`SecretArn`, `SecretARN`, `SecretId`, `SecretArns`, `SecretArnList`, and names "
	"ending so: `SecretsManagerSecretId`, `CredentialsSecretArn`, ...) whose whole value "
	"is a `{{resolve:secretsmanager:...}}` reference.\n\n"
	"### Why it matters\n"
	"The reference resolves to the secret's *value* (a password, a JSON document), while "
	"the property wants to know *which* secret to read: the service is handed the "
	"password where it expects an ARN, and fails, or worse, logs it. Give the ARN, for "
	"instance with `!Ref` of the `AWS::SecretsManager::Secret`. It is a warning because a "
	"secret may hold another secret's ARN.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Proxy:\n"
	"    Type: AWS::RDS::DBProxy\n"
	"    Properties:\n"
	"      Auth:\n"
	"        - SecretArn: '{{resolve:secretsmanager:MyDbSecret}}'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Proxy:\n"
	"    Type: AWS::RDS::DBProxy\n"
	"    Properties:\n"
	"      Auth:\n"
	"        - SecretArn: !Ref DbSecret\n"
	"```\n",
	.check = check,
};
