/* E3051: an SSM document's content has the schema version its document type uses.
 *
 * Systems Manager's document syntax: schemaVersion is a required top-level
 * element of a document, and the schema versions are per type: Command
 * documents use 1.2, 2.0 or 2.2, Policy documents 2.0 or later, Automation
 * runbooks 0.3 and Session documents 1.0. An AWS::SSM::Document whose literal
 * DocumentType is one of those four and whose Content is a literal mapping is
 * checked: no schemaVersion is reported at the Content key, a literal
 * schemaVersion the type does not use at that value (its text is compared, so
 * `2.2` and "2.2" are alike). Other document types (CloudFormation templates,
 * AppConfig schemas, change calendars, ...) have other content formats and
 * are not judged, nor is a document without DocumentType, content given as a
 * string, or a value written with functions. */
#include "rules/sam/samrules.h"

struct doc_type {
	const char *type;
	const char *const versions[4]; /* NULL-terminated */
	const char *text;              /* the versions as the message writes them */
	const char *suggest;           /* the version a new document of the type takes */
};

static const struct doc_type types[] = {
	{ "Command", { "1.2", "2.0", "2.2", NULL }, "1.2, 2.0 or 2.2", "2.2" },
	{ "Policy", { "2.0", "2.2", NULL }, "2.0 or later (2.0, 2.2)", "2.2" },
	{ "Automation", { "0.3", NULL }, "0.3", "0.3" },
	{ "Session", { "1.0", NULL }, "1.0", "1.0" },
};

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *dt = sl_map_get(props, "DocumentType");
	const struct doc_type *t = NULL;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]) && !t; i++)
		if (sl_str_eq(dt, types[i].type))
			t = &types[i];
	const struct sl_pair *cp = sl_map_get_pair(props, "Content");
	if (!t || !cp || !sl_node_is(cp->value, SL_MAP) || sl_node_intrinsic(cp->value))
		return;
	const struct sl_node *content = cp->value;
	for (size_t i = 0; i < content->len; i++)
		if (sl_foreach_key(content->pairs[i].key))
			return;
	const struct sl_node *sv = sl_map_get(content, "schemaVersion");
	if (!sv) {
		sl_report(c, cp->key,
			  "Content has no schemaVersion: every SSM document names its schema version at "
			  "the top level, and a %s document uses %s. Add schemaVersion: '%s'",
			  t->type, t->text, t->suggest);
		return;
	}
	if (!sl_node_is(sv, SL_SCALAR))
		return;
	for (size_t i = 0; t->versions[i]; i++)
		if (sl_str_eq(sv, t->versions[i]))
			return;
	sl_report(c, sv,
		  "schemaVersion '%s' is not a schema version of %s documents, which use %s (Systems "
		  "Manager: Command 1.2, 2.0 or 2.2; Policy 2.0 or later; Automation 0.3; Session "
		  "1.0). Use one of them, or set the DocumentType the content is written for",
		  sv->str, t->type, t->text);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::SSM::Document", check_one, NULL);
}

const struct sl_rule rule_E3051 = {
	.id = "E3051",
	.severity = SL_SEV_ERROR,
	.title = "SSM documents have the schema version of their document type",
	.source = "https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-schemas-features.html",
	.doc =
	"### What it checks\n"
	"An `AWS::SSM::Document` whose `DocumentType` is `Command`, `Policy`, `Automation` or "
	"`Session` and whose `Content` is written as a mapping has a top-level `schemaVersion`, "
	"and it is one its type uses: Command 1.2, 2.0 or 2.2; Policy 2.0 or later; Automation "
	"0.3; Session 1.0. Other document types have other content formats and are not judged, "
	"nor is a document without `DocumentType`, content given as a string, or a value "
	"written with functions.\n\n"
	"### Why it matters\n"
	"`schemaVersion` is a required top-level element of an SSM document, and the version "
	"decides the syntax Systems Manager reads the rest of the document with (`runtimeConfig` "
	"in 1.2, `mainSteps` in 2.2 and in Automation runbooks). Systems Manager refuses to "
	"create a document without one, or with a version its type does not use, and the stack "
	"rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Runbook:\n"
	"    Type: AWS::SSM::Document\n"
	"    Properties:\n"
	"      DocumentType: Automation\n"
	"      Content:\n"
	"        schemaVersion: '2.2'\n"
	"        mainSteps: [...]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      DocumentType: Automation\n"
	"      Content:\n"
	"        schemaVersion: '0.3'\n"
	"        mainSteps: [...]\n"
	"```\n",
	.check = check,
};
