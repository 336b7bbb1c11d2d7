/* W99207: cfn-hup configured through AWS::CloudFormation::Init: its
 * configuration names the stack and region, a hook exists and names a
 * resource of the template, and a service keeps cfn-hup running. */
#include "rules/init/init.h"

#define CONF "/etc/cfn/cfn-hup.conf"
#define HOOKS "/etc/cfn/hooks.d/"

/* True when a service entry for cfn-hup under sysvinit or systemd is enabled
 * and kept running (or a function decides). */
static bool service_runs(const struct sl_node *cfg)
{
	static const char *const managers[] = { "sysvinit", "systemd" };
	const struct sl_node *s = sl_map_get(cfg, "services");
	if (sl_node_intrinsic(s))
		return true;
	for (size_t i = 0; i < 2; i++) {
		const struct sl_node *m = sl_map_get(s, managers[i]);
		if (sl_node_intrinsic(m))
			return true;
		const struct sl_node *e = sl_map_get(m, "cfn-hup");
		if (!e)
			continue;
		const struct sl_node *en = sl_map_get(e, "enabled"), *run = sl_map_get(e, "ensureRunning");
		if ((sl_node_intrinsic(en) || sl_scalar_bool(en) == 1 || sl_str_eq(en, "true")) &&
		    (sl_node_intrinsic(run) || sl_scalar_bool(run) == 1 || sl_str_eq(run, "true")))
			return true;
	}
	return false;
}

/* True when some scalar under n mentions cfn-hup (a command starting it, UserData). */
static bool mentions_hup(const struct sl_node *n, int depth)
{
	if (!n || depth > 64)
		return false;
	if (n->kind == SL_SCALAR)
		return n->len >= 7 && memmem(n->str, n->len, "cfn-hup", 7) != NULL;
	for (uint32_t i = 0; i < n->len; i++)
		if (mentions_hup(n->kind == SL_MAP ? n->pairs[i].value : n->items[i], depth + 1))
			return true;
	return false;
}

/* Checks the text of a hook file: each path=Resources.X names a resource. */
static void check_hook(struct sl_ctx *c, const struct sl_node *content)
{
	const struct sl_template *t = c->t;
	struct sl_buf b = { 0 };
	bool opaque = false;
	if (!sl_init_text(t, content, &b, &opaque) || !b.len) {
		sl_buf_free(&b);
		return;
	}
	const char *s = sl_buf_cstr(&b), *end = s + b.len;
	static const char key[] = "path=Resources.";
	for (const char *p = s; (p = memmem(p, (size_t)(end - p), key, sizeof(key) - 1)); ) {
		const char *name = p + sizeof(key) - 1, *q = name;
		while (q < end && *q != '.' && *q != '\n' && *q != '\r' && *q != ' ' && *q != '\t')
			q++;
		p = q;
		if (q == name || memchr(name, '$', (size_t)(q - name)) ||
		    memchr(name, SL_INIT_UNKNOWN, (size_t)(q - name)) ||
		    (q < end && *q == SL_INIT_UNKNOWN))
			continue;
		if (sl_index_find(&t->resources, name, (size_t)(q - name)) ||
		    sl_template_implicit(t, name, (size_t)(q - name)))
			continue;
		sl_report(c, content, "the cfn-hup hook watches 'Resources.%.*s', but the template has "
			  "no resource '%.*s': the hook never fires", (int)(q - name), name,
			  (int)(q - name), name);
	}
	sl_buf_free(&b);
}

static void check_conf(struct sl_ctx *c, const struct sl_node *content)
{
	struct sl_buf b = { 0 };
	bool opaque = false;
	if (sl_init_text(c->t, content, &b, &opaque) && !opaque) {
		const char *s = sl_buf_cstr(&b);
		bool stack = b.len && memmem(s, b.len, "stack=", 6), region = b.len && memmem(s, b.len, "region=", 7);
		if (!stack || !region)
			sl_report(c, content, "cfn-hup.conf has no %s: cfn-hup needs both to find the "
				  "stack it watches; write 'stack=${AWS::StackId}' and 'region=${AWS::Region}' "
				  "under [main]", !stack && !region ? "'stack=' nor 'region='" :
				  !stack ? "'stack='" : "'region='");
	}
	sl_buf_free(&b);
}

static void check_init(struct sl_ctx *c, const struct sl_entity *r, const struct sl_node *init)
{
	const struct sl_node *conf = NULL;
	bool hooks = false, runs = false, open = false;
	for (uint32_t k = 0; k < init->len; k++) {
		const struct sl_node *cfg = init->pairs[k].value;
		if (sl_str_eq(init->pairs[k].key, "configSets"))
			continue;
		if (!sl_node_is(cfg, SL_MAP) || sl_node_intrinsic(cfg)) {
			open = true;
			continue;
		}
		const struct sl_node *files = sl_map_get(cfg, "files");
		if (sl_node_intrinsic(files))
			open = true;
		for (uint32_t i = 0; sl_node_is(files, SL_MAP) && i < files->len; i++) {
			const struct sl_node *path = files->pairs[i].key, *f = files->pairs[i].value;
			const struct sl_node *content = sl_map_get(f, "content");
			if (sl_str_eq(path, CONF)) {
				conf = path;
				if (content)
					check_conf(c, content);
			} else if (path->len > sizeof(HOOKS) - 1 &&
				   memcmp(path->str, HOOKS, sizeof(HOOKS) - 1) == 0) {
				hooks = true;
				if (content)
					check_hook(c, content);
			}
		}
		runs = runs || service_runs(cfg) || mentions_hup(sl_map_get(cfg, "commands"), 0);
	}
	if (!conf || open)
		return;
	if (!hooks)
		sl_report(c, conf, "cfn-hup is configured but no hook file is written under "
			  HOOKS ": cfn-hup watches nothing and never acts on a stack update");
	runs = runs || mentions_hup(sl_map_get(r->value, "Properties"), 0);
	if (!runs)
		sl_report(c, conf, "cfn-hup is configured but nothing runs it: add it under services "
			  "(sysvinit or systemd) with enabled: true and ensureRunning: true");
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro_global)
		return;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_node *init = sl_init_of(&t->resources.items[i]);
		if (sl_node_is(init, SL_MAP) && !sl_node_intrinsic(init))
			check_init(c, &t->resources.items[i], init);
	}
}

const struct sl_rule rule_W99207 = {
	.id = "W99207",
	.severity = SL_SEV_WARNING,
	.title = "cfn-hup configured through Init names its stack, has a hook and runs as a service",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/cfn-hup.html",
	.doc =
	"### What it checks\n"
	"Where `AWS::CloudFormation::Init` writes `/etc/cfn/cfn-hup.conf` (as a string, `Fn::Join` or "
	"`Fn::Sub`): the file sets `stack=` and `region=`; the same Init writes at least one hook "
	"under `/etc/cfn/hooks.d/`; every hook's `path=Resources.X.Metadata...` names a resource "
	"of the template; and cfn-hup is enabled and kept running under `services` (`sysvinit` or "
	"`systemd`), or started by a command or the UserData. Content that cannot be known is not "
	"judged.\n\n"
	"### Why it matters\n"
	"cfn-hup is what applies metadata changes to running instances. Without the stack and "
	"region it cannot start; without a hook, or with a hook watching a resource that does not "
	"exist, it never acts; and if nothing starts it, updates of the Init metadata never reach "
	"the instance while the stack update reports success.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Web:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Metadata:\n"
	"      AWS::CloudFormation::Init:\n"
	"        config:\n"
	"          files:\n"
	"            /etc/cfn/cfn-hup.conf:\n"
	"              content: |\n"
	"                [main]\n"
	"                interval=5\n"
	"    Properties:\n"
	"      ImageId: ami-12345678\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Web:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Metadata:\n"
	"      AWS::CloudFormation::Init:\n"
	"        config:\n"
	"          files:\n"
	"            /etc/cfn/cfn-hup.conf:\n"
	"              content: !Sub |\n"
	"                [main]\n"
	"                stack=${AWS::StackId}\n"
	"                region=${AWS::Region}\n"
	"            /etc/cfn/hooks.d/cfn-auto-reloader.conf:\n"
	"              content: !Sub |\n"
	"                [cfn-auto-reloader-hook]\n"
	"                triggers=post.update\n"
	"                path=Resources.Web.Metadata.AWS::CloudFormation::Init\n"
	"                action=/opt/aws/bin/cfn-init -s ${AWS::StackId} -r Web --region ${AWS::Region}\n"
	"          services:\n"
	"            sysvinit:\n"
	"              cfn-hup:\n"
	"                enabled: true\n"
	"                ensureRunning: true\n"
	"                files: [/etc/cfn/cfn-hup.conf, /etc/cfn/hooks.d/cfn-auto-reloader.conf]\n"
	"    Properties:\n"
	"      ImageId: ami-12345678\n"
	"```\n",
	.check = check,
};
