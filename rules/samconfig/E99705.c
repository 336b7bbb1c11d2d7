/* E99705: tags and parameter_overrides are Key=Value pairs SAM CLI can read. */
#include <stdio.h>
#include <string.h>

#include "rules/samconfig/samconfig.h"

struct state {
	const struct sl_node *key; /* tags or parameter_overrides */
	bool tags;
};

/* The first ':' of the len bytes at s when they hold no '=' (Key:Value), or
 * NULL. */
static const char *colon_form(const char *s, size_t len)
{
	const char *colon = memchr(s, ':', len);
	return colon && !memchr(s, '=', len) ? colon : NULL;
}

static void on_bad(struct sl_ctx *c, const struct sl_samcfg_badtext *b, void *arg)
{
	const struct state *st = arg;
	const char *what = st->tags ? "tags" : "parameter_overrides";
	int shown = b->len > 60 ? 60 : (int)b->len;
	const char *colon = colon_form(b->text, b->len);
	char fix[96] = "";
	if (colon && b->len < 60) {
		const char *ke = colon, *vs = colon + 1, *end = b->text + b->len;
		while (ke > b->text && ke[-1] == ' ')
			ke--;
		while (vs < end && *vs == ' ')
			vs++;
		snprintf(fix, sizeof(fix), " (%.*s=%.*s)", (int)(ke - b->text), b->text,
			 (int)(end - vs), vs);
	}
	if (b->why == SL_SAMCFG_REFUSED)
		sl_report_span(c, b->node, b->start, b->end,
			       "%s '%.*s%s' holds no Key=Value pair: SAM CLI refuses it as not in "
			       "valid format, and with longer text its parser can hang `sam deploy` "
			       "for good; write space-separated Key=Value pairs%s", what, shown,
			       b->text, (int)b->len > shown ? "..." : "", fix);
	else if (b->why == SL_SAMCFG_MIXED)
		sl_report_span(c, b->node, b->start, b->end,
			       "'%.*s%s' in parameter_overrides is dropped: in a string that holds "
			       "ParameterKey=...,ParameterValue=... items SAM CLI reads only those; "
			       "write it in that form too, or give each form its own list item",
			       shown, b->text, (int)b->len > shown ? "..." : "");
	else if (memchr(b->text, '=', b->len))
		sl_report_span(c, b->node, b->start, b->end,
			       "SAM CLI cannot read '%.*s%s' in %s as a Key=Value pair and drops it "
			       "without a word%s", shown, b->text, (int)b->len > shown ? "..." : "",
			       what, st->tags ? "; quote a value that holds spaces: Key=\"a b\""
					      : " (a parameter name is letters and digits only; "
						"quote a value that holds spaces: Key=\"a b\")");
	else
		sl_report_span(c, b->node, b->start, b->end,
			       "'%.*s%s' in %s is not a Key=Value pair: SAM CLI drops it without a "
			       "word and deploys without it; write it as Key=Value%s (quote a value "
			       "that holds spaces: Key=\"a b\")", shown, b->text,
			       (int)b->len > shown ? "..." : "", what, fix);
}

/* tags with exactly one '=' are one tag: `project=app stage:dev` gives tag
 * project the value "app stage:dev". Reports a value with a Key:Value word. */
static void on_pair(struct sl_ctx *c, const struct sl_samcfg_pair *p, void *arg)
{
	const struct state *st = arg;
	/* pairs on separate lines of a multi-line string run together */
	const char *nl = memchr(p->value, '\n', p->value_len);
	if (!nl)
		nl = memchr(p->key, '\n', p->key_len);
	if (nl) {
		/* the line the pair starts on, and the next one */
		const char *s = p->key, *end = p->value + p->value_len;
		bool in_key = nl < p->key + p->key_len;
		const char *l1e = nl, *l2 = nl + 1, *l2e = l2;
		const char *l2end = in_key ? p->key + p->key_len : end;
		while (l2e < l2end && *l2e != '\n')
			l2e++;
		sl_report_span(c, p->node, p->key_start, p->value_end,
			       "%s are separated by spaces only: SAM CLI reads these lines as one "
			       "pair, the %s of '%.*s' running on into the next line ('%.*s'); put "
			       "the pairs on one line, or make the value a list with one pair per "
			       "item", st->tags ? "tags" : "parameter_overrides",
			       in_key ? "key" : "value", in_key ? (int)(l1e - s) : (int)p->key_len,
			       s, (int)(l2e - l2 > 60 ? 60 : l2e - l2), l2);
		(void)end;
		return;
	}
	if (!st->tags)
		return;
	for (size_t i = 0; i < p->value_len; i++) {
		if (p->value[i] != ' ')
			continue;
		size_t a = i + 1, e = a;
		while (e < p->value_len && p->value[e] != ' ')
			e++;
		if (e > a && colon_form(p->value + a, e - a)) {
			sl_report_span(c, p->node, p->value_start, p->value_end,
				       "tag '%.*s' gets the value '%.*s': with a single '=' in tags "
				       "SAM CLI reads the whole text as one tag, so '%.*s' is not a "
				       "tag of its own; write each tag as Key=Value", (int)p->key_len,
				       p->key, (int)(p->value_len > 60 ? 60 : p->value_len), p->value,
				       (int)(e - a), p->value + a);
			return;
		}
		i = e - 1;
	}
}

static void each(struct sl_ctx *c, const struct sl_node *ek, const struct sl_node *ck,
		 const struct sl_samcfg_command *cmd, const struct sl_node *params, void *arg)
{
	(void)ek, (void)ck, (void)arg;
	for (uint32_t i = 0; i < params->len; i++) {
		const struct sl_node *k = params->pairs[i].key;
		struct state st = { k, sl_str_eq(k, "tags") };
		if (!st.tags && !sl_str_eq(k, "parameter_overrides"))
			continue;
		/* only where the command takes the option (W99703 tells of others) */
		struct sl_samcfg_option any;
		if (cmd ? !sl_samcfg_option(cmd, k->str, k->len)
			: !sl_samcfg_any_option(k->str, k->len, &any))
			continue;
		if (sl_samcfg_each_pair(c, params->pairs[i].value,
					st.tags ? SL_SAMCFG_TAGS : SL_SAMCFG_OVERRIDES, on_pair, on_bad,
					&st) < 0)
			c->oom = true;
	}
}

static void check(struct sl_ctx *c)
{
	sl_samcfg_each_params(c, each, NULL);
}

const struct sl_rule rule_E99705 = {
	.id = "E99705",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_SAMCONFIG,
	.title = "samconfig tags and parameter_overrides are Key=Value pairs",
	.source = SL_SAMCFG_DEPLOY_DOC,
	.doc =
	"### What it checks\n"
	"That `tags` and `parameter_overrides` in a SAM CLI configuration file are "
	"written as SAM CLI reads them: space-separated `Key=Value` pairs in one string "
	"or in a list of strings, a value with spaces in double quotes "
	"(`Key=\"a b\"`); for `parameter_overrides` also "
	"`ParameterKey=K,ParameterValue=V`. It reports a value with no pair at all "
	"(`tags = \"project:app\"`), a word between pairs that is not one (SAM CLI "
	"drops it), and a single-'=' tags string that turns the rest into one tag's value "
	"(`project=app stage:dev`). Whether the keys name the template's parameters is "
	"another rule's matter.\n\n"
	"### Why it matters\n"
	"The `sam deploy` reference gives `--tags` as `Key=Value` pairs and "
	"`--parameter-overrides` as `Key=Value` or `ParameterKey=...,ParameterValue=...`. "
	"SAM CLI finds the pairs in the text and skips, without a word, whatever is not "
	"one; when it finds none it refuses the option as not in valid format. The "
	"`Key:Value` form of other tools is a common slip: in aws/aws-sam-cli issue "
	"#8412, `tags = [\"Environment:dev\"]` in samconfig.toml made `sam deploy` (SAM "
	"CLI 1.120.0) hang with no message instead of failing, the search for pairs "
	"running on and on over the text.\n\n"
	"### Bad\n"
	"```toml\n"
	"[default.deploy.parameters]\n"
	"tags = \"project:orders stage:prod\"\n"
	"parameter_overrides = \"Stage=prod LogLevel:debug\"\n"
	"```\n\n"
	"### Good\n"
	"```toml\n"
	"[default.deploy.parameters]\n"
	"tags = \"project=orders stage=prod\"\n"
	"parameter_overrides = \"Stage=prod LogLevel=debug\"\n"
	"```\n",
	.check = check,
};
