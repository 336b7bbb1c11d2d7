/* E99001: a Transform that looks like SAM's but is not exactly its name. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "rules/sam/samrules.h"


static void judge(struct sl_ctx *c, const struct sl_node *n)
{
	if (!sl_samr_is_string(n) || !sl_sam_transform_slip(n))
		return;
	const char *why;
	size_t lead = 0, trail = 0;
	while (lead < n->len && isspace((unsigned char)n->str[lead]))
		lead++;
	while (trail < n->len - lead && isspace((unsigned char)n->str[n->len - 1 - trail]))
		trail++;
	if (lead || trail)
		why = "it has spaces around the name";
	else if (n->len == strlen(SL_SAM_TRANSFORM) && strcasecmp(n->str, SL_SAM_TRANSFORM) == 0)
		why = "transform names are case-sensitive";
	else if (n->len > strlen(SL_SAM_TRANSFORM) &&
		 memcmp(n->str, SL_SAM_TRANSFORM, strlen(SL_SAM_TRANSFORM)) == 0)
		why = "it has text after the name";
	else if (strstr(n->str, "2016-10-31") == NULL && strpbrk(n->str, "0123456789") == NULL)
		why = "the version date -2016-10-31 is part of the name";
	else if (strstr(n->str, "2016-10-31") == NULL)
		why = "the date part must be 2016-10-31, the only SAM version";
	else
		why = "it is misspelt";
	sl_report(c, n, "transform '%s' is not the SAM transform '" SL_SAM_TRANSFORM "' (%s); "
		  "CloudFormation looks for a macro of that name and fails the change set", n->str, why);
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *tr = sl_section(c->t, SL_SEC_TRANSFORM);
	if (sl_node_is(tr, SL_SEQ)) {
		for (size_t i = 0; i < tr->len; i++)
			judge(c, tr->items[i]);
	} else if (sl_node_is(tr, SL_SCALAR)) {
		judge(c, tr);
	} else if (sl_node_is(tr, SL_MAP)) {
		judge(c, sl_map_get(tr, "Name"));
	}
}

const struct sl_rule rule_E99001 = {
	.id = "E99001",
	.severity = SL_SEV_ERROR,
	.title = "The SAM transform is named exactly AWS::Serverless-2016-10-31",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy.html",
	.doc =
	"### What it checks\n"
	"A `Transform` (alone or in a list) that is meant to be SAM's — `AWS::Serverless` in any "
	"case, or within a few typing slips of the full name — is exactly "
	"`AWS::Serverless-2016-10-31`: the date, the case and the punctuation all matter.\n\n"
	"### Why it matters\n"
	"CloudFormation treats any other name as a macro to look up in the account and fails the "
	"change set (\"No transform named ... found\"); `2016-10-31` is the only SAM version, not a "
	"date to update.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-30\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"```\n",
	.check = check,
};
