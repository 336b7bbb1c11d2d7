/* E1027: ssm-secure dynamic references stand only in the properties that take them. */
#include "rules/functions/dynref.h"

static const struct sl_entity *resource_of(const struct sl_ctx *c, const struct sl_dynref *r)
{
	const struct sl_node *k = r->path[1];
	return k ? sl_index_find(&c->t->resources, k->str, k->len) : NULL;
}

static void check(struct sl_ctx *c)
{
	size_t n;
	const struct sl_dynref *refs = sl_dynrefs(c, &n);
	for (size_t i = 0; i < n; i++) {
		const struct sl_dynref *r = &refs[i];
		if (r->spaced || r->service != SL_DYNREF_SSM_SECURE)
			continue;
		const char *show = sl_dynref_show(c, r);
		switch (sl_dynref_place(r)) {
		case SL_DYNREF_AT_PROPERTIES: {
			const struct sl_entity *e = resource_of(c, r);
			const struct sl_node *t = e ? e->type : NULL;
			/* a module passes its properties on, a macro rewrites the template,
			 * a third-party type (neither AWS:: nor Alexa::) is
			 * not documented: not judged */
			if (!sl_node_is(t, SL_SCALAR) || e->module || c->t->macro_global ||
			    !(strncmp(t->str, "AWS::", 5) == 0 || strncmp(t->str, "Alexa::", 7) == 0 ||
			      strncmp(t->str, "Custom::", 8) == 0))
				break;
			if (r->n_path > 3 && sl_dynref_secure_prop(t, r->path + 3, r->n_path - 3))
				break;
			if (strncmp(t->str, "Custom::", 8) == 0 ||
			    sl_str_eq(t, "AWS::CloudFormation::CustomResource"))
				sl_dynref_report(c, r, "%s in a custom resource: CloudFormation does not "
						 "pass ssm-secure values to custom resources", show);
			else
				sl_dynref_report(c, r, "%s: %s of %s does not take ssm-secure "
						 "references; only a few password properties do (RDS "
						 "MasterUserPassword, IAM user LoginProfile Password, ...): use a "
						 "secretsmanager reference here", show, sl_dynref_key(r)->str, t->str);
			break;
		}
		case SL_DYNREF_AT_GLOBALS:
			if (!c->t->macro_global)
				sl_dynref_report(c, r, "%s in Globals: the properties SAM copies these into "
						 "do not take ssm-secure references; use a secretsmanager "
						 "reference", show);
			break;
		case SL_DYNREF_AT_RES_METADATA:
		case SL_DYNREF_AT_RES_OTHER:
		case SL_DYNREF_AT_OUTPUT_VALUE:
		case SL_DYNREF_AT_OUTPUT_OTHER:
			sl_dynref_report(c, r, "%s in %s: ssm-secure references are resolved only in "
					 "the few resource properties that take them", show,
					 sl_dynref_place_name(c, r));
			break;
		default:
			break;
		}
	}
}

const struct sl_rule rule_E1027 = {
	.id = "E1027",
	.severity = SL_SEV_ERROR,
	.title = "ssm-secure dynamic references are used only in the properties that support them",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm-secure-strings.html",
	.doc =
	"### What it checks\n"
	"A `{{resolve:ssm-secure:...}}` reference stands in one of the resource properties "
	"AWS documents as taking secure strings: `Password` of "
	"`AWS::DirectoryService::MicrosoftAD` and `SimpleAD`, `AuthToken` of "
	"`AWS::ElastiCache::ReplicationGroup`, `LoginProfile.Password` of `AWS::IAM::User`, "
	"`RedshiftDestinationConfiguration.Password` of `AWS::KinesisFirehose::DeliveryStream`, "
	"`AppSource.Password` of `AWS::OpsWorks::App`, `CustomCookbooksSource.Password` and "
	"`RdsDbInstances[].DbPassword` of `AWS::OpsWorks::Stack`, `MasterUserPassword` of "
	"`AWS::RDS::DBCluster`, `AWS::RDS::DBInstance` and `AWS::Redshift::Cluster`. Reported: "
	"any other property (custom resources included, SAM resources and Globals too), "
	"resource Metadata and attributes, outputs. Not judged: parameters, mappings, modules, "
	"third-party types, templates a macro rewrites.\n\n"
	"### Why it matters\n"
	"CloudFormation refuses the change set (\"SSM Secure reference is not supported in: "
	"[AWS::Lambda::Function/Properties/Environment/Variables/API_KEY]\"). Elsewhere, store "
	"the value in Secrets Manager and use a `secretsmanager` reference.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Environment:\n"
	"        Variables:\n"
	"          API_KEY: '{{resolve:ssm-secure:/app/api-key:1}}'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Environment:\n"
	"        Variables:\n"
	"          API_KEY: '{{resolve:secretsmanager:app/api-key}}'\n"
	"```\n",
	.check = check,
};
