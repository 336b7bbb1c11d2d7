/* E3009: the structure of AWS::CloudFormation::Init metadata: configSets, the
 * configs and their seven sections, each with its documented shape. */
#include "rules/init/init.h"
#include "rules/refs.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const sections[] = {
	"packages", "groups", "users", "sources", "files", "commands", "services",
};
static const char *const managers[] = { "apt", "msi", "python", "rpm", "rubygems", "yum", "zypper" };
static const char *const user_keys[] = { "groups", "uid", "homeDir" };
static const char *const group_keys[] = { "gid" };
static const char *const file_keys[] = {
	"content", "source", "encoding", "group", "owner", "mode", "authentication", "context",
};
static const char *const command_keys[] = {
	"command", "env", "cwd", "test", "ignoreErrors", "waitAfterCompletion",
};
static const char *const service_managers[] = { "sysvinit", "windows", "systemd" };
static const char *const service_keys[] = {
	"enabled", "ensureRunning", "files", "sources", "packages", "commands",
};

/* True when n is a function that may yield the value, or YAML null (an empty
 * section): nothing to check. */
static bool unknown(const struct sl_node *n)
{
	return !n || sl_node_intrinsic(n) ||
	       (n->kind == SL_SCALAR && n->style == SL_PLAIN && sl_scalar_type(n) == SL_TYPE_NULL);
}

/* True when n is a mapping to look into; reports it when it is something else. */
static bool want_map(struct sl_ctx *c, const struct sl_node *n, const char *what)
{
	if (unknown(n))
		return false;
	if (n->kind == SL_MAP)
		return true;
	sl_report(c, n, "%s must be a mapping", what);
	return false;
}

static void want_list(struct sl_ctx *c, const struct sl_node *n, const char *what)
{
	if (!unknown(n) && n->kind != SL_SEQ)
		sl_report(c, n, "%s must be a list", what);
}

static void want_scalar(struct sl_ctx *c, const struct sl_node *n, const char *what)
{
	if (!unknown(n) && n->kind != SL_SCALAR)
		sl_report(c, n, "%s must be a string", what);
}

static const char *list_of(struct sl_ctx *c, const char *const *names, size_t n)
{
	struct sl_buf b = { 0 };
	for (size_t i = 0; i < n; i++) {
		sl_buf_puts(&b, i ? ", " : "");
		sl_buf_puts(&b, names[i]);
	}
	const char *s = sl_arena_printf(c->arena, "%s", b.data ? b.data : "");
	sl_buf_free(&b);
	return s ? s : "";
}

static bool known(const struct sl_node *key, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (sl_str_eq(key, names[i]))
			return true;
	return key->len > 4 && memcmp(key->str, "Fn::", 4) == 0;
}

/* Reports every key of map m that is not one of names. */
static void check_keys(struct sl_ctx *c, const struct sl_node *m, const char *const *names, size_t n,
		       const char *what)
{
	for (uint32_t i = 0; i < m->len; i++) {
		const struct sl_node *k = m->pairs[i].key;
		if (!known(k, names, n))
			sl_report(c, k, "'%s' is not a key of %s (expected one of: %s)%s", k->str, what,
				  list_of(c, names, n),
				  sl_did_you_mean(c, sl_suggest(k->str, k->len, names, n)));
	}
}

static void check_packages(struct sl_ctx *c, const struct sl_node *p)
{
	if (!want_map(c, p, "packages"))
		return;
	check_keys(c, p, managers, N(managers), "packages (a package manager)");
	for (uint32_t i = 0; i < p->len; i++) {
		const struct sl_node *m = p->pairs[i].value;
		if (!want_map(c, m, "a package manager's entry (package name to version)"))
			continue;
		for (uint32_t k = 0; k < m->len; k++) {
			const struct sl_node *v = m->pairs[k].value;
			if (unknown(v) || v->kind == SL_SCALAR)
				continue;
			if (v->kind == SL_MAP) {
				sl_report(c, v, "the version of package '%s' must be a string or a list of "
					  "versions", m->pairs[k].key->str);
				continue;
			}
			for (uint32_t j = 0; j < v->len; j++)
				want_scalar(c, v->items[j], "a package version");
		}
	}
}

static void check_mode(struct sl_ctx *c, const struct sl_node *m)
{
	if (unknown(m))
		return;
	bool ok = m->kind == SL_SCALAR && m->len == 6;
	for (uint32_t i = 0; ok && i < 6; i++)
		ok = m->str[i] >= '0' && m->str[i] <= '7';
	if (ok)
		return;
	if (m->kind == SL_SCALAR)
		sl_report(c, m, "file mode '%s' must be six octal digits, such as \"000644\"", m->str);
	else
		sl_report(c, m, "file mode must be a string of six octal digits, such as \"000644\"");
}

static void check_files(struct sl_ctx *c, const struct sl_node *f)
{
	if (!want_map(c, f, "files"))
		return;
	for (uint32_t i = 0; i < f->len; i++) {
		const struct sl_node *e = f->pairs[i].value;
		if (!want_map(c, e, "a file entry"))
			continue;
		check_keys(c, e, file_keys, N(file_keys), "a file entry");
		check_mode(c, sl_map_get(e, "mode"));
		const struct sl_node *enc = sl_map_get(e, "encoding");
		if (!unknown(enc) && !sl_str_eq(enc, "plain") && !sl_str_eq(enc, "base64"))
			sl_report(c, enc, "file encoding must be 'plain' or 'base64'");
		want_map(c, sl_map_get(e, "context"), "a file's context");
		want_scalar(c, sl_map_get(e, "source"), "a file's source");
		want_scalar(c, sl_map_get(e, "group"), "a file's group");
		want_scalar(c, sl_map_get(e, "owner"), "a file's owner");
		want_scalar(c, sl_map_get(e, "authentication"), "a file's authentication");
	}
}

static void check_commands(struct sl_ctx *c, const struct sl_node *cm)
{
	if (!want_map(c, cm, "commands"))
		return;
	for (uint32_t i = 0; i < cm->len; i++) {
		const struct sl_node *k = cm->pairs[i].key, *e = cm->pairs[i].value;
		if (!want_map(c, e, "a command entry"))
			continue;
		check_keys(c, e, command_keys, N(command_keys), "a command entry");
		const struct sl_node *cmd = sl_map_get(e, "command");
		if (!cmd && !(e->len == 1 && known(e->pairs[0].key, NULL, 0)))
			sl_report(c, k, "command '%s' has no 'command' to run", k->str);
		else if (cmd && !unknown(cmd) && cmd->kind == SL_MAP)
			sl_report(c, cmd, "'command' must be a string or a list of arguments");
		want_map(c, sl_map_get(e, "env"), "a command's env");
	}
}

static void check_services(struct sl_ctx *c, const struct sl_node *s)
{
	if (!want_map(c, s, "services"))
		return;
	check_keys(c, s, service_managers, N(service_managers), "services (a service manager)");
	for (uint32_t i = 0; i < s->len; i++) {
		const struct sl_node *m = s->pairs[i].value;
		if (!want_map(c, m, "a service manager's entry"))
			continue;
		for (uint32_t k = 0; k < m->len; k++) {
			const struct sl_node *e = m->pairs[k].value;
			if (!want_map(c, e, "a service entry"))
				continue;
			check_keys(c, e, service_keys, N(service_keys), "a service entry");
			want_list(c, sl_map_get(e, "files"), "a service's files");
			want_list(c, sl_map_get(e, "sources"), "a service's sources");
			want_list(c, sl_map_get(e, "commands"), "a service's commands");
			want_map(c, sl_map_get(e, "packages"), "a service's packages");
		}
	}
}

static void check_config(struct sl_ctx *c, const struct sl_node *cfg, const char *name)
{
	const char *what = sl_arena_printf(c->arena, "config '%s'", name);
	if (!want_map(c, cfg, what ? what : "a config"))
		return;
	check_keys(c, cfg, sections, N(sections), "an Init config");
	check_packages(c, sl_map_get(cfg, "packages"));
	const struct sl_node *g = sl_map_get(cfg, "groups");
	if (want_map(c, g, "groups"))
		for (uint32_t i = 0; i < g->len; i++)
			if (want_map(c, g->pairs[i].value, "a group entry"))
				check_keys(c, g->pairs[i].value, group_keys, N(group_keys), "a group entry");
	const struct sl_node *u = sl_map_get(cfg, "users");
	if (want_map(c, u, "users"))
		for (uint32_t i = 0; i < u->len; i++) {
			const struct sl_node *e = u->pairs[i].value;
			if (!want_map(c, e, "a user entry"))
				continue;
			check_keys(c, e, user_keys, N(user_keys), "a user entry");
			want_list(c, sl_map_get(e, "groups"), "a user's groups");
		}
	const struct sl_node *src = sl_map_get(cfg, "sources");
	if (want_map(c, src, "sources"))
		for (uint32_t i = 0; i < src->len; i++)
			want_scalar(c, src->pairs[i].value, "a source URL");
	check_files(c, sl_map_get(cfg, "files"));
	check_commands(c, sl_map_get(cfg, "commands"));
	check_services(c, sl_map_get(cfg, "services"));
}

/* True when the Init map has keys that are functions: its configs cannot all be known. */
static bool has_function_keys(const struct sl_node *init)
{
	for (uint32_t i = 0; i < init->len; i++)
		if (known(init->pairs[i].key, NULL, 0))
			return true;
	return false;
}

static void check_config_sets(struct sl_ctx *c, const struct sl_node *init, const struct sl_node *sets)
{
	if (!want_map(c, sets, "configSets"))
		return;
	bool open = has_function_keys(init);
	for (uint32_t i = 0; i < sets->len; i++) {
		const struct sl_node *l = sets->pairs[i].value;
		if (unknown(l))
			continue;
		if (l->kind == SL_MAP) {
			sl_report(c, l, "config set '%s' must be a list of config names",
				  sets->pairs[i].key->str);
			continue;
		}
		uint32_t n = l->kind == SL_SEQ ? l->len : 1;
		for (uint32_t k = 0; k < n; k++) {
			const struct sl_node *it = l->kind == SL_SEQ ? l->items[k] : l;
			if (unknown(it))
				continue;
			if (it->kind == SL_SCALAR) {
				if (!open && (sl_str_eq(it, "configSets") || !sl_map_get(init, it->str)))
					sl_report(c, it, "config set '%s' names config '%s', which this Init "
						  "does not define", sets->pairs[i].key->str, it->str);
				continue;
			}
			const struct sl_node *ref = sl_map_get(it, "ConfigSet");
			if (it->kind != SL_MAP || it->len != 1 || !ref) {
				sl_report(c, it, "an item of a config set must be a config name or "
					  "{ConfigSet: name}");
				continue;
			}
			if (ref->kind == SL_SCALAR && !sl_map_get(sets, ref->str) &&
			    !has_function_keys(sets))
				sl_report(c, ref, "config set '%s' is not defined under configSets", ref->str);
			else if (!unknown(ref) && ref->kind != SL_SCALAR)
				sl_report(c, ref, "ConfigSet must name a config set");
		}
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro_global)
		return;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_node *init = sl_init_of(&t->resources.items[i]);
		if (!want_map(c, init, "AWS::CloudFormation::Init metadata"))
			continue;
		for (uint32_t k = 0; k < init->len; k++) {
			const struct sl_node *key = init->pairs[k].key, *v = init->pairs[k].value;
			if (known(key, NULL, 0))
				continue;
			if (sl_str_eq(key, "configSets"))
				check_config_sets(c, init, v);
			else
				check_config(c, v, key->str);
		}
	}
}

const struct sl_rule rule_E3009 = {
	.id = "E3009",
	.severity = SL_SEV_ERROR,
	.title = "AWS::CloudFormation::Init metadata has the documented structure",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-init.html",
	.doc =
	"### What it checks\n"
	"The `AWS::CloudFormation::Init` metadata of every resource: `configSets` maps names to "
	"lists of config names or `{ConfigSet: name}` references, each naming a config or config set "
	"that exists; every other key is a config, a mapping whose keys are only `packages`, "
	"`groups`, `users`, `sources`, `files`, `commands` and `services`, each with its documented "
	"shape: package managers `apt`, `msi`, `python`, `rpm`, `rubygems`, `yum`, `zypper`; the keys of a "
	"file, a user, a group, a command and a service; a file `mode` of six octal digits; a "
	"command with a `command` to run; service managers `sysvinit`, `systemd`, `windows`. "
	"Intrinsic functions are accepted wherever they may yield the value.\n\n"
	"### Why it matters\n"
	"CloudFormation stores the metadata without looking at it: the mistakes show up only on the "
	"instance, when cfn-init fails or silently skips a key, and the stack waits for a signal "
	"that never comes.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Web:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Metadata:\n"
	"      AWS::CloudFormation::Init:\n"
	"        configSets:\n"
	"          default: [install, configure]\n"
	"        install:\n"
	"          package:\n"
	"            yum: {httpd: []}\n"
	"          files:\n"
	"            /var/www/html/index.html:\n"
	"              content: hello\n"
	"              mode: '644'\n"
	"          commands:\n"
	"            01_start:\n"
	"              cwd: /tmp\n"
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
	"        configSets:\n"
	"          default: [install]\n"
	"        install:\n"
	"          packages:\n"
	"            yum: {httpd: []}\n"
	"          files:\n"
	"            /var/www/html/index.html:\n"
	"              content: hello\n"
	"              mode: '000644'\n"
	"          commands:\n"
	"            01_start:\n"
	"              command: systemctl start httpd\n"
	"              cwd: /tmp\n"
	"    Properties:\n"
	"      ImageId: ami-12345678\n"
	"```\n",
	.check = check,
};
