/* E3511: properties that take an IAM role ARN are given one in the ARN format. */
#include "rules/sam/samrules.h"

#define MAX_BRANCHES 8

/* The properties whose AWS documentation asks for the role's ARN (and not its
 * name): resource type and the property path below Properties. */
static const struct {
	const char *type;
	const char *path[3];
} props[] = {
	{ "AWS::Backup::BackupSelection", { "BackupSelection", "IamRoleArn", NULL } },
	{ "AWS::Batch::ComputeEnvironment", { "ComputeResources", "SpotIamFleetRole", NULL } },
	{ "AWS::EC2::SpotFleet", { "SpotFleetRequestConfigData", "IamFleetRole", NULL } },
	{ "AWS::S3::Bucket", { "ReplicationConfiguration", "Role", NULL } },
};

struct values {
	const struct sl_node *v[MAX_BRANCHES];
	size_t n;
	bool unknown;
};

static void collect(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)c;
	struct values *s = ud;
	if (!sl_node_is(v, SL_SCALAR) || sl_node_is_null(v) || s->n == MAX_BRANCHES)
		s->unknown = true;
	else
		s->v[s->n++] = v;
}

static bool name_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       (ch && strchr("+=,.@_-/", ch));
}

/* True for arn:<partition>:iam::<12 digits>:role/<path and name>, the
 * partition "aws" or "aws-" followed by letters and hyphens. */
static bool role_arn(const char *s, size_t len)
{
	const char *end = s + len;
	if (len < 4 || memcmp(s, "arn:", 4) != 0)
		return false;
	s += 4;
	if (end - s < 3 || memcmp(s, "aws", 3) != 0)
		return false;
	s += 3;
	while (s < end && ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '-'))
		s++;
	if (end - s < 6 || memcmp(s, ":iam::", 6) != 0)
		return false;
	s += 6;
	for (int i = 0; i < 12; i++, s++)
		if (s >= end || *s < '0' || *s > '9')
			return false;
	if (end - s < 6 || memcmp(s, ":role/", 6) != 0)
		return false;
	s += 6;
	if (s == end)
		return false;
	for (; s < end; s++)
		if (!name_char(*s))
			return false;
	return true;
}

static void check(struct sl_ctx *c)
{
	const struct sl_index *rs = &c->t->resources;
	for (size_t i = 0; i < rs->n; i++) {
		const struct sl_entity *e = &rs->items[i];
		for (size_t k = 0; k < sizeof props / sizeof props[0]; k++) {
			if (!sl_samr_type_is(e, props[k].type))
				continue;
			const struct sl_node *v = sl_map_path(sl_samr_props(e), props[k].path);
			struct values s = { .n = 0, .unknown = false };
			if (!v)
				continue;
			sl_samr_each_value(v, collect, c, &s);
			if (s.unknown)
				continue; /* a Ref, a Sub, a GetAtt, an import: not known here */
			for (size_t b = 0; b < s.n; b++)
				if (!role_arn(s.v[b]->str, s.v[b]->len))
					sl_report(c, s.v[b], "%s.%s of %s '%s' is '%s', which is not an IAM role "
						  "ARN: this property takes the role's ARN, "
						  "arn:<partition>:iam::<account-id>:role/<path/name>; use "
						  "!GetAtt <Role>.Arn or the full ARN", props[k].path[0],
						  props[k].path[1], props[k].type, e->key->str, s.v[b]->str);
		}
	}
}

const struct sl_rule rule_E3511 = {
	.id = "E3511",
	.severity = SL_SEV_ERROR,
	.title = "Role ARN properties hold an IAM role ARN",
	.source = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html",
	.doc =
	"### What it checks\n"
	"A literal value (or every literal branch of an `Fn::If`) of a property whose AWS "
	"documentation asks for the ARN of an IAM role: `BackupSelection.IamRoleArn` of "
	"`AWS::Backup::BackupSelection`, `ComputeResources.SpotIamFleetRole` of "
	"`AWS::Batch::ComputeEnvironment`, `SpotFleetRequestConfigData.IamFleetRole` of "
	"`AWS::EC2::SpotFleet` and `ReplicationConfiguration.Role` of `AWS::S3::Bucket`. The value "
	"must have the form `arn:<partition>:iam::<12-digit account>:role/<path/name>`. Values "
	"made with `Ref`, `Fn::GetAtt`, `Fn::Sub` or an import are not judged. Properties that "
	"also accept a role name (a Batch compute environment's `ServiceRole`) are not checked.\n\n"
	"### Why it matters\n"
	"These services look the role up by its ARN; a role name, a policy ARN, or an ARN of "
	"another kind (a user, an instance profile) is refused when the resource is created, "
	"and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      ReplicationConfiguration:\n"
	"        Role: s3-replication-role\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      ReplicationConfiguration:\n"
	"        Role: !GetAtt ReplicationRole.Arn\n"
	"```\n",
	.check = check,
};
