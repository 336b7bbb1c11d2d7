/* E99810: an ECS AppSpec file routes traffic to a container of the task
 * definition it deploys, when the template beside it defines that task
 * definition. */
#include <stdio.h>
#include <string.h>

#include "rules/appspec/appspec.h"
#include "util/arena.h"

#define get_ci sl_appspec_value_ci

/* Writes the container names of `list` into buf as "a, b, c" (cut with
 * ", ..." when it does not fit) and collects them in cands. */
static void names_of(const struct sl_node *list, char *buf, size_t size, const char **cands)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < list->len; i++) {
		const struct sl_node *n = sl_map_get(list->items[i], "Name");
		cands[i] = n->str;
		if (used + n->len + 8 >= size) {
			if (used + 6 < size)
				used += (size_t)snprintf(buf + used, size - used, ", ...");
			size = used; /* full: collect the rest only */
			continue;
		}
		used += (size_t)snprintf(buf + used, size - used, "%s%.*s", i ? ", " : "",
					 (int)n->len, n->str);
	}
}

static void one(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *body,
		const struct sl_node *props, void *arg)
{
	(void)key;
	(void)body;
	(void)arg;
	const struct sl_node *name = get_ci(get_ci(props, "LoadBalancerInfo"), "ContainerName");
	if (!sl_appspec_plain_name(name))
		return; /* absent (E99808), or a placeholder a pipeline fills in */
	const char *path;
	const struct sl_template *t = sl_appspec_template(c, &path); /* read once per file */
	if (!t)
		return;
	const struct sl_entity *td = sl_appspec_task_definition(c, t, get_ci(props, "TaskDefinition"));
	const struct sl_node *list = td ? sl_appspec_containers(td) : NULL;
	if (!list || sl_appspec_container(list, name))
		return;
	const char **cands = sl_arena_alloc(c->arena, (list->len + 1) * sizeof(*cands));
	if (!cands) {
		c->oom = true;
		return;
	}
	char names[256];
	names_of(list, names, sizeof(names), cands);
	const char *s = sl_suggest(name->str, name->len, cands, list->len);
	char where[320];
	sl_appspec_taskdef_where(where, sizeof(where), t, td, path);
	sl_report(c, name, "ContainerName '%.*s' is not a container of task definition %.*s "
		  "(%s), whose container%s %s: CodeDeploy routes traffic to this container in "
		  "the task set it creates, so the deployment fails; name %s%s%s%s",
		  SL_AS_KEY(name), SL_AS_KEY(td->key), where, list->len == 1 ? " is" : "s are",
		  names, list->len == 1 ? "that container" : "one of them", s ? " (did you mean '" : "",
		  s ? s : "", s ? "'?)" : "");
}

static void check(struct sl_ctx *c)
{
	if (sl_appspec_platform(c->root) != SL_AS_ECS)
		return;
	sl_appspec_each_resource(c, "AWS::ECS::Service", one, NULL);
}

const struct sl_rule rule_E99810 = {
	.id = "E99810",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_APPSPEC,
	.title = "An ECS AppSpec file's ContainerName is a container of the task definition "
		 "it deploys",
	.source = SL_APPSPEC_DOC "reference-appspec-file-structure-resources.html",
	.doc =
	"### What it checks\n"
	"An Amazon ECS AppSpec file's `LoadBalancerInfo.ContainerName`, against the template "
	"beside the file (`template.yaml`, `template.yml` or `template.json` in the same "
	"directory) when that template defines the task definition the file deploys: the "
	"`AWS::ECS::TaskDefinition` whose literal `Family` is the family in the `TaskDefinition` "
	"ARN (`arn:aws:ecs:region:account:task-definition/FAMILY:REVISION`). CodePipeline's "
	"placeholder `<TASK_DEFINITION>` is left alone: the pipeline fills it with the task "
	"definition it registers from `taskdef.json`, not the template's. `ContainerName` must be the `Name` of one of its `ContainerDefinitions`.\n\n"
	"Nothing is reported when there is no template beside the file, the task definition is "
	"not in it (it may belong to another stack), a container name is not a plain string, a "
	"macro or an unexpanded `Fn::ForEach` may add resources, or `ContainerName` is a "
	"placeholder a pipeline fills in (`<CONTAINER_NAME>`, `${NAME}`).\n\n"
	"### Why it matters\n"
	"CodeDeploy's AppSpec reference says the container \"must be a container specified in "
	"your Amazon ECS task definition\": it creates the replacement task set with the load "
	"balancer routed to that container, and Amazon ECS refuses a container the task "
	"definition does not have (\"The container ... does not exist in the task "
	"definition\"), so the deployment fails after it started.\n\n"
	"### Bad\n"
	"```yaml\n"
	"# template.yaml beside it: TaskDef with Family: web-app and a container named web\n"
	"version: 0.0\n"
	"Resources:\n"
	"  - TargetService:\n"
	"      Type: AWS::ECS::Service\n"
	"      Properties:\n"
	"        TaskDefinition: arn:aws:ecs:us-east-1:111122223333:task-definition/web-app:7\n"
	"        LoadBalancerInfo:\n"
	"          ContainerName: web-app\n"
	"          ContainerPort: 80\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"version: 0.0\n"
	"Resources:\n"
	"  - TargetService:\n"
	"      Type: AWS::ECS::Service\n"
	"      Properties:\n"
	"        TaskDefinition: arn:aws:ecs:us-east-1:111122223333:task-definition/web-app:7\n"
	"        LoadBalancerInfo:\n"
	"          ContainerName: web\n"
	"          ContainerPort: 80\n"
	"```\n",
	.check = check,
};
