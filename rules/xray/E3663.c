/* E3663: environment variables whose names Lambda reserves. */
#include <string.h>

#include "rules/xray/xray.h"

/* The names Lambda's "Defined runtime environment variables" list as
 * reserved. Those it lists as not reserved (LANG, PATH, TZ, LD_LIBRARY_PATH,
 * NODE_PATH, PYTHONPATH, GEM_PATH, AWS_LAMBDA_EXEC_WRAPPER,
 * AWS_XRAY_CONTEXT_MISSING, AWS_XRAY_DAEMON_ADDRESS, ...) may be set. */
static const char *const reserved[] = {
	"_HANDLER",
	"_X_AMZN_TRACE_ID",
	"AWS_DEFAULT_REGION",
	"AWS_REGION",
	"AWS_EXECUTION_ENV",
	"AWS_LAMBDA_FUNCTION_NAME",
	"AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
	"AWS_LAMBDA_FUNCTION_VERSION",
	"AWS_LAMBDA_INITIALIZATION_TYPE",
	"AWS_LAMBDA_LOG_GROUP_NAME",
	"AWS_LAMBDA_LOG_STREAM_NAME",
	"AWS_ACCESS_KEY",
	"AWS_ACCESS_KEY_ID",
	"AWS_SECRET_ACCESS_KEY",
	"AWS_SESSION_TOKEN",
	"AWS_LAMBDA_RUNTIME_API",
	"LAMBDA_TASK_ROOT",
	"LAMBDA_RUNTIME_DIR",
};

static void check_var(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *value,
		      void *ud)
{
	(void)value;
	(void)ud;
	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (sl_str_eq(key, reserved[i])) {
			sl_report(c, key, "%s is an environment variable Lambda reserves and sets itself: "
				  "the function fails to create or update (\"Lambda was unable to "
				  "configure your environment variables because the environment "
				  "variables you have provided contains reserved keys\")", key->str);
			return;
		}
}

static void check(struct sl_ctx *c)
{
	sl_xray_each_env(c, check_var, NULL);
}

const struct sl_rule rule_E3663 = {
	.id = "E3663",
	.severity = SL_SEV_ERROR,
	.title = "Lambda environment variables do not use reserved names",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime",
	.doc =
	"### What it checks\n"
	"The `Environment.Variables` of an `AWS::Lambda::Function` or an "
	"`AWS::Serverless::Function` (and of SAM's `Globals.Function`) set none of the names Lambda "
	"reserves: `_HANDLER`, `_X_AMZN_TRACE_ID`, `AWS_DEFAULT_REGION`, `AWS_REGION`, "
	"`AWS_EXECUTION_ENV`, `AWS_LAMBDA_FUNCTION_NAME`, `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`, "
	"`AWS_LAMBDA_FUNCTION_VERSION`, `AWS_LAMBDA_INITIALIZATION_TYPE`, "
	"`AWS_LAMBDA_LOG_GROUP_NAME`, `AWS_LAMBDA_LOG_STREAM_NAME`, `AWS_ACCESS_KEY`, "
	"`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, "
	"`AWS_LAMBDA_RUNTIME_API`, `LAMBDA_TASK_ROOT` and `LAMBDA_RUNTIME_DIR`. The variables Lambda "
	"documents as not reserved (`TZ`, `LANG`, `PATH`, `NODE_PATH`, `PYTHONPATH`, "
	"`AWS_LAMBDA_EXEC_WRAPPER`, `AWS_XRAY_CONTEXT_MISSING`, ...) may be set.\n\n"
	"### Why it matters\n"
	"Lambda sets the reserved variables itself, from the function's configuration and its "
	"execution role; it refuses a configuration that sets one, so the stack fails to create or "
	"update the function. Setting `AWS_REGION` or credentials by hand is also usually a sign of "
	"code written for another environment.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      Role: !GetAtt FnRole.Arn\n"
	"      Code:\n"
	"        S3Bucket: my-bucket\n"
	"        S3Key: fn.zip\n"
	"      Environment:\n"
	"        Variables:\n"
	"          AWS_REGION: eu-west-1\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      Role: !GetAtt FnRole.Arn\n"
	"      Code:\n"
	"        S3Bucket: my-bucket\n"
	"        S3Key: fn.zip\n"
	"      Environment:\n"
	"        Variables:\n"
	"          TABLE_REGION: eu-west-1\n"
	"```\n",
	.check = check,
};
