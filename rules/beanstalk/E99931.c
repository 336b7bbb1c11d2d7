/* E99931: .ebextensions option_settings are written in a documented form and set options
 * their namespaces have, to values they take. */
#include <string.h>

#include "rules/beanstalk/ebconfig.h"
#include "rules/refs.h"

static const char *const item_keys[] = {"namespace", "option_name", "value", "resource_name",
					NULL};

static const struct sl_eb_effect effect = {"the deployment fails", "failing the deployment"};

static void setting(struct sl_ctx *c, const struct sl_ebc_setting *s, void *ud)
{
	(void)ud;
	sl_ebc_check_setting(c, s, false, &effect);
}

static void item(struct sl_ctx *c, const struct sl_node *it)
{
	if (!sl_node_is(it, SL_MAP)) {
		sl_report(c, it, "each option setting is a mapping (namespace, option_name, value), "
			  "not a %s: Elastic Beanstalk rejects the file (\"Each option setting in "
			  "configuration file must be a map\")", sl_eb_what(it));
		return;
	}
	const struct sl_node *missing_at = NULL;
	for (uint32_t i = 0; i < it->len; i++) {
		const struct sl_node *k = it->pairs[i].key;
		if (sl_ebc_in(k, item_keys))
			continue;
		const char *m = sl_ebc_suggest(k, item_keys);
		if (m && strcmp(m, "option_name") == 0)
			missing_at = k; /* its message names option_name already */
		sl_report(c, k, "'%.*s' is not a key of an option setting%s: an item of the list "
			  "form has namespace (optional), option_name, value and, for scheduled "
			  "actions, resource_name", SL_EB_STR(k), sl_did_you_mean(c, m));
	}
	if (!sl_map_get(it, "option_name") && !missing_at)
		sl_report(c, sl_eb_anchor(it), "this option setting has no option_name: Elastic "
			  "Beanstalk cannot tell which option it sets");
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *os = sl_map_get(c->root, "option_settings");
	if (!os || sl_node_is_null(os))
		return;
	if (sl_node_is(os, SL_SEQ)) {
		for (uint32_t i = 0; i < os->len; i++)
			item(c, os->items[i]);
	} else if (sl_node_is(os, SL_MAP)) {
		for (uint32_t i = 0; i < os->len; i++) {
			const struct sl_node *v = os->pairs[i].value;
			if (v && !sl_node_is_null(v) && !sl_node_is(v, SL_MAP))
				sl_report(c, v, "the options of namespace %.*s are a mapping of option "
					  "names to values, not a %s", SL_EB_STR(os->pairs[i].key),
					  sl_eb_what(v));
		}
	} else {
		sl_report(c, os, "option_settings is a list of {namespace, option_name, value} or "
			  "a mapping of namespaces to {option: value}, not a single value");
		return;
	}
	sl_ebc_each_setting(c, os, true, setting, NULL);
}

const struct sl_rule rule_E99931 = {
	.id = "E99931",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_EBEXTENSION,
	.title = ".ebextensions option_settings are well formed, with known options and allowed values",
	.source = SL_EB_OPTIONSETTINGS_DOC,
	.doc =
	"### What it checks\n"
	"The `option_settings` of a configuration file, in either documented form: a list "
	"of mappings with `namespace` (optional: `aws:elasticbeanstalk:application:environment` "
	"when left out), `option_name`, `value` and, for scheduled actions, "
	"`resource_name`; or the shorthand mapping of namespaces to {option: value}. "
	"Reported: a list item that is not a mapping, a key other than these (`OptionName`, "
	"`Namespace`, `Value` copied from a CloudFormation template), an item without "
	"`option_name`, a namespace that does not hold a mapping, and, with the same table "
	"and judgement as E99540 and E99541 for templates, an option unknown to a namespace "
	"whose options are documented in full and a value outside an option's documented "
	"list or range. Environment properties and other namespaces whose option names are "
	"yours are free; values written as backtick-quoted functions are not judged; a "
	"namespace the table does not know is W99932's.\n\n"
	"### Why it matters\n"
	"Elastic Beanstalk validates option_settings when it deploys the version: a "
	"malformed item (\"Each option setting in configuration file must be a map\"), an "
	"unknown option (\"Unknown or duplicate parameter\") or a rejected value fails the "
	"deployment. An item with CloudFormation's `OptionName`/`Namespace` keys sets "
	"nothing it means to.\n\n"
	"### Bad\n"
	"```yaml\n"
	"option_settings:\n"
	"  - namespace: aws:elasticbeanstalk:command\n"
	"    option_name: DeploymentPolicy\n"
	"    value: RollingUpdate\n"
	"  - Namespace: aws:autoscaling:asg\n"
	"    OptionName: MaxSize\n"
	"    Value: '4'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"option_settings:\n"
	"  - namespace: aws:elasticbeanstalk:command\n"
	"    option_name: DeploymentPolicy\n"
	"    value: Rolling\n"
	"  - namespace: aws:autoscaling:asg\n"
	"    option_name: MaxSize\n"
	"    value: '4'\n"
	"```\n",
	.check = check,
};
