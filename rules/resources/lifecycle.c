/*
 * Lifecycle of AWS services (see lifecycle.h): the table, written from each
 * service's end of support or availability change notice in the AWS
 * documentation, and the check the three lifecycle rules share.
 *
 * Left out on purpose, for want of an AWS text that settles it: the Amazon
 * Pinpoint resources the End User Messaging APIs keep using (applications,
 * channels, templates, event streams: the notice ends endpoints, segments,
 * campaigns, journeys and analytics only), AWS::CodeStar::GitHubRepository
 * (the CodeStar notice keeps what projects created), and services whose
 * notices could not be found.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/resources/lifecycle.h"
#include "util/date.h"

#define SHUT SL_LC_SHUTDOWN
#define MAINT SL_LC_MAINTENANCE

static const struct sl_lifecycle table[] = {
	/* --- shut down, or shutting down on the date --- */
	{ "AWS::AppMesh::", "AWS App Mesh", 20260930, SHUT,
	  "https://docs.aws.amazon.com/app-mesh/latest/userguide/tooling.html",
	  "Amazon ECS Service Connect" },
	{ "AWS::Evidently::", "Amazon CloudWatch Evidently", 20251016, SHUT,
	  "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Evidently-quotas.html", NULL },
	{ "AWS::FinSpace::", "Amazon FinSpace", 20261007, SHUT,
	  "https://docs.aws.amazon.com/finspace/latest/management-api/API_KxEnvironment.html", NULL },
	/* AWS IoT Greengrass Version 1; AWS::GreengrassV2:: is the successor */
	{ "AWS::Greengrass::", "AWS IoT Greengrass Version 1", 20261007, SHUT,
	  "https://docs.aws.amazon.com/greengrass/v1/developerguide/maintenance-policy.html",
	  "AWS IoT Greengrass Version 2 (AWS::GreengrassV2::*)" },
	/* Amazon Inspector Classic; AWS::InspectorV2:: is the current service */
	{ "AWS::Inspector::", "Amazon Inspector Classic", 20260520, SHUT,
	  "https://docs.aws.amazon.com/inspector/v1/userguide/inspector-migration.html",
	  "Amazon Inspector (AWS::InspectorV2::*)" },
	{ "AWS::IoTAnalytics::", "AWS IoT Analytics", 20251215, SHUT,
	  "https://docs.aws.amazon.com/iotanalytics/latest/userguide/iotanalytics-end-of-support.html", NULL },
	{ "AWS::IoTEvents::", "AWS IoT Events", 20260520, SHUT,
	  "https://docs.aws.amazon.com/iotevents/latest/developerguide/iotevents-end-of-support.html", NULL },
	{ "AWS::IoTFleetHub::", "Fleet Hub for AWS IoT Device Management", 20251018, SHUT,
	  "https://docs.aws.amazon.com/iot/latest/fleethubuserguide/security-iam-awsmanpol.html", NULL },
	/* "The AWS IoT Things Graph service is discontinued." (API reference) */
	{ "AWS::IoTThingsGraph::", "AWS IoT Things Graph", 0, SHUT,
	  "https://docs.aws.amazon.com/cli/latest/reference/iotthingsgraph/index.html", NULL },
	/* Kinesis Data Analytics for SQL applications (API version 1); the
	 * AWS::KinesisAnalyticsV2:: types are Managed Service for Apache Flink */
	{ "AWS::KinesisAnalytics::", "Amazon Kinesis Data Analytics for SQL applications", 20260127, SHUT,
	  "https://docs.aws.amazon.com/kinesisanalytics/latest/dev/discontinuation.html",
	  "Amazon Managed Service for Apache Flink (AWS::KinesisAnalyticsV2::*)" },
	{ "AWS::LookoutEquipment::", "Amazon Lookout for Equipment", 20261007, SHUT,
	  "https://docs.aws.amazon.com/lookout-for-equipment/latest/ug/doc-history.html", NULL },
	{ "AWS::LookoutMetrics::", "Amazon Lookout for Metrics", 20251009, SHUT,
	  "https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_lookoutmetrics-readme.html", NULL },
	{ "AWS::LookoutVision::", "Amazon Lookout for Vision", 20251031, SHUT,
	  "https://docs.aws.amazon.com/lookout-for-vision/latest/developer-guide/monitoring-cloudwatch.html", NULL },
	{ "AWS::MediaStore::", "AWS Elemental MediaStore", 20251113, SHUT,
	  "https://docs.aws.amazon.com/mediastore/latest/ug/what-is-regions.html", NULL },
	/* "AWS has deprecated this service. It is no longer available for use."
	 * (the AWS SDK for Go v2 reference) */
	{ "AWS::NimbleStudio::", "Amazon Nimble Studio", 0, SHUT,
	  "https://pkg.go.dev/github.com/aws/aws-sdk-go-v2/service/nimble", NULL },
	{ "AWS::OpsWorks::", "AWS OpsWorks Stacks", 20240526, SHUT,
	  "https://docs.aws.amazon.com/opsworks/latest/APIReference/Welcome.html", NULL },
	/* OpsWorks for Puppet Enterprise ended on 2024-03-31, for Chef Automate
	 * on 2024-05-05: a server of either engine is gone by the later date */
	{ "AWS::OpsWorksCM::", "AWS OpsWorks for Chef Automate and Puppet Enterprise", 20240505, SHUT,
	  "https://docs.aws.amazon.com/opsworks/latest/userguide/opscm-a2upgrade.html", NULL },
	{ "AWS::Panorama::", "AWS Panorama", 20260531, SHUT,
	  "https://docs.aws.amazon.com/panorama/latest/dev/panorama-end-of-support.html", NULL },
	/* segments and campaigns end with Amazon Pinpoint; applications and
	 * channels serve the SMS, voice and push APIs of AWS End User Messaging */
	{ "AWS::Pinpoint::Campaign", "Amazon Pinpoint (campaigns)", 20261030, SHUT,
	  "https://docs.aws.amazon.com/pinpoint/latest/developerguide/segments.html", NULL },
	{ "AWS::Pinpoint::Segment", "Amazon Pinpoint (segments)", 20261030, SHUT,
	  "https://docs.aws.amazon.com/pinpoint/latest/developerguide/segments.html", NULL },
	{ "AWS::Proton::", "AWS Proton", 20261007, SHUT,
	  "https://docs.aws.amazon.com/proton/latest/userguide/proton-end-of-support.html", NULL },
	{ "AWS::QLDB::", "Amazon QLDB", 20250731, SHUT,
	  "https://docs.aws.amazon.com/qldb/latest/developerguide/document-history.html",
	  "Amazon Aurora PostgreSQL" },
	{ "AWS::RoboMaker::", "AWS RoboMaker", 20250910, SHUT,
	  "https://docs.aws.amazon.com/robomaker/latest/dg/chapter-development.html", "AWS Batch" },
	{ "AWS::SimSpaceWeaver::", "AWS SimSpace Weaver", 20260520, SHUT,
	  "https://docs.aws.amazon.com/simspaceweaver/latest/userguide/simspaceweaver-end-of-support.html", NULL },
	{ "AWS::VoiceID::", "Amazon Connect Voice ID", 20260520, SHUT,
	  "https://docs.aws.amazon.com/connect/latest/adminguide/voiceid-apis.html", NULL },

	/* --- sunsetting: end of life under way, dates vary by Region --- */
	{ "AWS::WAF::", "AWS WAF Classic", 0, SL_LC_SUNSET,
	  "https://docs.aws.amazon.com/waf/latest/developerguide/classic-waf-chapter.html",
	  "AWS WAF (AWS::WAFv2::*)" },
	{ "AWS::WAFRegional::", "AWS WAF Classic", 0, SL_LC_SUNSET,
	  "https://docs.aws.amazon.com/waf/latest/developerguide/classic-waf-chapter.html",
	  "AWS WAF (AWS::WAFv2::*)" },

	/* --- maintenance: closed to new customers --- */
	{ "AWS::AppRunner::", "AWS App Runner", 20260430, MAINT,
	  "https://docs.aws.amazon.com/apprunner/latest/dg/apprunner-availability-change.html",
	  "Amazon ECS Express Mode" },
	/* accounts created on or after 2024-10-01 cannot create launch
	 * configurations by any means, CloudFormation included */
	{ "AWS::AutoScaling::LaunchConfiguration", "Amazon EC2 Auto Scaling launch configurations", 20241001, MAINT,
	  "https://docs.aws.amazon.com/autoscaling/ec2/userguide/LaunchConfiguration.html",
	  "launch templates (AWS::EC2::LaunchTemplate)",
	  "accounts created on or after 2024-10-01 cannot create launch configurations by any means, "
	  "CloudFormation included, and instance types added since 2023 are not supported in them" },
	{ "AWS::Cloud9::", "AWS Cloud9", 0, MAINT,
	  "https://docs.aws.amazon.com/cloud9/latest/APIReference/Welcome.html", NULL },
	{ "AWS::CodeGuruReviewer::", "Amazon CodeGuru Reviewer", 20251107, MAINT,
	  "https://docs.aws.amazon.com/codeguru/latest/reviewer-ug/codeguru-reviewer-availability-change.html", NULL },
	{ "AWS::DataPipeline::", "AWS Data Pipeline", 0, MAINT,
	  "https://docs.aws.amazon.com/datapipeline/latest/DeveloperGuide/dp-pipeline-objects.html", NULL },
	{ "AWS::Forecast::", "Amazon Forecast", 0, MAINT,
	  "https://docs.aws.amazon.com/forecast/latest/dg/API_Operations.html", NULL },
	{ "AWS::FraudDetector::", "Amazon Fraud Detector", 20251107, MAINT,
	  "https://docs.aws.amazon.com/frauddetector/latest/ug/doc-history.html", NULL },
	{ "AWS::IoTFleetWise::", "AWS IoT FleetWise", 20260430, MAINT,
	  "https://docs.aws.amazon.com/iot-fleetwise/latest/developerguide/delete-fleet-cli.html", NULL },
	{ "AWS::S3ObjectLambda::", "Amazon S3 Object Lambda", 20251107, MAINT,
	  "https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazons3-ol-change.html", NULL },
	/* Timestream for LiveAnalytics; the InfluxDB types are not affected */
	{ "AWS::Timestream::Database", "Amazon Timestream for LiveAnalytics", 20250620, MAINT,
	  "https://docs.aws.amazon.com/timestream/latest/developerguide/AmazonTimestreamForLiveAnalytics-availability-change.html",
	  "Amazon Timestream for InfluxDB" },
	{ "AWS::Timestream::ScheduledQuery", "Amazon Timestream for LiveAnalytics", 20250620, MAINT,
	  "https://docs.aws.amazon.com/timestream/latest/developerguide/AmazonTimestreamForLiveAnalytics-availability-change.html",
	  "Amazon Timestream for InfluxDB" },
	{ "AWS::Timestream::Table", "Amazon Timestream for LiveAnalytics", 20250620, MAINT,
	  "https://docs.aws.amazon.com/timestream/latest/developerguide/AmazonTimestreamForLiveAnalytics-availability-change.html",
	  "Amazon Timestream for InfluxDB" },
};

#define NTABLE (sizeof(table) / sizeof(table[0]))

/* The table's entries sorted by their match text, for binary search; made
 * once per process. */
static const struct sl_lifecycle *sorted[NTABLE];
static pthread_once_t sort_once = PTHREAD_ONCE_INIT;

static int by_match(const void *a, const void *b)
{
	return strcmp((*(const struct sl_lifecycle *const *)a)->match,
		      (*(const struct sl_lifecycle *const *)b)->match);
}

static void sort_table(void)
{
	for (size_t i = 0; i < NTABLE; i++)
		sorted[i] = &table[i];
	qsort(sorted, NTABLE, sizeof sorted[0], by_match);
}

/* The entry whose match text is exactly the len bytes at key, or NULL. */
static const struct sl_lifecycle *lookup(const char *key, size_t len)
{
	size_t lo = 0, hi = NTABLE;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *m = sorted[mid]->match;
		int r = strncmp(m, key, len);
		if (r == 0 && m[len] != '\0')
			r = 1;
		if (r == 0)
			return sorted[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* O(log n): the whole type first, then its service ("AWS::AppMesh::"). */
const struct sl_lifecycle *sl_lifecycle_find(const char *type, size_t len)
{
	pthread_once(&sort_once, sort_table);
	const struct sl_lifecycle *lc = lookup(type, len);
	if (lc)
		return lc;
	const char *sep = len > 5 ? memchr(type + 5, ':', len - 5) : NULL;
	if (!sep || (size_t)(sep - type) + 2 >= len || sep[1] != ':')
		return NULL;
	return lookup(type, (size_t)(sep - type) + 2);
}

enum sl_lifecycle_status sl_lifecycle_status_on(const struct sl_lifecycle *lc, uint32_t today)
{
	if (lc->status == SL_LC_SHUTDOWN && lc->date && today < lc->date)
		return SL_LC_SUNSET;
	return lc->status;
}

static void report(struct sl_ctx *c, enum sl_lifecycle_status status,
		   const struct sl_lifecycle *lc, const struct sl_node *ty);

void sl_lifecycle_check(struct sl_ctx *c, enum sl_lifecycle_status status)
{
	const struct sl_template *t = c->t;
	for (size_t k = 0; k < t->n_types; k++) {
		/* one lookup per Type, then each resource of it */
		const struct sl_node *first = sl_template_run_type(t, k);
		const struct sl_lifecycle *lc = sl_lifecycle_find(first->str, first->len);
		if (!lc || sl_lifecycle_status_on(lc, c->today) != status)
			continue;
		for (size_t i = t->type_runs[k]; i < t->type_runs[k + 1]; i++)
			report(c, status, lc, t->resources.items[t->by_type[i]].type);
	}
}

static void report(struct sl_ctx *c, enum sl_lifecycle_status status,
		   const struct sl_lifecycle *lc, const struct sl_node *ty)
{
	char date[11], instead[160] = "";
	if (lc->instead)
		snprintf(instead, sizeof(instead), "; AWS names %s as the alternative", lc->instead);
	if (lc->date)
		sl_date_format(date, lc->date);
	switch (status) {
	case SL_LC_SHUTDOWN:
		if (lc->date)
			sl_report(c, ty, "%s is a resource type of %s, which was shut down on %s: "
				  "creating it fails; move to another service%s", ty->str, lc->service,
				  date, instead);
		else
			sl_report(c, ty, "%s is a resource type of %s, which has been discontinued: "
				  "creating it fails; move to another service%s", ty->str, lc->service,
				  instead);
		break;
	case SL_LC_SUNSET:
		if (lc->date)
			sl_report(c, ty, "%s is a resource type of %s, which will be shut down on %s: "
				  "plan a migration before then%s", ty->str, lc->service, date, instead);
		else
			sl_report(c, ty, "%s is a resource type of %s, which is being shut down (the "
				  "dates vary by Region, see the AWS Health Dashboard): plan a migration%s",
				  ty->str, lc->service, instead);
		break;
	case SL_LC_MAINTENANCE:
		if (lc->detail)
			sl_report(c, ty, "%s is in maintenance: %s%s", ty->str, lc->detail, instead);
		else if (lc->date && c->today < lc->date)
			sl_report(c, ty, "%s is a resource type of %s, which closes to new customers on "
				  "%s and gets no new features: a new account will not be able to create "
				  "it%s", ty->str, lc->service, date, instead);
		else if (lc->date)
			sl_report(c, ty, "%s is a resource type of %s, which has been closed to new "
				  "customers since %s and gets no new features: a new account cannot "
				  "create it%s", ty->str, lc->service, date, instead);
		else
			sl_report(c, ty, "%s is a resource type of %s, which is closed to new customers "
				  "and gets no new features: a new account cannot create it%s", ty->str,
				  lc->service, instead);
		break;
	}
}
