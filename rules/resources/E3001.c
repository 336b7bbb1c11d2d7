/* E3001: the structure of each resource: a mapping with a string Type and only
 * the resource attributes CloudFormation (and SAM, with its transform) knows. */
#include "rules/schema.h"

static const char *const attributes[] = {
	"Type", "Properties", "DependsOn", "Condition", "DeletionPolicy", "UpdateReplacePolicy",
	"Metadata", "CreationPolicy", "UpdatePolicy",
};
#define N_ATTRS (sizeof(attributes) / sizeof(attributes[0]))

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	bool sam = t->sam || t->sam_types;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		const struct sl_node *r = e->value;
		if (sl_foreach_key(e->key) ||
		    sl_str_eq(e->key, "Fn::Transform"))
			continue; /* a loop or a macro (AWS::Include) that expands to resources */
		if (!sl_node_is(r, SL_MAP) || sl_node_intrinsic(r)) {
			sl_report(c, r, "resource '%s' must be a mapping with a Type (and usually Properties)",
				  e->key->str);
			continue;
		}
		/* the model's Type when it is a scalar, else what the map holds */
		const struct sl_node *type = e->type ? e->type : sl_map_get(r, "Type");
		if (!type)
			sl_report(c, e->key, "resource '%s' has no Type", e->key->str);
		else if (!e->module && (type->kind != SL_SCALAR || sl_scalar_type(type) != SL_TYPE_STRING))
			sl_report(c, type, "the Type of resource '%s' must be a string such as AWS::S3::Bucket",
				  e->key->str);
		bool serverless = e->type && e->type->len > 17 && memcmp(e->type->str, "AWS::Serverless::", 17) == 0;
		bool custom = e->type && (sl_schema_unchecked_type(e->type->str, e->type->len) &&
					  !(e->type->len > 8 && memcmp(e->type->str + e->type->len - 8, "::MODULE", 8) == 0));
		if (t->macro_global)
			continue; /* a macro may consume its own attributes */
		for (size_t k = 0; k < r->len; k++) {
			const struct sl_node *key = r->pairs[k].key, *v = r->pairs[k].value;
			size_t a;
			for (a = 0; a < N_ATTRS; a++)
				if (sl_str_eq(key, attributes[a]))
					break;
			if (a < N_ATTRS) {
				if (a == 1 && v->kind != SL_MAP && !sl_node_is_null(v))
					sl_report(c, v, "Properties must be a mapping of property names to values");
				else if (a >= 2 && sl_node_is_null(v))
					sl_report(c, v, "'%s' is null (empty): CloudFormation rejects null values "
						  "in a template; remove the attribute or give it a value",
						  key->str);
				else if (a == 2 && v->kind == SL_SEQ)
					for (size_t j = 0; j < v->len; j++)
						if (sl_node_is_null(v->items[j]))
							sl_report(c, v->items[j], "null item in DependsOn: "
								  "CloudFormation rejects null values in a "
								  "template; remove it or name a resource");
				continue;
			}
			/* a Fn::ForEach loop generating attributes: E1032 judges it (without the
			 * transform; with it, the loop is expanded before this rule runs) */
			if (sl_foreach_key(key))
				continue;
			/* SAM: embedded Connectors on any resource; IgnoreGlobals on serverless ones */
			if (sam && (sl_str_eq(key, "Connectors") || (serverless && sl_str_eq(key, "IgnoreGlobals"))))
				continue;
			if (sl_str_eq(key, "Connectors"))
				continue; /* SAM's attribute without SAM's transform: E3066 */
			/* ignored rather than rejected: W3001's business */
			if (serverless || sl_str_eq(key, "Description"))
				continue;
			/* legacy custom resource attribute from AWS's old examples; Rain's module overrides */
			if ((custom && sl_str_eq(key, "Version")) || (e->module && sl_str_eq(key, "Overrides")))
				continue;
			const char *sug = sl_suggest(key->str, key->len, attributes, N_ATTRS);
			if (sug)
				sl_report(c, key, "unknown resource attribute '%s' (did you mean '%s'?)", key->str, sug);
			else
				sl_report(c, key, "unknown resource attribute '%s': a resource has Type, Properties, "
					  "DependsOn, Condition, DeletionPolicy, UpdateReplacePolicy, Metadata, "
					  "CreationPolicy and UpdatePolicy", key->str);
		}
	}
}

const struct sl_rule rule_E3001 = {
	.id = "E3001",
	.severity = SL_SEV_ERROR,
	.title = "Resources are well formed",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html",
	.doc =
	"### What it checks\n"
	"Each resource is a mapping with a string `Type`; `Properties` is a mapping; the only other "
	"keys are CloudFormation's resource attributes (DependsOn, Condition, DeletionPolicy, "
	"UpdateReplacePolicy, Metadata, CreationPolicy, UpdatePolicy) and, in SAM templates, SAM's "
	"own (`Connectors`, and `IgnoreGlobals` on serverless resources; `Connectors` without the "
	"transform is E3066's); no attribute is null "
	"(left empty), nor an item of a DependsOn list. Keys that are ignored "
	"rather than rejected (any extra key on a SAM resource, `Description` on any resource) are "
	"W3001. Templates whose top-level Transform is a macro are not judged.\n\n"
	"### Why it matters\n"
	"A property written at the resource level (one indentation too little) is rejected by "
	"CloudFormation, or silently ignored by tools that only read `Properties`.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    BucketName: my-data\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      BucketName: my-data\n"
	"```\n",
	.check = check,
};
