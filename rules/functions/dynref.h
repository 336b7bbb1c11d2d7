/*
 * Dynamic references ({{resolve:ssm:name}}, {{resolve:ssm-secure:name:1}},
 * {{resolve:secretsmanager:id:SecretString:key}}), found once per template and
 * shared by the rules about them (E1027, E1050, E1051, E1052, W1011, W1051, W1053,
 * W2501).
 *
 * Which strings are read: every string value CloudFormation resolves references
 * in — scalars of Parameters, Mappings, Resources, Outputs and SAM's Globals,
 * also through the functions that pass a value on (Fn::If branches, Fn::Select
 * items, Fn::Base64) — and the text Fn::Sub and Fn::Join produce: the string of
 * a Sub with each ${Var} standing for a value known only at deploy time, the
 * pieces of a Join laid end to end with their delimiter (a reference may be
 * split over pieces: `!Join ['', ['{{resolve:secretsmanager:', !Ref S, '}}']]`).
 * Not read: keys, arguments of other functions (Ref, GetAtt, FindInMap,
 * Conditions, Rules), template Metadata and the free-text descriptions
 * (Description, a parameter's ConstraintDescription), which CloudFormation
 * never resolves and where a reference is usually documentation.
 */
#ifndef SL_RULES_FUNCTIONS_DYNREF_H
#define SL_RULES_FUNCTIONS_DYNREF_H

#include "engine/engine.h"

/* Stands, in a reference's text, for characters known only at deploy time (a
 * ${Var} of Fn::Sub, a function among the pieces of Fn::Join). */
#define SL_DYNREF_UNKNOWN '\x01'

enum sl_dynref_service {
	SL_DYNREF_SSM = 0,    /* ssm */
	SL_DYNREF_SSM_SECURE, /* ssm-secure */
	SL_DYNREF_SECRETS,    /* secretsmanager */
	SL_DYNREF_OTHER,      /* a name CloudFormation does not know (E1050) */
	SL_DYNREF_VARIABLE,   /* the service name is not known at lint time */
};

struct sl_dynref {
	const struct sl_node *at;      /* the scalar holding its first character (for the path) */
	struct sl_position start, end; /* its exact characters, or at's span when the text of
					* the source does not map one to one (escapes, folds) */
	const char *text;              /* "{{resolve:...}}" as CloudFormation reads it, with
					* SL_DYNREF_UNKNOWN for deploy-time values; NUL-ended */
	size_t len;
	const char *source;            /* the text as written when it lies in one scalar
					* ("{{resolve:ssm:/${Env}/db}}"), else NULL */
	enum sl_dynref_service service;
	bool spaced;                   /* written "{{ resolve:...": not a reference to
					* CloudFormation, which keeps it as text (W1053) */
	bool whole;                    /* the string is this reference and nothing more */
	/* Where it stands, from the top: the section key, then each key down to the
	 * value (NULL for a list item; the functions passing the value on are left
	 * out): [Resources, Db, Properties, MasterUserPassword]. */
	const struct sl_node *const *path;
	size_t n_path;
	bool path_known; /* false inside a Fn::ForEach loop left as written, or too deep */
};

/* Every reference of the template in document order (at most one walk per
 * template, shared by the rules). *n gets their number; NULL when there are none
 * or memory ran out (c->oom is then set). */
const struct sl_dynref *sl_dynrefs(struct sl_ctx *c, size_t *n);

/* A segment of a reference: the text between two ':' of "resolve:service:...". */
struct sl_dynref_part {
	const char *s;
	size_t len;
};

/* Splits the inside of r ("resolve:ssm:name:2") on ':' into at most max parts;
 * returns how many there are in all (may exceed max: only max are stored). */
size_t sl_dynref_parts(const struct sl_dynref *r, struct sl_dynref_part *parts, size_t max);

/* True when the part holds a deploy-time value (it may expand to anything,
 * ':' included). */
static inline bool sl_dynref_part_varies(const struct sl_dynref_part *p)
{
	return memchr(p->s, SL_DYNREF_UNKNOWN, p->len) != NULL;
}

static inline bool sl_dynref_part_is(const struct sl_dynref_part *p, const char *s)
{
	size_t l = strlen(s);
	return p->len == l && memcmp(p->s, s, l) == 0;
}

/* True when path[i] is the key `name`. */
static inline bool sl_dynref_at(const struct sl_dynref *r, size_t i, const char *name)
{
	return i < r->n_path && r->path[i] && sl_str_eq(r->path[i], name);
}

/* Where a reference stands, for the rules on where each service is allowed. */
enum sl_dynref_place {
	SL_DYNREF_AT_UNKNOWN = 0, /* a loop left as written, too deep, or an odd shape */
	SL_DYNREF_AT_PROPERTIES,  /* Resources/X/Properties/... */
	SL_DYNREF_AT_RES_METADATA, /* Resources/X/Metadata/... */
	SL_DYNREF_AT_RES_OTHER,   /* Resources/X/Type, Condition, DependsOn, UpdatePolicy, ... */
	SL_DYNREF_AT_PARAM_DEFAULT, /* Parameters/X/Default */
	SL_DYNREF_AT_PARAM_ALLOWED, /* Parameters/X/AllowedValues/n */
	SL_DYNREF_AT_PARAM_OTHER, /* Parameters/X/Type, ... */
	SL_DYNREF_AT_OUTPUT_VALUE, /* Outputs/X/Value */
	SL_DYNREF_AT_OUTPUT_OTHER, /* Outputs/X/Export/Name, Outputs/X/Condition */
	SL_DYNREF_AT_GLOBALS,     /* SAM's Globals: resource properties after the transform */
	SL_DYNREF_AT_MAPPINGS,    /* a Mappings value (it reaches a property through FindInMap) */
};

enum sl_dynref_place sl_dynref_place(const struct sl_dynref *r);

/* The key naming the place for messages ("Metadata", "Export"), or NULL. */
static inline const struct sl_node *sl_dynref_place_key(const struct sl_dynref *r)
{
	return r->n_path > 2 ? r->path[2] : NULL;
}

/* True when the property at keys[0..n) (the keys below a resource's Properties,
 * NULL for a list item: [LoginProfile, Password], [RdsDbInstances, NULL,
 * DbPassword]) of a resource of type `type` is one AWS documents as taking
 * ssm-secure references ("Resources that support dynamic parameter patterns for
 * secure strings": RDS MasterUserPassword, IAM user LoginProfile Password, ...).
 * E1027 allows ssm-secure only there; W1011 asks for a dynamic reference there
 * instead of a parameter. */
bool sl_dynref_secure_prop(const struct sl_node *type, const struct sl_node *const *keys, size_t n);

/* True when resources of this type have such a property at all (false: no
 * keys make sl_dynref_secure_prop true for it). */
bool sl_dynref_secure_type(const struct sl_node *type);

/* The place for messages: "the Export of output 'Url'", "the Value of output
 * 'Url'", "the Metadata of resource 'Db'", "the Type of parameter 'P'"; in the
 * arena. */
const char *sl_dynref_place_name(struct sl_ctx *c, const struct sl_dynref *r);

/* The key holding the value (the last key of the path), or NULL. */
static inline const struct sl_node *sl_dynref_key(const struct sl_dynref *r)
{
	for (size_t i = r->n_path; i > 0; i--)
		if (r->path[i - 1])
			return r->path[i - 1];
	return NULL;
}

/* The reference for messages: as written when it lies in one scalar, else its
 * text with each deploy-time value shown as "${...}"; in the arena. */
const char *sl_dynref_show(struct sl_ctx *c, const struct sl_dynref *r);

/* Reports the current rule at the reference's characters. */
void sl_dynref_report(struct sl_ctx *c, const struct sl_dynref *r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
