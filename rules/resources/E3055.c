/* E3055: a CreationPolicy has the documented keys and value types for its
 * resource type. */
#include "rules/sam/samrules.h"
#include "util/arena.h"

enum kind { K_MAP, K_INT, K_TEXT, K_BOOL };

struct key {
	const char *name;
	enum kind kind;
	const struct key *sub; /* K_MAP: its keys, NULL-name terminated */
};

static const struct key signal_keys[] = { { "Count", K_INT, NULL }, { "Timeout", K_TEXT, NULL }, { NULL, 0, NULL } };
static const struct key asg_policy_keys[] = { { "MinSuccessfulInstancesPercent", K_INT, NULL }, { NULL, 0, NULL } };
static const struct key start_fleet_keys[] = { { "Type", K_BOOL, NULL }, { NULL, 0, NULL } };

static const struct key asg[] = { { "AutoScalingCreationPolicy", K_MAP, asg_policy_keys },
				  { "ResourceSignal", K_MAP, signal_keys }, { NULL, 0, NULL } };
static const struct key signal_only[] = { { "ResourceSignal", K_MAP, signal_keys }, { NULL, 0, NULL } };
static const struct key fleet[] = { { "StartFleet", K_MAP, start_fleet_keys }, { NULL, 0, NULL } };

static const struct {
	const char *type;
	const struct key *keys;
} types[] = {
	{ "AWS::AppStream::Fleet", fleet },
	{ "AWS::AutoScaling::AutoScalingGroup", asg },
	{ "AWS::CloudFormation::WaitCondition", signal_only },
	{ "AWS::EC2::Instance", signal_only },
};

/* True when n's value is not known here (an intrinsic function) or absent. */
static bool unknown(const struct sl_node *n)
{
	return !n || sl_node_intrinsic(n) != NULL;
}

static const char *what(const struct sl_node *n)
{
	return n->kind == SL_SEQ ? "a list" : n->kind == SL_MAP ? "a mapping" : "a single value";
}

static void check_map(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *m,
		      const struct key *keys, const char *where)
{
	if (unknown(m) || sl_node_is_null(m))
		return;
	if (m->kind != SL_MAP) {
		sl_report(c, m, "%s of resource '%s' must be a mapping, but it is %s", where,
			  e->key->str, what(m));
		return;
	}
	for (uint32_t i = 0; i < m->len; i++) {
		const struct sl_node *k = m->pairs[i].key, *v = m->pairs[i].value;
		const struct key *d = keys;
		while (d->name && !sl_str_eq(k, d->name))
			d++;
		if (!d->name) {
			const char *names[4];
			size_t n = 0;
			for (const struct key *p = keys; p->name && n < 4; p++)
				names[n++] = p->name;
			const char *near = sl_suggest(k->str, k->len, names, n);
			sl_report(c, k, "unknown key '%s' in %s of %s '%s'%s%s%s: %s takes only %s%s%s",
				  k->str, where, e->type->str, e->key->str, near ? " (did you mean '" : "",
				  near ? near : "", near ? "'?)" : "", where, names[0],
				  n > 1 ? " and " : "", n > 1 ? names[1] : "");
			continue;
		}
		if (unknown(v) || sl_node_is_null(v))
			continue;
		const char *sub = sl_arena_printf(c->arena, "%s.%s", where, d->name);
		long long iv;
		switch (d->kind) {
		case K_MAP:
			check_map(c, e, v, d->sub, sub ? sub : d->name);
			break;
		case K_INT:
			if (!sl_samr_int(v, &iv))
				sl_report(c, v, "%s of resource '%s' must be a whole number, but it is %s",
					  sub ? sub : d->name, e->key->str,
					  v->kind == SL_SCALAR ? v->str : what(v));
			break;
		case K_TEXT:
			if (v->kind != SL_SCALAR)
				sl_report(c, v, "%s of resource '%s' must be a text such as PT15M (an ISO "
					  "8601 duration), but it is %s", sub ? sub : d->name, e->key->str,
					  what(v));
			break;
		case K_BOOL:
			if (v->kind != SL_SCALAR || (sl_scalar_bool(v) < 0 && !sl_str_eq(v, "true") &&
						     !sl_str_eq(v, "false")))
				sl_report(c, v, "%s of resource '%s' must be true or false, but it is %s",
					  sub ? sub : d->name, e->key->str,
					  v->kind == SL_SCALAR ? v->str : what(v));
			break;
		}
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_index *rs = &c->t->resources;
	for (size_t i = 0; i < rs->n; i++) {
		const struct sl_entity *e = &rs->items[i];
		const struct sl_node *cp = sl_entity_attr(e, SL_ATTR_CREATION_POLICY);
		if (!cp || !e->type)
			continue;
		for (size_t k = 0; k < sizeof types / sizeof types[0]; k++)
			if (sl_str_eq(e->type, types[k].type))
				check_map(c, e, cp, types[k].keys, "CreationPolicy");
	}
}

const struct sl_rule rule_E3055 = {
	.id = "E3055",
	.severity = SL_SEV_ERROR,
	.title = "CreationPolicy has the documented keys for its resource type",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
		  "aws-attribute-creationpolicy.html",
	.doc =
	"### What it checks\n"
	"The `CreationPolicy` attribute of the resource types it is documented for: an "
	"`AWS::AutoScaling::AutoScalingGroup` takes `AutoScalingCreationPolicy` "
	"(`MinSuccessfulInstancesPercent`, a whole number) and `ResourceSignal`; an "
	"`AWS::EC2::Instance` and an `AWS::CloudFormation::WaitCondition` take `ResourceSignal`; "
	"an `AWS::AppStream::Fleet` takes `StartFleet` (`Type`, true or false). "
	"`ResourceSignal` takes `Count` (a whole number) and `Timeout` (a text, an ISO 8601 "
	"duration). Unknown keys are reported with the closest known one; values given by an "
	"intrinsic function are not judged, nor are the creation policies of other types.\n\n"
	"### Why it matters\n"
	"CloudFormation reads only the documented keys: a misspelt `ResourceSignals` or "
	"`TimeOut` is refused or does nothing, and the stack then waits for the default single "
	"signal for 5 minutes instead of the count and timeout meant.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  WebServers:\n"
	"    Type: AWS::AutoScaling::AutoScalingGroup\n"
	"    CreationPolicy:\n"
	"      ResourceSignals:\n"
	"        Count: 3\n"
	"        TimeOut: PT15M\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  WebServers:\n"
	"    Type: AWS::AutoScaling::AutoScalingGroup\n"
	"    CreationPolicy:\n"
	"      AutoScalingCreationPolicy:\n"
	"        MinSuccessfulInstancesPercent: 100\n"
	"      ResourceSignal:\n"
	"        Count: 3\n"
	"        Timeout: PT15M\n"
	"```\n",
	.check = check,
};
