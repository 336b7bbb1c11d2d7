/* W3002: a property holds a local path that only `aws cloudformation package` turns into S3. */
#include <string.h>

#include "engine/engine.h"
#include "rules/packaged.h"

/* "Command.ScriptLocation": the path as written in messages. */
static const char *path_text(struct sl_ctx *c, const struct sl_packaged *pk)
{
	const char *s = pk->path[1] ? sl_arena_printf(c->arena, "%s.%s", pk->path[0], pk->path[1]) : NULL;
	return s ? s : pk->path[0];
}

static bool starts(const struct sl_node *n, const char *p)
{
	size_t l = strlen(p);
	return n->len >= l && memcmp(n->str, p, l) == 0;
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	/* `sam deploy` packages a SAM template's artifacts itself: not worth a word
	 * there (nor in one that only forgot its Transform line: E3038's) */
	if (t->sam || t->sam_types)
		return;
	size_t n_pk;
	const struct sl_packaged *all = sl_packaged_props(&n_pk);
	/* property by property, the resources of its type (the findings do not
	 * depend on the order) */
	for (size_t p = 0; p < n_pk; p++) {
		const struct sl_packaged *pk = &all[p];
		const uint32_t *idx;
		size_t n = sl_template_of_type(t, pk->type, strlen(pk->type), &idx);
		for (size_t i = 0; i < n; i++) {
			const struct sl_entity *e = &t->resources.items[idx[i]];
			if (!sl_node_is(e->value, SL_MAP))
				continue;
			const struct sl_node *props = sl_map_get(e->value, "Properties");
			const struct sl_node *v = sl_map_path(props, pk->path);
			if (!sl_node_is(v, SL_SCALAR) || (v->flags & SL_NODE_ALIAS))
				continue;
			if (sl_scalar_type(v) == SL_TYPE_NULL) {
				if (pk->null_is_cwd)
					sl_report(c, v, "%s is empty: only `aws cloudformation package` accepts that, "
						  "uploading the template's folder to S3; CloudFormation itself rejects "
						  "the null", path_text(c, pk));
				continue;
			}
			if (starts(v, "s3://") || starts(v, "https://") || strstr(v->str, "{{resolve:"))
				continue; /* already where CloudFormation can read it, or resolved then */
			sl_report(c, v, "%s is a local path ('%s'): it works only with `aws cloudformation "
				  "package` (or `sam package`), which uploads it to S3 and writes the S3 "
				  "location in its place", path_text(c, pk), v->str);
		}
	}
}

const struct sl_rule rule_W3002 = {
	.id = "W3002",
	.severity = SL_SEV_WARNING,
	.title = "Local paths work only with `aws cloudformation package`",
	.source = "https://docs.aws.amazon.com/cli/latest/reference/cloudformation/package.html",
	.doc =
	"### What it checks\n"
	"The properties that `aws cloudformation package` uploads (Lambda `Code`, layer `Content`, "
	"API Gateway `BodyS3Location`, nested stack `TemplateURL`, Step Functions "
	"`DefinitionS3Location`, AppSync mapping templates, Elastic Beanstalk `SourceBundle`, Glue "
	"`Command.ScriptLocation`, CodeCommit `Code.S3`, ...) holding a local path: a string that is "
	"not an `s3://` or `https://` location, or, where the command packages the template's own "
	"folder, no value at all. Such a value is not a type error (E3012 stays quiet): it is what "
	"the template looks like before packaging. SAM templates (the SAM transform, or serverless "
	"resources) are not checked: `sam deploy` packages them as a matter of course.\n\n"
	"### Why it matters\n"
	"CloudFormation itself cannot read a local path: deploying the template as written "
	"(`aws cloudformation deploy` or the console without `package` first) fails. The warning "
	"says the template needs the packaging step.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Function:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Role: arn:aws:iam::123456789012:role/fn\n"
	"      Code: ./src\n"
	"      Handler: index.handler\n"
	"      Runtime: python3.12\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Function:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Role: arn:aws:iam::123456789012:role/fn\n"
	"      Code:\n"
	"        S3Bucket: my-artifacts\n"
	"        S3Key: fn.zip\n"
	"      Handler: index.handler\n"
	"      Runtime: python3.12\n"
	"```\n",
	.check = check,
};
