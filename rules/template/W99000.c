/* W99000: suppression comments that cannot be read or suppress nothing
 * (emitted by the engine: src/engine/suppress.c). */
#include "engine/engine.h"

const struct sl_rule rule_W99000 = {
	.id = "W99000",
	.severity = SL_SEV_WARNING,
	.title = "A suppression comment cannot be read or suppresses nothing",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html",
	.doc =
	"### What it checks\n"
	"stacklint's suppression comments in YAML templates and side files:\n\n"
	"- `# stacklint: disable=ID[,ID...]` at the end of a line: findings of those rules on that line;\n"
	"- `# stacklint: disable-next-line=ID...`: on the next line;\n"
	"- `# stacklint: disable=ID...` on a line of its own: from the next line up to a\n"
	"  `# stacklint: enable=ID...` naming one of the same IDs (or to the end of the file);\n"
	"- `# stacklint: disable-file=ID...`: in the whole file.\n\n"
	"An ID may be a prefix (`W`, `E30`); a reason may follow two dashes: "
	"`# stacklint: disable=E3012 -- the value is set by a macro`. A finding is matched by "
	"the line it starts on. Rules given with `--mandatory-checks` cannot be suppressed. "
	"JSON has no comments: use `Metadata: cfn-lint: config: ignore_checks` there.\n\n"
	"This rule reports a comment that stacklint cannot read (an unknown directive, no IDs, "
	"something that is not an ID), and each ID of a comment that suppressed nothing although "
	"its rule ran: the problem was fixed and the comment stayed, and would now hide the next "
	"one. `--no-unused-suppressions` (or `no_unused_suppressions: true` in the configuration) "
	"turns off the second kind.\n\n"
	"### Why it matters\n"
	"A suppression that no longer suppresses anything hides the next real problem on that "
	"line without anyone deciding so; a misspelt one suppresses nothing while its author "
	"believes it does.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      VisibilityTimeout: 60  # stacklint: disable=E3034\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      VisibilityTimeout: 60\n"
	"```\n",
	.check = NULL,
};
