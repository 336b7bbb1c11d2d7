/* E3621: AppStream 2.0 fleet instance types are ones AppStream offers. */
#include <string.h>

#include "engine/engine.h"
#include "rules/resources/itypes.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The instance types the AppStream 2.0 (WorkSpaces Applications) API Reference,
 * CreateFleet, InstanceType, lists as available, sorted by strcmp. The API has
 * no enum of them: the list is the page's. A family is a name without its last
 * part (stream.memory.z1d of stream.memory.z1d.large). */
static const char *const types[] = {
	"stream.compute.2xlarge", "stream.compute.4xlarge", "stream.compute.8xlarge",
	"stream.compute.large", "stream.compute.xlarge",
	"stream.graphics.g4dn.12xlarge", "stream.graphics.g4dn.16xlarge",
	"stream.graphics.g4dn.2xlarge", "stream.graphics.g4dn.4xlarge",
	"stream.graphics.g4dn.8xlarge", "stream.graphics.g4dn.xlarge",
	"stream.graphics.g5.12xlarge", "stream.graphics.g5.16xlarge", "stream.graphics.g5.24xlarge",
	"stream.graphics.g5.2xlarge", "stream.graphics.g5.4xlarge", "stream.graphics.g5.8xlarge",
	"stream.graphics.g5.xlarge",
	"stream.graphics.g6.12xlarge", "stream.graphics.g6.16xlarge", "stream.graphics.g6.24xlarge",
	"stream.graphics.g6.2xlarge", "stream.graphics.g6.4xlarge", "stream.graphics.g6.8xlarge",
	"stream.graphics.g6.xlarge",
	"stream.graphics.g6f.2xlarge", "stream.graphics.g6f.4xlarge", "stream.graphics.g6f.large",
	"stream.graphics.g6f.xlarge",
	"stream.graphics.gr6.4xlarge", "stream.graphics.gr6.8xlarge",
	"stream.graphics.gr6f.4xlarge",
	"stream.memory.2xlarge", "stream.memory.4xlarge", "stream.memory.8xlarge",
	"stream.memory.large", "stream.memory.xlarge",
	"stream.memory.z1d.12xlarge", "stream.memory.z1d.2xlarge", "stream.memory.z1d.3xlarge",
	"stream.memory.z1d.6xlarge", "stream.memory.z1d.large", "stream.memory.z1d.xlarge",
	"stream.standard.2xlarge", "stream.standard.large", "stream.standard.medium",
	"stream.standard.small", "stream.standard.xlarge",
};

static const struct sl_itype_site sites[] = {
	{ "AWS::AppStream::Fleet", { "InstanceType" } },
};

static void judge(struct sl_ctx *c, const struct sl_node *v)
{
	const char *cands[N(types)];
	size_t n = 0;
	if (v->len == 0 || memchr(v->str, '\0', v->len))
		return;
	for (size_t i = 0; i < N(types); i++)
		if (strlen(types[i]) == v->len && memcmp(types[i], v->str, v->len) == 0)
			return;
	/* the family: all but the last dot-separated part */
	const char *last = NULL;
	for (uint32_t i = 0; i < v->len; i++)
		if (v->str[i] == '.')
			last = v->str + i;
	if (!last || last == v->str)
		return;
	size_t fam = (size_t)(last - v->str);
	for (size_t i = 0; i < N(types); i++) {
		const char *dot = strrchr(types[i], '.');
		if ((size_t)(dot - types[i]) == fam && memcmp(types[i], v->str, fam) == 0)
			cands[n++] = types[i];
	}
	/* a family the list does not name may be newer (or older) than the list */
	if (n == 0)
		return;
	const char *sug = sl_suggest(v->str, v->len, cands, n);
	sl_report(c, v, "'%s' is not an instance type of AppStream 2.0 fleets: the AppStream API "
		  "reference lists no such size of the %.*s family%s%s%s", v->str, (int)fam, v->str,
		  sug ? "; did you mean '" : "", sug ? sug : "", sug ? "'?" : "");
}

static void check(struct sl_ctx *c)
{
	sl_itype_walk(c, sites, N(sites), judge);
}

const struct sl_rule rule_E3621 = {
	.id = "E3621",
	.severity = SL_SEV_ERROR,
	.title = "AppStream 2.0 fleet instance types exist",
	.source = "https://docs.aws.amazon.com/appstream2/latest/APIReference/API_CreateFleet.html",
	.doc =
	"### What it checks\n"
	"A literal `InstanceType` of an `AWS::AppStream::Fleet` is one of the instance types the "
	"AppStream 2.0 API reference (CreateFleet) lists as available, where the value's family "
	"(the name without its last part, as `stream.memory.z1d` in `stream.memory.z1d.large`) is "
	"one the list names: `stream.standard.4xlarge` or `stream.compute.medium` is reported, with "
	"the nearest size of the family. A family the list does not name (older families such as "
	"`stream.graphics-design`, or newer ones) is not judged, nor are values from parameters or "
	"functions; of an `Fn::If`, each branch is judged when both are literal. The names are "
	"compared as written (AppStream's are lower case). Availability by Region, and which types "
	"Elastic fleets take, is not judged.\n\n"
	"### Why it matters\n"
	"AppStream rejects a fleet whose instance type it does not offer when CloudFormation "
	"creates it, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Fleet:\n"
	"    Type: AWS::AppStream::Fleet\n"
	"    Properties:\n"
	"      Name: desktops\n"
	"      InstanceType: stream.standard.4xlarge\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Fleet:\n"
	"    Type: AWS::AppStream::Fleet\n"
	"    Properties:\n"
	"      Name: desktops\n"
	"      InstanceType: stream.standard.2xlarge\n"
	"```\n",
	.check = check,
};
