/* E0000: the template could not be read (emitted by the loader). */
#include "engine/engine.h"

const struct sl_rule rule_E0000 = {
	.id = "E0000",
	.severity = SL_SEV_ERROR,
	.title = "Template could not be parsed",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html",
	.doc =
	"### What it checks\n"
	"That the file is a single, well-formed JSON or YAML document in UTF-8 without duplicate keys, "
	"within the size and nesting limits. The message gives the parser's reason and the exact place.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects a template it cannot parse before looking at anything else. Duplicate "
	"keys are worse: YAML and JSON parsers silently keep only the last one, so a property you "
	"wrote is ignored without a word.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Type: AWS::SQS::Queue\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"```\n",
	.check = NULL,
};
