/* I3013: resources whose content expires after a default period say how long to keep it. */
#include "rules/storage/storage.h"

#include <string.h>

static const struct {
	const char *type, *prop, *what, *keeps;
} expiring[] = {
	{"AWS::SQS::Queue", "MessageRetentionPeriod", "queue",
	 "keeps messages for 345,600 seconds (4 days), then deletes them"},
	{"AWS::Kinesis::Stream", "RetentionPeriodHours", "stream",
	 "keeps records for 24 hours, then makes them inaccessible"},
	{"AWS::RDS::DBInstance", "BackupRetentionPeriod", "DB instance",
	 "keeps automated backups for 1 day"},
	{"AWS::RDS::DBCluster", "BackupRetentionPeriod", "DB cluster",
	 "keeps automated backups for 1 day"},
	{"AWS::DocDB::DBCluster", "BackupRetentionPeriod", "DocumentDB cluster",
	 "keeps automated backups for 1 day"},
	{"AWS::Redshift::Cluster", "AutomatedSnapshotRetentionPeriod", "Redshift cluster",
	 "keeps automated snapshots for 1 day"},
	{"AWS::Synthetics::Canary", "SuccessRetentionPeriod", "canary",
	 "keeps data about successful runs for 31 days"},
	{"AWS::Synthetics::Canary", "FailureRetentionPeriod", "canary",
	 "keeps data about failed runs for 31 days"},
};

/* A DB instance keeps its own backups unless it belongs to an Aurora cluster
 * (the cluster's setting applies) or is a read replica; the engine must be
 * known for that. */
static bool instance_has_own_backups(const struct sl_node *props)
{
	const struct sl_node *eng = sl_map_get(props, "Engine");
	if (!sl_samr_is_string(eng) || (eng->len >= 6 && strncmp(eng->str, "aurora", 6) == 0))
		return false;
	return sl_sto_absent(sl_map_get(props, "SourceDBInstanceIdentifier"));
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	/* entry by entry, the resources of its type (DBInstance has one entry) */
	for (size_t k = 0; k < sizeof(expiring) / sizeof(expiring[0]); k++) {
		const uint32_t *idx;
		size_t n = sl_template_of_type(t, expiring[k].type, strlen(expiring[k].type), &idx);
		for (size_t i = 0; i < n; i++) {
			const struct sl_entity *e = &t->resources.items[idx[i]];
			const struct sl_node *props = sl_map_get(e->value, "Properties");
			if (props && (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props) ||
				      sl_sto_props_open(props)))
				continue;
			if (strcmp(expiring[k].type, "AWS::RDS::DBInstance") == 0 &&
			    !instance_has_own_backups(props))
				continue;
			if (sl_map_get_pair(props, expiring[k].prop))
				continue;
			sl_report(c, sl_samr_anchor(e), "%s is not set: by default the %s '%s' %s. Set %s "
				  "explicitly, so that how long the data lives is a choice and not a surprise",
				  expiring[k].prop, expiring[k].what, e->key->str, expiring[k].keeps,
				  expiring[k].prop);
		}
	}
}

const struct sl_rule rule_I3013 = {
	.id = "I3013",
	.severity = SL_SEV_INFO,
	.title = "Resources whose content expires set their retention period",
	.source = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html",
	.doc =
	"### What it checks\n"
	"The resources whose data AWS deletes after a default period set that period "
	"explicitly: `AWS::SQS::Queue` `MessageRetentionPeriod` (default 345,600 seconds, 4 "
	"days: CreateQueue), `AWS::Kinesis::Stream` `RetentionPeriodHours` (default 24 hours), "
	"`AWS::RDS::DBInstance` and `AWS::RDS::DBCluster` `BackupRetentionPeriod` (default 1 "
	"day; an instance only when its literal `Engine` is not Aurora, whose cluster keeps the "
	"backups, and it is not a read replica), `AWS::DocDB::DBCluster` `BackupRetentionPeriod` "
	"(1 day), `AWS::Redshift::Cluster` `AutomatedSnapshotRetentionPeriod` (1 day) and "
	"`AWS::Synthetics::Canary` `SuccessRetentionPeriod` and `FailureRetentionPeriod` (31 "
	"days). CloudWatch Logs groups are not listed: their events never expire by default.\n\n"
	"### Why it matters\n"
	"Each service picks a different default, and a short one silently deletes data: a queue "
	"that is not drained for four days loses messages, a stream consumer that falls a day "
	"behind loses records, a one-day backup window leaves little to restore from. An "
	"explicit value makes the retention a decision that reviewers can see.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Jobs:\n"
	"    Type: AWS::SQS::Queue\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Jobs:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      MessageRetentionPeriod: 1209600\n"
	"```\n",
	.check = check,
};
