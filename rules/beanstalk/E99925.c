/* E99925: env.yaml Tags are at most 47 key: value pairs of tag-sized text. */
#include "rules/beanstalk/ebconfig.h"

/* Characters (not bytes) of UTF-8 text. */
static uint32_t chars(const struct sl_node *n)
{
	uint32_t k = 0;
	for (uint32_t i = 0; i < n->len; i++)
		k += ((unsigned char)n->str[i] & 0xC0) != 0x80;
	return k;
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (!sl_ebc_is_manifest(root))
		return;
	const struct sl_node *tags = sl_map_get(root, "Tags");
	if (!tags || sl_node_is_null(tags)) /* saved configurations write Tags: null */
		return;
	if (!sl_node_is(tags, SL_MAP)) {
		sl_report(c, tags, "Tags is a mapping of tag keys to values (Cost Center: WebApp "
			  "Dev), not a %s", sl_eb_what(tags));
		return;
	}
	if (tags->len > 47)
		sl_report(c, tags->pairs[47].key, "Tags has %u tags: an environment manifest takes up "
			  "to 47. This is the 48th; remove %u", tags->len, tags->len - 47);
	for (uint32_t i = 0; i < tags->len; i++) {
		const struct sl_node *k = tags->pairs[i].key, *v = tags->pairs[i].value;
		if (chars(k) > 128)
			sl_report(c, k, "tag key of %u characters: a tag key has 1 to 128", chars(k));
		if (!v || sl_node_is_null(v))
			continue;
		if (!sl_node_is(v, SL_SCALAR))
			sl_report(c, v, "the value of tag '%.*s' is a %s: a tag value is text",
				  SL_EB_STR(k), sl_eb_what(v));
		else if (chars(v) > 256)
			sl_report(c, v, "the value of tag '%.*s' has %u characters: a tag value has "
				  "at most 256", SL_EB_STR(k), chars(v));
	}
}

const struct sl_rule rule_E99925 = {
	.id = "E99925",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_EB_ENV,
	.title = "env.yaml Tags are at most 47 key: value pairs",
	.source = SL_EB_SAVEDCONFIG_DOC,
	.doc =
	"### What it checks\n"
	"The `Tags` of an environment manifest (`env.yaml`): a mapping of tag keys to values "
	"(or left empty), with at most 47 tags, keys of at most 128 characters and values of "
	"at most 256 that are text, not lists or mappings.\n\n"
	"### Why it matters\n"
	"The saved configuration format takes \"up to 47 tags to apply to resources created "
	"within the environment\", and Elastic Beanstalk's Tag type limits keys to 128 "
	"characters and values to 256. Tags over these limits are more than Elastic "
	"Beanstalk applies, and a list or mapping is no tag value at all: the environment is "
	"not tagged as the manifest says, or is not created.\n\n"
	"### Bad\n"
	"```yaml\n"
	"AWSConfigurationTemplateVersion: 1.1.0.0\n"
	"Tags:\n"
	"  Cost Center: WebApp Dev\n"
	"  Owners:\n"
	"    - alice\n"
	"    - bob\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"AWSConfigurationTemplateVersion: 1.1.0.0\n"
	"Tags:\n"
	"  Cost Center: WebApp Dev\n"
	"  Owners: alice bob\n"
	"```\n",
	.check = check,
};
