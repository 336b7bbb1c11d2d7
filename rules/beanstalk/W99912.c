/* W99912: a Dockerrun.aws.json holds the top-level keys of its own version. */
#include "rules/beanstalk/ebfiles.h"

static const char *const v1_keys[] = { "Image", "Ports", "Volumes", "Logging", NULL };
static const char *const v2_keys[] = { "containerDefinitions", "volumes", "executionRoleArn",
				       NULL };

static bool in(const struct sl_node *k, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (sl_str_eq(k, names[i]))
			return true;
	return false;
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (!sl_node_is(root, SL_MAP))
		return;
	int ver = sl_eb_dockerrun_version(root);
	if (ver == 0)
		return;
	for (uint32_t i = 0; i < root->len; i++) {
		const struct sl_node *k = root->pairs[i].key;
		if (ver == 1 && in(k, v2_keys))
			sl_report(c, k, "'%.*s' is a key of a version 2 (multicontainer, ECS) "
				  "Dockerrun.aws.json: a version 1 file describes one container with "
				  "Image, Ports, Volumes, Logging and Authentication, and Elastic "
				  "Beanstalk does not read it here", SL_EB_STR(k));
		else if (ver == 2 && in(k, v1_keys))
			sl_report(c, k, "'%.*s' is a key of a version 1 (single container) "
				  "Dockerrun.aws.json: a version 2 file describes its containers in "
				  "containerDefinitions and volumes, and Elastic Beanstalk does not read "
				  "it here", SL_EB_STR(k));
		else if (ver == 3 && (in(k, v1_keys) || in(k, v2_keys)))
			sl_report(c, k, "'%.*s' is a key of a version %d Dockerrun.aws.json: a "
				  "version 3 file holds only Authentication, and the containers are "
				  "described in docker-compose.yml", SL_EB_STR(k), in(k, v1_keys) ? 1 : 2);
	}
}

const struct sl_rule rule_W99912 = {
	.id = "W99912",
	.severity = SL_SEV_WARNING,
	.kind = SL_FILE_DOCKERRUN,
	.title = "Dockerrun.aws.json keys belong to its AWSEBDockerrunVersion",
	.source = SL_EB_DOCKER_V1_DOC,
	.doc =
	"### What it checks\n"
	"That a `Dockerrun.aws.json` does not hold the top-level keys of another version: "
	"`containerDefinitions`, `volumes` or `executionRoleArn` (version 2) in a version 1 "
	"file; `Image`, `Ports`, `Volumes` or `Logging` (version 1) in a version 2 file; any "
	"of them in a version 3 file, which holds only `Authentication`. Keys it does not "
	"know are left alone.\n\n"
	"### Why it matters\n"
	"Each version has its own keys: version 1 describes a single container (`Image`, "
	"`Ports`, `Volumes`, `Logging`, `Authentication`), version 2 the containers of an ECS "
	"task (`containerDefinitions`, `volumes`, `authentication`), and version 3 leaves "
	"the containers to docker-compose.yml. A key of another version is not read: the "
	"ports, volumes or containers it describes are not deployed.\n\n"
	"### Bad\n"
	"```json\n"
	"{\n"
	"  \"AWSEBDockerrunVersion\": \"1\",\n"
	"  \"containerDefinitions\": [{\"name\": \"web\", \"image\": \"nginx\", \"memory\": 128}]\n"
	"}\n"
	"```\n\n"
	"### Good\n"
	"```json\n"
	"{\n"
	"  \"AWSEBDockerrunVersion\": \"1\",\n"
	"  \"Image\": {\"Name\": \"nginx\"},\n"
	"  \"Ports\": [{\"ContainerPort\": \"80\"}]\n"
	"}\n"
	"```\n",
	.check = check,
};
