/* E3052: an ECS service whose task definition (in the template) uses the
 * awsvpc network mode has a NetworkConfiguration. */
#include "rules/deploy/deploy.h"

static void service(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props, void *ud)
{
	(void)ud;
	if (sl_map_get(props, "NetworkConfiguration"))
		return;
	const struct sl_node *ref = sl_map_get(props, "TaskDefinition");
	const struct sl_entity *td = sl_dep_ref(c->t, ref, SL_ECS_TASKDEF);
	if (!td)
		return; /* an ARN, a parameter, an import: the network mode is not known */
	const struct sl_node *mode = sl_map_get(sl_map_get(td->value, "Properties"), "NetworkMode");
	if (!sl_dep_is(mode, "awsvpc"))
		return;
	const struct sl_pair *at = sl_map_get_pair(e->value, "Properties");
	sl_report(c, at ? at->key : e->key,
		  "ECS service '%s' runs task definition '%s', whose NetworkMode is awsvpc, but has "
		  "no NetworkConfiguration: a service of awsvpc tasks must give the subnets (and "
		  "security groups) of their network interfaces in "
		  "NetworkConfiguration.AwsvpcConfiguration, or ECS rejects it",
		  e->key->str, td->key->str);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, SL_ECS_SERVICE, service, NULL);
}

const struct sl_rule rule_E3052 = {
	.id = "E3052",
	.severity = SL_SEV_ERROR,
	.title = "ECS services of awsvpc task definitions have a NetworkConfiguration",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
		  "aws-resource-ecs-service.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ECS::Service` whose `TaskDefinition` is a `Ref` to an "
	"`AWS::ECS::TaskDefinition` of the template with `NetworkMode: awsvpc` (every branch "
	"of an `Fn::If`) sets `NetworkConfiguration`. Task definitions given by ARN, parameter "
	"or import are not judged, since their network mode is not known.\n\n"
	"### Why it matters\n"
	"In the awsvpc network mode each task gets its own elastic network interface, and the "
	"service must say in which subnets (and with which security groups) to create it. The "
	"ECS documentation says the network configuration is required for task definitions "
	"that use the awsvpc network mode; without it the service is not created and the stack "
	"rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Service:\n"
	"    Type: AWS::ECS::Service\n"
	"    Properties:\n"
	"      Cluster: !Ref Cluster\n"
	"      TaskDefinition: !Ref AwsvpcTaskDefinition\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Service:\n"
	"    Type: AWS::ECS::Service\n"
	"    Properties:\n"
	"      Cluster: !Ref Cluster\n"
	"      TaskDefinition: !Ref AwsvpcTaskDefinition\n"
	"      NetworkConfiguration:\n"
	"        AwsvpcConfiguration:\n"
	"          Subnets: [subnet-0123456789abcdef0]\n"
	"```\n",
	.check = check,
};
