/* E3724: the Globals section has the SAM transform and only sections and properties SAM accepts. */
#include <stdio.h>
#include <string.h>

#include "engine/engine.h"
#include "template/sam.h"

static size_t count(const char *const *v)
{
	size_t n = 0;
	while (v && v[n])
		n++;
	return n;
}

static void check(struct sl_ctx *c)
{
	const struct sl_pair *g = c->t->sections[SL_SEC_GLOBALS];
	if (!g)
		return;
	if (!c->t->sam) {
		sl_report(c, g->key, "the Globals section is SAM's and needs 'Transform: "
			  "AWS::Serverless-2016-10-31'; without it CloudFormation rejects the section");
		return;
	}
	const struct sl_node *glob = g->value;
	if (glob->kind != SL_MAP || sl_node_intrinsic(glob)) {
		if (!(glob->kind == SL_SCALAR && sl_scalar_type(glob) == SL_TYPE_NULL))
			sl_report(c, glob, "Globals must be a mapping of sections such as Function and Api");
		return;
	}
	for (size_t i = 0; i < glob->len; i++) {
		const struct sl_node *k = glob->pairs[i].key, *sec = glob->pairs[i].value;
		const char *const *keys = sl_sam_globals_keys(k->str);
		if (!keys) {
			const char *sug = sl_suggest(k->str, k->len, sl_sam_globals_sections,
						     count(sl_sam_globals_sections));
			if (sug)
				sl_report(c, k, "unknown Globals section '%s' (did you mean '%s'?)", k->str, sug);
			else
				sl_report(c, k, "unknown Globals section '%s'; SAM has Globals for Function, Api, "
					  "HttpApi, SimpleTable, StateMachine, LayerVersion, CapacityProvider and "
					  "WebSocketApi", k->str);
			continue;
		}
		if (sec->kind != SL_MAP || sl_node_intrinsic(sec)) {
			if (!(sec->kind == SL_SCALAR && sl_scalar_type(sec) == SL_TYPE_NULL))
				sl_report(c, sec, "Globals.%s must be a mapping of properties", k->str);
			continue;
		}
		for (size_t p = 0; p < sec->len; p++) {
			const struct sl_node *pk = sec->pairs[p].key;
			if (sl_sam_globals_key_supported(k->str, pk->str))
				continue;
			/* a real property of the type that Globals may not set (Role, Events) */
			char type[64];
			snprintf(type, sizeof(type), "AWS::Serverless::%s", k->str);
			uint32_t rid = sl_spec_resource(c->spec, type, strlen(type));
			if (rid != SL_SPEC_NONE &&
			    sl_spec_prop_find(c->spec, sl_spec_resource_shape(c->spec, rid), pk->str, pk->len)) {
				sl_report(c, pk, "'%s' cannot come from Globals.%s: SAM takes it only from each "
					  "resource's Properties", pk->str, k->str);
				continue;
			}
			const char *sug = sl_suggest(pk->str, pk->len, keys, count(keys));
			if (sug)
				sl_report(c, pk, "'%s' cannot be set in Globals.%s (did you mean '%s'?)", pk->str,
					  k->str, sug);
			else
				sl_report(c, pk, "'%s' cannot be set in Globals.%s: SAM accepts only some "
					  "properties there; set it on each resource", pk->str, k->str);
		}
	}
}

const struct sl_rule rule_E3724 = {
	.id = "E3724",
	.severity = SL_SEV_ERROR,
	.title = "Globals has only the sections and properties SAM accepts",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html",
	.doc =
	"### What it checks\n"
	"The `Globals` section of a SAM template holds only SAM's Globals sections (Function, Api, "
	"HttpApi, SimpleTable, StateMachine, LayerVersion, CapacityProvider, WebSocketApi), and each "
	"holds only the properties SAM lets Globals set for it (a close match is suggested); and "
	"the template declares the SAM transform (`Transform: AWS::Serverless-2016-10-31`), the "
	"only thing that reads Globals.\n\n"
	"### Why it matters\n"
	"The SAM transform rejects the whole template (\"'X' is not a supported property of "
	"'Function'\"): some properties, such as a function's `Role` or `Events`, cannot come from "
	"Globals at all. Without the transform CloudFormation rejects the section itself.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Globals:\n"
	"  Function:\n"
	"    Timout: 30\n"
	"    Events: {}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Globals:\n"
	"  Function:\n"
	"    Timeout: 30\n"
	"```\n",
	.check = check,
};
