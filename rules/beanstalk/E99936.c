/* E99936: .ebextensions files entries give content or source, not both, with a documented
 * encoding. */
#include "rules/beanstalk/ebconfig.h"
#include "rules/refs.h"

static const char *const encodings[] = {"plain", "base64", NULL};

static void check(struct sl_ctx *c)
{
	const struct sl_node *files = sl_map_get(c->root, "files");
	if (!files || sl_node_is_null(files))
		return;
	if (!sl_node_is(files, SL_MAP)) {
		sl_report(c, files, "files is a mapping of target paths to {content or source, "
			  "mode, owner, group}, not a %s", sl_eb_what(files));
		return;
	}
	for (uint32_t i = 0; i < files->len; i++) {
		const struct sl_node *k = files->pairs[i].key, *f = files->pairs[i].value;
		if (!sl_node_is(f, SL_MAP)) {
			sl_report(c, f && !sl_node_is_null(f) ? f : k, "files entry '%.*s' is %s: each "
				  "file is a mapping with content or source (and mode, owner, group)",
				  SL_EB_STR(k), !f || sl_node_is_null(f) ? "empty" : sl_node_is(f, SL_SEQ)
				  ? "a list" : "a bare string");
			continue;
		}
		const struct sl_pair *content = sl_map_get_pair(f, "content");
		const struct sl_pair *source = sl_map_get_pair(f, "source");
		if (content && source)
			sl_report(c, content->key->start < source->key->start ? source->key
										     : content->key,
				  "files entry '%.*s' has both content and source: specify one of them, "
				  "the text to write or the URL to download", SL_EB_STR(k));
		const struct sl_node *enc = sl_map_get(f, "encoding");
		if (sl_node_is(enc, SL_SCALAR) && !sl_node_is_null(enc) && !sl_ebc_in(enc, encodings))
			sl_report(c, enc, "'%.*s' is not an encoding of files%s: content is plain (the "
				  "default) or base64", SL_EB_STR(enc),
				  sl_did_you_mean(c, sl_ebc_suggest(enc, encodings)));
		if (enc && source && !content)
			sl_report(c, sl_map_get_pair(f, "encoding")->key, "encoding applies to "
				  "content: files entry '%.*s' downloads its source, which is written as "
				  "it is", SL_EB_STR(k));
	}
}

const struct sl_rule rule_E99936 = {
	.id = "E99936",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_EBEXTENSION,
	.title = ".ebextensions files entries give content or source, with a documented encoding",
	.source = SL_EB_LINUX_DOC,
	.doc =
	"### What it checks\n"
	"Each entry of `files` in a configuration file: a mapping (target path to its "
	"options) that does not give both `content` and `source`, whose `encoding`, when "
	"given, is `plain` or `base64`, and that does not give an `encoding` with a "
	"`source` (the encoding is that of `content`).\n\n"
	"### Why it matters\n"
	"The page says to \"specify either content or source, but not both\": with both, "
	"which one the file gets is not defined, and cfn-init, which writes the files, "
	"fails on it. The encoding has two valid values; a file decoded the wrong way is "
	"written corrupt.\n\n"
	"### Bad\n"
	"```yaml\n"
	"files:\n"
	"  /etc/nginx/conf.d/proxy.conf:\n"
	"    mode: \"000644\"\n"
	"    owner: root\n"
	"    group: root\n"
	"    source: https://s3.amazonaws.com/my-bucket/proxy.conf\n"
	"    content: |\n"
	"      client_max_body_size 20M;\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"files:\n"
	"  /etc/nginx/conf.d/proxy.conf:\n"
	"    mode: \"000644\"\n"
	"    owner: root\n"
	"    group: root\n"
	"    content: |\n"
	"      client_max_body_size 20M;\n"
	"```\n",
	.check = check,
};
