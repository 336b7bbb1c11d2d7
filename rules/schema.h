/*
 * The property walker shared by the schema rules (E3002 unknown property, E3003
 * missing required property, E3012 wrong type, E3030 value not allowed). It
 * walks each resource's Properties against the resource specification, through
 * nested types, lists and maps, following intrinsic functions the way
 * CloudFormation resolves them, and calls back with what it finds. Each rule
 * runs the walk and reports only its own kind of finding.
 */
#ifndef SL_RULES_SCHEMA_H
#define SL_RULES_SCHEMA_H

#include "engine/engine.h"

enum sl_schema_event {
	SL_SCHEMA_UNKNOWN_PROP,  /* at: the key; shape: where it was looked up */
	SL_SCHEMA_READ_ONLY,     /* at: the key of a property CloudFormation only returns; shape */
	SL_SCHEMA_MISSING_PROP,  /* at: where to add it; shape and prop: what is missing */
	SL_SCHEMA_WRONG_TYPE,    /* at: the value; type: what was expected; detail: what it is */
	SL_SCHEMA_NOT_ALLOWED,   /* at: the value; type: the string type with its allowed values */
	SL_SCHEMA_NULL,          /* at: a null value CloudFormation rejects; type: what was expected,
				  * or SL_SPEC_NONE inside a free-form (JSON) value */
	/* value constraints (at: the value; cons: the constraint it breaks) */
	SL_SCHEMA_PATTERN,       /* a string that does not match the pattern */
	SL_SCHEMA_LENGTH,        /* a string shorter or longer than allowed */
	SL_SCHEMA_RANGE,         /* a number outside the range */
	SL_SCHEMA_ITEMS,         /* a list with too few or too many items */
	SL_SCHEMA_DUPLICATE,     /* at: a repeated item; other: its first occurrence (in a
				  * list whose items must be unique, or, when cons has
				  * SL_SPEC_DUPLICATES_ALLOWED, one that allows repeats) */
	/* a relation between the properties of a map is broken (cons: the relation
	 * id, sl_spec_relation; shape: the map's shape):
	 *   ONE_OF / ANY_OF: at = the map's anchor; detail = NULL when no group is
	 *     complete, else the complete groups ("'A' and 'B'");
	 *   REQUIRES: at = the key property; detail = the missing property;
	 *   EXCLUDES: at = the excluded property's key; detail = its name;
	 *     other = the key property that excludes it */
	SL_SCHEMA_RELATION,
	/* a value an intrinsic function resolves to breaks a constraint: at = the
	 * function ({Ref: Param}, {Fn::FindInMap: [...]}); other = the value (a
	 * parameter's Default or allowed value, a mapping's value, an item of a
	 * literal Fn::Split or Fn::Select list); sub = what it breaks (NOT_ALLOWED
	 * with type, PATTERN, LENGTH or RANGE with cons), or FORMAT_VALUE when its
	 * constraint names a format (the format rules judge it) */
	SL_SCHEMA_RESOLVED,
	/* not findings: where values meet a named format (sl_spec_constraint_format),
	 * for the format rules to judge */
	SL_SCHEMA_FORMAT_VALUE,  /* at: a literal scalar (not a dynamic reference) whose
				  * constraint (cons) names a format */
	SL_SCHEMA_FORMAT_FN,     /* at: an intrinsic function ({Ref: X}, {Fn::GetAtt: ...}, ...)
				  * given where cons, or cons's items, names a format */
	/* not a finding by default: a literal scalar of another type than the
	 * property's that CloudFormation converts ("30" for an integer, 30 for a
	 * string); type: what was expected; detail: what it is. E3012 reports it
	 * with its strict option (cfn-lint's strict types) */
	SL_SCHEMA_LOOSE_TYPE,
};

struct sl_schema_hit {
	/* pointers first, then the 32-bit fields: 64 bytes, and a large template
	 * keeps tens of thousands of these (the walk's findings, memoised) */
	const struct sl_node *at;
	const struct sl_spec_prop *prop; /* MISSING_PROP */
	const char *detail;              /* WRONG_TYPE: "a list", "Ref to list parameter 'X'", ... */
	const char *resource_type;       /* the resource's type name */
	const struct sl_node *other;     /* DUPLICATE: the first occurrence */
	enum sl_schema_event event;
	enum sl_schema_event sub;        /* RESOLVED: the event the value makes */
	uint32_t shape;                  /* UNKNOWN_PROP, MISSING_PROP */
	uint32_t type;                   /* WRONG_TYPE, NOT_ALLOWED */
	uint32_t cons;                   /* the constraint events: constraint id */
};

typedef void (*sl_schema_fn)(struct sl_ctx *c, const struct sl_schema_hit *hit);

/* Walks every resource with a known type; calls fn for each finding. Nulls
 * are reported (SL_SCHEMA_NULL) in the properties of CloudFormation's own
 * resource types only: the SAM transform takes an empty value of a serverless
 * resource or of Globals as absent, and a null where `cloudformation package`
 * packages the template's folder (Lambda Code, ...) is W3002's. */
void sl_schema_walk(struct sl_ctx *c, sl_schema_fn fn);

/* A type described for messages: "a string", "a list of strings", "an object
 * (VpcConfig)", "one of: a string, an object (CodeUri)". In the arena. */
const char *sl_schema_type_name(struct sl_ctx *c, uint32_t type);

/* The property a value belongs to: the key above it, past list items and
 * Fn::If branches (for messages), or NULL. */
const struct sl_node *sl_schema_prop_of(const struct sl_node *v);

/* The constraint events' bound, described: "at most 256 characters",
 * "between 1 and 5 items", "at least 60", ... In the arena. */
const char *sl_schema_bound(struct sl_ctx *c, const struct sl_schema_hit *h);

/* The rule ID of a SL_SCHEMA_RELATION hit: E3014 (exactly one of single
 * properties), E3018 (exactly one of groups), E3058 (at least one of single
 * properties), E3017 (at least one of groups), E3021 (requires), E3020
 * (excludes). And its message, naming the properties and the fix. */
const char *sl_schema_relation_rule(struct sl_ctx *c, const struct sl_schema_hit *h);
const char *sl_schema_relation_message(struct sl_ctx *c, const struct sl_schema_hit *h);
/* The check of each relation rule: reports the broken relations whose rule
 * (sl_schema_relation_rule) is the one running. */
void sl_schema_check_relations(struct sl_ctx *c);

/* What of a Ref'd parameter the value of a SL_SCHEMA_RESOLVED hit is: its
 * Default, another of its AllowedValues, or the MinValue or MaxValue a Number
 * parameter without AllowedValues declares; SL_RESOLVED_VALUE for the
 * values of other functions. */
enum sl_resolved_from {
	SL_RESOLVED_VALUE,
	SL_RESOLVED_DEFAULT,
	SL_RESOLVED_ALLOWED,
	SL_RESOLVED_BOUND,
};
enum sl_resolved_from sl_schema_resolved_from(const struct sl_schema_hit *h);

/* The message of a SL_SCHEMA_RESOLVED hit: "Ref to 'Stage' can give 'Prod
 * Env' (Default, line 4), which does not match the pattern ... that StageName
 * requires". */
const char *sl_schema_resolved_message(struct sl_ctx *c, const struct sl_schema_hit *h);
/* Its first half: "The Default of parameter 'Stage', given by the Ref at line
 * 9, is 'Prod Env'" (for a FORMAT_VALUE sub, which the format rules word). */
const char *sl_schema_resolved_subject(struct sl_ctx *c, const struct sl_schema_hit *h);

/* "; did you mean 'Runtime'?" among the properties of the shape, or "". */
const char *sl_schema_suggest(struct sl_ctx *c, uint32_t shape, const char *name, size_t len);

/* True for types the linter never checks against the spec: Custom::*,
 * AWS::CloudFormation::CustomResource, modules (::MODULE), and third-party
 * registry types (neither AWS:: nor Alexa::). */
bool sl_schema_unchecked_type(const char *type, size_t len);
/* The same, except that a third-party type the spec s has (from a registry
 * schema, --registry-schemas) is checked like AWS's own. */
bool sl_schema_unchecked(const struct sl_spec *s, const char *type, size_t len);

#endif
