/* E4001: the Metadata's AWS::CloudFormation::Interface has the documented shape. */
#include "engine/engine.h"
#include "template/template.h"

#define INTERFACE "AWS::CloudFormation::Interface"

/* "a list", "a mapping", "a single value" for messages. */
static const char *kind(const struct sl_node *n)
{
	return n->kind == SL_SEQ ? "a list" : n->kind == SL_MAP ? "a mapping" : "a single value";
}

/* True when n is present, not null (E4002's) and not an intrinsic function
 * (its value is not known here): a value this rule judges. */
static bool judged(const struct sl_node *n)
{
	return n && !sl_node_is_null(n) && !sl_node_intrinsic(n);
}

/* Reports each key of map m that is not one of keys (NULL-terminated). */
static void only_keys(struct sl_ctx *c, const struct sl_node *m, const char *const *keys,
		      const char *what, const char *allowed)
{
	for (uint32_t i = 0; i < m->len; i++) {
		const struct sl_node *k = m->pairs[i].key;
		const char *const *p;
		for (p = keys; *p && !sl_str_eq(k, *p); p++)
			;
		if (*p)
			continue;
		size_t nk = 0;
		while (keys[nk])
			nk++;
		const char *near = sl_suggest(k->str, k->len, (const char *const *)keys, nk);
		sl_report(c, k, "unknown key '%s' in %s: it takes only %s%s%s%s", k->str, what, allowed,
			  near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
	}
}

/* A Label, or a ParameterLabels entry: a mapping whose only key is `default`, a
 * text. A label written as a bare text or a list is left alone: CloudFormation
 * does not read this key and the console's handling of it is not documented. */
static void label(struct sl_ctx *c, const struct sl_node *l, const char *what)
{
	static const char *const keys[] = { "default", NULL };
	if (!judged(l) || l->kind != SL_MAP)
		return;
	only_keys(c, l, keys, what, "'default'");
	const struct sl_node *d = sl_map_get(l, "default");
	if (judged(d) && d->kind != SL_SCALAR)
		sl_report(c, d, "the 'default' of %s must be a text, but it is %s", what, kind(d));
}

static void group(struct sl_ctx *c, const struct sl_node *g)
{
	static const char *const keys[] = { "Label", "Parameters", NULL };
	if (!judged(g))
		return;
	if (g->kind != SL_MAP)
		return; /* left alone, as a label written as a bare text is */
	only_keys(c, g, keys, "a ParameterGroups entry", "'Label' and 'Parameters'");
	label(c, sl_map_get(g, "Label"), "a parameter group's Label");
	const struct sl_node *ps = sl_map_get(g, "Parameters");
	if (!judged(ps))
		return;
	if (ps->kind != SL_SEQ) {
		sl_report(c, ps, "the Parameters of a parameter group must be a list of parameter "
			  "logical IDs, but it is %s", kind(ps));
		return;
	}
	for (uint32_t i = 0; i < ps->len; i++)
		if (judged(ps->items[i]) && ps->items[i]->kind != SL_SCALAR)
			sl_report(c, ps->items[i], "an item of a parameter group's Parameters must be "
				  "a parameter logical ID, but it is %s", kind(ps->items[i]));
}

static void check(struct sl_ctx *c)
{
	static const char *const keys[] = { "ParameterGroups", "ParameterLabels", NULL };
	const struct sl_node *iface = sl_map_get(sl_section(c->t, SL_SEC_METADATA), INTERFACE);
	if (!judged(iface))
		return;
	if (iface->kind != SL_MAP) {
		sl_report(c, iface, INTERFACE " must be a mapping with ParameterGroups and/or "
			  "ParameterLabels, but it is %s", kind(iface));
		return;
	}
	only_keys(c, iface, keys, INTERFACE, "'ParameterGroups' and 'ParameterLabels'");
	const struct sl_node *groups = sl_map_get(iface, "ParameterGroups");
	if (judged(groups)) {
		if (groups->kind != SL_SEQ)
			sl_report(c, groups, "ParameterGroups must be a list of parameter groups "
				  "(each with Label and Parameters), but it is %s", kind(groups));
		else
			for (uint32_t i = 0; i < groups->len; i++)
				group(c, groups->items[i]);
	}
	const struct sl_node *labels = sl_map_get(iface, "ParameterLabels");
	if (judged(labels)) {
		if (labels->kind != SL_MAP)
			sl_report(c, labels, "ParameterLabels must be a mapping from parameter logical "
				  "IDs to labels ({default: <text>}), but it is %s", kind(labels));
		else
			for (uint32_t i = 0; i < labels->len; i++)
				label(c, labels->pairs[i].value, "a ParameterLabels entry");
	}
}

const struct sl_rule rule_E4001 = {
	.id = "E4001",
	.severity = SL_SEV_ERROR,
	.title = "The Interface metadata has the documented structure",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
		  "aws-cloudformation-interface.html",
	.doc =
	"### What it checks\n"
	"`AWS::CloudFormation::Interface` in the template's `Metadata` is a mapping whose only "
	"keys are `ParameterGroups` and `ParameterLabels`. `ParameterGroups` is a list of "
	"mappings with only `Label` and `Parameters`; `Parameters` is a list of parameter "
	"logical IDs; every label (a group's `Label`, each value of `ParameterLabels`) is a "
	"mapping whose only key is `default`, a text. Values given by an intrinsic function "
	"are not judged, nulls are E4002's, and names of undeclared parameters are W4001's. A "
	"label written as a bare text (`Label: Network`) is not reported: it is not the "
	"documented shape, but CloudFormation itself does not read this key, and what the "
	"console makes of it is not documented.\n\n"
	"### Why it matters\n"
	"The CloudFormation console reads this key to group, order and label the parameters of "
	"the create-stack form. A misspelt key (`Parameter` for `Parameters`, `Default` for "
	"`default`) does nothing, and a list written as a single value does not have the "
	"documented shape, so the console cannot use it as meant.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Metadata:\n"
	"  AWS::CloudFormation::Interface:\n"
	"    ParameterGroups:\n"
	"      - Label:\n"
	"          Default: Network\n"
	"        Parameter: [VpcId]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Metadata:\n"
	"  AWS::CloudFormation::Interface:\n"
	"    ParameterGroups:\n"
	"      - Label:\n"
	"          default: Network\n"
	"        Parameters: [VpcId]\n"
	"    ParameterLabels:\n"
	"      VpcId:\n"
	"        default: Which VPC should this be deployed to?\n"
	"```\n",
	.check = check,
};
