/* E9713: the capabilities a samconfig gives `sam deploy` cover what the
 * template it deploys creates. */
#include <ctype.h>
#include <string.h>

#include "rules/samconfig/samconfig.h"

#define CFN_CAPS "https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateChangeSet.html"

struct caps {
	bool iam, named, expand;
};

/* Reads the capability names of one string (space-separated, as SAM CLI
 * splits them) into *have. */
static void read_caps(const struct sl_node *s, struct caps *have)
{
	const char *p = s->str, *end = s->str + s->len;
	while (p < end) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		const char *w = p;
		while (p < end && !isspace((unsigned char)*p))
			p++;
		size_t n = (size_t)(p - w);
		if (n == 14 && memcmp(w, "CAPABILITY_IAM", 14) == 0)
			have->iam = true;
		else if (n == 20 && memcmp(w, "CAPABILITY_NAMED_IAM", 20) == 0)
			have->named = have->iam = true;
		else if (n == 22 && memcmp(w, "CAPABILITY_AUTO_EXPAND", 22) == 0)
			have->expand = true;
	}
}

static bool is_str(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && sl_scalar_type(n) == SL_TYPE_STRING;
}

static void deploy(struct sl_ctx *c, const struct sl_node *env_key, const struct sl_node *cmd_key,
		   const struct sl_samcfg_command *cmd, const struct sl_node *params, void *arg)
{
	(void)arg;
	(void)cmd;
	if (!sl_str_eq(cmd_key, "deploy"))
		return;
	const char *file;
	const struct sl_template *t = sl_samcfg_template(c, env_key->str, "deploy", &file);
	if (!t)
		return;
	struct sl_samcfg_needs need;
	sl_samcfg_needs(t, &need);
	if (!need.iam && !need.named_iam && !need.auto_expand)
		return;
	const struct sl_node *v = sl_samcfg_param(c->root, env_key->str, "deploy", "capabilities");
	struct caps have = { false, false, false };
	if (is_str(v)) {
		read_caps(v, &have);
	} else if (sl_node_is(v, SL_SEQ)) {
		for (uint32_t i = 0; i < v->len; i++) {
			if (!is_str(v->items[i]))
				return; /* not a list of names: E9704's business */
			read_caps(v->items[i], &have);
		}
	} else if (v) {
		return;
	}
	const struct sl_node *at = v ? v : sl_map_key_of(params) ? sl_map_key_of(params) : params;
	const char *given = v ? "its capabilities do not include it" : "it gives no capabilities";
	if (need.named_iam && !have.named) {
		const struct sl_entity *e = need.named_iam;
		sl_report(c, at, "environment '%s' deploys %s, whose '%s' (%.*s, line %u) has a custom "
			  "name: CloudFormation requires CAPABILITY_NAMED_IAM, and %s", env_key->str,
			  file, e->key->str, (int)e->type->len, e->type->str, e->key->start.line, given);
	} else if (need.iam && !have.iam) {
		const struct sl_entity *e = need.iam;
		const char *how = "";
		if (sl_str_eq(e->type, "AWS::Serverless::Function") ||
		    sl_str_eq(e->type, "AWS::Serverless::StateMachine"))
			how = ": SAM creates its execution role";
		else if (e->type->len < 10 || memcmp(e->type->str, "AWS::IAM::", 10) != 0)
			how = ": SAM writes its connector's policy";
		sl_report(c, at, "environment '%s' deploys %s, which creates IAM resources ('%s', line "
			  "%u%s): CloudFormation requires CAPABILITY_IAM, and %s", env_key->str, file,
			  e->key->str, e->key->start.line, how, given);
	}
	if (need.auto_expand && !have.expand) {
		const struct sl_entity *e = need.auto_expand;
		sl_report(c, at, "environment '%s' deploys %s, which nests an application ('%s', line "
			  "%u): sam deploy requires CAPABILITY_AUTO_EXPAND for nested applications, and "
			  "%s", env_key->str, file, e->key->str, e->key->start.line, given);
	}
}

static void check(struct sl_ctx *c)
{
	sl_samcfg_each_params(c, deploy, NULL);
}

const struct sl_rule rule_E9713 = {
	.id = "E9713",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_SAMCONFIG,
	.title = "samconfig capabilities cover what the template creates",
	.source = CFN_CAPS,
	.doc =
	"### What it checks\n"
	"For every environment with a `deploy` table, the `capabilities` that `sam deploy` reads "
	"(the deploy table's, else the environment's `global` one) against the template it "
	"deploys (`template_file`, else `.aws-sam/build/template.yaml`, `template.yaml`, "
	"`template.yml` or `template.json` beside the samconfig), as SAM's transform leaves it:\n"
	"- IAM resources (`AWS::IAM::Role`, `Policy`, `ManagedPolicy`, `User`, `Group`, "
	"`InstanceProfile`, `AccessKey`, `UserToGroupAddition`) need `CAPABILITY_IAM` or "
	"`CAPABILITY_NAMED_IAM`; so do SAM functions and state machines without a `Role` (SAM "
	"creates their execution role) and connectors (SAM writes their policies);\n"
	"- an IAM resource with a custom name (`RoleName`, `UserName`, `GroupName`, "
	"`InstanceProfileName`, `ManagedPolicyName`) needs `CAPABILITY_NAMED_IAM`;\n"
	"- a nested application (`AWS::Serverless::Application`) needs "
	"`CAPABILITY_AUTO_EXPAND`.\n\n"
	"Capabilities are read as SAM CLI reads them: names separated by spaces, or a list. "
	"Resources with a `Condition` are not counted, nor templates with a macro other than "
	"SAM's; nothing is said when the template cannot be found.\n\n"
	"### Why it matters\n"
	"CloudFormation refuses to create the change set (`Requires capabilities : "
	"[CAPABILITY_IAM]`): the classic failure of a first `sam deploy` with a hand-written "
	"samconfig. The template is fine; the samconfig must acknowledge what it creates.\n\n"
	"### Bad\n"
	"```toml\n"
	"version = 0.1\n"
	"[default.deploy.parameters]\n"
	"stack_name = \"orders\"\n"
	"# template.yaml declares an AWS::Serverless::Function without a Role\n"
	"capabilities = \"CAPABILITY_AUTO_EXPAND\"\n"
	"```\n\n"
	"### Good\n"
	"```toml\n"
	"version = 0.1\n"
	"[default.deploy.parameters]\n"
	"stack_name = \"orders\"\n"
	"capabilities = \"CAPABILITY_IAM CAPABILITY_AUTO_EXPAND\"\n"
	"```\n",
	.check = check,
};
