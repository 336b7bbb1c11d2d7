/* E3063: a GuardDuty detector does not set both DataSources and Features. */
#include "rules/sam/samrules.h"

/* True when the property at p is surely there: not AWS::NoValue and not an
 * Fn::If with an AWS::NoValue branch. */
static bool present(const struct sl_pair *p)
{
	return p && !sl_node_is_null(p->value) && sl_samr_item_certain(p->value);
}

static void detector(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props, void *ud)
{
	(void)ud;
	const struct sl_pair *ds = sl_map_get_pair(props, "DataSources");
	const struct sl_pair *ft = sl_map_get_pair(props, "Features");
	if (!present(ds) || !present(ft))
		return;
	sl_report(c, ds->key, "GuardDuty detector '%s' sets both DataSources and Features: GuardDuty "
		  "accepts only one of them in a request and fails the other way round; move the "
		  "protection plans of DataSources into Features (the newer form) and remove "
		  "DataSources", e->key->str);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::GuardDuty::Detector", detector, NULL);
}

const struct sl_rule rule_E3063 = {
	.id = "E3063",
	.severity = SL_SEV_ERROR,
	.title = "GuardDuty detectors set DataSources or Features, not both",
	.source = "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-features-activation-model.html",
	.doc =
	"### What it checks\n"
	"An `AWS::GuardDuty::Detector` whose `Properties` set both `DataSources` and `Features` "
	"(neither of them `AWS::NoValue`, nor an `Fn::If` that may drop it). The finding is on "
	"`DataSources`.\n\n"
	"### Why it matters\n"
	"GuardDuty first configured its protection plans through `dataSources`; since March 2023 "
	"they are `features`, and new plans exist only as features. A request that gives both "
	"is refused, so the detector is not created or updated. Use `Features` alone.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Detector:\n"
	"    Type: AWS::GuardDuty::Detector\n"
	"    Properties:\n"
	"      Enable: true\n"
	"      DataSources:\n"
	"        S3Logs:\n"
	"          Enable: true\n"
	"      Features:\n"
	"        - Name: EKS_AUDIT_LOGS\n"
	"          Status: ENABLED\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Detector:\n"
	"    Type: AWS::GuardDuty::Detector\n"
	"    Properties:\n"
	"      Enable: true\n"
	"      Features:\n"
	"        - Name: S3_DATA_EVENTS\n"
	"          Status: ENABLED\n"
	"        - Name: EKS_AUDIT_LOGS\n"
	"          Status: ENABLED\n"
	"```\n",
	.check = check,
};
