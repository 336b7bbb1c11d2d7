/* W99104: an API Gateway integration to a function that API Gateway may not invoke. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/lambda/lambda.h"

/* What the template's permissions and SAM connectors let API Gateway invoke,
 * gathered in one pass so that each integration is judged by a few lookups. */
enum {
	BY_PERMISSION = 1, /* a permission's FunctionName refers to this logical ID */
	BY_CONNECTOR = 2,  /* a connector's Destination Id is this logical ID */
	LITERAL = 4,       /* a permission's FunctionName is this literal text */
	NAME = 8,          /* some resource's FunctionName is this (truncated as in want[]) */
	ARN_OK = 16,       /* ... and a literal ARN names it */
};

/* The ARN test writes ":function:<name>" into 300 bytes: names count by their
 * first ARN_NAME_MAX bytes. */
#define ARN_NAME_MAX (300 - sizeof(":function:"))

struct slot {
	const char *s;
	size_t len;
	uint64_t h;
	unsigned flags;
	size_t stamp; /* the literal that last looked at this NAME */
};

struct perms {
	bool all;     /* something may let API Gateway invoke every function */
	bool literal; /* some permission names its function by literal text */
	bool oom;
	struct slot *slots; /* open addressing, s == NULL: empty */
	size_t n, cap;
};

static uint64_t fnv_step(uint64_t h, unsigned char b)
{
	return (h ^ b) * 1099511628211u;
}

#define FNV_START 14695981039346656037u

static uint64_t fnv(const char *s, size_t len)
{
	uint64_t h = FNV_START;
	for (size_t i = 0; i < len; i++)
		h = fnv_step(h, (unsigned char)s[i]);
	return h;
}

static struct slot *lookup(const struct perms *p, const char *s, size_t len, uint64_t h)
{
	if (!p->cap)
		return NULL;
	for (size_t i = h & (p->cap - 1);; i = (i + 1) & (p->cap - 1)) {
		struct slot *sl = &p->slots[i];
		if (!sl->s)
			return NULL;
		if (sl->h == h && sl->len == len && memcmp(sl->s, s, len) == 0)
			return sl;
	}
}

static void add(struct perms *p, const char *s, size_t len, unsigned flags)
{
	uint64_t h = fnv(s, len);
	struct slot *sl = lookup(p, s, len, h);
	if (sl) {
		sl->flags |= flags;
		return;
	}
	if (2 * (p->n + 1) > p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 64;
		struct slot *ns = calloc(cap, sizeof(*ns));
		if (!ns) {
			p->oom = true;
			return;
		}
		for (size_t i = 0; i < p->cap; i++) {
			if (!p->slots[i].s)
				continue;
			size_t j = p->slots[i].h & (cap - 1);
			while (ns[j].s)
				j = (j + 1) & (cap - 1);
			ns[j] = p->slots[i];
		}
		free(p->slots);
		p->slots = ns;
		p->cap = cap;
	}
	size_t j = h & (p->cap - 1);
	while (p->slots[j].s)
		j = (j + 1) & (p->cap - 1);
	p->slots[j] = (struct slot){ .s = s, .len = len, .h = h, .flags = flags };
	p->n++;
}

/* The logical IDs a resource reference (Ref X or GetAtt X.Arn) names: X, and
 * through an alias or version the function behind it; p->all when the chain
 * ends where the function cannot be known. As names_resource() judged it. */
static void resource_ids(struct perms *p, const struct sl_template *t, const char *id, size_t len)
{
	for (int depth = 0;; depth++) {
		add(p, id, len, BY_PERMISSION);
		const struct sl_entity *r = sl_index_find(&t->resources, id, len);
		if (!r) {
			p->all = p->all || sl_template_implicit(t, id, len);
			return;
		}
		bool alias = sl_samr_type_is(r, "AWS::Lambda::Alias") ||
			     sl_samr_type_is(r, "AWS::Lambda::Version");
		if (!alias || depth >= 4)
			return;
		const struct sl_node *fn = sl_map_get(sl_samr_props(r), "FunctionName");
		const struct sl_node *k = sl_node_intrinsic(fn);
		const struct sl_node *a = k ? fn->pairs[0].value : NULL;
		if (!k || !sl_str_eq(k, "Ref") || !sl_node_is(a, SL_SCALAR)) {
			p->all = true;
			return;
		}
		id = a->str;
		len = a->len;
	}
}

/* A permission's FunctionName, as names_function() judged it for every function. */
static void function_name(struct perms *p, const struct sl_template *t, const struct sl_node *fn)
{
	const struct sl_node *k = sl_node_intrinsic(fn);
	if (!k) {
		if (!sl_samr_is_string(fn)) {
			p->all = true;
			return;
		}
		p->literal = true;
		add(p, fn->str, fn->len, LITERAL);
		return;
	}
	const struct sl_node *a = fn->pairs[0].value;
	if (sl_str_eq(k, "Ref") && sl_node_is(a, SL_SCALAR)) {
		if (sl_index_find(&t->resources, a->str, a->len) || sl_template_implicit(t, a->str, a->len))
			resource_ids(p, t, a->str, a->len);
		else
			p->all = true; /* a parameter */
		return;
	}
	if (sl_str_eq(k, "Fn::GetAtt") && sl_node_is(a, SL_SEQ) && a->len == 2 &&
	    sl_node_is(a->items[0], SL_SCALAR)) {
		resource_ids(p, t, a->items[0]->str, a->items[0]->len);
		return;
	}
	p->all = true; /* Fn::Sub, Fn::Join, Fn::If, imports: naming it, or unknown */
}

/* A SAM connector destination (a map, or a list of them): its Id, or every
 * function for an Arn or anything not judged. */
static void destination(struct perms *p, const struct sl_node *d)
{
	if (sl_node_is(d, SL_SEQ)) {
		for (size_t i = 0; i < d->len; i++)
			destination(p, d->items[i]);
		return;
	}
	const struct sl_node *id = sl_node_is(d, SL_MAP) && !sl_node_intrinsic(d) &&
				   !sl_map_get(d, "Arn") ? sl_map_get(d, "Id") : NULL;
	if (sl_node_is(id, SL_SCALAR))
		add(p, id->str, id->len, BY_CONNECTOR);
	else
		p->all = true;
}

/* A literal ARN (or name): marks ARN_OK on the NAMEs n for which the first
 * ":function:<n>" in it ends the text or comes before ':', as the strstr()
 * test found it. Each occurrence of ":function:" costs at most ARN_NAME_MAX + 1
 * lookups, whatever the names. */
static void literal_arns(struct perms *p, const char *s, size_t stamp)
{
	static const char mark[] = ":function:";
	for (const char *at = strstr(s, mark); at; at = strstr(at + 1, mark)) {
		const char *n = at + sizeof(mark) - 1;
		uint64_t h = FNV_START;
		for (size_t l = 0; l <= ARN_NAME_MAX; l++) {
			struct slot *sl = lookup(p, n, l, h);
			if (sl && (sl->flags & NAME) && sl->stamp != stamp) {
				sl->stamp = stamp; /* its first occurrence decides */
				if (n[l] == 0 || n[l] == ':')
					sl->flags |= ARN_OK;
			}
			if (n[l] == 0)
				break;
			h = fnv_step(h, (unsigned char)n[l]);
		}
	}
}

/* Reads every AWS::Lambda::Permission and SAM connector of t once. */
static void gather(struct perms *p, const struct sl_template *t)
{
	for (size_t i = 0; i < t->resources.n && !p->all; i++) {
		const struct sl_entity *r = &t->resources.items[i];
		if (sl_samr_type_is(r, "AWS::Serverless::Connector")) {
			destination(p, sl_map_get(sl_samr_props(r), "Destination"));
		} else {
			const struct sl_node *cs = sl_map_get(r->value, "Connectors");
			for (size_t j = 0; sl_node_is(cs, SL_MAP) && j < cs->len; j++) {
				const struct sl_node *v = cs->pairs[j].value;
				destination(p, sl_map_get(sl_map_get(v, "Properties"), "Destination"));
			}
			if (cs && !sl_node_is(cs, SL_MAP))
				p->all = true;
		}
		if (!sl_samr_type_is(r, "AWS::Lambda::Permission"))
			continue;
		const struct sl_node *props = sl_samr_props(r);
		const struct sl_node *principal = sl_map_get(props, "Principal");
		if (!principal || !props) {
			p->all = true; /* cannot be judged */
			continue;
		}
		if (!sl_node_intrinsic(principal) && !sl_str_eq(principal, "apigateway.amazonaws.com"))
			continue;
		function_name(p, t, sl_map_get(props, "FunctionName"));
	}
	if (p->all || !p->literal)
		return;
	/* literal names and ARNs: the FunctionName of every resource, then each literal */
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		const struct sl_node *name = sl_map_get(sl_samr_props(e), "FunctionName");
		if (sl_samr_is_string(name)) {
			size_t l = strlen(name->str);
			add(p, name->str, l < ARN_NAME_MAX ? l : ARN_NAME_MAX, NAME);
		}
	}
	size_t stamp = 0;
	for (size_t i = 0; i < p->cap && !p->oom; i++)
		if (p->slots[i].s && (p->slots[i].flags & LITERAL))
			literal_arns(p, p->slots[i].s, ++stamp);
}

/* True when some AWS::Lambda::Permission or SAM connector may let API Gateway
 * invoke f. */
static bool permitted(const struct perms *p, const struct sl_entity *f)
{
	if (p->all)
		return true;
	const struct slot *sl = lookup(p, f->key->str, f->key->len, fnv(f->key->str, f->key->len));
	if (sl && (sl->flags & BY_PERMISSION))
		return true;
	size_t kl = strlen(f->key->str);
	sl = lookup(p, f->key->str, kl, fnv(f->key->str, kl));
	if (sl && (sl->flags & BY_CONNECTOR))
		return true;
	if (!p->literal)
		return false;
	const struct sl_node *name = sl_map_get(sl_samr_props(f), "FunctionName");
	if (!name)
		return false; /* a generated name cannot be written literally */
	if (!sl_samr_is_string(name))
		return true;
	size_t l = strlen(name->str);
	sl = lookup(p, name->str, l, fnv(name->str, l));
	if (sl && (sl->flags & LITERAL))
		return true;
	l = l < ARN_NAME_MAX ? l : ARN_NAME_MAX;
	sl = lookup(p, name->str, l, fnv(name->str, l));
	return sl && (sl->flags & ARN_OK);
}

/* A SAM function with Api / HttpApi events: SAM writes permissions for them. */
static bool sam_api_events(const struct sl_entity *f)
{
	if (!sl_samr_type_is(f, SL_SAM_FUNCTION))
		return false;
	const struct sl_node *events = sl_map_get(sl_samr_props(f), "Events");
	for (size_t j = 0; sl_node_is(events, SL_MAP) && j < events->len; j++) {
		const struct sl_node *ty = sl_map_get(events->pairs[j].value, "Type");
		if (sl_str_eq(ty, "Api") || sl_str_eq(ty, "HttpApi") || !sl_node_is(ty, SL_SCALAR))
			return true;
	}
	return false;
}

static void check_uri(struct sl_ctx *c, struct perms *p, bool *gathered, const struct sl_node *uri,
		      const struct sl_node *creds)
{
	const struct sl_template *t = c->t;
	if (creds && !sl_samr_is_novalue(creds))
		return; /* API Gateway assumes this role to invoke: no resource policy needed */
	const struct sl_entity *f = sl_lam_uri_function(t, uri);
	if (!f || sam_api_events(f))
		return;
	if (!*gathered) {
		gather(p, t);
		*gathered = true;
	}
	if (p->oom) {
		c->oom = true;
		return;
	}
	if (permitted(p, f))
		return;
	sl_report(c, uri, "API Gateway invokes function '%s' here, but no AWS::Lambda::Permission "
		  "lets apigateway.amazonaws.com invoke it (FunctionName referring to '%s'): the API "
		  "answers 500 \"Invalid permissions on Lambda function\"", f->key->str, f->key->str);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro)
		return; /* a macro may add the permission */
	struct perms p = { 0 };
	bool gathered = false;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_LAM_REST_METHOD, SL_LAM_V2_INTEGRATION);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_samr_props(e);
		if (sl_samr_type_is(e, SL_LAM_REST_METHOD)) {
			const struct sl_node *in = sl_map_get(props, "Integration");
			const struct sl_node *ty = sl_map_get(in, "Type");
			if (sl_str_eq(ty, "AWS") || sl_str_eq(ty, "AWS_PROXY"))
				check_uri(c, &p, &gathered, sl_map_get(in, "Uri"),
					  sl_map_get(in, "Credentials"));
		} else if (sl_samr_type_is(e, SL_LAM_V2_INTEGRATION)) {
			const struct sl_node *ty = sl_map_get(props, "IntegrationType");
			if (sl_str_eq(ty, "AWS") || sl_str_eq(ty, "AWS_PROXY"))
				check_uri(c, &p, &gathered, sl_map_get(props, "IntegrationUri"),
					  sl_map_get(props, "CredentialsArn"));
		}
	}
	free(p.slots);
}

const struct sl_rule rule_W99104 = {
	.id = "W99104",
	.severity = SL_SEV_WARNING,
	.title = "API Gateway may invoke the functions it integrates",
	.source = "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ApiGateway::Method` `Integration` or an `AWS::ApiGatewayV2::Integration` of "
	"type `AWS` or `AWS_PROXY` whose URI names a function of the template (`!GetAtt Fn.Arn`, "
	"`${Fn.Arn}` in `Fn::Sub`, `Fn::Join` over the GetAtt) has an `AWS::Lambda::Permission` "
	"with `Principal: apigateway.amazonaws.com` whose `FunctionName` refers to that function "
	"(`Ref`, `GetAtt`, an alias or version of it, its literal name or ARN). Not judged: "
	"integrations with `Credentials` / `CredentialsArn` (API Gateway then invokes with that "
	"role), functions that a SAM connector (`AWS::Serverless::Connector` or a `Connectors` "
	"attribute) connects to, SAM functions with `Api`/`HttpApi` events (SAM adds their permissions), "
	"permissions whose function or principal cannot be known here (a parameter, an import, "
	"a computed name), and templates run through a macro.\n\n"
	"### Why it matters\n"
	"A Lambda function accepts calls from API Gateway only when its resource-based policy "
	"allows them. The console adds that permission when you wire an integration by hand; "
	"CloudFormation does not, so the stack deploys and every request fails with 500 "
	"\"Internal server error\" (\"Invalid permissions on Lambda function\" in the logs).\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  GetItems:\n"
	"    Type: AWS::ApiGateway::Method\n"
	"    Properties:\n"
	"      RestApiId: !Ref Api\n"
	"      ResourceId: !GetAtt Api.RootResourceId\n"
	"      HttpMethod: GET\n"
	"      AuthorizationType: NONE\n"
	"      Integration:\n"
	"        Type: AWS_PROXY\n"
	"        IntegrationHttpMethod: POST\n"
	"        Uri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ItemsFunction.Arn}/invocations\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  GetItems:\n"
	"    Type: AWS::ApiGateway::Method\n"
	"    Properties:\n"
	"      RestApiId: !Ref Api\n"
	"      ResourceId: !GetAtt Api.RootResourceId\n"
	"      HttpMethod: GET\n"
	"      AuthorizationType: NONE\n"
	"      Integration:\n"
	"        Type: AWS_PROXY\n"
	"        IntegrationHttpMethod: POST\n"
	"        Uri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ItemsFunction.Arn}/invocations\n"
	"  ApiInvokesItems:\n"
	"    Type: AWS::Lambda::Permission\n"
	"    Properties:\n"
	"      Action: lambda:InvokeFunction\n"
	"      FunctionName: !Ref ItemsFunction\n"
	"      Principal: apigateway.amazonaws.com\n"
	"      SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*\n"
	"```\n",
	.check = check,
};
