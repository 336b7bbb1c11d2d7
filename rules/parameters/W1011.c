/* W1011: a property that takes secure dynamic references gets its secret from a
 * stack parameter instead. */
#include "rules/functions/dynref.h"

/* Reports each Ref to a template parameter in v, through the branches of Fn::If. */
static void judge(struct sl_ctx *c, const struct sl_node *key, const char *res,
		  const struct sl_node *v)
{
	const struct sl_node *fn = sl_node_intrinsic(v);
	if (!fn)
		return;
	const struct sl_node *arg = v->pairs[0].value;
	if (sl_str_eq(fn, "Fn::If")) {
		if (sl_node_is(arg, SL_SEQ) && arg->len == 3) {
			judge(c, key, res, arg->items[1]);
			judge(c, key, res, arg->items[2]);
		}
		return;
	}
	if (!sl_str_eq(fn, "Ref") || !sl_node_is(arg, SL_SCALAR) ||
	    !sl_index_find(&c->t->params, arg->str, arg->len))
		return;
	sl_report(c, v, "%s of resource '%s' takes its secret from parameter '%s': whoever "
		  "creates or updates the stack handles the value, and it is masked only with "
		  "NoEcho; keep it in Secrets Manager or as an SSM SecureString and write "
		  "'{{resolve:secretsmanager:...}}' or '{{resolve:ssm-secure:...}}' instead",
		  key->str, res, arg->str);
}

/* Walks v, the value at keys[0..n) below the resource's Properties, down to the
 * properties that take secure references (at most three keys deep), through
 * plain maps, lists and the branches of Fn::If. */
static void visit(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *v,
		  const struct sl_node **keys, size_t n)
{
	if (!v)
		return;
	if (n && sl_dynref_secure_prop(e->type, keys, n)) {
		const struct sl_node *key = keys[n - 1];
		if (key)
			judge(c, key, e->key->str, v);
		return;
	}
	if (n == 3)
		return;
	if (v->kind == SL_SEQ) {
		keys[n] = NULL;
		for (uint32_t i = 0; i < v->len; i++)
			visit(c, e, v->items[i], keys, n + 1);
		return;
	}
	if (v->kind != SL_MAP)
		return;
	const struct sl_node *fn = sl_node_intrinsic(v);
	if (fn) {
		const struct sl_node *arg = v->pairs[0].value;
		if (sl_str_eq(fn, "Fn::If") && sl_node_is(arg, SL_SEQ) && arg->len == 3) {
			visit(c, e, arg->items[1], keys, n);
			visit(c, e, arg->items[2], keys, n);
		}
		return;
	}
	for (uint32_t i = 0; i < v->len; i++) {
		keys[n] = v->pairs[i].key;
		visit(c, e, v->pairs[i].value, keys, n + 1);
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (!t->params.n)
		return;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!sl_node_is(e->type, SL_SCALAR) || strncmp(e->type->str, "AWS::", 5) != 0 ||
		    !sl_dynref_secure_type(e->type))
			continue; /* a type without such properties: nothing below is judged */
		const struct sl_node *keys[3];
		visit(c, e, sl_map_get(e->value, "Properties"), keys, 0);
	}
}

const struct sl_rule rule_W1011 = {
	.id = "W1011",
	.severity = SL_SEV_WARNING,
	.title = "Secrets come from dynamic references, not parameters",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds",
	.doc =
	"### What it checks\n"
	"A `Ref` to a template parameter (also in a branch of `Fn::If`) as the value of one of "
	"the password properties AWS documents as taking secure dynamic references: "
	"`MasterUserPassword` of `AWS::RDS::DBInstance`, `AWS::RDS::DBCluster` and "
	"`AWS::Redshift::Cluster`, `Password` of `AWS::DirectoryService::MicrosoftAD` and "
	"`SimpleAD`, `AuthToken` of `AWS::ElastiCache::ReplicationGroup`, "
	"`LoginProfile.Password` of `AWS::IAM::User`, "
	"`RedshiftDestinationConfiguration.Password` of `AWS::KinesisFirehose::DeliveryStream`, "
	"`AppSource.Password` of `AWS::OpsWorks::App`, `CustomCookbooksSource.Password` and "
	"`RdsDbInstances[].DbPassword` of `AWS::OpsWorks::Stack`. NoEcho parameters are "
	"reported too; W2501 adds a finding at a parameter without NoEcho.\n\n"
	"### Why it matters\n"
	"AWS recommends dynamic references over embedding credentials: the secret stays in "
	"Secrets Manager or Parameter Store, where access is controlled and the value can be "
	"rotated, and CloudFormation resolves it only when it needs it. A parameter carries "
	"the secret through everyone and everything that creates or updates the stack (command "
	"lines, pipelines, parameter files), and `NoEcho` only masks it in what CloudFormation "
	"describes.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  DbPassword:\n"
	"    Type: String\n"
	"    NoEcho: true\n"
	"Resources:\n"
	"  Db:\n"
	"    Type: AWS::RDS::DBInstance\n"
	"    Properties:\n"
	"      MasterUserPassword: !Ref DbPassword\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Db:\n"
	"    Type: AWS::RDS::DBInstance\n"
	"    Properties:\n"
	"      MasterUserPassword: '{{resolve:secretsmanager:MyDbSecret:SecretString:password}}'\n"
	"```\n",
	.check = check,
};
