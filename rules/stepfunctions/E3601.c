/*
 * E3601: the structure of a state machine definition written in the template
 * (Definition of AWS::StepFunctions::StateMachine and
 * AWS::Serverless::StateMachine): StartAt and States, each state's Type and
 * the fields its type needs, and state names that Next, Default and Catch
 * refer to. Nested machines (Parallel branches, Map item processors) are
 * checked the same way, with an explicit work list rather than recursion.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/sam/samrules.h"

static const char *const state_types[] = {
	"Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map",
};

/* A machine to check: the map holding StartAt and States, and the node to
 * report a missing field at. */
struct machine {
	const struct sl_node *m, *at;
};

struct work {
	struct machine *v;
	size_t n, cap;
	bool oom;
};

static void push(struct work *w, const struct sl_node *m, const struct sl_node *at)
{
	if (!sl_node_is(m, SL_MAP) || sl_node_intrinsic(m) || w->oom)
		return;
	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 8;
		struct machine *v = realloc(w->v, cap * sizeof(*v));
		if (!v) {
			w->oom = true;
			return;
		}
		w->v = v;
		w->cap = cap;
	}
	w->v[w->n++] = (struct machine){ m, at };
}

static int by_name(const void *a, const void *b)
{
	const struct sl_node *x = *(const struct sl_node *const *)a;
	const struct sl_node *y = *(const struct sl_node *const *)b;
	size_t n = x->len < y->len ? x->len : y->len;
	int d = memcmp(x->str, y->str, n);
	return d ? d : (x->len > y->len) - (x->len < y->len);
}

/* True when a string holds a ${...} placeholder that DefinitionSubstitutions
 * fills in when the state machine is created: its final value is not known. */
static bool substituted(const struct sl_node *v)
{
	return sl_node_is(v, SL_SCALAR) && v->len >= 2 && memmem(v->str, v->len, "${", 2) != NULL;
}

/* The state names of one machine, sorted, for lookups in O(log n). */
struct names {
	const struct sl_node **v;
	size_t n;
	bool open; /* a state name is itself substituted: names cannot be compared */
};

static bool has_name(const struct names *s, const struct sl_node *name)
{
	return bsearch(&name, s->v, s->n, sizeof(*s->v), by_name) != NULL;
}

/* Reports a literal state name (Next, Default, StartAt, a Catch's Next) that
 * names no state of the machine. */
static void check_target(struct sl_ctx *c, const struct names *s, const struct sl_node *v,
			 const char *field)
{
	if (!sl_samr_is_string(v) || s->open || substituted(v) || has_name(s, v))
		return;
	sl_report(c, v,
		  "%s '%.*s' names no state of this state machine: Step Functions rejects a definition "
		  "whose transitions lead to a state its States do not define (names are "
		  "case-sensitive). Name one of the states, or add the state",
		  field, (int)v->len, v->str);
}

static bool known_type(const struct sl_node *t)
{
	for (size_t i = 0; i < sizeof(state_types) / sizeof(state_types[0]); i++)
		if (sl_str_eq(t, state_types[i]))
			return true;
	return false;
}

/* Reports a field the state's type needs and the state lacks. */
static void need(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *state,
		 const struct sl_node *type, const char *field, const char *what)
{
	if (sl_map_get_pair(state, field))
		return;
	sl_report(c, key,
		  "state '%.*s' is a %.*s state without %s: %s. Step Functions rejects the definition. "
		  "Add %s",
		  (int)key->len, key->str, (int)type->len, type->str, field, what, field);
}

static void check_state(struct sl_ctx *c, struct work *w, const struct names *s,
			const struct sl_node *key, const struct sl_node *state)
{
	const struct sl_pair *tp = sl_map_get_pair(state, "Type");
	if (!tp) {
		sl_report(c, key,
			  "state '%.*s' has no Type: every state names its type (Task, Pass, Choice, "
			  "Wait, Succeed, Fail, Parallel or Map), and Step Functions rejects the "
			  "definition. Add Type",
			  (int)key->len, key->str);
		return;
	}
	const struct sl_node *type = tp->value;
	if (!sl_samr_is_string(type) || substituted(type))
		return;
	if (!known_type(type)) {
		sl_report(c, type,
			  "'%.*s' is not a state type: the types are Task, Pass, Choice, Wait, Succeed, "
			  "Fail, Parallel and Map (case-sensitive), and Step Functions rejects the "
			  "definition",
			  (int)type->len, type->str);
		return;
	}
	const struct sl_pair *next = sl_map_get_pair(state, "Next");
	const struct sl_pair *end = sl_map_get_pair(state, "End");
	bool no_flow = sl_str_eq(type, "Choice") || sl_str_eq(type, "Succeed") || sl_str_eq(type, "Fail");
	if (no_flow) {
		const struct sl_pair *bad = next ? next : end;
		if (bad)
			sl_report(c, bad->key,
				  "a %.*s state takes no %.*s: %s. Step Functions rejects the definition. "
				  "Remove %.*s",
				  (int)type->len, type->str, (int)bad->key->len, bad->key->str,
				  sl_str_eq(type, "Choice") ? "it moves on through its Choices and Default"
							    : "it ends the execution",
				  (int)bad->key->len, bad->key->str);
	} else if (next && end && sl_scalar_bool(end->value) == 1) {
		sl_report(c, end->key,
			  "state '%.*s' has both Next and End: a state either moves on to Next or ends "
			  "the execution with End: true, not both. Remove one of them",
			  (int)key->len, key->str);
	} else if (!next && (!end || sl_scalar_bool(end->value) == 0)) {
		if (!end || sl_node_is(end->value, SL_SCALAR))
			sl_report(c, key,
				  "state '%.*s' (%.*s) has neither Next nor End: true: every state but "
				  "Choice, Succeed and Fail must say where the execution goes next, or end "
				  "it. Add Next: <state name>, or End: true",
				  (int)key->len, key->str, (int)type->len, type->str);
	}
	if (next)
		check_target(c, s, next->value, "Next");

	if (sl_str_eq(type, "Task")) {
		need(c, key, state, type, "Resource",
		     "a task names the work it runs (a Lambda function ARN, an integration such as "
		     "arn:aws:states:::dynamodb:putItem, or an activity)");
	} else if (sl_str_eq(type, "Choice")) {
		need(c, key, state, type, "Choices", "a Choice state needs a non-empty list of rules");
		const struct sl_node *rules = sl_map_get(state, "Choices");
		for (size_t i = 0; sl_node_is(rules, SL_SEQ) && i < rules->len; i++)
			check_target(c, s, sl_map_get(rules->items[i], "Next"), "Next");
		check_target(c, s, sl_map_get(state, "Default"), "Default");
	} else if (sl_str_eq(type, "Parallel")) {
		need(c, key, state, type, "Branches",
		     "a Parallel state runs a list of branches, each a state machine");
		const struct sl_node *br = sl_map_get(state, "Branches");
		for (size_t i = 0; sl_node_is(br, SL_SEQ) && i < br->len; i++)
			push(w, br->items[i], br->items[i]);
	} else if (sl_str_eq(type, "Map")) {
		const struct sl_pair *p = sl_map_get_pair(state, "ItemProcessor");
		if (!p)
			p = sl_map_get_pair(state, "Iterator");
		if (!p)
			sl_report(c, key,
				  "state '%.*s' is a Map state without ItemProcessor (or the older "
				  "Iterator): a Map state runs a state machine for each item. Step "
				  "Functions rejects the definition. Add ItemProcessor with StartAt and "
				  "States",
				  (int)key->len, key->str);
		else
			push(w, p->value, p->key);
	}
	const struct sl_node *catches = sl_map_get(state, "Catch");
	for (size_t i = 0; sl_node_is(catches, SL_SEQ) && i < catches->len; i++)
		check_target(c, s, sl_map_get(catches->items[i], "Next"), "Next");
}

static void check_machine(struct sl_ctx *c, struct work *w, const struct machine *mc)
{
	for (size_t i = 0; i < mc->m->len; i++)
		if (sl_foreach_key(mc->m->pairs[i].key))
			return;
	const struct sl_pair *sp = sl_map_get_pair(mc->m, "States");
	const struct sl_pair *start = sl_map_get_pair(mc->m, "StartAt");
	if (!sp || !start) {
		sl_report(c, mc->at,
			  "this state machine has no %s: a state machine definition needs StartAt (the "
			  "name of its first state) and States (its states), and Step Functions rejects "
			  "it without them. Add %s",
			  !sp && !start ? "StartAt or States" : !sp ? "States" : "StartAt",
			  !sp && !start ? "StartAt and States" : !sp ? "States" : "StartAt");
		if (!sp)
			return;
	}
	const struct sl_node *states = sp->value;
	if (!sl_node_is(states, SL_MAP) || sl_node_intrinsic(states))
		return;
	struct names s = { calloc(states->len ? states->len : 1, sizeof(*s.v)), 0, false };
	if (!s.v)
		return;
	for (size_t i = 0; i < states->len; i++) {
		if (sl_foreach_key(states->pairs[i].key)) {
			free(s.v);
			return;
		}
		s.v[s.n++] = states->pairs[i].key;
		s.open |= substituted(states->pairs[i].key);
	}
	qsort(s.v, s.n, sizeof(*s.v), by_name);
	if (start)
		check_target(c, &s, start->value, "StartAt");
	for (size_t i = 0; i < states->len; i++) {
		const struct sl_node *st = states->pairs[i].value;
		if (sl_node_is(st, SL_MAP) && !sl_node_intrinsic(st))
			check_state(c, w, &s, states->pairs[i].key, st);
	}
	free(s.v);
}

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_pair *d = sl_map_get_pair(props, "Definition");
	if (!d)
		return;
	struct work w = { 0 };
	push(&w, d->value, d->key);
	/* depth-first; each machine is taken off the list before its nested ones go on */
	while (w.n > 0) {
		struct machine mc = w.v[--w.n];
		check_machine(c, &w, &mc);
	}
	free(w.v);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::StepFunctions::StateMachine", check_one, NULL);
	sl_samr_each_resource(c, SL_SAM_STATE_MACHINE, check_one, NULL);
}

const struct sl_rule rule_E3601 = {
	.id = "E3601",
	.severity = SL_SEV_ERROR,
	.title = "State machine definitions are well formed",
	.source = "https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-state-machine-structure.html",
	.doc =
	"### What it checks\n"
	"The `Definition` of an `AWS::StepFunctions::StateMachine` or an "
	"`AWS::Serverless::StateMachine`, written as a map in the template, and each state "
	"machine nested in it (Parallel `Branches`, Map `ItemProcessor` or `Iterator`): it has "
	"`StartAt` and `States`, and `StartAt` names one of the states; each state has a `Type` "
	"among Task, Pass, Choice, Wait, Succeed, Fail, Parallel and Map; Choice, Succeed and "
	"Fail states have no `Next` or `End`, and every other state has `Next` or `End: true` "
	"but not both; a Task has `Resource`, a Choice `Choices`, a Parallel `Branches`, a Map "
	"`ItemProcessor` (or `Iterator`); and each literal `Next`, `Default` and `Catch` `Next` "
	"names a state of the same machine. A `DefinitionString`, a definition from a file "
	"(`DefinitionUri`, `DefinitionS3Location`) and values given by functions are not "
	"judged.\n\n"
	"### Why it matters\n"
	"The Amazon States Language requires these fields, and names are case-sensitive: "
	"`StartAt` \"must exactly match\" a state's name, and only one of `Next` or `End` can be "
	"used in a state. Step Functions validates the definition when the state machine is "
	"created or updated and rejects it, so the stack fails; a template that keeps the "
	"definition in a map is checked here before any deployment.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Machine:\n"
	"    Type: AWS::StepFunctions::StateMachine\n"
	"    Properties:\n"
	"      RoleArn: !GetAtt Role.Arn\n"
	"      Definition:\n"
	"        StartAt: Start\n"
	"        States:\n"
	"          start:\n"
	"            Type: Task\n"
	"            Resource: !GetAtt Fn.Arn\n"
	"            Next: Done\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Definition:\n"
	"        StartAt: Start\n"
	"        States:\n"
	"          Start:\n"
	"            Type: Task\n"
	"            Resource: !GetAtt Fn.Arn\n"
	"            Next: Done\n"
	"          Done:\n"
	"            Type: Succeed\n"
	"```\n",
	.check = check,
};
