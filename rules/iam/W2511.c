/* W2511: policies written in the 2008-10-17 policy language. */
#include "rules/iam/iam.h"

static void check(struct sl_ctx *c)
{
	const struct sl_iam *m = iam_model(c);
	for (size_t i = 0; i < m->n_docs; i++) {
		const struct sl_node *v = m->docs[i].version;
		if (sl_str_eq(v, "2008-10-17"))
			sl_report(c, v,
				  "policy Version '2008-10-17' is the earlier version of the policy "
				  "language, without policy variables (${aws:username}, ...): set "
				  "Version to '2012-10-17'");
	}
}

const struct sl_rule rule_W2511 = {
	.id = "W2511",
	.severity = SL_SEV_WARNING,
	.title = "IAM policies use policy language version 2012-10-17",
	.source = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html",
	.doc =
	"### What it checks\n"
	"No IAM policy document in the template (identity, trust and resource-based "
	"policies) sets `Version: '2008-10-17'`.\n"
	"\n"
	"### Why it matters\n"
	"`2012-10-17` is the current version of the policy language; `2008-10-17` is the "
	"earlier one, kept for old policies. Under it, policy variables such as "
	"`${aws:username}` are literal text, and newer features are not available. AWS "
	"recommends 2012-10-17 for every new policy.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      PolicyDocument:\n"
	"        Version: '2008-10-17'\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      PolicyDocument:\n"
	"        Version: '2012-10-17'\n"
	"```\n",
	.check = check,
};
