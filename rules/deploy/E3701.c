/*
 * E3701: CodePipeline artifact names: each output artifact name is used once
 * in a pipeline, and each input artifact is the output of an action that runs
 * before (an earlier stage, or a lower RunOrder in the same stage).
 */
#include <stdlib.h>
#include <string.h>

#include "rules/sam/samrules.h"

struct out {
	const struct sl_node *name;
	size_t stage;
	long long run; /* RunOrder (default 1), or -1 when not a literal */
};

struct outs {
	struct out *v;
	size_t n, cap;
	bool open; /* an action or artifact list is not literal: inputs are not judged */
};

static int by_name(const void *a, const void *b)
{
	const struct out *x = a, *y = b;
	size_t n = x->name->len < y->name->len ? x->name->len : y->name->len;
	int d = memcmp(x->name->str, y->name->str, n);
	if (d)
		return d;
	if (x->name->len != y->name->len)
		return (x->name->len > y->name->len) - (x->name->len < y->name->len);
	/* same name: in pipeline order, then source order */
	if (x->stage != y->stage)
		return (x->stage > y->stage) - (x->stage < y->stage);
	return (x->name->start > y->name->start) -
	       (x->name->start < y->name->start);
}

static long long run_order(const struct sl_node *action)
{
	const struct sl_node *r = sl_map_get(action, "RunOrder");
	long long v = 1;
	if (r && !sl_samr_int(r, &v))
		return -1;
	return v;
}

/* Calls fn for each artifact Name of list (InputArtifacts or OutputArtifacts)
 * of an action; marks o open for anything not literal. */
static void each_name(struct outs *o, const struct sl_node *list,
		      void (*fn)(struct outs *o, const struct sl_node *name, void *ud), void *ud)
{
	if (!list)
		return;
	if (!sl_node_is(list, SL_SEQ) || sl_node_intrinsic(list)) {
		o->open = true;
		return;
	}
	for (size_t i = 0; i < list->len; i++) {
		const struct sl_node *it = list->items[i];
		const struct sl_node *name = sl_map_get(it, "Name");
		if (!sl_samr_item_certain(it) || !sl_node_is(it, SL_MAP) || sl_node_intrinsic(it) ||
		    !sl_samr_is_string(name)) {
			o->open = true;
			continue;
		}
		fn(o, name, ud);
	}
}

struct at {
	size_t stage;
	long long run;
};

static void add_out(struct outs *o, const struct sl_node *name, void *ud)
{
	const struct at *a = ud;
	if (o->n == o->cap) {
		size_t cap = o->cap ? 2 * o->cap : 16;
		struct out *v = realloc(o->v, cap * sizeof(*v));
		if (!v) {
			o->open = true;
			return;
		}
		o->v = v;
		o->cap = cap;
	}
	o->v[o->n++] = (struct out){ name, a->stage, a->run };
}

struct in_ctx {
	struct sl_ctx *c;
	struct at at;
};

static void check_in(struct outs *o, const struct sl_node *name, void *ud)
{
	struct in_ctx *ic = ud;
	struct out key = { name, 0, 0 };
	/* the first output of that name, in pipeline order */
	size_t lo = 0, hi = o->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct out *m = &o->v[mid];
		size_t n = m->name->len < name->len ? m->name->len : name->len;
		int d = memcmp(m->name->str, name->str, n);
		if (!d)
			d = (m->name->len > name->len) - (m->name->len < name->len);
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	(void)key;
	const struct out *first = lo < o->n && o->v[lo].name->len == name->len &&
					  memcmp(o->v[lo].name->str, name->str, name->len) == 0
				  ? &o->v[lo] : NULL;
	if (!first) {
		if (!o->open)
			sl_report(ic->c, name,
				  "input artifact '%.*s' is not the output artifact of any action of "
				  "this pipeline: an action's input must be the output of an action that "
				  "runs before it, and CodePipeline rejects the pipeline. Name an output "
				  "artifact, or add the action that produces it",
				  (int)name->len, name->str);
		return;
	}
	bool before = first->stage < ic->at.stage ||
		      (first->stage == ic->at.stage &&
		       (first->run < 0 || ic->at.run < 0 || first->run < ic->at.run));
	if (!before)
		sl_report(ic->c, name,
			  "input artifact '%.*s' is produced by an action that does not run before this "
			  "one (a later stage, or the same or a later RunOrder in this stage): "
			  "CodePipeline needs an action's inputs to exist when it starts. Move the "
			  "producing action earlier, or raise this action's RunOrder",
			  (int)name->len, name->str);
}

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *stages = sl_map_get(props, "Stages");
	if (!sl_node_is(stages, SL_SEQ))
		return;
	struct outs o = { 0 };
	for (int pass = 0; pass < 2; pass++) {
		for (size_t s = 0; s < stages->len; s++) {
			const struct sl_node *st = stages->items[s];
			const struct sl_node *actions = sl_map_get(st, "Actions");
			if (!sl_samr_item_certain(st) || !sl_node_is(actions, SL_SEQ)) {
				o.open = true;
				continue;
			}
			for (size_t a = 0; a < actions->len; a++) {
				const struct sl_node *act = actions->items[a];
				if (!sl_samr_item_certain(act) || !sl_node_is(act, SL_MAP) ||
				    sl_node_intrinsic(act)) {
					o.open = true;
					continue;
				}
				struct at at = { s, run_order(act) };
				if (pass == 0) {
					each_name(&o, sl_map_get(act, "OutputArtifacts"), add_out, &at);
				} else {
					struct in_ctx ic = { c, at };
					each_name(&o, sl_map_get(act, "InputArtifacts"), check_in, &ic);
				}
			}
		}
		if (pass == 0) {
			if (o.n > 1)
				qsort(o.v, o.n, sizeof(*o.v), by_name);
			for (size_t i = 1; i < o.n; i++)
				if (o.v[i].name->len == o.v[i - 1].name->len &&
				    memcmp(o.v[i].name->str, o.v[i - 1].name->str, o.v[i].name->len) == 0)
					sl_report(c, o.v[i].name,
						  "output artifact name '%.*s' is already used by another "
						  "action of this pipeline: output artifact names must be "
						  "unique in a pipeline, and CodePipeline rejects it. Rename "
						  "one of them",
						  (int)o.v[i].name->len, o.v[i].name->str);
		}
	}
	free(o.v);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::CodePipeline::Pipeline", check_one, NULL);
}

const struct sl_rule rule_E3701 = {
	.id = "E3701",
	.severity = SL_SEV_ERROR,
	.title = "Pipeline artifacts are produced once and before they are used",
	.source = "https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_OutputArtifact.html",
	.doc =
	"### What it checks\n"
	"In an `AWS::CodePipeline::Pipeline` whose stages, actions and artifact names are "
	"literal: no two actions declare the same `OutputArtifacts` name, and each "
	"`InputArtifacts` name is the output of an action that runs before (in an earlier stage, "
	"or in the same stage with a lower `RunOrder`). Actions or artifacts given by functions "
	"or only in one branch of an `Fn::If` make the names open, and unknown inputs are then "
	"not judged.\n\n"
	"### Why it matters\n"
	"CodePipeline documents that the input artifact of an action must exactly match the "
	"output artifact declared in a preceding action, and that output artifact names must be "
	"unique within a pipeline. CodePipeline rejects the pipeline, and the stack rolls "
	"back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      Stages:\n"
	"        - Name: Source\n"
	"          Actions:\n"
	"            - Name: Source\n"
	"              ActionTypeId: {Category: Source, Owner: AWS, Provider: S3, Version: \"1\"}\n"
	"              Configuration: {S3Bucket: !Ref Bucket, S3ObjectKey: app.zip}\n"
	"              OutputArtifacts: [{Name: SourceOutput}]\n"
	"        - Name: Build\n"
	"          Actions:\n"
	"            - Name: Build\n"
	"              ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: \"1\"}\n"
	"              Configuration: {ProjectName: !Ref Project}\n"
	"              InputArtifacts: [{Name: Source}]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"              InputArtifacts: [{Name: SourceOutput}]\n"
	"```\n",
	.check = check,
};
