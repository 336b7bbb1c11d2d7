/*
 * Helpers shared by the SAM rules (rules/sam/E990xx.c): finding serverless
 * resources and their properties, the key a value belongs to, the literal
 * values an Fn::If can take, and the lists SAM documents (policy templates,
 * CodeDeploy's predefined deployment configurations). The other rule families
 * use the generic ones too: each resource of a type, literal integers, the
 * list items that are surely there.
 */
#ifndef SL_RULES_SAM_SAMRULES_H
#define SL_RULES_SAM_SAMRULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/engine.h"
#include "template/sam.h"

#define SL_SAM_FUNCTION "AWS::Serverless::Function"
#define SL_SAM_API "AWS::Serverless::Api"
#define SL_SAM_STATE_MACHINE "AWS::Serverless::StateMachine"
#define SL_SAM_HTTP_API "AWS::Serverless::HttpApi"

/* True when the resource's Type is exactly `type` (inline: a literal's length
 * is known when compiling). */
static inline bool sl_samr_type_is(const struct sl_entity *e, const char *type)
{
	return e->type && sl_str_eq(e->type, type);
}

/* The resource's Properties map, or NULL when it has none (or not a map). */
static inline const struct sl_node *sl_samr_props(const struct sl_entity *e)
{
	return e->props;
}

/* Where to report something missing from a resource: its Properties key, or
 * its logical ID when it has no Properties (as E3003 does). */
const struct sl_node *sl_samr_anchor(const struct sl_entity *e);

/* True for a scalar that is a string (quoted, block, or plain text that YAML 1.1
 * does not read as a number, boolean or null). */
bool sl_samr_is_string(const struct sl_node *n);

/* True when n is {"Ref": "AWS::NoValue"}. */
bool sl_samr_is_novalue(const struct sl_node *n);

/* Calls fn for each value n can take: n itself, or for {"Fn::If": [c, a, b]}
 * each branch (recursively), skipping AWS::NoValue. Other intrinsic functions
 * are passed to fn as they are; fn tells them apart with sl_node_intrinsic(). */
void sl_samr_each_value(const struct sl_node *n,
			void (*fn)(struct sl_ctx *c, const struct sl_node *v, void *ud),
			struct sl_ctx *c, void *ud);

/* True for an absent value or YAML's null (`Key:` with nothing after it). */
bool sl_samr_is_null(const struct sl_node *n);

/* Calls fn, in source order, for each resource whose Type is exactly `type`
 * and whose Properties is a map (props); a resource without one is skipped.
 * Shared by the rule families that check one resource type at a time. */
void sl_samr_each_resource(struct sl_ctx *c, const char *type,
			   void (*fn)(struct sl_ctx *c, const struct sl_entity *e,
				      const struct sl_node *props, void *ud),
			   void *ud);

/* A walk over the resources whose Type is exactly one of a few (at most
 * eight, distinct) types, in source order: their sl_template_of_type lists
 * merged, so a rule that looks at those types costs what they have, not what
 * the template has. sl_samr_types_start takes the types as a NULL-terminated
 * list; sl_samr_types_init as arguments (a NULL among them ends the list):
 *	struct sl_samr_types w;
 *	sl_samr_types_init(&w, t, SL_SAM_FUNCTION, SL_SAM_STATE_MACHINE);
 *	for (const struct sl_entity *e; (e = sl_samr_types_next(&w));)
 */
struct sl_samr_types {
	const struct sl_template *t;
	const uint32_t *ix[8];
	size_t n[8], k;
	/* a template of a few resources is scanned instead (two binary searches
	 * per type cost more there) */
	const char *ty[8];
	size_t len[8], at;
	bool scan;
};
#define sl_samr_types_init(w, t, ...) \
	sl_samr_types_start((w), (t), (const char *const[]){ __VA_ARGS__, NULL })
void sl_samr_types_start(struct sl_samr_types *w, const struct sl_template *t,
			 const char *const *types);
/* The next resource of the walk, or NULL after the last. */
const struct sl_entity *sl_samr_types_next(struct sl_samr_types *w);

/* Starts w on the template's functions, AWS::Lambda::Function and
 * AWS::Serverless::Function, in source order: the walk of the rules that
 * judge both kinds alike. */
static inline void sl_samr_functions_init(struct sl_samr_types *w, const struct sl_template *t)
{
	sl_samr_types_init(w, t, "AWS::Lambda::Function", SL_SAM_FUNCTION);
}

/* True when n is a literal whole number, optionally negative, of at most 18
 * characters (a YAML/JSON integer, or a string of digits with an optional
 * leading '-', as CloudFormation accepts for numbers); *out gets it. False,
 * *out untouched, for intrinsic functions and anything else. */
bool sl_samr_int(const struct sl_node *n, long long *out);

/* True when a list item is surely there: neither {"Ref": "AWS::NoValue"} nor
 * an Fn::If with an AWS::NoValue branch (nor a malformed Fn::If). */
bool sl_samr_item_certain(const struct sl_node *it);

/* The API an Api or HttpApi event adds its route to (RestApiId / ApiId: a Ref
 * or the plain logical ID of a serverless API of this template, or none for
 * the implicit ServerlessRestApi / ServerlessHttpApi, whose properties come
 * from Globals alone). */
struct sl_samr_api {
	const struct sl_entity *res; /* the explicit API, or NULL for the implicit one */
	bool http;                   /* an HttpApi event (AWS::Serverless::HttpApi) */
	bool known; /* false when the API is named some other way (a parameter, an import, a
		     * function, a resource of another type): then nothing about it is judged */
};

/* Resolves the API of an event of type Api (http false) or HttpApi (http true)
 * whose Properties map is props. */
void sl_samr_event_api(struct sl_samr_api *out, const struct sl_template *t, const struct sl_node *props,
		       bool http);

/* Where a known API's OpenAPI definition comes from. */
enum sl_samr_definition {
	SL_SAMR_DEF_GENERATED, /* none of its own (or the implicit API): SAM writes it */
	SL_SAMR_DEF_MERGED,    /* a REST API with MergeDefinitions: SAM merges the event routes in */
	SL_SAMR_DEF_INLINE,    /* DefinitionBody, which SAM edits */
	SL_SAMR_DEF_URI,       /* DefinitionUri: a file SAM does not open */
};

/* The definition of a known API (api->known), after Globals. */
enum sl_samr_definition sl_samr_api_definition(const struct sl_template *t, const struct sl_samr_api *api);

/* The value at property path (NULL-terminated) of a known API after Globals:
 * the explicit API's (sl_sam_prop_path), or for the implicit one the Globals
 * section's. NULL when absent. */
const struct sl_node *sl_samr_api_prop(const struct sl_template *t, const struct sl_samr_api *api,
				       const char *const *path);

/* Whether a DeploymentPreference's Enabled value turns it on, as SAM reads it:
 * 1 when absent or true, 0 for false / "false" / "False", -1 when it cannot be
 * known here (an intrinsic function). */
int sl_samr_enabled(const struct sl_node *enabled);

/* A SAM policy template: its name and parameters (NULL-terminated). */
struct sl_sam_policy_template {
	const char *name;
	const char *params[3];
};

/* The documented policy templates, sorted by name; *n gets their count. */
const struct sl_sam_policy_template *sl_samr_policy_templates(size_t *n);

/* CodeDeploy's predefined Lambda deployment configurations SAM accepts in
 * DeploymentPreference.Type, NULL-terminated. */
extern const char *const sl_samr_codedeploy_types[];

/* Calls fn for each Api event of every SAM function and state machine and each
 * HttpApi event of every function, in source order, whose Properties is a map
 * (not a function): name is the event's key, http tells HttpApi. */
void sl_samr_each_api_event(struct sl_ctx *c,
			    void (*fn)(struct sl_ctx *c, const struct sl_entity *res,
				       const struct sl_node *name, const struct sl_node *props,
				       bool http, void *ud),
			    void *ud);

/* True when SAM treats the value as given: present, not null, not false, not
 * an empty string, map or list (Python truthiness, as in SAM's `if self.cors:`). */
bool sl_samr_truthy(const struct sl_node *n);

/* True for the SAM shapes the transform reads key by key (dict.get) without
 * rejecting other keys, which it drops: unknown keys there are W99050's, not
 * E3002's. */
bool sl_samr_lenient_shape(const char *shape);

/* True when v is the value of Cors.AllowCredentials of an AWS::Serverless::Api
 * (or of Globals.Api): SAM sends the header only for the boolean true and
 * drops any other value, so a wrong type there is W99050's, not E3012's. */
bool sl_samr_api_cors_credentials(const struct sl_node *v);

#endif
