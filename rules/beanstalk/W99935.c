/* W99935: .ebextensions packages name a package manager Elastic Beanstalk supports. */
#include "rules/beanstalk/ebconfig.h"
#include "rules/refs.h"

/* Linux: yum, rubygems, python, rpm; Windows: msi. */
static const char *const managers[] = {"yum", "rubygems", "python", "rpm", "msi", NULL};

/* Names users reach for, and the manager Elastic Beanstalk calls them. */
static const struct {
	const char *name, *manager;
} aliases[] = {
	{"pip", "python"}, {"pip3", "python"}, {"easy_install", "python"}, {"gem", "rubygems"},
	{"gems", "rubygems"}, {"dnf", "yum"},
};

static void check(struct sl_ctx *c)
{
	const struct sl_node *pk = sl_map_get(c->root, "packages");
	if (!pk || sl_node_is_null(pk))
		return;
	if (!sl_node_is(pk, SL_MAP)) {
		sl_report(c, pk, "packages is a mapping of package managers to {package: version}, "
			  "not a %s", sl_eb_what(pk));
		return;
	}
	for (uint32_t i = 0; i < pk->len; i++) {
		const struct sl_node *k = pk->pairs[i].key;
		if (sl_ebc_in(k, managers))
			continue;
		const char *m = NULL;
		for (size_t j = 0; j < sizeof(aliases) / sizeof(aliases[0]) && !m; j++)
			if (sl_str_eq(k, aliases[j].name))
				m = aliases[j].manager;
		if (!m)
			m = sl_ebc_suggest(k, managers);
		sl_report(c, k, "'%.*s' is not a package manager of configuration files%s: Elastic "
			  "Beanstalk documents yum, rubygems, python (pip) and rpm on Linux, msi on "
			  "Windows, and does not install these packages", SL_EB_STR(k),
			  sl_did_you_mean(c, m));
	}
}

const struct sl_rule rule_W99935 = {
	.id = "W99935",
	.severity = SL_SEV_WARNING,
	.kind = SL_FILE_EBEXTENSION,
	.title = ".ebextensions packages name a supported package manager",
	.source = SL_EB_LINUX_DOC,
	.doc =
	"### What it checks\n"
	"The keys of `packages` in a configuration file: the package managers Elastic "
	"Beanstalk documents, `yum`, `rubygems`, `python` and `rpm` on Linux and `msi` on "
	"Windows, compared as written. Another name is reported with the manager meant "
	"(`pip` is written `python`, `gem` is `rubygems`).\n\n"
	"### Why it matters\n"
	"\"Elastic Beanstalk currently supports the following package managers: yum, "
	"rubygems, python, and rpm\" (and MSI packages on Windows). Packages under another "
	"name are not installed, and the application fails later for want of them. The "
	"list may grow with new platforms (Amazon Linux 2023 uses dnf, which the page does "
	"not name), so this is a warning.\n\n"
	"### Bad\n"
	"```yaml\n"
	"packages:\n"
	"  yum:\n"
	"    git: []\n"
	"  pip:\n"
	"    boto3: '1.34.0'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"packages:\n"
	"  yum:\n"
	"    git: []\n"
	"  python:\n"
	"    boto3: '1.34.0'\n"
	"```\n",
	.check = check,
};
