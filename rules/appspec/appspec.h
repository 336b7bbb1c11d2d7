/*
 * Helpers shared by the CodeDeploy AppSpec rules (rules/appspec/, E998xx/W998xx):
 * which compute platform a file deploys to, told by what it holds (os, files
 * and permissions for EC2/On-Premises; the type of its resources for Lambda and
 * ECS), the lifecycle events of each platform, and a walk over the hooks
 * section in both of its written forms. The CodeDeploy agent (EC2/On-Premises)
 * reads its keys as written; the service reads Lambda and ECS files with keys
 * in any case (its own documentation writes `resources` and `Resources`), so
 * lookups for those ignore case.
 */
#ifndef SL_RULES_APPSPEC_APPSPEC_H
#define SL_RULES_APPSPEC_APPSPEC_H

#include <stdbool.h>

#include "engine/engine.h"
#include "load/node.h"

#define SL_APPSPEC_DOC "https://docs.aws.amazon.com/codedeploy/latest/userguide/"

enum sl_appspec_platform {
	SL_AS_UNKNOWN = 0, /* nothing tells: the rules that depend on it stay silent */
	SL_AS_EC2,
	SL_AS_LAMBDA,
	SL_AS_ECS,
};

/* The platform `root` (the file's top-level mapping) deploys to. Resources
 * typed AWS::Lambda::Function or AWS::ECS::Service (or, untyped, with that
 * platform's properties) decide first; then os, files, permissions or
 * file_exists_behavior, or hooks that map events to lists of scripts, say
 * EC2/On-Premises. */
enum sl_appspec_platform sl_appspec_platform(const struct sl_node *root);

/* "EC2/On-Premises", "AWS Lambda", "Amazon ECS" or "unknown". */
const char *sl_appspec_platform_name(enum sl_appspec_platform p);

/* The pair of `map` whose key equals `key` ignoring case, or NULL. */
const struct sl_pair *sl_appspec_get_ci(const struct sl_node *map, const char *key);

/* The value of that pair, or NULL. */
static inline const struct sl_node *sl_appspec_value_ci(const struct sl_node *map, const char *key)
{
	const struct sl_pair *p = sl_appspec_get_ci(map, key);
	return p ? p->value : NULL;
}

/* Calls fn(c, name, body, props, arg) for each entry of the Lambda or ECS
 * `resources` list (a one-key mapping: name -> body) whose `type` is `type`
 * ignoring case, or that has no type; with type NULL for every entry. props
 * is the body's `properties` (any case), or NULL. */
void sl_appspec_each_resource(struct sl_ctx *c, const char *type,
			      void (*fn)(struct sl_ctx *c, const struct sl_node *name,
					 const struct sl_node *body, const struct sl_node *props,
					 void *arg),
			      void *arg);

/* The hooks section: `hooks` as written on EC2/On-Premises, any case on Lambda
 * and ECS (and when the platform is unknown). NULL when absent. */
const struct sl_pair *sl_appspec_hooks(const struct sl_node *root, enum sl_appspec_platform p);

/* Calls fn(c, event key, value, arg) for every hook entry of the hooks node:
 * a mapping of event to value, or a list of such mappings (the Lambda and ECS
 * form). Other shapes are skipped. */
void sl_appspec_each_hook(struct sl_ctx *c, const struct sl_node *hooks,
			  void (*fn)(struct sl_ctx *c, const struct sl_node *event,
				     const struct sl_node *value, void *arg),
			  void *arg);

/* Event names: scriptable on the platform; reserved (run by CodeDeploy, no
 * hook can run). NULL-terminated. */
const char *const *sl_appspec_events(enum sl_appspec_platform p);
const char *const *sl_appspec_reserved(enum sl_appspec_platform p);

/* True when the scalar n equals one of the NULL-terminated names. */
bool sl_appspec_in(const struct sl_node *n, const char *const *names);

/* Where to report a value that is missing something: its key (the key's
 * span is short and names it), else the node itself. */
static inline const struct sl_node *sl_appspec_key_at(const struct sl_node *v)
{
	const struct sl_node *k = sl_map_key_of(v);
	return k ? k : v;
}

/* Formats a key's text for messages ("%.*s"). */
#define SL_AS_KEY(n) (int)(n)->len, (n)->str

/* ---- the template beside the file (E99810, E99811, W99812) ------------------ */

/* The names the template beside an appspec file is looked for under, in this
 * order (NULL-terminated): template.yaml, template.yml, template.json. */
extern const char *const sl_appspec_template_names[];

/* The template in the appspec file's directory (sl_side_template with those
 * names), when it shows every resource it declares: NULL when there is none,
 * it does not parse or is no template, the file came from stdin, or a macro
 * (a Transform other than SAM's and AWS::LanguageExtensions, Fn::Transform)
 * or a Fn::ForEach loop left as written may add resources the rules cannot
 * see. *path gets the template's name as messages show it. */
const struct sl_template *sl_appspec_template(struct sl_ctx *c, const char **path);

/* The AWS::ECS::TaskDefinition of t that an ECS resource's TaskDefinition
 * value `td` deploys: for an ARN (arn:<partition>:ecs:<region>:<account>:
 * task-definition/FAMILY[:REVISION]) the one task definition whose Family is
 * that literal. NULL when none or several match, or td is anything else
 * (CodePipeline's placeholder <TASK_DEFINITION> included: the pipeline fills
 * it from taskdef.json, not from the template). Linear in t once per
 * linted file (memoised), then logarithmic. */
const struct sl_entity *sl_appspec_task_definition(struct sl_ctx *c, const struct sl_template *t,
						   const struct sl_node *td);

/* Writes into buf where task definition td is, for messages: "family 'web',
 * line 9 of template.yaml beside this file". */
void sl_appspec_taskdef_where(char *buf, size_t size, const struct sl_template *t,
			      const struct sl_entity *td, const char *path);

/* The ContainerDefinitions list of a task definition when each item is a
 * mapping whose Name is a plain string; NULL otherwise (a value the rules
 * cannot read: they stay silent), and for more than 64 containers, which
 * keeps sl_appspec_container constant-time. */
const struct sl_node *sl_appspec_containers(const struct sl_entity *taskdef);

/* The item of `containers` (from sl_appspec_containers) named `name`, or NULL. */
const struct sl_node *sl_appspec_container(const struct sl_node *containers, const struct sl_node *name);

/* True when the scalar n could be a name of ECS or Lambda (letters, digits,
 * hyphens and underscores, 1 to 255 of them): not a placeholder a pipeline
 * fills in (<CONTAINER_NAME>, ${NAME}, {{name}}), which the rules leave alone. */
bool sl_appspec_plain_name(const struct sl_node *n);

#endif
