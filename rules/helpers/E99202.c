/* E99202: cfn-init --configsets names a configSet the Init metadata does not define. */
#include <string.h>

#include "rules/helpers/userdata.h"

/* True when the configSets map defines `name` (len bytes); without a configSets
 * key, cfn-init knows one set only: "default", which runs the config "config". */
static bool defines(const struct sl_node *sets, const char *name, size_t len)
{
	if (!sets)
		return len == 7 && memcmp(name, "default", 7) == 0;
	for (size_t i = 0; i < sets->len; i++)
		if (sets->pairs[i].key->len == len && memcmp(sets->pairs[i].key->str, name, len) == 0)
			return true;
	return false;
}

static void check_call(struct sl_ctx *c, const struct sl_ud_script *s, const struct sl_ud_call *call)
{
	const struct sl_ud_word *r = sl_ud_opt(call, "resource"), *cs = sl_ud_opt(call, "configsets");
	if (call->tool != SL_UD_INIT || !sl_ud_literal(r) || !sl_ud_literal(cs))
		return;
	const struct sl_entity *e = sl_ud_resource(c, r->str);
	const struct sl_pair *init = e ? sl_ud_init(e) : NULL;
	if (!init || !sl_node_is(init->value, SL_MAP) || sl_node_intrinsic(init->value))
		return;
	const struct sl_pair *sp = sl_map_get_pair(init->value, "configSets");
	const struct sl_node *sets = sp ? sp->value : NULL;
	if (sp && (!sl_node_is(sets, SL_MAP) || sl_node_intrinsic(sets)))
		return;
	for (size_t i = 0; i < cs->len;) {
		size_t j = i;
		while (j < cs->len && cs->str[j] != ',')
			j++;
		if (j > i && !defines(sets, cs->str + i, j - i)) {
			struct sl_ud_word w = *cs;
			w.str = cs->str + i;
			w.len = j - i;
			/* the part's own span when the word maps byte for byte (no quotes inside) */
			if (cs->end - cs->start == cs->len) {
				w.start = cs->start + i;
				w.end = cs->start + j;
			}
			if (sets)
				sl_ud_report(c, s, &w, "cfn-init --configsets names '%.*s', which the "
					     "AWS::CloudFormation::Init of '%s' does not define in configSets: "
					     "cfn-init stops with an error", (int)(j - i), cs->str + i, r->str);
			else
				sl_ud_report(c, s, &w, "cfn-init --configsets names '%.*s', but the "
					     "AWS::CloudFormation::Init of '%s' has no configSets (only the "
					     "implicit set 'default', which runs 'config'): cfn-init stops "
					     "with an error", (int)(j - i), cs->str + i, r->str);
		}
		i = j + 1;
	}
}

static void check(struct sl_ctx *c)
{
	struct sl_ud_all all;
	if (sl_ud_collect(c, &all) < 0) {
		c->oom = true;
		return;
	}
	for (size_t i = 0; i < all.n; i++)
		for (size_t j = 0; all.scripts[i].userdata && j < all.scripts[i].n_calls; j++)
			check_call(c, &all.scripts[i], &all.scripts[i].calls[j]);
}

const struct sl_rule rule_E99202 = {
	.id = "E99202",
	.severity = SL_SEV_ERROR,
	.title = "cfn-init runs configSets that the Init metadata defines",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-init.html",
	.doc =
	"### What it checks\n"
	"Each name in the comma-separated `-c`/`--configsets` of a `cfn-init` call in UserData is "
	"a key of the `configSets` of the `AWS::CloudFormation::Init` metadata of the resource the "
	"call names. Init metadata without `configSets` has one implicit set, `default`, which "
	"runs the config named `config`. Names from parameters or variables are not judged.\n\n"
	"### Why it matters\n"
	"cfn-init stops with an error on a configSet it cannot find, so nothing of the "
	"configuration is applied; the instance then signals failure (or times out) and the stack "
	"rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Web:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Metadata:\n"
	"      AWS::CloudFormation::Init:\n"
	"        configSets:\n"
	"          setup: [install]\n"
	"        install:\n"
	"          packages: {yum: {httpd: []}}\n"
	"    Properties:\n"
	"      ImageId: ami-12345678\n"
	"      UserData: !Base64\n"
	"        Fn::Sub: |\n"
	"          #!/bin/bash\n"
	"          /opt/aws/bin/cfn-init -v --stack ${AWS::StackName} --resource Web --configsets install\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Web:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Metadata:\n"
	"      AWS::CloudFormation::Init:\n"
	"        configSets:\n"
	"          setup: [install]\n"
	"        install:\n"
	"          packages: {yum: {httpd: []}}\n"
	"    Properties:\n"
	"      ImageId: ami-12345678\n"
	"      UserData: !Base64\n"
	"        Fn::Sub: |\n"
	"          #!/bin/bash\n"
	"          /opt/aws/bin/cfn-init -v --stack ${AWS::StackName} --resource Web --configsets setup\n"
	"```\n",
	.check = check,
};
