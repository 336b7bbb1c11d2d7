/* E3696: log-level filtering (ApplicationLogLevel, SystemLogLevel) on a function whose LogFormat is Text. */
#include "rules/lambda/lambda.h"

static const char *const levels[] = { "ApplicationLogLevel", "SystemLogLevel" };

/* True when a level is surely set: present, not AWS::NoValue, and not an
 * Fn::If one of whose branches drops it. */
static bool surely_set(const struct sl_node *v)
{
	return v && !sl_samr_is_null(v) && !sl_samr_is_novalue(v) && sl_samr_item_certain(v);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_functions_init(&tw, t);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		bool sam = sl_samr_type_is(e, SL_SAM_FUNCTION);
		const char *const fpath[] = { "LoggingConfig", "LogFormat", NULL };
		const struct sl_node *fmt = sam ? sl_sam_prop_path(t, e, fpath, NULL)
						: sl_map_path(sl_samr_props(e), fpath);
		if (!sl_str_eq(fmt, "Text"))
			continue;
		for (size_t j = 0; j < sizeof(levels) / sizeof(levels[0]); j++) {
			const char *const lpath[] = { "LoggingConfig", levels[j], NULL };
			const struct sl_node *lv = sam ? sl_sam_prop_path(t, e, lpath, NULL)
						       : sl_map_path(sl_samr_props(e), lpath);
			if (!surely_set(lv))
				continue;
			const struct sl_node *k = sl_map_key_of(lv);
			sl_report(c, k ? k : lv,
				  "%s is set while LoggingConfig.LogFormat is Text: Lambda filters logs by "
				  "level only in the JSON log format and rejects a log level with the Text "
				  "format. Set LogFormat to JSON, or remove %s",
				  levels[j], levels[j]);
		}
	}
}

const struct sl_rule rule_E3696 = {
	.id = "E3696",
	.severity = SL_SEV_ERROR,
	.title = "No log level with the Text log format",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html",
	.doc =
	"### What it checks\n"
	"An `AWS::Lambda::Function` or `AWS::Serverless::Function` (after SAM's `Globals`) whose "
	"`LoggingConfig.LogFormat` is the literal `Text` does not set "
	"`LoggingConfig.ApplicationLogLevel` or `LoggingConfig.SystemLogLevel`. A format given by "
	"a parameter or a function, and a level set in only one branch of an `Fn::If`, are not "
	"judged.\n\n"
	"### Why it matters\n"
	"Lambda documents that to use log-level filtering the function must use the JSON log "
	"format. The Lambda API refuses a log level together with the Text format, so the stack "
	"fails to create or update the function.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      Role: !GetAtt Role.Arn\n"
	"      Code: {ZipFile: \"def handler(e, c): pass\"}\n"
	"      LoggingConfig:\n"
	"        LogFormat: Text\n"
	"        SystemLogLevel: WARN\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      LoggingConfig:\n"
	"        LogFormat: JSON\n"
	"        SystemLogLevel: WARN\n"
	"```\n",
	.check = check,
};
