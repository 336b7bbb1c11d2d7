/* W1100: YAML anchors, aliases and merge keys (emitted by the loader). */
#include "engine/engine.h"

const struct sl_rule rule_W1100 = {
	.id = "W1100",
	.severity = SL_SEV_WARNING,
	.title = "YAML anchors, aliases and merge keys are not supported by CloudFormation",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html",
	.doc =
	"### What it checks\n"
	"YAML anchors (`&name`), aliases (`*name`) and merge keys (`<<`).\n\n"
	"### Why it matters\n"
	"CloudFormation's YAML support leaves out anchors, aliases and hash merges. A template that "
	"uses them behaves differently (or fails) once deployed than local tools suggest. stacklint "
	"never expands them, so an alias bomb cannot exhaust memory either.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  A:\n"
	"    Type: AWS::SNS::Topic\n"
	"    Properties: &props\n"
	"      DisplayName: alerts\n"
	"  B:\n"
	"    Type: AWS::SNS::Topic\n"
	"    Properties: *props\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  A:\n"
	"    Type: AWS::SNS::Topic\n"
	"    Properties:\n"
	"      DisplayName: alerts\n"
	"  B:\n"
	"    Type: AWS::SNS::Topic\n"
	"    Properties:\n"
	"      DisplayName: alerts\n"
	"```\n",
	.check = NULL,
};
