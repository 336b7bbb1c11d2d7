/* E99808: Lambda and ECS AppSpec resources carry the properties CodeDeploy requires. */
#include <ctype.h>
#include <strings.h>

#include "rules/appspec/appspec.h"

#define get_ci sl_appspec_value_ci

static bool given(const struct sl_node *v)
{
	return v && !sl_node_is_null(v) && !(sl_node_is(v, SL_SCALAR) && v->len == 0);
}

static void lambda(struct sl_ctx *c, const struct sl_node *name, const struct sl_node *body)
{
	const struct sl_node *props = get_ci(body, "properties");
	if (!sl_node_is(props, SL_MAP)) {
		sl_report(c, props ? sl_appspec_key_at(props) : name, "Lambda resource '%.*s' has no properties: "
			  "CodeDeploy needs the function's name, alias, currentversion and "
			  "targetversion", SL_AS_KEY(name));
		return;
	}
	static const char *const req[] = { "name", "alias", "currentversion", "targetversion" };
	static const char *const what[] = { "the function to deploy", ("the alias whose traffic "
		"shifts"), "the version the alias points to now", "the version traffic shifts to" };
	for (size_t i = 0; i < 4; i++) {
		const struct sl_node *v = get_ci(props, req[i]);
		if (!given(v))
			sl_report(c, sl_appspec_key_at(v ? v : props), "Lambda resource '%.*s' has no %s (%s): CodeDeploy "
				  "requires name, alias, currentversion and targetversion",
				  SL_AS_KEY(name), req[i], what[i]);
	}
}

/* True for a port: a whole number from 1 to 65535. */
static bool is_port(const struct sl_node *v)
{
	if (!sl_node_is(v, SL_SCALAR) || v->len == 0 || v->len > 5)
		return false;
	long n = 0;
	for (size_t i = 0; i < v->len; i++) {
		if (!isdigit((unsigned char)v->str[i]))
			return false;
		n = n * 10 + (v->str[i] - '0');
	}
	return n >= 1 && n <= 65535;
}

static void ecs(struct sl_ctx *c, const struct sl_node *name, const struct sl_node *body)
{
	const struct sl_node *props = get_ci(body, "properties");
	if (!sl_node_is(props, SL_MAP)) {
		sl_report(c, props ? sl_appspec_key_at(props) : name, "ECS resource '%.*s' has no Properties: CodeDeploy "
			  "needs TaskDefinition and LoadBalancerInfo (ContainerName, ContainerPort)",
			  SL_AS_KEY(name));
		return;
	}
	if (!given(get_ci(props, "TaskDefinition")))
		sl_report(c, sl_appspec_key_at(get_ci(props, "TaskDefinition") ? get_ci(props, "TaskDefinition") : props),
			  "ECS resource '%.*s' has no TaskDefinition: CodeDeploy requires the ARN of "
			  "the task definition to deploy", SL_AS_KEY(name));
	const struct sl_node *lbi = get_ci(props, "LoadBalancerInfo");
	if (!sl_node_is(lbi, SL_MAP)) {
		sl_report(c, sl_appspec_key_at(lbi ? lbi : props), "ECS resource '%.*s' has no LoadBalancerInfo: "
			  "CodeDeploy requires the ContainerName and ContainerPort traffic is routed to",
			  SL_AS_KEY(name));
	} else {
		const struct sl_node *cn = get_ci(lbi, "ContainerName"), *cp = get_ci(lbi, "ContainerPort");
		if (!given(cn))
			sl_report(c, sl_appspec_key_at(cn ? cn : lbi), "LoadBalancerInfo has no ContainerName: CodeDeploy "
				  "requires the container of the task definition that serves traffic");
		if (!given(cp))
			sl_report(c, sl_appspec_key_at(cp ? cp : lbi), "LoadBalancerInfo has no ContainerPort: CodeDeploy "
				  "requires the container port traffic is routed to");
		else if (!is_port(cp))
			sl_report(c, cp, "ContainerPort '%.*s' is not a port number (1 to 65535)",
				  sl_node_is(cp, SL_SCALAR) ? (int)cp->len : 0,
				  sl_node_is(cp, SL_SCALAR) ? cp->str : "");
	}
	const struct sl_node *vpc = get_ci(get_ci(props, "NetworkConfiguration"), "AwsvpcConfiguration");
	if (!sl_node_is(vpc, SL_MAP))
		return;
	static const char *const all[] = { "Subnets", "SecurityGroups", "AssignPublicIp" };
	size_t n = 0;
	for (size_t i = 0; i < 3; i++)
		n += get_ci(vpc, all[i]) != NULL;
	if (n && n < 3)
		for (size_t i = 0; i < 3; i++)
			if (!get_ci(vpc, all[i]))
				sl_report(c, sl_appspec_key_at(vpc), "AwsvpcConfiguration has no %s: CodeDeploy takes all of "
					  "Subnets, SecurityGroups and AssignPublicIp or none (then the "
					  "service's current network settings are kept)", all[i]);
	const struct sl_node *ip = get_ci(vpc, "AssignPublicIp");
	if (sl_node_is(ip, SL_SCALAR) && !sl_str_eq(ip, "ENABLED") && !sl_str_eq(ip, "DISABLED"))
		sl_report(c, ip, "AssignPublicIp takes ENABLED or DISABLED, not '%.*s'", SL_AS_KEY(ip));
}

static void one(struct sl_ctx *c, const struct sl_node *name, const struct sl_node *body,
		const struct sl_node *props, void *arg)
{
	(void)props;
	if (*(const enum sl_appspec_platform *)arg == SL_AS_LAMBDA)
		lambda(c, name, body);
	else
		ecs(c, name, body);
}

static void check(struct sl_ctx *c)
{
	enum sl_appspec_platform p = sl_appspec_platform(c->root);
	if (p == SL_AS_LAMBDA || p == SL_AS_ECS)
		sl_appspec_each_resource(c, NULL, one, &p);
}

const struct sl_rule rule_E99808 = {
	.id = "E99808",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_APPSPEC,
	.title = "Lambda and ECS AppSpec resources have their required properties",
	.source = SL_APPSPEC_DOC "reference-appspec-file-structure-resources.html",
	.doc =
	"### What it checks\n"
	"The `resources` of an AppSpec file for AWS Lambda (type `AWS::Lambda::Function`): "
	"`properties` with `name`, `alias`, `currentversion` and `targetversion`. For Amazon ECS "
	"(type `AWS::ECS::Service`): `Properties` with `TaskDefinition` and `LoadBalancerInfo` "
	"holding `ContainerName` and a `ContainerPort` from 1 to 65535; under "
	"`NetworkConfiguration.AwsvpcConfiguration`, all of `Subnets`, `SecurityGroups` and "
	"`AssignPublicIp` or none, and `AssignPublicIp` ENABLED or DISABLED. Keys are compared "
	"ignoring case, as CodeDeploy's own examples write them both ways.\n\n"
	"### Why it matters\n"
	"CodeDeploy documents each of these properties as required: it cannot shift an alias "
	"without knowing both versions, nor route an ECS service's traffic without the container "
	"and port. The deployment is refused when it starts.\n\n"
	"### Bad\n"
	"```yaml\n"
	"version: 0.0\n"
	"Resources:\n"
	"  - myLambdaFunction:\n"
	"      Type: AWS::Lambda::Function\n"
	"      Properties:\n"
	"        Name: myLambdaFunction\n"
	"        Alias: live\n"
	"        TargetVersion: \"2\"\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"version: 0.0\n"
	"Resources:\n"
	"  - myLambdaFunction:\n"
	"      Type: AWS::Lambda::Function\n"
	"      Properties:\n"
	"        Name: myLambdaFunction\n"
	"        Alias: live\n"
	"        CurrentVersion: \"1\"\n"
	"        TargetVersion: \"2\"\n"
	"```\n",
	.check = check,
};
