/* E3636: CodeBuild artifacts and sources of type S3 name their location. */
#include "engine/engine.h"

/* The CloudFormation page of AWS::CodeBuild::Project Artifacts, Location: "If
 * type is set to S3, this is the name of the output bucket ... If you specify
 * CODEPIPELINE or NO_ARTIFACTS for the Type property, don't specify this
 * property. For all of the other types, you must specify this property." The
 * CodeBuild API Reference, ProjectSource, location: for source code in an S3
 * input bucket, the path to the ZIP file or to the folder that holds it
 * (API_ProjectSource.html). */

/* Reports m, an artifact or source ("what"), when its Type is the literal S3
 * and it sets no Location ("need" says what the location is). */
static void judge(struct sl_ctx *c, const struct sl_node *m, const char *what, const char *need)
{
	if (!m || m->kind != SL_MAP || sl_node_intrinsic(m))
		return;
	const struct sl_node *type = sl_map_get(m, "Type");
	if (!type || type->kind != SL_SCALAR || sl_node_tag(type) || !sl_str_eq(type, "S3") ||
	    sl_langext_varies(c->t->lx, type))
		return;
	if (sl_map_get(m, "Location"))
		return;
	sl_report(c, type, "%s of Type 'S3' has no Location: CodeBuild needs the %s; add "
		  "Location", what, need);
}

static void each(struct sl_ctx *c, const struct sl_node *list, const char *what, const char *need)
{
	if (!list || list->kind != SL_SEQ)
		return;
	for (uint32_t i = 0; i < list->len; i++)
		judge(c, list->items[i], what, need);
}

static const char artifact_need[] = "name of the output bucket";
static const char source_need[] = "bucket path of the ZIP file or folder of the source code";

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const uint32_t *idx;
	size_t n_idx = sl_template_of_type(t, "AWS::CodeBuild::Project",
					   strlen("AWS::CodeBuild::Project"), &idx);
	for (size_t i = 0; i < n_idx; i++) {
		const struct sl_entity *e = &t->resources.items[idx[i]];
		const struct sl_node *p = sl_map_get(e->value, "Properties");
		if (!p || p->kind != SL_MAP || sl_node_intrinsic(p))
			continue;
		judge(c, sl_map_get(p, "Artifacts"), "An artifact", artifact_need);
		each(c, sl_map_get(p, "SecondaryArtifacts"), "An artifact", artifact_need);
		judge(c, sl_map_get(p, "Source"), "A source", source_need);
		each(c, sl_map_get(p, "SecondarySources"), "A source", source_need);
	}
}

const struct sl_rule rule_E3636 = {
	.id = "E3636",
	.severity = SL_SEV_ERROR,
	.title = "CodeBuild S3 artifacts and sources have a Location",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-codebuild-project-artifacts.html",
	.doc =
	"### What it checks\n"
	"An `AWS::CodeBuild::Project`'s `Artifacts`, `SecondaryArtifacts`, `Source` and "
	"`SecondarySources` entries whose `Type` is the literal `S3` set `Location`: of an "
	"artifact, the name of the output bucket (the CloudFormation reference says `Location` must "
	"be given for every artifact type but `CODEPIPELINE` and `NO_ARTIFACTS`); of a source, the "
	"bucket path of the ZIP file or folder that holds the source code (the CodeBuild API "
	"reference, `ProjectSource`). A `Type` from a parameter or a function, or an entry that is "
	"itself a function, is not judged; a `Location` given through `Fn::If` counts as set.\n\n"
	"### Why it matters\n"
	"Without a location CodeBuild has no bucket to read the source from or to write the build "
	"output to: it rejects the project (`InvalidInputException`) when CloudFormation creates "
	"it, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      Artifacts:\n"
	"        Type: S3\n"
	"        Name: build.zip\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Artifacts:\n"
	"        Type: S3\n"
	"        Location: !Ref ArtifactBucket\n"
	"        Name: build.zip\n"
	"```\n",
	.check = check,
};
