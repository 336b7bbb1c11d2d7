/* W3005: DependsOn that a Ref, GetAtt or Sub of the same resource already implies. */
#include "rules/refs.h"

/* A reference that makes CloudFormation wait for its target. */
static bool waits(const struct sl_ref *r)
{
	return r->section == SL_SEC_RESOURCES && !r->pattern &&
	       (r->kind == SL_REF_REF || r->kind == SL_REF_GETATT || r->kind == SL_REF_SUB);
}

/* By name, then by place in the template's list (the first one is named). */
static int cmp_ref(const void *a, const void *b)
{
	const struct sl_ref *x = *(const struct sl_ref *const *)a, *y = *(const struct sl_ref *const *)b;
	int d = strcmp(x->name, y->name);
	return d ? d : (x < y ? -1 : x > y);
}

/* A resource's references are recorded together, as one run of t->refs: its
 * waiting references are sorted once and each DependsOn looked up in them, so
 * a resource with k DependsOn and k references costs O(k log k), not O(k^2). */
static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const struct sl_ref **by_name = NULL;
	size_t cap = 0;
	for (size_t lo = 0, hi; lo < t->n_refs; lo = hi) {
		const void *from = t->refs[lo].from;
		bool any = false;
		for (hi = lo; hi < t->n_refs && t->refs[hi].from == from; hi++)
			any |= t->refs[hi].kind == SL_REF_DEPENDSON;
		if (!from || !any)
			continue;
		size_t n = 0;
		if (hi - lo > cap) {
			const struct sl_ref **p = realloc(by_name, (hi - lo) * sizeof(*p));
			if (!p)
				break;
			by_name = p;
			cap = hi - lo;
		}
		for (size_t k = lo; k < hi; k++)
			if (waits(&t->refs[k]))
				by_name[n++] = &t->refs[k];
		if (!n)
			continue;
		qsort(by_name, n, sizeof(*by_name), cmp_ref);
		for (size_t i = lo; i < hi; i++) {
			const struct sl_ref *d = &t->refs[i];
			if (d->kind != SL_REF_DEPENDSON)
				continue;
			size_t a = 0, b = n; /* the first with a name >= d's */
			while (a < b) {
				size_t mid = a + (b - a) / 2;
				if (strcmp(by_name[mid]->name, d->name) < 0)
					a = mid + 1;
				else
					b = mid;
			}
			if (a == n || strcmp(by_name[a]->name, d->name) != 0)
				continue;
			const struct sl_ref *r = by_name[a];
			const char *how = r->kind == SL_REF_REF ? "Ref" : r->kind == SL_REF_GETATT ? "Fn::GetAtt" : "Fn::Sub";
			sl_report(c, d->at, "DependsOn '%s' is redundant: the resource already refers to it with %s "
				  "at line %u, which makes CloudFormation wait for it", d->name, how, (uint32_t)sl_doc_line_of(c->doc, r->start) + 1);
		}
	}
	free(by_name);
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
