/* E3007: resources and Parameters do not share a name. */
#include "engine/engine.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_node *k = t->resources.items[i].key;
		const struct sl_entity *p = sl_index_find(&t->params, k->str, k->len);
		if (p)
			sl_report(c, k, "resource '%s' has the name of the parameter at line %u; Ref "
				  "could not tell them apart", k->str, (unsigned)sl_line(c, p->key));
	}
}

const struct sl_rule rule_E3007 = {
	.id = "E3007",
	.severity = SL_SEV_ERROR,
	.title = "Resources and Parameters do not share a name",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html",
	.doc =
	"### What it checks\n"
	"No resource has the logical ID of a parameter. (Mappings, Conditions and Outputs have names of their own: an output may share a resource's name, as `Bucket: Value: !Ref Bucket` often does.)\n"
	"\n"
	"### Why it matters\n"
	"Parameters and resources share one namespace, the one `Ref` and `Fn::Sub` look names up in; CloudFormation rejects a template where a name is in both.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Bucket:\n"
	"    Type: String\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      BucketName: !Ref Bucket\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  BucketName:\n"
	"    Type: String\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      BucketName: !Ref BucketName\n"
	"```\n",
	.check = check,
};
