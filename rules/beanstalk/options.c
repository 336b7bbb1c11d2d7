/*
 * The table of Elastic Beanstalk configuration options (options.h), written
 * from AWS's pages:
 *   General options for all environments
 *     https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html
 *   Platform specific options
 *     https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-specific.html
 * and, for options those pages name in passing, the page cited beside them.
 *
 * What is written, and what is left out on purpose:
 * - a namespace is SL_EB_LISTED only where the general page's table was copied
 *   in full, with the options AWS added later (named on their own pages); an
 *   option the table lacks there is reported, so a name missing here would be a
 *   false error: when in doubt a namespace is SL_EB_PARTIAL;
 * - values are checked only where the page gives a closed list or a range that
 *   does not depend on something else. Left as text: ranges that depend on the
 *   load balancer or volume type (RootVolumeSize, RootVolumeIOPS,
 *   MatcherHTTPCode, process HealthCheckInterval for a network load balancer),
 *   lists AWS extends as services grow (RootVolumeType, DBEngine, the log
 *   retention days, ELB security policies), and ELBScheme, whose other values
 *   the page says Elastic Beanstalk ignores rather than rejects;
 * - BatchSize is checked against 1-100 only by the rule that knows the
 *   BatchSizeType (a Fixed batch goes up to the group's MaxSize);
 * - where Elastic Beanstalk's own DescribeConfigurationOptions answer (as
 *   published in public repositories) accepts more than the page says, the
 *   table takes the wider answer, so that nothing Elastic Beanstalk accepts is
 *   reported: MinSize and MaxSize from 0, the spelling UnHealthyHostCount, no
 *   maximum for the trigger thresholds, the policy options in aws:elb:policies,
 *   SSLCertificateId in aws:elb:listener, the ExternalExtensions options.
 *
 * Every array is sorted by name (strcmp, so upper case before lower case and a
 * space before letters): the lookups are binary searches.
 */
#include "rules/beanstalk/options.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/engine.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define BOOL(name, def) {name, SL_EB_BOOL, NULL, 0, 0, def}
#define INT(name, lo, hi, def) {name, SL_EB_INT, NULL, lo, hi, def}
#define NUM(name, lo, hi, def) {name, SL_EB_NUMBER, NULL, lo, hi, def}
#define ENUM(name, vals, def) {name, SL_EB_ENUM, vals, 0, 0, def}
#define TEXT(name, def) {name, SL_EB_STRING, NULL, 0, 0, def}

/* --- aws:autoscaling:asg ------------------------------------------------- */
static const char *const v_azs[] = {"Any", "Any 1", "Any 2", "Any 3", NULL};
static const struct sl_eb_option o_asg[] = {
	ENUM("Availability Zones", v_azs, "Any"),
	INT("Cooldown", 0, 10000, "360"),
	TEXT("Custom Availability Zones", NULL),
	BOOL("EnableCapacityRebalancing", "false"), /* Spot Capacity Rebalancing */
	/* the page says 1 to 10000; Elastic Beanstalk's DescribeConfigurationOptions
	 * gives 0 as the minimum (an environment scaled to zero): 0 is accepted */
	INT("MaxSize", 0, 10000, "4"),
	INT("MinSize", 0, 10000, "1"),
};

/* --- aws:autoscaling:launchconfiguration ---------------------------------- */
static const char *const v_monitoring[] = {"1 minute", "5 minute", NULL};
static const struct sl_eb_option o_launch[] = {
	TEXT("BlockDeviceMappings", NULL),
	/* named on the current general page (2025) */
	TEXT("DisableDefaultEC2SecurityGroup", NULL),
	BOOL("DisableIMDSv1", "false"),
	TEXT("EC2KeyName", NULL),
	TEXT("IamInstanceProfile", NULL),
	TEXT("ImageId", NULL),
	TEXT("InstanceType", NULL), /* obsolete: aws:ec2:instances InstanceTypes */
	/* https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/applications-tagging-resources.launch-templates.html */
	BOOL("LaunchTemplateTagPropagationEnabled", "false"),
	ENUM("MonitoringInterval", v_monitoring, "5 minute"),
	TEXT("RootVolumeIOPS", NULL),   /* the range depends on the volume type */
	TEXT("RootVolumeSize", NULL),   /* the range depends on the volume type */
	TEXT("RootVolumeThroughput", NULL), /* gp3 volumes */
	TEXT("RootVolumeType", NULL),   /* standard, gp2, io1, and newer types */
	TEXT("SSHSourceRestriction", NULL),
	TEXT("SecurityGroups", "elasticbeanstalk-default"),
};

/* --- aws:autoscaling:scheduledaction (with a ResourceName per action) ----- */
static const struct sl_eb_option o_scheduled[] = {
	INT("DesiredCapacity", 0, 10000, NULL),
	TEXT("EndTime", NULL),
	INT("MaxSize", 0, 10000, NULL),
	INT("MinSize", 0, 10000, NULL),
	TEXT("Recurrence", NULL),
	TEXT("StartTime", NULL),
	BOOL("Suspend", "false"),
};

/* --- aws:autoscaling:trigger ---------------------------------------------- */
static const char *const v_measure[] = {
	"CPUUtilization", "NetworkIn", "NetworkOut", "DiskWriteOps", "DiskReadBytes", "DiskReadOps",
	"DiskWriteBytes", "Latency", "RequestCount", "HealthyHostCount", "UnhealthyHostCount",
	/* the spelling DescribeConfigurationOptions gives for the same metric */
	"UnHealthyHostCount", "TargetResponseTime", NULL,
};
static const char *const v_statistic[] = {"Minimum", "Maximum", "Sum", "Average", NULL};
static const char *const v_unit[] = {
	"Seconds", "Percent", "Bytes", "Bits", "Count", "Bytes/Second", "Bits/Second",
	"Count/Second", "None", NULL,
};
static const struct sl_eb_option o_trigger[] = {
	INT("BreachDuration", 1, 600, "5"),
	INT("EvaluationPeriods", 1, 600, "1"),
	TEXT("LowerBreachScaleIncrement", "-1"),
	/* 0 to 20000000 on the page; Elastic Beanstalk states no maximum: only the minimum is checked */
	NUM("LowerThreshold", 0, HUGE_VAL, "2000000"),
	ENUM("MeasureName", v_measure, "NetworkOut"),
	INT("Period", 1, 600, "5"),
	ENUM("Statistic", v_statistic, "Average"),
	ENUM("Unit", v_unit, "Bytes"),
	TEXT("UpperBreachScaleIncrement", "1"),
	NUM("UpperThreshold", 0, HUGE_VAL, "6000000"),
};

/* --- aws:autoscaling:updatepolicy:rollingupdate ----------------------------- */
static const char *const v_rolling_type[] = {"Time", "Health", "Immutable", NULL};
static const struct sl_eb_option o_rolling[] = {
	INT("MaxBatchSize", 1, 10000, NULL),
	INT("MinInstancesInService", 0, 9999, NULL),
	TEXT("PauseTime", NULL), /* ISO 8601 duration, PT0S to PT1H */
	BOOL("RollingUpdateEnabled", "false"),
	ENUM("RollingUpdateType", v_rolling_type, "Time"),
	TEXT("Timeout", "PT30M"), /* ISO 8601 duration, PT5M to PT1H */
};

/* --- aws:ec2:instances ------------------------------------------------------ */
static const struct sl_eb_option o_instances[] = {
	BOOL("EnableSpot", "false"),
	TEXT("InstanceTypes", NULL),
	TEXT("SpotAllocationStrategy", NULL), /* named on the current page; values not copied */
	INT("SpotFleetOnDemandAboveBasePercentage", 0, 100, NULL),
	TEXT("SpotFleetOnDemandBase", "0"), /* 0 to the group's MaxSize */
	TEXT("SpotMaxPrice", NULL),
	TEXT("SupportedArchitectures", NULL), /* named on the current page; values not copied */
};

/* --- aws:ec2:vpc ------------------------------------------------------------ */
static const struct sl_eb_option o_vpc[] = {
	BOOL("AssociatePublicIpAddress", NULL),
	TEXT("DBSubnets", NULL),
	TEXT("ELBScheme", "public"), /* public or internal; anything else is ignored */
	TEXT("ELBSubnets", NULL),
	TEXT("Subnets", NULL),
	TEXT("VPCId", NULL),
};

/* --- aws:elasticbeanstalk:application -------------------------------------- */
static const struct sl_eb_option o_application[] = {
	TEXT("Application Healthcheck URL", NULL),
};

/* --- aws:elasticbeanstalk:cloudwatch:logs(:health) -------------------------- */
static const struct sl_eb_option o_logs[] = {
	BOOL("DeleteOnTerminate", "false"),
	TEXT("RetentionInDays", "7"),
	BOOL("StreamLogs", "false"),
};
static const struct sl_eb_option o_logs_health[] = {
	BOOL("DeleteOnTerminate", "false"),
	BOOL("HealthStreamingEnabled", "false"),
	TEXT("RetentionInDays", "7"),
};

/* --- aws:elasticbeanstalk:command ------------------------------------------- */
static const char *const v_policy[] = {
	"AllAtOnce", "Rolling", "RollingWithAdditionalBatch", "Immutable", "TrafficSplitting", NULL,
};
static const char *const v_batch_type[] = {"Percentage", "Fixed", NULL};
static const char *const v_threshold[] = {"Ok", "Warning", "Degraded", "Severe", NULL};
static const struct sl_eb_option o_command[] = {
	/* 1-100 for Percentage, 1 to MaxSize for Fixed: the rule checks the type */
	INT("BatchSize", 1, 10000, "100"),
	ENUM("BatchSizeType", v_batch_type, "Percentage"),
	ENUM("DeploymentPolicy", v_policy, "AllAtOnce"),
	/* the deployment page's example sets it here; the general page lists it
	 * under aws:elasticbeanstalk:healthreporting:system
	 * (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html) */
	ENUM("HealthCheckSuccessThreshold", v_threshold, "Ok"),
	BOOL("IgnoreHealthCheck", "false"),
	INT("Timeout", 1, 3600, "600"),
};

/* --- aws:elasticbeanstalk:environment ---------------------------------------- */
static const char *const v_env_type[] = {"SingleInstance", "LoadBalanced", NULL};
static const char *const v_lb_type[] = {"classic", "application", "network", NULL};
static const struct sl_eb_option o_environment[] = {
	ENUM("EnvironmentType", v_env_type, "LoadBalanced"),
	/* not on the page, but listed for this namespace by DescribeConfigurationOptions
	 * and set by AWS's own tools: known, so never reported */
	TEXT("ExternalExtensionsS3Bucket", NULL),
	TEXT("ExternalExtensionsS3Key", NULL),
	BOOL("LoadBalancerIsShared", "false"),
	ENUM("LoadBalancerType", v_lb_type, "classic"),
	TEXT("ServiceRole", NULL),
};

/* --- aws:elasticbeanstalk:environment:process:default and :<process_name> --- */
static const char *const v_process_protocol[] = {"TCP", "HTTP", "HTTPS", NULL};
static const char *const v_stickiness_type[] = {"lb_cookie", NULL};
static const struct sl_eb_option o_process[] = {
	INT("DeregistrationDelay", 0, 3600, "20"),
	/* 5-300 with a classic or application load balancer, 10 or 30 with a network one */
	INT("HealthCheckInterval", 5, 300, "15"),
	TEXT("HealthCheckPath", "/"),
	INT("HealthCheckTimeout", 1, 60, "5"),
	INT("HealthyThresholdCount", 2, 10, "3"),
	TEXT("MatcherHTTPCode", "200"),
	INT("Port", 1, 65535, "80"),
	ENUM("Protocol", v_process_protocol, "HTTP"),
	BOOL("StickinessEnabled", "false"),
	INT("StickinessLBCookieDuration", 1, 604800, "86400"),
	ENUM("StickinessType", v_stickiness_type, "lb_cookie"),
	INT("UnhealthyThresholdCount", 2, 10, "5"),
};

/* --- aws:elasticbeanstalk:environment:proxy (platform specific) -------------- */
static const struct sl_eb_option o_proxy[] = {
	BOOL("GzipCompression", NULL),
	/* nginx, apache or none, depending on the platform and its generation: not checked */
	TEXT("ProxyServer", NULL),
};

/* --- aws:elasticbeanstalk:healthreporting:system ----------------------------- */
static const char *const v_system[] = {"basic", "enhanced", NULL};
static const struct sl_eb_option o_health[] = {
	TEXT("ConfigDocument", NULL),
	BOOL("EnhancedHealthAuthEnabled", "false"),
	ENUM("HealthCheckSuccessThreshold", v_threshold, "Ok"),
	ENUM("SystemType", v_system, "basic"),
};

/* --- aws:elasticbeanstalk:hostmanager ---------------------------------------- */
static const struct sl_eb_option o_hostmanager[] = {
	BOOL("LogPublicationControl", "false"),
};

/* --- aws:elasticbeanstalk:managedactions(:platformupdate) -------------------- */
static const struct sl_eb_option o_managed[] = {
	BOOL("ManagedActionsEnabled", "true"),
	TEXT("PreferredStartTime", NULL),
	TEXT("ServiceRoleForManagedUpdates", NULL),
};
static const char *const v_update_level[] = {"patch", "minor", NULL};
static const struct sl_eb_option o_platformupdate[] = {
	BOOL("InstanceRefreshEnabled", "false"),
	ENUM("UpdateLevel", v_update_level, NULL),
};

/* --- aws:elasticbeanstalk:monitoring ----------------------------------------- */
static const struct sl_eb_option o_monitoring[] = {
	BOOL("Automatically Terminate Unhealthy Instances", "true"),
};

/* --- aws:elasticbeanstalk:sns:topics ----------------------------------------- */
static const char *const v_sns_protocol[] = {"http", "https", "email", "email-json", "sqs", NULL};
static const struct sl_eb_option o_sns[] = {
	TEXT("Notification Endpoint", NULL),
	ENUM("Notification Protocol", v_sns_protocol, "email"),
	TEXT("Notification Topic ARN", NULL),
	TEXT("Notification Topic Name", NULL),
};

/* --- aws:elasticbeanstalk:sqsd ------------------------------------------------ */
static const struct sl_eb_option o_sqsd[] = {
	INT("ConnectTimeout", 1, 60, "5"),
	INT("ErrorVisibilityTimeout", 0, 43200, "2"),
	INT("HttpConnections", 1, 100, "50"),
	TEXT("HttpPath", "/"),
	INT("InactivityTimeout", 1, 36000, "299"),
	INT("MaxRetries", 1, 100, "10"),
	TEXT("MimeType", "application/json"), /* a custom MIME type is allowed */
	INT("RetentionPeriod", 60, 1209600, "345600"),
	INT("VisibilityTimeout", 0, 43200, "300"),
	TEXT("WorkerQueueURL", NULL),
};

/* --- aws:elasticbeanstalk:trafficsplitting ------------------------------------- */
static const struct sl_eb_option o_traffic[] = {
	INT("EvaluationTime", 3, 600, "5"),
	INT("NewVersionPercent", 1, 100, "10"),
};

/* --- aws:elasticbeanstalk:xray ------------------------------------------------- */
static const struct sl_eb_option o_xray[] = {
	BOOL("XRayEnabled", "false"),
};

/* --- aws:elb:healthcheck --------------------------------------------------------- */
static const struct sl_eb_option o_elb_health[] = {
	INT("HealthyThreshold", 2, 10, "3"),
	INT("Interval", 5, 300, "10"),
	TEXT("Target", "TCP:80"), /* deprecated */
	INT("Timeout", 2, 60, "5"),
	INT("UnhealthyThreshold", 2, 10, "5"),
};

/* --- aws:elb:listener and aws:elb:listener:<listener_port> ------------------------- */
static const char *const v_elb_protocols[] = {"HTTP", "HTTPS", "TCP", "SSL", NULL};
static const struct sl_eb_option o_elb_listener[] = {
	/* the default listener's page row lists HTTP and TCP, the port listeners'
	 * all four; the default listener is judged by the wider list */
	INT("InstancePort", 1, 65535, "80"),
	ENUM("InstanceProtocol", v_elb_protocols, NULL),
	BOOL("ListenerEnabled", "true"),
	ENUM("ListenerProtocol", v_elb_protocols, "HTTP"),
	TEXT("PolicyNames", NULL),
	TEXT("SSLCertificateId", NULL), /* the port listeners' */
};

/* --- aws:elb:loadbalancer ---------------------------------------------------------- */
static const char *const v_http_port[] = {"OFF", "80", NULL};
static const char *const v_https_port[] = {"OFF", "443", "8443", NULL};
static const char *const v_port_protocol[] = {"HTTP", "TCP", NULL};
static const char *const v_ssl_protocol[] = {"HTTPS", "SSL", NULL};
static const struct sl_eb_option o_elb_lb[] = {
	BOOL("CrossZone", "false"),
	ENUM("LoadBalancerHTTPPort", v_http_port, "80"),      /* deprecated */
	ENUM("LoadBalancerHTTPSPort", v_https_port, "OFF"),   /* deprecated */
	ENUM("LoadBalancerPortProtocol", v_port_protocol, "HTTP"), /* deprecated */
	ENUM("LoadBalancerSSLPortProtocol", v_ssl_protocol, "HTTPS"), /* deprecated */
	TEXT("ManagedSecurityGroup", NULL),
	TEXT("SSLCertificateId", NULL), /* deprecated */
	TEXT("SecurityGroups", NULL),
};

/* --- aws:elb:policies and aws:elb:policies:<policy_name> ---------------------------- */
/* The page lists six options for aws:elb:policies, but Elastic Beanstalk's
 * DescribeConfigurationOptions gives the namespace the policy options too
 * (CookieName, PublicKey, SSLReferencePolicy, ...): the default namespace
 * takes the union. */
static const struct sl_eb_option o_elb_policies[] = {
	BOOL("ConnectionDrainingEnabled", "false"),
	INT("ConnectionDrainingTimeout", 1, 3600, "20"),
	INT("ConnectionSettingIdleTimeout", 1, 3600, "60"),
	TEXT("CookieName", NULL),
	TEXT("InstancePorts", NULL),
	TEXT("LoadBalancerPorts", NULL),
	BOOL("ProxyProtocol", NULL),
	TEXT("PublicKey", NULL),
	TEXT("PublicKeyPolicyNames", NULL),
	TEXT("SSLProtocols", NULL),
	TEXT("SSLReferencePolicy", NULL),
	INT("Stickiness Cookie Expiration", 0, 1000000, "0"),
	BOOL("Stickiness Policy", "false"),
};
static const struct sl_eb_option o_elb_policy[] = {
	TEXT("CookieName", NULL),
	TEXT("InstancePorts", NULL),
	TEXT("LoadBalancerPorts", NULL),
	BOOL("ProxyProtocol", NULL),
	TEXT("PublicKey", NULL),
	TEXT("PublicKeyPolicyNames", NULL),
	TEXT("SSLProtocols", NULL),
	TEXT("SSLReferencePolicy", NULL),
	INT("Stickiness Cookie Expiration", 0, 1000000, "0"),
	BOOL("Stickiness Policy", "false"),
};

/* --- aws:elbv2:listener:default and aws:elbv2:listener:<listener_port> -------------- */
static const char *const v_elbv2_protocols[] = {"HTTP", "HTTPS", "TCP", NULL};
static const struct sl_eb_option o_elbv2_listener[] = {
	TEXT("DefaultProcess", "default"),
	BOOL("ListenerEnabled", "true"),
	ENUM("Protocol", v_elbv2_protocols, NULL), /* HTTP/HTTPS (application), TCP (network) */
	TEXT("Rules", NULL),
	TEXT("SSLCertificateArns", NULL),
	TEXT("SSLPolicy", NULL),
};

/* --- aws:elbv2:listenerrule:<rule_name> ------------------------------------------- */
static const struct sl_eb_option o_elbv2_rule[] = {
	TEXT("HostHeaders", NULL),
	TEXT("PathPatterns", NULL),
	INT("Priority", 1, 1000, "1"),
	TEXT("Process", "default"),
};

/* --- aws:elbv2:loadbalancer ------------------------------------------------------- */
static const struct sl_eb_option o_elbv2_lb[] = {
	TEXT("AccessLogsS3Bucket", NULL),
	BOOL("AccessLogsS3Enabled", "false"),
	TEXT("AccessLogsS3Prefix", NULL),
	TEXT("IdleTimeout", NULL), /* 1-3600 on the page; ELB itself now allows more */
	TEXT("ManagedSecurityGroup", NULL),
	TEXT("SecurityGroups", NULL),
	TEXT("SharedLoadBalancer", NULL),
};

/* --- aws:rds:dbinstance ----------------------------------------------------------- */
static const char *const v_db_deletion[] = {"Delete", "Snapshot", "Retain", NULL};
static const struct sl_eb_option o_rds[] = {
	TEXT("DBAllocatedStorage", NULL),
	ENUM("DBDeletionPolicy", v_db_deletion, "Delete"),
	TEXT("DBEngine", "mysql"),
	TEXT("DBEngineVersion", NULL),
	TEXT("DBInstanceClass", NULL),
	TEXT("DBPassword", NULL),
	TEXT("DBSnapshotIdentifier", NULL),
	TEXT("DBUser", "ebroot"),
	/* decoupling the database:
	 * https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.managing.db.html */
	BOOL("HasCoupledDatabase", NULL),
	BOOL("MultiAZDatabase", "false"),
};

/* --- platform specific (command-options-specific.html): options known, others may exist */
static const struct sl_eb_option o_nodejs[] = {
	BOOL("GzipCompression", "false"),
	TEXT("NodeCommand", NULL),
	TEXT("NodeVersion", NULL),
	TEXT("ProxyServer", "nginx"),
};
static const struct sl_eb_option o_python[] = {
	TEXT("NumProcesses", "1"),
	TEXT("NumThreads", "15"),
	TEXT("WSGIPath", NULL),
};
static const struct sl_eb_option o_phpini[] = {
	TEXT("allow_url_fopen", "On"),
	TEXT("composer_options", NULL),
	TEXT("display_errors", "Off"),
	TEXT("document_root", "/"),
	TEXT("max_execution_time", "60"),
	TEXT("memory_limit", "256M"),
	TEXT("zlib.output_compression", "Off"),
};
static const struct sl_eb_option o_apppool[] = {
	TEXT("Enable 32-bit Applications", "False"),
	TEXT("Target Runtime", "4.0"),
};

#define NS(name, kind, opts, src) {name, kind, opts, N(opts), src}
#define NS0(name, kind, src) {name, kind, NULL, 0, src}

/* Exact namespaces, sorted by name. */
static const struct sl_eb_namespace exact[] = {
	NS("aws:autoscaling:asg", SL_EB_LISTED, o_asg, SL_EB_GENERAL),
	NS("aws:autoscaling:launchconfiguration", SL_EB_LISTED, o_launch, SL_EB_GENERAL),
	NS("aws:autoscaling:scheduledaction", SL_EB_LISTED, o_scheduled, SL_EB_GENERAL),
	NS("aws:autoscaling:trigger", SL_EB_LISTED, o_trigger, SL_EB_GENERAL),
	NS("aws:autoscaling:updatepolicy:rollingupdate", SL_EB_LISTED, o_rolling, SL_EB_GENERAL),
	/* returned by DescribeConfigurationOptions on older platforms; not documented
	 * option by option: known, not checked */
	NS0("aws:cloudformation:template:parameter", SL_EB_PARTIAL, SL_EB_GENERAL),
	NS("aws:ec2:instances", SL_EB_LISTED, o_instances, SL_EB_GENERAL),
	NS("aws:ec2:vpc", SL_EB_LISTED, o_vpc, SL_EB_GENERAL),
	NS("aws:elasticbeanstalk:application", SL_EB_LISTED, o_application, SL_EB_GENERAL),
	NS0("aws:elasticbeanstalk:application:environment", SL_EB_FREE, SL_EB_GENERAL),
	/* https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/AWSHowTo.secrets.env-vars.html */
	NS0("aws:elasticbeanstalk:application:environmentsecrets", SL_EB_FREE, SL_EB_GENERAL),
	NS("aws:elasticbeanstalk:cloudwatch:logs", SL_EB_LISTED, o_logs, SL_EB_GENERAL),
	NS("aws:elasticbeanstalk:cloudwatch:logs:health", SL_EB_LISTED, o_logs_health, SL_EB_GENERAL),
	NS("aws:elasticbeanstalk:command", SL_EB_LISTED, o_command, SL_EB_GENERAL),
	NS("aws:elasticbeanstalk:container:dotnet:apppool", SL_EB_PARTIAL, o_apppool, SL_EB_SPECIFIC),
	NS("aws:elasticbeanstalk:container:nodejs", SL_EB_PARTIAL, o_nodejs, SL_EB_SPECIFIC),
	NS("aws:elasticbeanstalk:container:php:phpini", SL_EB_PARTIAL, o_phpini, SL_EB_SPECIFIC),
	NS("aws:elasticbeanstalk:container:python", SL_EB_PARTIAL, o_python, SL_EB_SPECIFIC),
	/* as aws:cloudformation:template:parameter */
	NS0("aws:elasticbeanstalk:control", SL_EB_PARTIAL, SL_EB_GENERAL),
	/* custom options of configuration files
	 * (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/ebextensions-optionsettings.html) */
	NS0("aws:elasticbeanstalk:customoption", SL_EB_FREE, SL_EB_GENERAL),
	NS("aws:elasticbeanstalk:environment", SL_EB_LISTED, o_environment, SL_EB_GENERAL),
	NS("aws:elasticbeanstalk:environment:proxy", SL_EB_PARTIAL, o_proxy, SL_EB_SPECIFIC),
	NS0("aws:elasticbeanstalk:environment:proxy:staticfiles", SL_EB_FREE, SL_EB_GENERAL),
	NS("aws:elasticbeanstalk:healthreporting:system", SL_EB_LISTED, o_health, SL_EB_GENERAL),
	NS("aws:elasticbeanstalk:hostmanager", SL_EB_LISTED, o_hostmanager, SL_EB_GENERAL),
	NS("aws:elasticbeanstalk:managedactions", SL_EB_LISTED, o_managed, SL_EB_GENERAL),
	NS("aws:elasticbeanstalk:managedactions:platformupdate", SL_EB_LISTED, o_platformupdate,
	   SL_EB_GENERAL),
	NS("aws:elasticbeanstalk:monitoring", SL_EB_LISTED, o_monitoring, SL_EB_GENERAL),
	NS("aws:elasticbeanstalk:sns:topics", SL_EB_LISTED, o_sns, SL_EB_GENERAL),
	NS("aws:elasticbeanstalk:sqsd", SL_EB_LISTED, o_sqsd, SL_EB_GENERAL),
	NS("aws:elasticbeanstalk:trafficsplitting", SL_EB_LISTED, o_traffic, SL_EB_GENERAL),
	NS("aws:elasticbeanstalk:xray", SL_EB_LISTED, o_xray, SL_EB_GENERAL),
	NS("aws:elb:healthcheck", SL_EB_LISTED, o_elb_health, SL_EB_GENERAL),
	NS("aws:elb:listener", SL_EB_LISTED, o_elb_listener, SL_EB_GENERAL),
	NS("aws:elb:loadbalancer", SL_EB_LISTED, o_elb_lb, SL_EB_GENERAL),
	NS("aws:elb:policies", SL_EB_LISTED, o_elb_policies, SL_EB_GENERAL),
	NS("aws:elbv2:loadbalancer", SL_EB_LISTED, o_elbv2_lb, SL_EB_GENERAL),
	NS("aws:rds:dbinstance", SL_EB_LISTED, o_rds, SL_EB_GENERAL),
};

/* Namespaces whose last part is the user's: `prefix` then a name. A name has
 * no ':' unless `deep` (a platform's container namespaces:
 * aws:elasticbeanstalk:container:php:staticfiles). Tried after the exact
 * entries, in this order. */
static const struct pattern {
	const char *prefix;
	bool deep;
	struct sl_eb_namespace ns;
} patterns[] = {
	{"aws:elasticbeanstalk:container:", true,
	 NS0("aws:elasticbeanstalk:container:<platform>", SL_EB_FREE, SL_EB_SPECIFIC)},
	{"aws:elasticbeanstalk:environment:process:", false,
	 NS("aws:elasticbeanstalk:environment:process:process_name", SL_EB_LISTED, o_process,
	    SL_EB_GENERAL)},
	{"aws:elb:listener:", false,
	 NS("aws:elb:listener:listener_port", SL_EB_LISTED, o_elb_listener, SL_EB_GENERAL)},
	{"aws:elb:policies:", false,
	 NS("aws:elb:policies:policy_name", SL_EB_LISTED, o_elb_policy, SL_EB_GENERAL)},
	{"aws:elbv2:listener:", false,
	 NS("aws:elbv2:listener:listener_port", SL_EB_LISTED, o_elbv2_listener, SL_EB_GENERAL)},
	{"aws:elbv2:listenerrule:", false,
	 NS("aws:elbv2:listenerrule:rule_name", SL_EB_LISTED, o_elbv2_rule, SL_EB_GENERAL)},
};

/* strcmp of the len bytes at s (not NUL-terminated) with the string b. */
static int cmp_n(const char *s, size_t len, const char *b)
{
	size_t bl = strlen(b);
	int c = memcmp(s, b, len < bl ? len : bl);
	if (c)
		return c;
	return len < bl ? -1 : len > bl ? 1 : 0;
}

const struct sl_eb_namespace *sl_eb_namespace_find(const char *name, size_t len)
{
	size_t lo = 0, hi = N(exact);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = cmp_n(name, len, exact[mid].name);
		if (c == 0)
			return &exact[mid];
		if (c > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = 0; i < N(patterns); i++) {
		size_t pl = strlen(patterns[i].prefix);
		if (len <= pl || memcmp(name, patterns[i].prefix, pl) != 0)
			continue;
		if (!patterns[i].deep && memchr(name + pl, ':', len - pl))
			continue;
		return &patterns[i].ns;
	}
	return NULL;
}

/* The candidate among n equal to the len bytes at s but for case, or NULL. */
static const char *case_match(const char *s, size_t len, const char *const *cands, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(cands[i]) == len && strncasecmp(cands[i], s, len) == 0)
			return cands[i];
	return NULL;
}

/* "did you mean": a case-only difference first, then the engine's edit
 * distance (sl_suggest works on NUL-terminated names up to 64 bytes). */
static const char *suggest(const char *s, size_t len, const char *const *cands, size_t n)
{
	const char *m = case_match(s, len, cands, n);
	if (m || len > 64)
		return m;
	char name[65];
	memcpy(name, s, len);
	name[len] = 0;
	return sl_suggest(name, len, cands, n);
}

const char *sl_eb_namespace_suggest(const char *name, size_t len, char *buf, size_t size)
{
	/* the exact names, and each pattern with the user's last part */
	const char *cands[N(exact) + N(patterns)];
	char tails[N(patterns)][128];
	size_t n = 0;
	for (size_t i = 0; i < N(exact); i++)
		cands[n++] = exact[i].name;
	const char *colon = NULL;
	for (size_t i = len; i > 0 && !colon; i--)
		if (name[i - 1] == ':')
			colon = name + i - 1;
	size_t tl = colon ? len - (size_t)(colon + 1 - name) : 0;
	for (size_t i = 0; i < N(patterns) && colon && tl && tl < 64; i++) {
		snprintf(tails[i], sizeof(tails[i]), "%s%.*s", patterns[i].prefix, (int)tl, colon + 1);
		cands[n++] = tails[i];
	}
	const char *s = suggest(name, len, cands, n);
	for (size_t i = 0; s && i < N(exact); i++)
		if (s == exact[i].name)
			return s;
	if (s)
		snprintf(buf, size, "%s", s); /* a pattern with the user's part: copy it out */
	return s ? buf : NULL;
}

const struct sl_eb_option *sl_eb_option_find(const struct sl_eb_namespace *ns, const char *name,
					     size_t len)
{
	size_t lo = 0, hi = ns->n_options;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = cmp_n(name, len, ns->options[mid].name);
		if (c == 0)
			return &ns->options[mid];
		if (c > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *sl_eb_option_suggest(const struct sl_eb_namespace *ns, const char *name, size_t len)
{
	const char *cands[32];
	size_t n = 0;
	for (size_t i = 0; i < ns->n_options && n < N(cands); i++)
		cands[n++] = ns->options[i].name;
	return n ? suggest(name, len, cands, n) : NULL;
}

/* The number in the len bytes at s ("25", "-1", "0.5", "1e3"; no spaces), or
 * false. */
static bool parse_number(const char *s, size_t len, bool whole, double *out)
{
	char tmp[64];
	if (!len || len >= sizeof(tmp))
		return false;
	memcpy(tmp, s, len);
	tmp[len] = 0;
	if (!isdigit((unsigned char)tmp[tmp[0] == '-' || tmp[0] == '+']))
		return false;
	char *end;
	double v = strtod(tmp, &end);
	if (*end || !isfinite(v))
		return false;
	/* whole numbers: within what a long long holds exactly, no fraction
	 * (a cast, so that no libm is needed) */
	if (whole && (v < -9e15 || v > 9e15 || v != (double)(long long)v))
		return false;
	*out = v;
	return true;
}

enum sl_eb_verdict sl_eb_value_check(const struct sl_eb_option *o, const char *text, size_t len,
				     bool typed_bool, double *number)
{
	if (!len)
		return SL_EB_OK;
	switch (o->type) {
	case SL_EB_STRING:
		return SL_EB_OK;
	case SL_EB_BOOL:
		if (typed_bool || (len == 4 && strncasecmp(text, "true", 4) == 0) ||
		    (len == 5 && strncasecmp(text, "false", 5) == 0))
			return SL_EB_OK;
		return SL_EB_NOT_ALLOWED;
	case SL_EB_ENUM:
		for (const char *const *v = o->values; *v; v++)
			if (cmp_n(text, len, *v) == 0)
				return SL_EB_OK;
		return SL_EB_NOT_ALLOWED;
	case SL_EB_INT:
	case SL_EB_NUMBER: {
		double v;
		if (!parse_number(text, len, o->type == SL_EB_INT, &v))
			return SL_EB_NOT_NUMBER;
		if (number)
			*number = v;
		return v < o->min ? SL_EB_BELOW : v > o->max ? SL_EB_ABOVE : SL_EB_OK;
	}
	}
	return SL_EB_OK;
}

const char *sl_eb_value_suggest(const struct sl_eb_option *o, const char *text, size_t len)
{
	static const char *const bools[] = {"true", "false"};
	if (o->type == SL_EB_BOOL)
		return suggest(text, len, bools, 2);
	if (o->type != SL_EB_ENUM)
		return NULL;
	size_t n = 0;
	while (o->values[n])
		n++;
	return suggest(text, len, o->values, n);
}

const char *sl_eb_values_text(const struct sl_eb_option *o, char *buf, size_t size)
{
	static const char *const bools[] = {"true", "false", NULL};
	const char *const *v = o->type == SL_EB_BOOL ? bools : o->values;
	size_t at = 0;
	buf[0] = 0;
	for (size_t i = 0; v && v[i] && at < size; i++) {
		const char *sep = i == 0 ? "" : v[i + 1] ? ", " : " or ";
		int w = snprintf(buf + at, size - at, "%s'%s'", sep, v[i]);
		if (w < 0 || (size_t)w >= size - at) {
			if (size > 4)
				memcpy(buf + size - 4, "...", 4);
			break;
		}
		at += (size_t)w;
	}
	return buf;
}

const struct sl_eb_namespace *sl_eb_namespace_each(size_t i)
{
	if (i < N(exact))
		return &exact[i];
	i -= N(exact);
	return i < N(patterns) ? &patterns[i].ns : NULL;
}
