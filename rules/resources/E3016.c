/* E3016: the PauseTime of an AutoScalingRollingUpdate policy is an ISO 8601
 * duration PT#H#M#S of at most one hour. */
#include <ctype.h>
#include <stdbool.h>

#include "rules/schema.h"

/* Seconds of a PT#H#M#S duration (each part optional, in that order, at least
 * one), or -1 when s is not of that form. */
static long long duration(const char *s, size_t len)
{
	static const char units[] = { 'H', 'M', 'S' };
	static const long long secs[] = { 3600, 60, 1 };
	if (len < 3 || s[0] != 'P' || s[1] != 'T')
		return -1;
	size_t i = 2, u = 0;
	long long total = 0;
	while (i < len) {
		long long v = 0;
		size_t start = i;
		while (i < len && isdigit((unsigned char)s[i]) && v < 1000000)
			v = v * 10 + (s[i++] - '0');
		if (i == start || i == len)
			return -1;
		while (u < 3 && units[u] != s[i])
			u++;
		if (u == 3)
			return -1;
		total += v * secs[u++];
		i++;
	}
	return total;
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		const struct sl_node *up = sl_entity_attr(e, SL_ATTR_UPDATE_POLICY);
		const struct sl_node *roll = sl_map_get(up, "AutoScalingRollingUpdate");
		const struct sl_node *p = sl_map_get(roll, "PauseTime");
		if (!p || p->kind != SL_SCALAR || sl_scalar_type(p) != SL_TYPE_STRING)
			continue; /* absent, a function, or a number (the schema's type check) */
		long long s = duration(p->str, p->len);
		if (s < 0)
			sl_report(c, p, "PauseTime '%s' in the AutoScalingRollingUpdate policy of '%s' is "
				  "not an ISO 8601 duration of the form PT#H#M#S (for example PT5M or "
				  "PT1M30S); CloudFormation rejects the update policy", p->str, e->key->str);
		else if (s > 3600)
			sl_report(c, p, "PauseTime '%s' in the AutoScalingRollingUpdate policy of '%s' is "
				  "%lld seconds; the longest pause CloudFormation allows is one hour (PT1H)",
				  p->str, e->key->str, s);
	}
}

const struct sl_rule rule_E3016 = {
	.id = "E3016",
	.severity = SL_SEV_ERROR,
	.title = "Rolling update PauseTime is a PT#H#M#S duration of at most PT1H",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
		  "aws-attribute-updatepolicy.html",
	.doc =
	"### What it checks\n"
	"The `PauseTime` of an `AutoScalingRollingUpdate` update policy, when it is a literal "
	"string, is an ISO 8601 duration in the form `PT#H#M#S` (hours, minutes and seconds, "
	"each optional, at least one given) and is no longer than one hour (`PT1H`). Values "
	"from parameters or other functions are not judged; the other keys of `UpdatePolicy` "
	"are left to the resource schema checks.\n\n"
	"### Why it matters\n"
	"CloudFormation reads the pause between batches of a rolling update from this "
	"duration. A number of seconds such as `300`, a unit such as `5m`, or a pause over one "
	"hour is not accepted, and the problem shows only when the stack is created or "
	"updated.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Group:\n"
	"    Type: AWS::AutoScaling::AutoScalingGroup\n"
	"    UpdatePolicy:\n"
	"      AutoScalingRollingUpdate:\n"
	"        PauseTime: '300'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Group:\n"
	"    Type: AWS::AutoScaling::AutoScalingGroup\n"
	"    UpdatePolicy:\n"
	"      AutoScalingRollingUpdate:\n"
	"        PauseTime: PT5M\n"
	"```\n",
	.check = check,
};
