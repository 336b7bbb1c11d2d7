/* E99913: version 2 container definitions are complete, and their mount points and
 * links name volumes and containers of the file. */
#include <string.h>

#include "rules/beanstalk/ebfiles.h"

/* True when a mapping of list `seq` has a scalar `key` equal to s[0..len). */
static bool named(const struct sl_node *seq, const char *key, const char *s, size_t len)
{
	if (!sl_node_is(seq, SL_SEQ))
		return false;
	for (uint32_t i = 0; i < seq->len; i++) {
		const struct sl_node *n = sl_map_get(seq->items[i], key);
		if (sl_node_is(n, SL_SCALAR) && n->len == len && memcmp(n->str, s, len) == 0)
			return true;
	}
	return false;
}

static void container(struct sl_ctx *c, const struct sl_node *def, const struct sl_node *defs,
		      const struct sl_node *volumes)
{
	if (!sl_node_is(def, SL_MAP)) {
		sl_report(c, def, "a container definition is an object (name, image, memory, ...), "
			  "not a %s", sl_eb_what(def));
		return;
	}
	if (!sl_map_get(def, "name"))
		sl_report(c, sl_eb_anchor(def), "this container definition has no name: Elastic "
			  "Beanstalk requires one for each container");
	if (!sl_map_get(def, "image"))
		sl_report(c, sl_eb_anchor(def), "this container definition has no image: Elastic "
			  "Beanstalk requires the Docker image each container runs");
	if (!sl_map_get(def, "memory") && !sl_map_get(def, "memoryReservation"))
		sl_report(c, sl_eb_anchor(def), "this container definition has neither memory nor "
			  "memoryReservation: Elastic Beanstalk requires one of them, or both, for "
			  "each container");
	const struct sl_node *mounts = sl_map_get(def, "mountPoints");
	for (uint32_t i = 0; sl_node_is(mounts, SL_SEQ) && i < mounts->len; i++) {
		const struct sl_node *src = sl_map_get(mounts->items[i], "sourceVolume");
		if (!sl_node_is(src, SL_SCALAR) || sl_node_is_null(src))
			continue;
		/* Elastic Beanstalk makes awseb-logs-<container> itself, for the logs. */
		if (src->len >= 11 && memcmp(src->str, "awseb-logs-", 11) == 0)
			continue;
		if (!named(volumes, "name", src->str, src->len))
			sl_report(c, src, "sourceVolume '%.*s' names no volume of this file: define it "
				  "in the top-level volumes list (name and host sourcePath)",
				  SL_EB_STR(src));
	}
	const struct sl_node *links = sl_map_get(def, "links");
	for (uint32_t i = 0; sl_node_is(links, SL_SEQ) && i < links->len; i++) {
		const struct sl_node *l = links->items[i];
		if (!sl_node_is(l, SL_SCALAR) || sl_node_is_null(l))
			continue;
		const char *colon = memchr(l->str, ':', l->len);
		size_t len = colon ? (size_t)(colon - l->str) : l->len;
		if (!named(defs, "name", l->str, len))
			sl_report(c, l, "link '%.*s' names no container of this file: a link is the "
				  "name of another container definition, optionally followed by "
				  ":alias", SL_EB_STR(l));
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (!sl_node_is(root, SL_MAP) || sl_eb_dockerrun_version(root) != 2)
		return;
	const struct sl_node *defs = sl_map_get(root, "containerDefinitions");
	if (!defs) {
		sl_report(c, sl_eb_anchor(root), "this version 2 Dockerrun.aws.json has no "
			  "containerDefinitions: it deploys no container");
		return;
	}
	if (!sl_node_is(defs, SL_SEQ)) {
		sl_report(c, defs, "containerDefinitions is a list of container definitions, not "
			  "a %s", sl_eb_what(defs));
		return;
	}
	const struct sl_node *volumes = sl_map_get(root, "volumes");
	for (uint32_t i = 0; i < defs->len; i++)
		container(c, defs->items[i], defs, volumes);
}

const struct sl_rule rule_E99913 = {
	.id = "E99913",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_DOCKERRUN,
	.title = "Dockerrun.aws.json v2 containers are complete and name defined volumes and links",
	.source = SL_EB_DOCKER_V2_DOC,
	.doc =
	"### What it checks\n"
	"In a version 2 (ECS managed, multicontainer) `Dockerrun.aws.json`: that "
	"`containerDefinitions` is a list; that every container definition has a `name`, an "
	"`image`, and `memory` or `memoryReservation`; that every `mountPoints` "
	"`sourceVolume` names a volume of the top-level `volumes` list (or one of the "
	"`awseb-logs-*` volumes Elastic Beanstalk makes itself); and that every entry of "
	"`links` (`name` or `name:alias`) names another container definition of the "
	"file.\n\n"
	"### Why it matters\n"
	"Elastic Beanstalk turns the file into an ECS task definition. Each container needs "
	"a name, an image, and a memory limit or reservation; a mount point or a link to "
	"something the file does not define makes the task definition invalid, and the "
	"deployment fails.\n\n"
	"### Bad\n"
	"```json\n"
	"{\n"
	"  \"AWSEBDockerrunVersion\": 2,\n"
	"  \"containerDefinitions\": [\n"
	"    {\"name\": \"proxy\", \"image\": \"nginx\", \"memory\": 128, \"links\": [\"app\"],\n"
	"     \"mountPoints\": [{\"sourceVolume\": \"conf\", \"containerPath\": \"/etc/nginx\"}]}\n"
	"  ]\n"
	"}\n"
	"```\n\n"
	"### Good\n"
	"```json\n"
	"{\n"
	"  \"AWSEBDockerrunVersion\": 2,\n"
	"  \"volumes\": [{\"name\": \"conf\", \"host\": {\"sourcePath\": \"/var/app/current/conf\"}}],\n"
	"  \"containerDefinitions\": [\n"
	"    {\"name\": \"app\", \"image\": \"php:fpm\", \"memoryReservation\": 128},\n"
	"    {\"name\": \"proxy\", \"image\": \"nginx\", \"memory\": 128, \"links\": [\"app\"],\n"
	"     \"mountPoints\": [{\"sourceVolume\": \"conf\", \"containerPath\": \"/etc/nginx\"}]}\n"
	"  ]\n"
	"}\n"
	"```\n",
	.check = check,
};
