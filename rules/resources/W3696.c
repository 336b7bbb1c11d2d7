/* W3696: resource types of AWS services that are being shut down. */
#include "rules/resources/lifecycle.h"

static void check(struct sl_ctx *c)
{
	sl_lifecycle_check(c, SL_LC_SUNSET);
}

const struct sl_rule rule_W3696 = {
	.id = "W3696",
	.severity = SL_SEV_WARNING,
	.title = "Resource types are not from services that are sunsetting",
	.source = "https://docs.aws.amazon.com/general/latest/gr/sunset_services.html",
	.doc =
	"### What it checks\n"
	"Resource types of AWS services whose shutdown AWS has announced and which still run: AWS "
	"WAF Classic (`AWS::WAF::*`, `AWS::WAFRegional::*`, going through end of life on dates that "
	"vary by Region), and every service of E3710's table whose end of support date is still "
	"ahead on the lint date (`--lint-date`, else the current date in UTC). Once the date has passed, "
	"the type is E3710's.\n\n"
	"### Why it matters\n"
	"On the shutdown date the service stops: stacks that still hold these resources can no "
	"longer create or update them. Migrating before then avoids an outage.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Acl:\n"
	"    Type: AWS::WAFRegional::WebACL\n"
	"    Properties: {...}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Acl:\n"
	"    Type: AWS::WAFv2::WebACL\n"
	"    Properties: {...}\n"
	"```\n",
	.check = check,
};
