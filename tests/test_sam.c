/*
 * SAM model tests: the Globals merge (maps merge, lists concatenate, scalars
 * and intrinsic functions are the resource's, IgnoreGlobals, SAM's per-path
 * exceptions, which node a value comes from), the Globals tables, and the
 * logical IDs SAM generates, positive and negative.
 */
#include <stdlib.h>

#include "load/load.h"
#include "template/sam.h"
#include "test.h"

struct tpl {
	struct sl_arena a;
	struct sl_doc doc;
	struct sl_template t;
};

static struct tpl *build(const char *src)
{
	struct tpl *p = calloc(1, sizeof(*p));
	sl_arena_init(&p->a);
	assert_int(sl_load(&p->doc, &p->a, src, strlen(src), NULL), 0);
	test_doc = &p->doc;
	assert_true(p->doc.root != NULL);
	assert_int(sl_template_build(&p->t, &p->doc, &p->a), 0);
	return p;
}

static void done(struct tpl *p)
{
	sl_arena_free(&p->a);
	free(p);
}

static const struct sl_entity *res(struct tpl *p, const char *id)
{
	const struct sl_entity *e = sl_index_find(&p->t.resources, id, strlen(id));
	assert_true(e != NULL);
	return e;
}

static bool implicit(struct tpl *p, const char *name)
{
	return sl_sam_implicit(&p->t, name, strlen(name));
}

/* the text of a scalar, or "" */
static const char *str(const struct sl_node *n)
{
	return n && n->kind == SL_SCALAR ? n->str : "";
}

static const char *globals_src =
	"Transform: AWS::Serverless-2016-10-31\n"
	"Globals:\n"
	"  Function:\n"
	"    Runtime: python3.12\n"
	"    Timeout: 30\n"
	"    CodeUri: s3://bucket/key.zip\n"
	"    Environment:\n"
	"      Variables:\n"
	"        TABLE: from-globals\n"
	"        STAGE: prod\n"
	"    Layers: [arn:aws:lambda:us-east-1:123456789012:layer:a:1]\n"
	"    Architectures: [x86_64]\n"
	"    Tags: !If [Cond, {a: b}, !Ref AWS::NoValue]\n"
	"  CapacityProvider:\n"
	"    ManagedResourceTags: {Team: core, Owner: ops}\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: nodejs20.x\n"
	"      Handler: index.handler\n"
	"      CodeUri: {Bucket: b, Key: k}\n"
	"      Environment:\n"
	"        Variables:\n"
	"          STAGE: dev\n"
	"          OWN: local\n"
	"      Layers: [arn:aws:lambda:us-east-1:123456789012:layer:b:1]\n"
	"      Architectures: [arm64]\n"
	"      Tags: {x: y}\n"
	"  Bare:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Handler: index.handler\n"
	"      Environment: !If [Cond, {Variables: {A: b}}, !Ref AWS::NoValue]\n"
	"  IgnoreSome:\n"
	"    Type: AWS::Serverless::Function\n"
	"    IgnoreGlobals: [Timeout, Environment]\n"
	"    Properties:\n"
	"      Handler: index.handler\n"
	"  IgnoreAll:\n"
	"    Type: AWS::Serverless::Function\n"
	"    IgnoreGlobals: '*'\n"
	"    Properties:\n"
	"      Handler: index.handler\n"
	"  Plain:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Handler: index.handler\n"
	"  Cp:\n"
	"    Type: AWS::Serverless::CapacityProvider\n"
	"    Properties:\n"
	"      ManagedResourceTags: {Team: edge}\n";

static void test_globals_merge(void)
{
	struct tpl *p = build(globals_src);
	const struct sl_entity *fn = res(p, "Fn"), *bare = res(p, "Bare");
	bool g = true;

	/* scalars: the resource's value wins, else Globals' */
	assert_str(str(sl_sam_prop(&p->t, fn, "Runtime", &g)), "nodejs20.x");
	assert_true(!g);
	const struct sl_node *timeout = sl_sam_prop(&p->t, fn, "Timeout", &g);
	assert_str(str(timeout), "30");
	assert_true(g);
	/* the node is Globals' own, so a diagnostic points into Globals */
	assert_int(TEST_POS(timeout->start).line, 5);
	assert_true(sl_sam_prop(&p->t, fn, "MemorySize", &g) == NULL && !g);

	/* maps merge key by key */
	const char *const table[] = { "Environment", "Variables", "TABLE", NULL };
	const char *const stage[] = { "Environment", "Variables", "STAGE", NULL };
	const char *const own[] = { "Environment", "Variables", "OWN", NULL };
	const char *const vars[] = { "Environment", "Variables", NULL };
	assert_str(str(sl_sam_prop_path(&p->t, fn, table, &g)), "from-globals");
	assert_true(g);
	assert_str(str(sl_sam_prop_path(&p->t, fn, stage, &g)), "dev");
	assert_true(!g);
	assert_str(str(sl_sam_prop_path(&p->t, fn, own, &g)), "local");
	assert_true(!g);
	struct sl_sam_value v;
	sl_sam_lookup(&v, &p->t, fn, vars);
	assert_int(v.how, SL_SAM_MAP_MERGE);
	assert_true(v.local && v.global && v.local->len == 2 && v.global->len == 2);
	/* sl_sam_prop gives the resource's map for a merged one */
	const struct sl_node *env = sl_sam_prop(&p->t, fn, "Environment", &g);
	assert_true(env && env == sl_map_get(sl_map_get(fn->value, "Properties"), "Environment") && !g);

	/* a resource without the property takes Globals' whole map */
	assert_str(str(sl_sam_prop_path(&p->t, res(p, "IgnoreSome"), table, &g)), "");
	assert_str(str(sl_sam_prop_path(&p->t, res(p, "IgnoreAll"), table, &g)), "");

	/* lists concatenate: Globals' items, then the resource's */
	const char *const layers[] = { "Layers", NULL };
	sl_sam_lookup(&v, &p->t, fn, layers);
	assert_int(v.how, SL_SAM_LIST_CONCAT);
	assert_true(v.local && v.global && v.local->len == 1 && v.global->len == 1);
	/* except Function.Architectures, which the resource replaces */
	const char *const arch[] = { "Architectures", NULL };
	sl_sam_lookup(&v, &p->t, fn, arch);
	assert_int(v.how, SL_SAM_LOCAL);
	assert_true(v.global == NULL);
	sl_sam_lookup(&v, &p->t, bare, arch);
	assert_int(v.how, SL_SAM_GLOBAL);
	/* below a list nothing is found */
	const char *const below[] = { "Layers", "0", NULL };
	sl_sam_lookup(&v, &p->t, fn, below);
	assert_int(v.how, SL_SAM_ABSENT);

	/* different kinds: the resource's value, no merge (CodeUri string vs map) */
	const char *const bucket[] = { "CodeUri", "Bucket", NULL };
	assert_str(str(sl_sam_prop_path(&p->t, fn, bucket, &g)), "b");
	assert_true(!g);
	const char *const codeuri[] = { "CodeUri", NULL };
	sl_sam_lookup(&v, &p->t, fn, codeuri);
	assert_int(v.how, SL_SAM_LOCAL);

	/* intrinsic functions are values, never merged */
	const char *const tags[] = { "Tags", NULL };
	sl_sam_lookup(&v, &p->t, fn, tags); /* map (resource) vs Fn::If (Globals) */
	assert_int(v.how, SL_SAM_LOCAL);
	sl_sam_lookup(&v, &p->t, bare, tags);
	assert_int(v.how, SL_SAM_GLOBAL);
	assert_true(sl_node_intrinsic(v.global) != NULL);
	sl_sam_lookup(&v, &p->t, bare, vars); /* Fn::If (resource) vs map (Globals) */
	assert_int(v.how, SL_SAM_ABSENT);
	sl_sam_lookup(&v, &p->t, bare, (const char *const[]){ "Environment", NULL });
	assert_int(v.how, SL_SAM_LOCAL);

	/* IgnoreGlobals: named properties, or all of them */
	const struct sl_entity *some = res(p, "IgnoreSome"), *all = res(p, "IgnoreAll");
	assert_true(sl_sam_prop(&p->t, some, "Timeout", &g) == NULL);
	assert_true(sl_sam_prop(&p->t, some, "Environment", &g) == NULL);
	assert_str(str(sl_sam_prop(&p->t, some, "Runtime", &g)), "python3.12");
	assert_true(g);
	assert_true(sl_sam_prop(&p->t, all, "Runtime", &g) == NULL && !g);
	assert_str(str(sl_sam_prop(&p->t, all, "Handler", &g)), "index.handler");

	/* a resource that is not serverless takes no Globals */
	const struct sl_entity *plain = res(p, "Plain");
	assert_true(!sl_sam_is_serverless(plain) && sl_sam_is_serverless(fn));
	assert_true(sl_sam_prop(&p->t, plain, "Runtime", &g) == NULL);
	assert_str(str(sl_sam_prop(&p->t, plain, "Handler", &g)), "index.handler");

	/* CapacityProvider.ManagedResourceTags: only the resource's keys survive */
	const struct sl_entity *cp = res(p, "Cp");
	const char *const team[] = { "ManagedResourceTags", "Team", NULL };
	const char *const owner[] = { "ManagedResourceTags", "Owner", NULL };
	assert_str(str(sl_sam_prop_path(&p->t, cp, team, &g)), "edge");
	assert_true(sl_sam_prop_path(&p->t, cp, owner, &g) == NULL);

	/* the section for a type */
	assert_true(sl_sam_globals_for(&p->t, "AWS::Serverless::Function") ==
		    sl_map_get(sl_section(&p->t, SL_SEC_GLOBALS), "Function"));
	assert_true(sl_sam_globals_for(&p->t, "AWS::Serverless::Api") == NULL);
	assert_true(sl_sam_globals_for(&p->t, "AWS::Lambda::Function") == NULL);
	done(p);
}

static void test_globals_tables(void)
{
	assert_true(sl_sam_globals_key_supported("Function", "Runtime"));
	assert_true(sl_sam_globals_key_supported("Function", "LoggingConfig"));
	assert_true(!sl_sam_globals_key_supported("Function", "FunctionName"));
	assert_true(!sl_sam_globals_key_supported("Function", "Events"));
	assert_true(!sl_sam_globals_key_supported("Function", "Role"));
	assert_true(sl_sam_globals_key_supported("Api", "Cors"));
	assert_true(!sl_sam_globals_key_supported("Api", "StageName"));
	assert_true(!sl_sam_globals_key_supported("Api", "DefinitionBody"));
	assert_true(sl_sam_globals_key_supported("HttpApi", "CorsConfiguration"));
	assert_true(sl_sam_globals_key_supported("SimpleTable", "SSESpecification"));
	assert_true(sl_sam_globals_key_supported("StateMachine", "PropagateTags"));
	assert_true(sl_sam_globals_key_supported("LayerVersion", "PublishLambdaVersion"));
	assert_true(sl_sam_globals_key_supported("CapacityProvider", "InstanceRequirements"));
	assert_true(sl_sam_globals_key_supported("WebSocketApi", "RouteSelectionExpression"));
	assert_true(!sl_sam_globals_key_supported("Functions", "Runtime"));
	assert_true(sl_sam_globals_keys("Application") == NULL);
	assert_str(sl_sam_globals_keys("SimpleTable")[0], "SSESpecification");
	size_t n = 0;
	for (const char *const *s = sl_sam_globals_sections; *s; s++, n++)
		assert_true(sl_sam_globals_keys(*s) != NULL);
	assert_int(n, 8);
}

static const char *implicit_src =
	"Transform: AWS::Serverless-2016-10-31\n"
	"Parameters:\n"
	"  AliasName: {Type: String}\n"
	"Globals:\n"
	"  Function:\n"
	"    AutoPublishAlias: live\n"
	"  Api:\n"
	"    Auth:\n"
	"      UsagePlan: {CreateUsagePlan: SHARED}\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Handler: index.handler\n"
	"      DeploymentPreference: {Type: AllAtOnce}\n"
	"      FunctionUrlConfig: {AuthType: NONE}\n"
	"      EventInvokeConfig:\n"
	"        DestinationConfig:\n"
	"          OnFailure: {Type: SQS}\n"
	"          OnSuccess: {Type: SNS, Destination: arn:aws:sns:us-east-1:123456789012:t}\n"
	"      Events:\n"
	"        Get: {Type: Api, Properties: {Path: /, Method: get}}\n"
	"        Explicit: {Type: Api, Properties: {Path: /x, Method: get, RestApiId: !Ref MyApi}}\n"
	"        Http: {Type: HttpApi}\n"
	"        Topic: {Type: SNS, Properties: {Topic: arn:aws:sns:us-east-1:123456789012:t}}\n"
	"        Stream: {Type: Kinesis, Properties: {Stream: arn, StartingPosition: LATEST}}\n"
	"        Every: {Type: Schedule, Properties: {Schedule: rate(1 minute),"
	" DeadLetterConfig: {Type: SQS}}}\n"
	"        Later: {Type: ScheduleV2, Properties: {ScheduleExpression: rate(1 minute),"
	" DeadLetterConfig: {Type: SQS, QueueLogicalId: MyDlq}}}\n"
	"  RoleFn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    IgnoreGlobals: [AutoPublishAlias]\n"
	"    Properties:\n"
	"      Handler: index.handler\n"
	"      Role: arn:aws:iam::123456789012:role/r\n"
	"  ParamAlias:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Handler: index.handler\n"
	"      AutoPublishAlias: !Ref AliasName\n"
	"  Dashed:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Handler: index.handler\n"
	"      AutoPublishAlias: my-live_1\n"
	"  MyApi:\n"
	"    Type: AWS::Serverless::Api\n"
	"    Properties:\n"
	"      StageName: beta\n"
	"      Domain: {DomainName: api.example.com, CertificateArn: arn, BasePath: [/v1, /v2-x]}\n"
	"  Sm:\n"
	"    Type: AWS::Serverless::StateMachine\n"
	"    Properties:\n"
	"      Definition: {}\n"
	"      Events:\n"
	"        Rule: {Type: EventBridgeRule, Properties: {Pattern: {source: [x]}}}\n"
	"  Http:\n"
	"    Type: AWS::Serverless::HttpApi\n"
	"    Properties:\n"
	"      StageName: v1\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Connectors:\n"
	"      ToFn:\n"
	"        Properties:\n"
	"          Destination: {Id: Fn}\n"
	"          Permissions: [Read, Write]\n"
	"  Cp:\n"
	"    Type: AWS::Serverless::CapacityProvider\n"
	"    Properties: {}\n";

static void test_implicit_names(void)
{
	struct tpl *p = build(implicit_src);
	static const char *const yes[] = {
		"FnRole", "Fn.Alias", "Fn.Version", "FnAliaslive", "FnDeploymentGroup",
		"ServerlessDeploymentApplication", "CodeDeployServiceRole", "FnUrl", "FnUrlPublicPermissions",
		"FnURLInvokeAllowPublicAccess", "FnEventInvokeConfig", "FnEventInvokeConfigOnFailureQueue",
		"Fn.DestinationQueue", "FnGetPermissionProd", "FnExplicitPermissionbeta", "FnHttpPermission",
		"FnTopic", "FnTopicPermission", "FnStream", "FnEvery", "FnEveryPermission", "FnEveryQueue",
		"FnEveryQueuePolicy", "FnLater", "FnLaterRole", "MyDlq", "ServerlessRestApi",
		"ServerlessRestApiProdStage", "ServerlessRestApi.Stage", "ServerlessRestApi.Deployment",
		"ServerlessUsagePlan", "ServerlessApiKey", "ServerlessUsagePlanKey", "ServerlessRestApi.UsagePlan",
		"ServerlessHttpApi", "ServerlessHttpApiApiGatewayDefaultStage", "ServerlessHttpApi.Stage",
		"ParamAliasRole", "ParamAliasAliasAnything", "DashedAliasmyDliveU1", "MyApi.Stage",
		"MyApi.Deployment", "MyApibetaStage", "MyApi.DomainName", "MyApiv1BasePathMapping",
		"MyApiv2xBasePathMapping", "MyApi.UsagePlan", "MyApi.ApiKey",
		"SmRole", "SmRule", "SmRuleRole", "Http.Stage", "Httpv1Stage", "QueueToFn", "QueueToFnPolicy",
		"CpOperatorRole",
	};
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!implicit(p, yes[i]))
			fprintf(stderr, "not implicit: %s\n", yes[i]);
		assert_true(implicit(p, yes[i]));
	}
	static const char *const no[] = {
		"RoleFnRole",            /* Role given */
		"RoleFn.Alias",          /* AutoPublishAlias ignored */
		"FnVersion",             /* only with SAM's hash: use Fn.Version */
		"FnVersion926eeb5ff1",   /* the same */
		"FnAlias",               /* the alias name is known */
		"FnAliasprod",
		"MyApiDeployment",       /* only with SAM's hash: use MyApi.Deployment */
		"MyApiProdStage",        /* the stage is beta */
		"MyApiUsagePlan",        /* SHARED: ServerlessUsagePlan */
		"MyApi.Alias",
		"FnFoo",                 /* the old prefix rule took any suffix */
		"ServerlessRestApiFoo",
		"ServerlessRestApiStage",
		"FnGetPermission",       /* the permission has the stage suffix */
		"FnStreamPermission",    /* pull events need none */
		"FnHttp",
		"FnTopicQueue",          /* no SqsSubscription */
		"FnEventInvokeConfigOnSuccessTopic", /* a Destination is given */
		"Fn.DestinationTopic",
		"FnLaterQueue",          /* QueueLogicalId names it */
		"FnLaterQueuePolicy",
		"SmVersion",
		"SmRulePermission",
		"Http.Deployment",
		"HttpApiGatewayDefaultStage",
		"QueueToFnWriteLambdaPermission", /* SQS -> Lambda is a managed policy */
		"QueueToFnQueuePolicy",
		"CpRole",
		"Queue.Stage",
		"",
	};
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		if (implicit(p, no[i]))
			fprintf(stderr, "implicit: %s\n", no[i]);
		assert_true(!implicit(p, no[i]));
	}
	/* through the model's entry point, which also knows module resources */
	assert_true(sl_template_implicit(&p->t, "FnRole", 6));
	assert_true(!sl_template_implicit(&p->t, "FnRoles", 7));
	done(p);
}

static void test_no_sam(void)
{
	/* without serverless resources or the transform, SAM creates nothing */
	struct tpl *p = build("Resources:\n"
			      "  Fn:\n"
			      "    Type: AWS::Lambda::Function\n"
			      "    Properties: {Handler: h}\n"
			      "  Q:\n"
			      "    Type: AWS::SQS::Queue\n"
			      "    Connectors: {C: {Properties: {Destination: {Id: Fn}, Permissions: [Write]}}}\n");
	assert_true(!implicit(p, "FnRole"));
	assert_true(!implicit(p, "ServerlessRestApi"));
	assert_true(!implicit(p, "QC"));
	done(p);

	/* the transform alone: embedded connectors still expand */
	p = build("Transform: AWS::Serverless-2016-10-31\n"
		  "Resources:\n"
		  "  Rule:\n"
		  "    Type: AWS::Events::Rule\n"
		  "    Connectors: {ToQ: {Properties: {Destination: {Id: Q}, Permissions: [Write]}}}\n"
		  "  Q:\n"
		  "    Type: AWS::SQS::Queue\n");
	assert_true(implicit(p, "RuleToQ"));
	assert_true(implicit(p, "RuleToQQueuePolicy"));
	assert_true(!implicit(p, "RuleToQPolicy"));
	assert_true(!implicit(p, "ServerlessRestApi"));
	done(p);

	/* without the transform, serverless resources still count (E3038 reports the transform) */
	p = build("Resources:\n"
		  "  Fn:\n"
		  "    Type: AWS::Serverless::Function\n"
		  "    Properties: {Handler: h, Events: {A: {Type: HttpApi}}}\n");
	assert_true(implicit(p, "FnRole"));
	assert_true(implicit(p, "ServerlessHttpApi"));
	assert_true(!implicit(p, "ServerlessRestApi"));
	done(p);
}

int main(void)
{
	test_globals_merge();
	test_globals_tables();
	test_implicit_names();
	test_no_sam();
	return test_result();
}
