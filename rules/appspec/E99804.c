/* E99804: hooks name lifecycle events of the file's platform that can run a hook. */
#include "rules/appspec/appspec.h"

static void event(struct sl_ctx *c, const struct sl_node *ev, const struct sl_node *value, void *arg)
{
	enum sl_appspec_platform p = *(const enum sl_appspec_platform *)arg;
	const char *const *events = sl_appspec_events(p);
	if (sl_appspec_in(ev, events))
		return;
	const char *pname = sl_appspec_platform_name(p);
	if (sl_appspec_in(ev, sl_appspec_reserved(p))) {
		sl_report(c, ev, "'%.*s' is a lifecycle event CodeDeploy runs itself: it cannot run "
			  "hooks, so this one never runs (use the Before or After event around it)",
			  SL_AS_KEY(ev));
		return;
	}
	if (p != SL_AS_UNKNOWN && (sl_appspec_in(ev, sl_appspec_events(SL_AS_UNKNOWN)) ||
				   sl_appspec_in(ev, sl_appspec_reserved(SL_AS_UNKNOWN)))) {
		sl_report(c, ev, "'%.*s' is not a lifecycle event of %s deployments, whose hooks "
			  "run at %s: this hook never runs", SL_AS_KEY(ev), pname,
			  p == SL_AS_EC2 ? "ApplicationStop, BeforeInstall, AfterInstall, "
			  "ApplicationStart, ValidateService, BeforeBlockTraffic, AfterBlockTraffic, "
			  "BeforeAllowTraffic and AfterAllowTraffic"
			  : p == SL_AS_LAMBDA ? "BeforeAllowTraffic and AfterAllowTraffic"
			  : "BeforeInstall, AfterInstall, AfterAllowTestTraffic, BeforeAllowTraffic "
			  "and AfterAllowTraffic");
		return;
	}
	size_t n = 0;
	while (events[n])
		n++;
	const char *s = sl_suggest(ev->str, ev->len, events, n);
	sl_report(c, ev, "'%.*s' is not a CodeDeploy lifecycle event: this hook never runs%s%s%s",
		  SL_AS_KEY(ev), s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
	(void)value;
}

static void check(struct sl_ctx *c)
{
	if (!sl_node_is(c->root, SL_MAP))
		return;
	enum sl_appspec_platform p = sl_appspec_platform(c->root);
	const struct sl_pair *hooks = sl_appspec_hooks(c->root, p);
	if (hooks)
		sl_appspec_each_hook(c, hooks->value, event, &p);
}

const struct sl_rule rule_E99804 = {
	.id = "E99804",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_APPSPEC,
	.title = "AppSpec hooks name lifecycle events of the platform that run hooks",
	.source = SL_APPSPEC_DOC "reference-appspec-file-structure-hooks.html",
	.doc =
	"### What it checks\n"
	"Each event named in `hooks` is one where the file's platform runs hooks:\n\n"
	"- EC2/On-Premises: ApplicationStop, BeforeInstall, AfterInstall, ApplicationStart, "
	"ValidateService, BeforeBlockTraffic, AfterBlockTraffic, BeforeAllowTraffic, "
	"AfterAllowTraffic (DownloadBundle, Install, BlockTraffic and AllowTraffic are reserved "
	"for CodeDeploy and run no script);\n"
	"- AWS Lambda: BeforeAllowTraffic, AfterAllowTraffic;\n"
	"- Amazon ECS: BeforeInstall, AfterInstall, AfterAllowTestTraffic, BeforeAllowTraffic, "
	"AfterAllowTraffic.\n\n"
	"Reported: a reserved event, an event of another platform, and a name that is no event "
	"(with the closest one). When the platform is unknown, only names that are no event of "
	"any platform and reserved events are reported.\n\n"
	"### Why it matters\n"
	"A hook under an event the platform does not have, or under a reserved one, never runs: "
	"the validation or restart it was meant to do silently does not happen.\n\n"
	"### Bad\n"
	"```yaml\n"
	"version: 0.0\n"
	"os: linux\n"
	"hooks:\n"
	"  Install:\n"
	"    - location: scripts/install_dependencies.sh\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"version: 0.0\n"
	"os: linux\n"
	"hooks:\n"
	"  BeforeInstall:\n"
	"    - location: scripts/install_dependencies.sh\n"
	"```\n",
	.check = check,
};
