/*
 * Template model: the sections of a template, indexes by logical ID, and the
 * reference graph (Ref, GetAtt, Sub variables, DependsOn, Condition uses,
 * FindInMap). Built once per template from the node tree, read-only for rules.
 */
#ifndef SL_TEMPLATE_TEMPLATE_H
#define SL_TEMPLATE_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "load/load.h"
#include "load/node.h"
#include "template/langext.h"
#include "util/prefixes.h"

enum sl_section {
	SL_SEC_FORMAT_VERSION = 0,
	SL_SEC_DESCRIPTION,
	SL_SEC_METADATA,
	SL_SEC_TRANSFORM,
	SL_SEC_PARAMETERS,
	SL_SEC_MAPPINGS,
	SL_SEC_CONDITIONS,
	SL_SEC_RULES,
	SL_SEC_RESOURCES,
	SL_SEC_OUTPUTS,
	SL_SEC_GLOBALS,
	SL_SEC_COUNT
};

extern const char *const sl_section_names[SL_SEC_COUNT];

/* The resource attributes a resource's map may hold, as bits of
 * sl_entity.attrs; sl_attr_names[i] is bit i's key. */
enum sl_attr {
	SL_ATTR_CONDITION = 0,
	SL_ATTR_DEPENDS_ON,
	SL_ATTR_METADATA,
	SL_ATTR_DELETION_POLICY,
	SL_ATTR_UPDATE_REPLACE_POLICY,
	SL_ATTR_CREATION_POLICY,
	SL_ATTR_UPDATE_POLICY,
	SL_ATTR_CONNECTORS,     /* SAM's */
	SL_ATTR_IGNORE_GLOBALS, /* SAM's */
	SL_ATTR_COUNT
};

extern const char *const sl_attr_names[SL_ATTR_COUNT];

/* A named entry of Parameters, Mappings, Conditions, Resources or Outputs. */
struct sl_entity {
	const struct sl_node *key;
	const struct sl_node *value;
	const struct sl_node *type; /* resources: the Type scalar, when it is one */
	/* resources: the Properties map, when it is one (looked up once: rules
	 * that visit every resource would each search the resource's map) */
	const struct sl_node *props;
	bool module; /* resources: a module (Type ends in ::MODULE, or Rain's !Rain::Module) */
	uint16_t attrs; /* resources: bit i set when the map has the key sl_attr_names[i] */
};

/* Resource e's attribute (its last key of that name, as sl_map_get_pair), or
 * NULL: a resource without one costs no search of its map. */
static inline const struct sl_pair *sl_entity_attr_pair(const struct sl_entity *e, enum sl_attr a)
{
	return e->attrs >> a & 1u ? sl_map_get_pair(e->value, sl_attr_names[a]) : NULL;
}

static inline const struct sl_node *sl_entity_attr(const struct sl_entity *e, enum sl_attr a)
{
	const struct sl_pair *p = sl_entity_attr_pair(e, a);
	return p ? p->value : NULL;
}

/* The attribute named `name`, or SL_ATTR_COUNT for another key. */
enum sl_attr sl_attr_of(const char *name, size_t len);

struct sl_index {
	struct sl_entity *items; /* in source order */
	size_t n;
	uint32_t *slots; /* open addressing: item index + 1, 0 = empty */
	size_t n_slots;
};

enum sl_ref_kind {
	SL_REF_REF = 0,   /* {"Ref": X} */
	SL_REF_GETATT,    /* {"Fn::GetAtt": [X, Attr]} or "X.Attr" */
	SL_REF_SUB,       /* ${X} or ${X.Attr} in Fn::Sub */
	SL_REF_DEPENDSON, /* DependsOn: X */
	SL_REF_RES_COND,  /* a resource's Condition: X */
	SL_REF_COND,      /* Fn::If [X, ...], {"Condition": X} in Conditions, an output's Condition */
	SL_REF_FINDINMAP, /* Fn::FindInMap [X, ...] with a literal map name */
};

struct sl_ref {
	enum sl_ref_kind kind;
	uint32_t name_len;        /* bytes in name */
	const struct sl_node *at; /* the node naming the target (the whole Sub string for SUB) */
	const char *name;         /* target logical ID (NUL-terminated, in the arena) */
	/* the resource name names (Ref, GetAtt, Sub, DependsOn; not a pattern), or
	 * NULL: found once here, not by each rule that asks */
	const struct sl_entity *resource;
	const char *attr;         /* GetAtt / Sub attribute, or NULL */
	/* exact span of the name (inside a Sub string too), as byte offsets of the
	 * template's text (sl_doc_pos) */
	uint32_t start, end;
	enum sl_section section;  /* where the reference is made */
	bool pattern;             /* name is a glob ('*' for a Fn::ForEach identifier):
				   * Ref: {Fn::Sub: "Param${Id}"} */
	const struct sl_entity *from; /* the resource/output/condition making it, or NULL */
};

struct sl_template {
	const struct sl_doc *doc;
	struct sl_arena *arena;
	/* the tree rules read: the LanguageExtensions expansion (langext.h) of
	 * src_root when it has something to expand, else src_root itself */
	const struct sl_node *root;
	const struct sl_node *src_root; /* the tree as written (doc->root) */
	struct sl_langext *lx;          /* the expansion, or NULL when root == src_root */
	const struct sl_pair *sections[SL_SEC_COUNT];
	struct sl_index params, mappings, conditions, resources, outputs;
	bool sam;           /* Transform includes AWS::Serverless-2016-10-31, or a slip on
			     * its name (E99001 reports it, the rest lint as SAM) */
	bool sam_types;     /* declares AWS::Serverless::* resources (with or without the transform) */
	bool lang_ext;      /* Transform includes AWS::LanguageExtensions */
	bool macro_global;  /* a Transform other than SAM's and AWS::LanguageExtensions: a macro
			     * rewrites the whole template, so schema checks cannot judge it */
	bool macro;         /* a macro runs: Fn::Transform, or a Transform other than SAM's
			     * and AWS::LanguageExtensions (it may add references we cannot see) */
	struct sl_ref *refs;
	size_t n_refs, cap_refs;
	/* Fn::ForEach loops left as written (their collection is not known at lint
	 * time, see langext.h): identifiers are valid Ref targets */
	const struct sl_node **foreach_ids;
	size_t n_foreach, cap_foreach;
	/* logical IDs that the loops left as written generate in Resources,
	 * Conditions, Outputs: globs (${Id} as '*'), concrete when possible */
	struct sl_generated {
		enum sl_section section;
		const char *name;
		bool glob;
	} *generated;
	size_t n_generated, cap_generated;
	/* indices into resources.items sorted by Type text, each type's in source
	 * order; resources whose Type is not a scalar are left out
	 * (sl_template_of_type) */
	uint32_t *by_type;
	size_t n_by_type;
	/* where each Type's run starts in by_type, n_types + 1 entries (the last
	 * is n_by_type): rules that judge a type once visit each type once */
	uint32_t *type_runs;
	size_t n_types;
	struct sl_sam_names *sam_names; /* what SAM generates: built by sl_sam_build() (sam.h) */
	struct sl_prefixes modules;     /* the logical IDs of module resources */
};

/* True when Fn::ForEach generates `name` in that section. */
bool sl_template_generated(const struct sl_template *t, enum sl_section sec, const char *name);

/* True when name is a Fn::ForEach identifier of this template. */
bool sl_template_foreach_id(const struct sl_template *t, const char *name, size_t len);

/* Builds the model. root must be a map. Returns 0, or -1 on OOM. */
int sl_template_build(struct sl_template *t, const struct sl_doc *doc, struct sl_arena *a);

const struct sl_entity *sl_index_find(const struct sl_index *ix, const char *name, size_t len);

/* The resources whose Type is exactly type (len bytes): *first gets their
 * indices into t->resources.items, in source order; returns how many. A
 * binary search: rules that check one type cost what that type has, not what
 * the template has. */
size_t sl_template_of_type(const struct sl_template *t, const char *type, size_t len,
			   const uint32_t **first);

/* The resources whose Type `want` accepts, in source order: want is asked
 * once per distinct Type, so a template of many resources of other types
 * costs nothing per resource. *out gets their indices into t->resources.items
 * (malloc'd, for the caller to free; NULL when there are none). Returns how
 * many, or -1 when memory runs out. */
long sl_template_of_types(const struct sl_template *t,
			  bool (*want)(const struct sl_node *type, void *ud), void *ud,
			  uint32_t **out);

/* True when t has a resource whose Type is exactly type: a rule that needs an
 * index of the whole template for that type builds it only then. */
static inline bool sl_template_has_type(const struct sl_template *t, const char *type)
{
	const uint32_t *first;
	return sl_template_of_type(t, type, strlen(type), &first) > 0;
}

/* The Type node of the k-th distinct type (k < t->n_types): its resources are
 * t->by_type[t->type_runs[k]] up to t->by_type[t->type_runs[k + 1]]. */
static inline const struct sl_node *sl_template_run_type(const struct sl_template *t, size_t k)
{
	return t->resources.items[t->by_type[t->type_runs[k]]].type;
}

/* The resource of t that v names with Ref (its logical ID) or Fn::GetAtt (the
 * logical ID before the attribute, in the list or the dotted form), when that
 * resource's Type is exactly `type`; NULL for another type, a name that is no
 * resource of t, and any other value. */
const struct sl_entity *sl_template_ref_resource(const struct sl_template *t,
						 const struct sl_node *v, const char *type);

/* AWS's pseudo parameters (AWS::Region, AWS::NoValue, ...), NULL-terminated. */
extern const char *const sl_pseudo_params[];

/* Whether name is one of them. */
bool sl_pseudo_param(const char *name, size_t len);

/* Value node of a section, or NULL. */
static inline const struct sl_node *sl_section(const struct sl_template *t, enum sl_section s)
{
	return t->sections[s] ? t->sections[s]->value : NULL;
}

/* True when `name` is a resource that exists without being declared: one SAM
 * creates for this template (MyFunctionRole, ServerlessRestApi,
 * MyFunction.Alias: sl_sam_implicit()), or one inside a module
 * (`<ModuleId><ResourceId>` for a resource whose type ends in ::MODULE). */
bool sl_template_implicit(const struct sl_template *t, const char *name, size_t len);

/* Sub string parsing: calls fn for each ${Var} (not ${!Literal}) with the byte
 * range of Var inside s. */
void sl_sub_vars(const char *s, size_t len,
		 void (*fn)(void *ud, size_t var_start, size_t var_len), void *ud);

#endif
