/* E99015: SAM policy templates in Policies are known and get their parameters. */
#include <string.h>

#include "rules/sam/samrules.h"
#include "util/buf.h"

static const struct sl_sam_policy_template *find_template(const struct sl_node *k)
{
	size_t n;
	const struct sl_sam_policy_template *all = sl_samr_policy_templates(&n);
	for (size_t i = 0; i < n; i++)
		if (sl_str_eq(k, all[i].name))
			return &all[i];
	return NULL;
}

static const char *suggest_template(struct sl_ctx *c, const struct sl_node *k)
{
	size_t n;
	const struct sl_sam_policy_template *all = sl_samr_policy_templates(&n);
	const char *names[128];
	if (n > sizeof(names) / sizeof(names[0]))
		n = sizeof(names) / sizeof(names[0]);
	for (size_t i = 0; i < n; i++)
		names[i] = all[i].name;
	const char *s = sl_suggest(k->str, k->len, names, n);
	const char *m = s ? sl_arena_printf(c->arena, " (did you mean '%s'?)", s) : NULL;
	return m ? m : "";
}

/* "{TableName: ..., StreamName: ...}" or "{}" for a template. */
static const char *shape_of(struct sl_ctx *c, const struct sl_sam_policy_template *pt)
{
	struct sl_buf b = SL_BUF_INIT;
	sl_buf_puts(&b, "{");
	for (size_t i = 0; pt->params[i]; i++)
		sl_buf_printf(&b, "%s%s: ...", i ? ", " : "", pt->params[i]);
	sl_buf_puts(&b, "}");
	const char *s = sl_arena_printf(c->arena, "%s", sl_buf_cstr(&b));
	sl_buf_free(&b);
	return s ? s : "";
}

/* warn: the W99015 pass (parameters SAM ignores), else the E99015 pass. */
static void check_params(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *v,
			 const struct sl_sam_policy_template *pt, bool warn)
{
	if (sl_node_intrinsic(v))
		return;
	if (!sl_node_is(v, SL_MAP)) {
		if (warn)
			return;
		/* an empty value has no span of its own: point at the template name */
		bool empty = sl_node_is(v, SL_SCALAR) && sl_scalar_type(v) == SL_TYPE_NULL;
		const struct sl_node *at = empty ? key : v;
		if (pt->params[0])
			sl_report(c, at, "SAM policy template '%s' takes a map of parameters, %s; SAM rejects "
				  "any other value", pt->name, shape_of(c, pt));
		else
			sl_report(c, at, "SAM policy template '%s' takes no parameters but still needs a map: "
				  "write {} (SAM rejects any other value)", pt->name);
		return;
	}
	for (size_t i = 0; i < v->len; i++) {
		const struct sl_node *pk = v->pairs[i].key;
		bool known = false;
		for (size_t j = 0; pt->params[j] && !known; j++)
			known = sl_str_eq(pk, pt->params[j]);
		if (known || !warn)
			continue;
		if (!pt->params[0]) {
			sl_report(c, pk, "SAM policy template '%s' takes no parameters, so '%s' is ignored: "
				  "write {}", pt->name, pk->str);
			continue;
		}
		size_t np = 0;
		while (np < 3 && pt->params[np])
			np++;
		const char *s = sl_suggest(pk->str, pk->len, pt->params, np);
		const char *dym = s ? sl_arena_printf(c->arena, " (did you mean '%s'?)", s) : NULL;
		sl_report(c, pk, "'%s' is not a parameter of SAM policy template '%s'%s; SAM ignores it "
			  "(it takes %s)", pk->str, pt->name, dym ? dym : "", shape_of(c, pt));
	}
	if (warn)
		return;
	for (size_t j = 0; pt->params[j]; j++)
		if (!sl_map_get(v, pt->params[j]))
			sl_report(c, key, "SAM policy template '%s' needs parameter '%s' (it takes %s); SAM "
				  "rejects the resource without it", pt->name, pt->params[j], shape_of(c, pt));
}

/* One entry of Policies (or a branch of an Fn::If in it). */
static void check_entry(struct sl_ctx *c, const struct sl_node *p, void *ud)
{
	bool warn = *(const bool *)ud;
	if (!sl_node_is(p, SL_MAP) || sl_node_intrinsic(p))
		return; /* a managed policy name or ARN, or a value we cannot see */
	if (sl_map_get(p, "Statement"))
		return; /* an inline policy document */
	if (warn) { /* W99015: only the parameters of a known template */
		const struct sl_sam_policy_template *pt = p->len == 1 ? find_template(p->pairs[0].key) : NULL;
		if (pt)
			check_params(c, p->pairs[0].key, p->pairs[0].value, pt, true);
		return;
	}
	if (p->len == 0) {
		sl_report(c, p, "an empty map is not a policy: give a managed policy name or ARN, a SAM "
			  "policy template ({DynamoDBReadPolicy: {TableName: ...}}) or a policy document "
			  "with a Statement");
		return;
	}
	if (p->len > 1) {
		const struct sl_node *k0 = p->pairs[0].key;
		const char *iam = sl_map_get(p, "PolicyDocument")
				  ? ": this looks like an AWS::IAM::Role policy; in Policies write the document "
				    "itself, {Statement: [...]}"
				  : "";
		sl_report(c, k0, "this map is not a policy: a SAM policy template has one key (its name), "
			  "and an inline policy document needs a Statement%s", iam);
		return;
	}
	const struct sl_node *k = p->pairs[0].key;
	const struct sl_sam_policy_template *pt = find_template(k);
	if (!pt) {
		sl_report(c, k, "'%s' is not a SAM policy template%s; SAM rejects the resource (a managed "
			  "policy is given by name as a string, an inline policy as a document with a "
			  "Statement)", k->str, suggest_template(c, k));
		return;
	}
	check_params(c, k, p->pairs[0].value, pt, false);
}

static void check_policies(struct sl_ctx *c, const struct sl_node *pol, bool *warn)
{
	if (!pol)
		return;
	const struct sl_node *k = sl_node_intrinsic(pol);
	if (k && sl_str_eq(k, "Fn::If")) {
		const struct sl_node *args = pol->pairs[0].value;
		for (size_t i = 1; sl_node_is(args, SL_SEQ) && args->len == 3 && i < 3; i++)
			if (!sl_samr_is_novalue(args->items[i]))
				check_policies(c, args->items[i], warn);
		return;
	}
	if (sl_node_is(pol, SL_SEQ)) {
		for (size_t i = 0; i < pol->len; i++)
			sl_samr_each_value(pol->items[i], check_entry, c, warn);
		return;
	}
	check_entry(c, pol, warn);
}

static void check_all(struct sl_ctx *c, bool warn)
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_SAM_FUNCTION, SL_SAM_STATE_MACHINE);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		if (sl_samr_type_is(e, SL_SAM_FUNCTION) || sl_samr_type_is(e, SL_SAM_STATE_MACHINE))
			check_policies(c, sl_map_get(sl_samr_props(e), "Policies"), &warn);
	}
}

static void check(struct sl_ctx *c)
{
	check_all(c, false);
}

static void check_ignored(struct sl_ctx *c)
{
	check_all(c, true);
}

const struct sl_rule rule_E99015 = {
	.id = "E99015",
	.severity = SL_SEV_ERROR,
	.title = "SAM policy templates are known and get their parameters",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html",
	.doc =
	"### What it checks\n"
	"In `Policies` of an `AWS::Serverless::Function` or `AWS::Serverless::StateMachine`, an entry "
	"that is a map with one key names one of SAM's policy templates (`DynamoDBCrudPolicy`, "
	"`S3ReadPolicy`, `SQSSendMessagePolicy`, ... the documented list), and its value is a map "
	"with the template's parameters (`{}` for the templates that take none; a parameter the "
	"template does not take is W99015's). A string "
	"(a managed policy name or ARN), a map with a `Statement` (an inline policy document) and "
	"values from intrinsic functions are not judged; an `Fn::If` is judged branch by branch.\n\n"
	"### Why it matters\n"
	"The SAM transform rejects an unknown template (\"Policy at index N in the 'Policies' "
	"property is not valid\"), a missing parameter, and a value that is not a map.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"      Policies:\n"
	"        - DynamoDBCrudPolicies:\n"
	"            TableName: !Ref Table\n"
	"        - S3ReadPolicy:\n"
	"            Bucket: !Ref Bucket\n"
	"        - VPCAccessPolicy:\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"      Policies:\n"
	"        - DynamoDBCrudPolicy:\n"
	"            TableName: !Ref Table\n"
	"        - S3ReadPolicy:\n"
	"            BucketName: !Ref Bucket\n"
	"        - VPCAccessPolicy: {}\n"
	"```\n",
	.check = check,
};

const struct sl_rule rule_W99015 = {
	.id = "W99015",
	.severity = SL_SEV_WARNING,
	.title = "SAM policy templates get only the parameters they take",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html",
	.doc =
	"### What it checks\n"
	"In `Policies` of an `AWS::Serverless::Function` or `AWS::Serverless::StateMachine`, the "
	"parameters given to one of SAM's policy templates are ones that template takes (with a "
	"suggestion for a misspelt one). An unknown template and a missing parameter are E99015's.\n\n"
	"### Why it matters\n"
	"The SAM transform accepts the template and silently drops a parameter it does not take. "
	"Nothing fails, but the parameter does nothing: usually it is a misspelt or misplaced one "
	"(`QueueName` given to a template that takes `TopicName`), and the policy grants something "
	"other than what was meant.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"      Policies:\n"
	"        - DynamoDBReadPolicy:\n"
	"            TableName: !Ref Table\n"
	"            IndexName: byDate\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"      Policies:\n"
	"        - DynamoDBReadPolicy:\n"
	"            TableName: !Ref Table\n"
	"```\n",
	.check = check_ignored,
};
