/*
 * Rule engine: runs every enabled rule over a template model and collects
 * diagnostics. Rules report a node (or an exact span) and a message; the engine
 * adds the template path, applies suppressions and sorts.
 */
#ifndef SL_ENGINE_ENGINE_H
#define SL_ENGINE_ENGINE_H

#include <stdarg.h>
#include <stdbool.h>

#include "engine/rule.h"
#include "spec/spec.h"
#include "template/template.h"
#include "util/text.h" /* sl_edit_distance */

struct sl_pdiag; /* pending diagnostic, internal to engine.c */

struct sl_ctx {
	/* the template model; NULL when a side file (appspec, samconfig, ...) is
	 * linted: its rules read `root` */
	const struct sl_template *t;
	const struct sl_node *root; /* the document's root node (never NULL in a check) */
	const struct sl_doc *doc;   /* the document linted: its nodes' offsets become lines and columns */
	enum sl_file_kind kind;     /* what the file is linted as */
	const struct sl_spec *spec; /* never NULL */
	const struct sl_rule *rule; /* the rule being run */
	struct sl_arena *arena;     /* the template's arena */
	struct sl_arena *msg_arena; /* where sl_report() formats messages: the report's, so
				     * that a finding's text is written once (engine.c) */
	uint32_t today;             /* YYYYMMDD: the options' lint_date, else today (UTC) */
	struct sl_pdiag *diags;
	size_t n, cap;
	bool oom;
	/* results a family of rules shares for this template (the schema walk's
	 * findings, the UserData scripts), computed by the first rule that needs
	 * them; released by the engine with the template */
	struct sl_memo {
		const void *key;
		void *data;
		void (*free)(void *);
	} memo[16];
	size_t n_memo;
	/* for side files: the options and the file's name as given, and the
	 * templates read beside it (sl_side_template) */
	const struct sl_options *opts;
	const char *filename;
	struct sl_side {
		const char *path;             /* as messages name it */
		const struct sl_template *t;  /* NULL: missing, unreadable or not a template */
	} side[8]; /* at most 8 files are read for one side file */
	size_t n_side;
	/* the rule options that apply to this template (ruleopt.h) */
	const struct sl_ropt *ropts;
	size_t n_ropts;
	/* names "did you mean" has compared for this template (rules/refs.h) */
	size_t suggest_work;
};

/* For profilers (bench --rules), never set by stacklint itself: when non-NULL,
 * each lint adds the CPU nanoseconds (of the calling thread) of every template
 * rule at its registry index, of loading at index n and of building the
 * template model at n + 1 (n from sl_registry). Single-threaded use only. */
extern uint64_t *sl_rule_cpu_ns;

/* The value a rule family stored for this template under `key` (the address of
 * a static of that family), or NULL. */
void *sl_memo_get(struct sl_ctx *c, const void *key);

/* Stores data under key; `release` (may be NULL) frees it with the template.
 * Returns data, or NULL when the table is full (data is then released). */
void *sl_memo_put(struct sl_ctx *c, const void *key, void *data, void (*release)(void *));

/* The template a side file deploys with, read from disk beside it: the file
 * `rel` (len bytes; relative to the side file's directory unless absolute,
 * as samconfig's template_file is), or with rel NULL the first of the
 * NULL-terminated `defaults` names in that directory that exists. The file is
 * read only when it is a regular file within --max-size, loaded and modelled
 * (LanguageExtensions expanded) once per lint, and lives in the side file's
 * arena. Returns NULL when the side file came from stdin without a name, or the
 * file is missing, unreadable, does not parse, or holds no template; *path (may
 * be NULL) gets the name it looked at, as the side file names it (rel, or the
 * default name found; NULL when none): messages name it so, which keeps them
 * the same wherever the project is. Several rules may ask: the answer is
 * memoised by path. At most 8 paths are looked at for one side file (a
 * samconfig whose environments name more templates gets NULL for the rest):
 * what one side file makes stacklint read stays bounded. */
const struct sl_template *sl_side_template(struct sl_ctx *c, const char *rel, size_t len,
					   const char *const *defaults, const char **path);

/* The line (1-based) where node n of the linted document starts, for
 * messages that point at another place ("first defined at line 12"). */
static inline uint32_t sl_line(const struct sl_ctx *c, const struct sl_node *n)
{
	return sl_doc_line(c->doc, n);
}

/* The position of byte offset off of the linted document. */
static inline struct sl_position sl_pos(const struct sl_ctx *c, size_t off)
{
	return sl_doc_pos(c->doc, off);
}

/* Reports the current rule at node `at` (its whole span, its template path). */
void sl_report(struct sl_ctx *c, const struct sl_node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reports at an exact span (e.g. a variable inside a Sub string); `at` gives the path. */
void sl_report_span(struct sl_ctx *c, const struct sl_node *at, struct sl_position start,
		    struct sl_position end, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* sl_report_span with the arguments in a va_list, for reporting helpers of
 * their own (the message is formatted once, into the report). */
void sl_report_spanv(struct sl_ctx *c, const struct sl_node *at, struct sl_position start,
		     struct sl_position end, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

bool sl_rule_enabled_lists(const struct sl_rule *r, const struct sl_options *o);

/* True when the rule with this ID would run under these options. Asked for
 * every rule of every template: without lists (the default) it is answered
 * here, without a call. */
static inline bool sl_rule_enabled(const struct sl_rule *r, const struct sl_options *o)
{
	if (!o || (!o->n_mandatory && !o->n_include && !o->n_ignore))
		return r->severity != SL_SEV_INFO;
	return sl_rule_enabled_lists(r, o);
}

/* True when `id` matches one of the patterns: equal, or the pattern is a prefix. */
bool sl_id_matches(const char *id, const char *const *patterns, size_t n);


/* The closest name among candidates by edit distance (for "did you mean"), or
 * NULL when none is close. */
const char *sl_suggest(const char *name, size_t len, const char *const *cands, size_t n);

#endif
