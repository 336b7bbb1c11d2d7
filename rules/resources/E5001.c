/* E5001: a module resource sets no CreationPolicy, UpdatePolicy or Tags.
 *
 * The CloudFormation CLI user guide (module structure and requirements) says
 * CreationPolicy and UpdatePolicy cannot be specified at the module level,
 * and that tags cannot be specified at the module level either (they go on
 * the resources inside the module, or at the stack). A resource whose Type
 * ends in ::MODULE with a CreationPolicy or UpdatePolicy attribute, or a Tags
 * property, is reported at that key. DeletionPolicy and UpdateReplacePolicy
 * are allowed: CloudFormation applies them to every resource of the module.
 * Rain's !Rain::Module resources, which Rain expands before deployment, are
 * not judged. */
#include <string.h>

#include "engine/engine.h"

static bool module_type(const struct sl_node *type)
{
	return sl_node_is(type, SL_SCALAR) && type->len > 8 &&
	       memcmp(type->str + type->len - 8, "::MODULE", 8) == 0;
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!e->module || !module_type(e->type) || !sl_node_is(e->value, SL_MAP))
			continue;
		static const char *const attrs[] = { "CreationPolicy", "UpdatePolicy" };
		for (size_t k = 0; k < 2; k++) {
			const struct sl_pair *p = sl_map_get_pair(e->value, attrs[k]);
			if (p)
				sl_report(c, p->key, "%s cannot be set on module %s (%s): CloudFormation "
					  "does not take it at the module level; set it on the resources "
					  "inside the module", attrs[k], e->key->str, e->type->str);
		}
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		const struct sl_pair *tags = sl_node_is(props, SL_MAP) && !sl_node_intrinsic(props) ?
			sl_map_get_pair(props, "Tags") : NULL;
		if (tags)
			sl_report(c, tags->key, "Tags cannot be set on module %s (%s): CloudFormation "
				  "takes no tags at the module level; tag the resources inside the module "
				  "(a module parameter can carry the value), or tag the stack",
				  e->key->str, e->type->str);
	}
}

const struct sl_rule rule_E5001 = {
	.id = "E5001",
	.severity = SL_SEV_ERROR,
	.title = "Module resources set no CreationPolicy, UpdatePolicy or Tags",
	.source = "https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/modules-structure.html",
	.doc =
	"### What it checks\n"
	"A resource whose `Type` ends in `::MODULE` (a CloudFormation registry module) has no "
	"`CreationPolicy` or `UpdatePolicy` attribute and no `Tags` property. `DeletionPolicy` "
	"and `UpdateReplacePolicy` are allowed.\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation does not take `CreationPolicy`, `UpdatePolicy` or tags at the module "
	"level (module structure and requirements): a module expands into the resources it "
	"contains, and these settings belong on those resources. `DeletionPolicy` and "
	"`UpdateReplacePolicy` given on a module apply to every resource in it.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"  Bucket:\n"
	"    Type: My::Storage::Bucket::MODULE\n"
	"    UpdatePolicy:\n"
	"      EnableVersionUpgrade: true\n"
	"    Properties:\n"
	"      Tags:\n"
	"        - Key: team\n"
	"          Value: data\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"  Bucket:\n"
	"    Type: My::Storage::Bucket::MODULE\n"
	"    DeletionPolicy: Retain\n"
	"    Properties:\n"
	"      TeamTag: data\n"
	"```\n",
	.check = check,
};
