/* W4001: the Metadata's AWS::CloudFormation::Interface names only parameters of the template. */
#include <string.h>
#include <strings.h>

#include "engine/engine.h"
#include "template/template.h"
#include "util/arena.h"

#define INTERFACE "AWS::CloudFormation::Interface"

static void check_name(struct sl_ctx *c, const struct sl_node *n, const char *where)
{
	if (!sl_node_is(n, SL_SCALAR) || sl_node_is_null(n))
		return;
	if (sl_index_find(&c->t->params, n->str, n->len))
		return;
	size_t np = c->t->params.n;
	const char **cands = np ? sl_arena_alloc(c->arena, np * sizeof *cands) : NULL;
	for (size_t i = 0; cands && i < np; i++)
		cands[i] = c->t->params.items[i].key->str;
	const char *near = NULL;
	for (size_t i = 0; cands && i < np && !near; i++)
		if (strlen(cands[i]) == n->len && strncasecmp(cands[i], n->str, n->len) == 0)
			near = cands[i]; /* logical IDs are case-sensitive */
	if (!near && cands)
		near = sl_suggest(n->str, n->len, cands, np);
	sl_report(c, n, "%s of %s names the parameter '%s', which the template does not declare: "
		  "the console shows only declared parameters, and the entry does nothing. %s%s%s",
		  where, INTERFACE, n->str, near ? "Did you mean '" : "Name a parameter of the "
		  "Parameters section or remove the entry", near ? near : "", near ? "'?" : "");
}

static void check(struct sl_ctx *c)
{
	if (c->t->macro_global)
		return; /* a macro may write the parameters */
	const struct sl_node *iface = sl_map_get(sl_section(c->t, SL_SEC_METADATA), INTERFACE);
	if (!sl_node_is(iface, SL_MAP))
		return;
	const struct sl_node *groups = sl_map_get(iface, "ParameterGroups");
	for (size_t g = 0; sl_node_is(groups, SL_SEQ) && g < groups->len; g++) {
		const struct sl_node *ps = sl_map_get(groups->items[g], "Parameters");
		for (size_t i = 0; sl_node_is(ps, SL_SEQ) && i < ps->len; i++)
			check_name(c, ps->items[i], "A ParameterGroups entry");
	}
	const struct sl_node *labels = sl_map_get(iface, "ParameterLabels");
	for (size_t i = 0; sl_node_is(labels, SL_MAP) && i < labels->len; i++)
		check_name(c, labels->pairs[i].key, "ParameterLabels");
}

const struct sl_rule rule_W4001 = {
	.id = "W4001",
	.severity = SL_SEV_WARNING,
	.title = "The Interface metadata names declared parameters",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
		  "aws-cloudformation-interface.html",
	.doc =
	"### What it checks\n"
	"In the template's `Metadata`, `AWS::CloudFormation::Interface` names only parameters "
	"that the `Parameters` section declares: each name listed in a `ParameterGroups` "
	"entry's `Parameters`, and each key of `ParameterLabels`. A name that is not a "
	"parameter is reported where it is written, with the closest declared name when one is "
	"near. Templates run through a macro (a `Transform` other than SAM's and "
	"`AWS::LanguageExtensions`) are skipped: the macro may add the parameters.\n\n"
	"### Why it matters\n"
	"`AWS::CloudFormation::Interface` tells the CloudFormation console how to group, order "
	"and label the template's parameters; its `ParameterGroups` and `ParameterLabels` refer "
	"to parameters by their logical IDs. An entry naming a parameter that does not exist "
	"(often a typo or a parameter renamed later) groups or labels nothing, and the real "
	"parameter is shown ungrouped with its bare logical ID.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Metadata:\n"
	"  AWS::CloudFormation::Interface:\n"
	"    ParameterGroups:\n"
	"      - Label: {default: Network}\n"
	"        Parameters: [Vpc]\n"
	"Parameters:\n"
	"  VpcId:\n"
	"    Type: AWS::EC2::VPC::Id\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Metadata:\n"
	"  AWS::CloudFormation::Interface:\n"
	"    ParameterGroups:\n"
	"      - Label: {default: Network}\n"
	"        Parameters: [VpcId]\n"
	"Parameters:\n"
	"  VpcId:\n"
	"    Type: AWS::EC2::VPC::Id\n"
	"```\n",
	.check = check,
};
