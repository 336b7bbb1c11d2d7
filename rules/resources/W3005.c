/* W3005: DependsOn that a Ref, GetAtt or Sub of the same resource already implies. */
#include "rules/refs.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->n_refs; i++) {
		const struct sl_ref *d = &t->refs[i];
		if (d->kind != SL_REF_DEPENDSON || !d->from)
			continue;
		/* a resource's references are recorded together: look only at its run */
		size_t lo = i, hi = i + 1;
		while (lo > 0 && t->refs[lo - 1].from == d->from)
			lo--;
		while (hi < t->n_refs && t->refs[hi].from == d->from)
			hi++;
		for (size_t k = lo; k < hi; k++) {
			const struct sl_ref *r = &t->refs[k];
			if (r->from != d->from || r->section != SL_SEC_RESOURCES || r->pattern ||
			    (r->kind != SL_REF_REF && r->kind != SL_REF_GETATT && r->kind != SL_REF_SUB) ||
			    strcmp(r->name, d->name) != 0)
				continue;
			const char *how = r->kind == SL_REF_REF ? "Ref" : r->kind == SL_REF_GETATT ? "Fn::GetAtt" : "Fn::Sub";
			sl_report(c, d->at, "DependsOn '%s' is redundant: the resource already refers to it with %s "
				  "at line %u, which makes CloudFormation wait for it", d->name, how, r->start.line);
			break;
		}
	}
}

const struct sl_rule rule_W3005 = {
	.id = "W3005",
	.severity = SL_SEV_WARNING,
	.title = "DependsOn is not redundant with a reference",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-dependson.html",
	.doc =
	"### What it checks\n"
	"A name in a resource's `DependsOn` that the same resource already refers to with `Ref`, "
	"`Fn::GetAtt` or a `Fn::Sub` variable.\n\n"
	"### Why it matters\n"
	"A reference already makes CloudFormation create the target first; the extra DependsOn is "
	"noise that outlives the reference and hides the dependencies that really need stating.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"  Policy:\n"
	"    Type: AWS::SQS::QueuePolicy\n"
	"    DependsOn: Queue\n"
	"    Properties:\n"
	"      Queues: [!Ref Queue]\n"
	"      PolicyDocument: {...}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"  Policy:\n"
	"    Type: AWS::SQS::QueuePolicy\n"
	"    Properties:\n"
	"      Queues: [!Ref Queue]\n"
	"      PolicyDocument: {...}\n"
	"```\n",
	.check = check,
};
