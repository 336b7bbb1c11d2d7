/* E99911: a Dockerrun.aws.json names its AWSEBDockerrunVersion: 1, 2 or 3. */
#include "rules/beanstalk/ebfiles.h"

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (!sl_node_is(root, SL_MAP)) {
		sl_report(c, root, "Dockerrun.aws.json is a JSON object at the top level, not a %s",
			  sl_eb_what(root));
		return;
	}
	const struct sl_node *v = sl_map_get(root, "AWSEBDockerrunVersion");
	if (!v) {
		sl_report(c, sl_eb_anchor(root), "Dockerrun.aws.json has no AWSEBDockerrunVersion: "
			  "Elastic Beanstalk needs \"1\" (single container), 2 (multicontainer, "
			  "ECS) or \"3\" (with docker-compose.yml)");
		return;
	}
	if (sl_eb_dockerrun_version(root) == 0)
		sl_report(c, v, "AWSEBDockerrunVersion '%.*s' is not a version Elastic Beanstalk "
			  "knows: 1 (single container), 2 (multicontainer, ECS) or 3 (with "
			  "docker-compose.yml)", SL_EB_STR(v));
}

const struct sl_rule rule_E99911 = {
	.id = "E99911",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_DOCKERRUN,
	.title = "Dockerrun.aws.json has AWSEBDockerrunVersion 1, 2 or 3",
	.source = SL_EB_DOCKER_V2_DOC,
	.doc =
	"### What it checks\n"
	"That an Elastic Beanstalk `Dockerrun.aws.json` is a JSON object whose "
	"`AWSEBDockerrunVersion` is 1, 2 or 3 (written as a string or a number; the "
	"documentation writes `\"1\"`, `2` and `\"3\"`).\n\n"
	"### Why it matters\n"
	"The version tells Elastic Beanstalk how to read the rest of the file: version 1 "
	"describes one container (Docker platform), version 2 the containers of an ECS task "
	"(ECS managed Docker platform), version 3 only the registry authentication of a "
	"docker-compose.yml application. Without a version it knows, the deployment fails.\n\n"
	"### Bad\n"
	"```json\n"
	"{\n"
	"  \"AWSEBDockerrunVersion\": \"2.0\",\n"
	"  \"containerDefinitions\": []\n"
	"}\n"
	"```\n\n"
	"### Good\n"
	"```json\n"
	"{\n"
	"  \"AWSEBDockerrunVersion\": 2,\n"
	"  \"containerDefinitions\": []\n"
	"}\n"
	"```\n",
	.check = check,
};
