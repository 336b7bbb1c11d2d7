/* W99208: cfn-get-metadata names a missing resource or a missing Metadata key. */
#include <string.h>

#include "rules/helpers/userdata.h"

static void check(struct sl_ctx *c)
{
	struct sl_ud_all all;
	if (sl_ud_collect(c, &all) < 0) {
		c->oom = true;
		return;
	}
	for (size_t i = 0; i < all.n; i++) {
		const struct sl_ud_script *s = &all.scripts[i];
		for (size_t j = 0; s->userdata && j < s->n_calls; j++) {
			const struct sl_ud_call *call = &s->calls[j];
			const struct sl_ud_word *r = sl_ud_opt(call, "resource"), *k = sl_ud_opt(call, "key");
			if (call->tool != SL_UD_GET_METADATA || !sl_ud_literal(r) || sl_ud_unknowable(c, r->str))
				continue;
			const struct sl_entity *e = sl_ud_resource(c, r->str);
			if (!e) {
				sl_ud_report(c, s, r, "cfn-get-metadata -r names '%s', which is not a resource "
					     "of this template: the call fails", r->str);
				continue;
			}
			const struct sl_node *md = sl_map_get(e->value, "Metadata");
			if (!sl_ud_literal(k) || (md && (!sl_node_is(md, SL_MAP) || sl_node_intrinsic(md))))
				continue;
			/* a dotted key is a path: its first part must be a key of Metadata */
			const char *dot = strchr(k->str, '.');
			size_t first = dot ? (size_t)(dot - k->str) : k->len;
			bool found = false;
			for (size_t m = 0; md && m < md->len; m++) {
				const struct sl_node *key = md->pairs[m].key;
				found = found || (key->len == k->len && memcmp(key->str, k->str, k->len) == 0) ||
					(key->len == first && memcmp(key->str, k->str, first) == 0);
			}
			if (!found)
				sl_ud_report(c, s, k, "cfn-get-metadata -k asks for '%s', which the Metadata of "
					     "'%s' does not have: the call fails", k->str, r->str);
		}
	}
}

const struct sl_rule rule_W99208 = {
	.id = "W99208",
	.severity = SL_SEV_WARNING,
	.title = "cfn-get-metadata reads metadata that exists",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-get-metadata.html",
	.doc =
	"### What it checks\n"
	"A `cfn-get-metadata` call in UserData names with `-r`/`--resource` a resource of the "
	"template, and with `-k`/`--key` a key of that resource's `Metadata` (for a dotted path, "
	"its first part). Names from parameters or variables are not judged.\n\n"
	"### Why it matters\n"
	"cfn-get-metadata fails on a resource or key that does not exist, and the script that "
	"reads its output goes on with nothing.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Web:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Metadata:\n"
	"      App: {Version: '1.2'}\n"
	"    Properties:\n"
	"      ImageId: ami-12345678\n"
	"      UserData: !Base64\n"
	"        Fn::Sub: |\n"
	"          #!/bin/bash\n"
	"          /opt/aws/bin/cfn-get-metadata -s ${AWS::StackName} -r Web -k Application --region ${AWS::Region}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Web:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Metadata:\n"
	"      App: {Version: '1.2'}\n"
	"    Properties:\n"
	"      ImageId: ami-12345678\n"
	"      UserData: !Base64\n"
	"        Fn::Sub: |\n"
	"          #!/bin/bash\n"
	"          /opt/aws/bin/cfn-get-metadata -s ${AWS::StackName} -r Web -k App --region ${AWS::Region}\n"
	"```\n",
	.check = check,
};
