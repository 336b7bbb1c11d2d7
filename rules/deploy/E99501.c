/* E99501: a CodeDeploy deployment group's deployment configuration fits its
 * application's compute platform. */
#include "rules/deploy/deploy.h"

#define APPLICATION "AWS::CodeDeploy::Application"
#define CONFIG "AWS::CodeDeploy::DeploymentConfig"
#define SAM_APPLICATION "ServerlessDeploymentApplication"

/* CodeDeploy's predefined deployment configurations ("Working with deployment
 * configurations in CodeDeploy"), by compute platform. */
static const struct predefined {
	const char *name;
	const char *platform;
} predefined[] = {
	{ "CodeDeployDefault.AllAtOnce", "Server" },
	{ "CodeDeployDefault.HalfAtATime", "Server" },
	{ "CodeDeployDefault.OneAtATime", "Server" },
	{ "CodeDeployDefault.LambdaCanary10Percent5Minutes", "Lambda" },
	{ "CodeDeployDefault.LambdaCanary10Percent10Minutes", "Lambda" },
	{ "CodeDeployDefault.LambdaCanary10Percent15Minutes", "Lambda" },
	{ "CodeDeployDefault.LambdaCanary10Percent30Minutes", "Lambda" },
	{ "CodeDeployDefault.LambdaLinear10PercentEvery1Minute", "Lambda" },
	{ "CodeDeployDefault.LambdaLinear10PercentEvery2Minutes", "Lambda" },
	{ "CodeDeployDefault.LambdaLinear10PercentEvery3Minutes", "Lambda" },
	{ "CodeDeployDefault.LambdaLinear10PercentEvery10Minutes", "Lambda" },
	{ "CodeDeployDefault.LambdaAllAtOnce", "Lambda" },
	{ "CodeDeployDefault.ECSLinear10PercentEvery1Minutes", "ECS" },
	{ "CodeDeployDefault.ECSLinear10PercentEvery3Minutes", "ECS" },
	{ "CodeDeployDefault.ECSCanary10Percent5Minutes", "ECS" },
	{ "CodeDeployDefault.ECSCanary10Percent15Minutes", "ECS" },
	{ "CodeDeployDefault.ECSAllAtOnce", "ECS" },
};

/* A few predefined names that fit a platform, for the message. */
static const char *examples(const char *platform)
{
	if (strcmp(platform, "Server") == 0)
		return "CodeDeployDefault.OneAtATime, HalfAtATime or AllAtOnce";
	if (strcmp(platform, "Lambda") == 0)
		return "CodeDeployDefault.LambdaCanary10Percent5Minutes, "
		       "LambdaLinear10PercentEvery1Minute or LambdaAllAtOnce";
	return "CodeDeployDefault.ECSCanary10Percent5Minutes, ECSLinear10PercentEvery1Minutes or "
	       "ECSAllAtOnce";
}

/* The literal compute platform of a value (Server, Lambda, ECS), or NULL. */
static const char *platform_of(const struct sl_node *n)
{
	static const char *const platforms[] = { "Server", "Lambda", "ECS", NULL };
	if (!sl_node_is(n, SL_SCALAR) || sl_node_intrinsic(n))
		return NULL;
	for (size_t i = 0; platforms[i]; i++)
		if (sl_str_eq(n, platforms[i]))
			return platforms[i];
	return NULL;
}

struct group {
	const struct sl_entity *dg;
	const char *platform; /* the application's */
	const char *app;      /* its logical ID */
};

static void judge(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	const struct group *g = ud;
	const struct sl_entity *cfg = sl_dep_ref(c->t, v, CONFIG);
	if (cfg) {
		const struct sl_node *cp = sl_map_get(sl_samr_props(cfg), "ComputePlatform");
		const char *p = platform_of(cp);
		if (p && strcmp(p, g->platform) != 0)
			sl_report(c, v, "deployment group '%s' uses deployment configuration '%s', "
				  "whose ComputePlatform is %s, but its application '%s' has "
				  "ComputePlatform %s: CodeDeploy rejects the deployment group. Give the "
				  "configuration ComputePlatform %s, or use a predefined %s configuration "
				  "such as %s", g->dg->key->str, cfg->key->str, p, g->app, g->platform,
				  g->platform, g->platform, examples(g->platform));
		return;
	}
	if (!sl_node_is(v, SL_SCALAR) || sl_node_intrinsic(v))
		return;
	for (size_t i = 0; i < sizeof(predefined) / sizeof(predefined[0]); i++) {
		if (!sl_str_eq(v, predefined[i].name))
			continue;
		if (strcmp(predefined[i].platform, g->platform) != 0)
			sl_report(c, v, "%s is a predefined %s deployment configuration, but "
				  "deployment group '%s' belongs to application '%s', whose "
				  "ComputePlatform is %s: CodeDeploy rejects the deployment group. Use "
				  "%s %s configuration such as %s", v->str, predefined[i].platform,
				  g->dg->key->str, g->app, g->platform,
				  strcmp(g->platform, "ECS") == 0 ? "an" : "a", g->platform,
				  examples(g->platform));
		return;
	}
}

static void deployment_group(struct sl_ctx *c, const struct sl_entity *e,
			     const struct sl_node *props, void *ud)
{
	(void)ud;
	const struct sl_template *t = c->t;
	const struct sl_node *name = sl_map_get(props, "ApplicationName");
	const struct sl_node *cfg = sl_map_get(props, "DeploymentConfigName");
	if (!cfg)
		return;
	struct group g = { .dg = e };
	const struct sl_entity *app = sl_dep_ref(t, name, APPLICATION);
	const struct sl_node *k = sl_node_intrinsic(name);
	if (app) {
		g.platform = platform_of(sl_map_get(sl_samr_props(app), "ComputePlatform"));
		g.app = app->key->str;
	} else if (k && sl_str_eq(k, "Ref") && sl_str_eq(name->pairs[0].value, SAM_APPLICATION) &&
		   !sl_index_find(&t->resources, SAM_APPLICATION, strlen(SAM_APPLICATION)) &&
		   sl_sam_implicit(t, SAM_APPLICATION, strlen(SAM_APPLICATION))) {
		g.platform = "Lambda"; /* SAM's application for DeploymentPreference */
		g.app = SAM_APPLICATION;
	}
	if (g.platform)
		sl_samr_each_value(cfg, judge, c, &g);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::CodeDeploy::DeploymentGroup", deployment_group, NULL);
}

const struct sl_rule rule_E99501 = {
	.id = "E99501",
	.severity = SL_SEV_ERROR,
	.title = "A deployment group's configuration fits its application's compute platform",
	.source = "https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html",
	.doc =
	"### What it checks\n"
	"An `AWS::CodeDeploy::DeploymentGroup` whose `ApplicationName` is a `Ref` to an "
	"`AWS::CodeDeploy::Application` of the template with an explicit `ComputePlatform` (or "
	"to `ServerlessDeploymentApplication`, the Lambda application SAM creates for "
	"`DeploymentPreference`) uses a `DeploymentConfigName` of that platform:\n\n"
	"- a predefined configuration: `CodeDeployDefault.AllAtOnce`, `HalfAtATime` and "
	"`OneAtATime` are for `Server` (EC2/on-premises); "
	"`CodeDeployDefault.LambdaCanary10Percent5Minutes`, "
	"`…10Minutes`, `…15Minutes`, `…30Minutes`, `LambdaLinear10PercentEvery1Minute`, "
	"`…2Minutes`, `…3Minutes`, `…10Minutes` and `LambdaAllAtOnce` for `Lambda`; "
	"`CodeDeployDefault.ECSCanary10Percent5Minutes`, `ECSCanary10Percent15Minutes`, "
	"`ECSLinear10PercentEvery1Minutes`, `ECSLinear10PercentEvery3Minutes` and `ECSAllAtOnce` "
	"for `ECS`;\n"
	"- a `Ref` to an `AWS::CodeDeploy::DeploymentConfig` of the template whose explicit "
	"`ComputePlatform` must be the application's.\n\n"
	"Each branch of an `Fn::If` is judged. Names of custom configurations made outside the "
	"template, and applications without an explicit `ComputePlatform`, are left alone.\n\n"
	"### Why it matters\n"
	"A deployment configuration is a set of rules for one compute platform: EC2/on-premises "
	"configurations count healthy hosts, Lambda and ECS ones shift traffic in canary, "
	"linear or all-at-once steps. CodeDeploy refuses a deployment group whose configuration "
	"belongs to another platform, and the stack rolls back. (On EC2/on-premises the "
	"lifecycle events DownloadBundle, Install, BlockTraffic and AllowTraffic are reserved "
	"for the CodeDeploy agent and run no scripts; hooks go in the other events of the "
	"AppSpec file.)\n\n"
	"### Bad\n"
	"```yaml\n"
	"  App:\n"
	"    Type: AWS::CodeDeploy::Application\n"
	"    Properties:\n"
	"      ComputePlatform: Lambda\n"
	"  Group:\n"
	"    Type: AWS::CodeDeploy::DeploymentGroup\n"
	"    Properties:\n"
	"      ApplicationName: !Ref App\n"
	"      ServiceRoleArn: !GetAtt CodeDeployRole.Arn\n"
	"      DeploymentConfigName: CodeDeployDefault.OneAtATime\n"
	"      DeploymentStyle:\n"
	"        DeploymentType: BLUE_GREEN\n"
	"        DeploymentOption: WITH_TRAFFIC_CONTROL\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  App:\n"
	"    Type: AWS::CodeDeploy::Application\n"
	"    Properties:\n"
	"      ComputePlatform: Lambda\n"
	"  Group:\n"
	"    Type: AWS::CodeDeploy::DeploymentGroup\n"
	"    Properties:\n"
	"      ApplicationName: !Ref App\n"
	"      ServiceRoleArn: !GetAtt CodeDeployRole.Arn\n"
	"      DeploymentConfigName: CodeDeployDefault.LambdaCanary10Percent5Minutes\n"
	"      DeploymentStyle:\n"
	"        DeploymentType: BLUE_GREEN\n"
	"        DeploymentOption: WITH_TRAFFIC_CONTROL\n"
	"```\n",
	.check = check,
};
