/*
 * The Lambda runtime table and the walk over a template's runtimes: see
 * runtimes.h.
 *
 * Facts come only from AWS's own text, the AWS Lambda Developer Guide
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html and the
 * per-language pages that repeat its "Supported runtimes" rows), in the
 * newest form that could be read; each row says which:
 *   [L] the per-language pages as AWS serves them in Markdown, newest form
 *       read (2026): lambda-nodejs, lambda-python, lambda-java, lambda-csharp,
 *       lambda-ruby, go-image (provided.*), "Supported runtimes" rows with
 *       Deprecation date / Block function create / Block function update;
 *   [E] earlier forms of those pages (2024-2025), used only for deprecation
 *       dates of runtimes whose block dates AWS has since moved;
 *   [G] lambda-runtimes.md "Deprecated runtimes" (Deprecation Phase 1: no
 *       more creating; Phase 2: no more updating), in the AWS Developer
 *       Guide's GitHub source, awsdocs/aws-lambda-developer-guide at
 *       a83f69bc (late 2022, the last copy published there);
 *   [B] the AWS Compute Blog's "Managing AWS Lambda runtime upgrades"
 *       (https://aws.amazon.com/blogs/compute/managing-aws-lambda-runtime-upgrades/),
 *       whose table gives the deprecation dates of the runtimes that Amazon
 *       Linux 1's end of life and language end of life retired in 2023; their
 *       block dates are not in it, so these runtimes get W2531 only;
 *   [P] runtime-support-policy.html of 2019 ("Deprecation Schedule": End of
 *       Life, Deprecation (Create), Deprecation (Update)), for create dates
 *       [G] leaves blank.
 * AWS has moved block dates more than once, later as well as earlier, and
 * sometimes after the old date had passed (runtimes deprecated in 2024-2026
 * had their blocks postponed into 2027). A date is kept only when the newest
 * text read states it; where that text is older than a known move, the date is
 * 0 (unknown): the runtime then gets at most W2531, never a false error.
 * Runtimes with no date in any text read (dotnetcore3.1, dotnet6) are known
 * identifiers with no lifecycle finding.
 *
 * The identifiers are those of Lambda's API (the Runtime type of
 * CreateFunction, AWS Lambda API Reference, 2026): every value in it is here.
 * Container-image-only .NET versions (dotnet5.0, dotnet7, dotnet9) are not
 * values of it.
 */
#include "rules/lambda/runtimes.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules/lambda/lambda.h"
#include "util/text.h"

/* Newest first within a family; the first row of each family is its successor. */
static const struct sl_runtime runtimes[] = {
	/* Node.js */
	{ "nodejs24.x", "Node.js", 20280430, 20280601, 20280701 },     /* [L] */
	{ "nodejs22.x", "Node.js", 20270430, 20270601, 20270701 },     /* [L] */
	{ "nodejs20.x", "Node.js", 20260430, 0, 0 },      /* [L]; blocks moved (Jun->Aug 2026 and later) */
	{ "nodejs18.x", "Node.js", 20250901, 0, 0 },      /* [E]; blocks since moved */
	{ "nodejs16.x", "Node.js", 20240612, 0, 0 },      /* [E]; blocks since moved */
	{ "nodejs14.x", "Node.js", 20231127, 0, 0 },      /* [B] */
	{ "nodejs12.x", "Node.js", 20230331, 20230331, 0 }, /* [G]: deprecation = no more creating */
	{ "nodejs10.x", "Node.js", 20210730, 20210730, 20220214 },     /* [G] */
	{ "nodejs8.10", "Node.js", 20191231, 20200106, 20200306 },     /* [P] EOL, create; [G] update */
	{ "nodejs6.10", "Node.js", 20190430, 20190430, 20190812 },     /* [P]; [G] */
	{ "nodejs4.3", "Node.js", 20180430, 20181215, 20200305 },      /* [P]; [G] */
	{ "nodejs4.3-edge", "Node.js", 20180430, 20181215, 20190430 }, /* [P]; [G] */
	{ "nodejs", "Node.js", 20161031, 20161031, 20161031 },         /* [P]; [G] */
	/* Python */
	{ "python3.14", "Python", 20290630, 20290731, 20290831 },      /* [L] */
	{ "python3.13", "Python", 20290630, 20290731, 20290831 },      /* [L] */
	{ "python3.12", "Python", 20281031, 20281130, 20290110 },      /* [L] */
	{ "python3.11", "Python", 20270630, 20270731, 20270831 },      /* [L] */
	{ "python3.10", "Python", 20261031, 0, 0 },       /* [L]; blocks moved past those read */
	{ "python3.9", "Python", 20251215, 0, 0 },        /* [E]; blocks since moved */
	{ "python3.8", "Python", 20241014, 0, 0 },        /* [E]; blocks since moved */
	{ "python3.7", "Python", 20231127, 0, 0 },        /* [B] */
	{ "python3.6", "Python", 20220718, 20220718, 20220829 },       /* [G] */
	{ "python2.7", "Python", 20210715, 20210715, 20220530 },       /* [G] */
	/* Java */
	{ "java25", "Java", 20290630, 20290731, 20290831 },            /* [L] */
	{ "java21", "Java", 20290630, 20290731, 20290831 },            /* [L] */
	{ "java17", "Java", 20270630, 20270731, 20270831 },            /* [L] */
	{ "java11", "Java", 20270630, 20270731, 20270831 },            /* [L] */
	{ "java8.al2", "Java", 20270630, 20270731, 20270831 },         /* [L] */
	{ "java8", "Java", 20231231, 0, 0 },              /* [B] (Amazon Linux 1) */
	/* .NET */
	{ "dotnet10", ".NET", 20281114, 20281214, 20290115 },          /* [L] */
	{ "dotnet8", ".NET", 20261110, 20270201, 20270303 },           /* [L] */
	{ "dotnet6", ".NET", 0, 0, 0 },
	{ "dotnetcore3.1", ".NET", 0, 0, 0 },
	{ "dotnetcore2.1", ".NET", 20220105, 20220105, 20220413 },     /* [G] */
	{ "dotnetcore2.0", ".NET", 20190430, 20190430, 20190530 },     /* [P]; [G] */
	{ "dotnetcore1.0", ".NET", 20190627, 20190627, 20190730 },     /* [P]; [G] */
	/* Ruby */
	{ "ruby4.0", "Ruby", 20290331, 20290430, 20290531 },           /* [L] */
	{ "ruby3.4", "Ruby", 20280331, 20280430, 20280531 },           /* [L] */
	{ "ruby3.3", "Ruby", 20270331, 20270430, 20270531 },           /* [L] */
	{ "ruby3.2", "Ruby", 20260331, 0, 0 },            /* [E]; blocks not in the newest text read */
	{ "ruby2.7", "Ruby", 20231207, 0, 0 },            /* [B] */
	{ "ruby2.5", "Ruby", 20210730, 20210730, 20220331 },           /* [G] */
	/* OS-only (custom) runtimes, and Go, which now runs on them */
	{ "provided.al2023", "OS-only", 20290630, 20290731, 20290831 }, /* [L] */
	{ "provided.al2", "OS-only", 20260731, 20270201, 20270303 },   /* [L] */
	{ "provided", "OS-only", 20231231, 0, 0 },        /* [B] (Amazon Linux 1) */
	{ "go1.x", "Go", 20231231, 0, 0 },                /* [B] */
};

#define N_RUNTIMES (sizeof(runtimes) / sizeof(runtimes[0]))

const struct sl_runtime *sl_runtime_find(const char *id, size_t len)
{
	for (size_t i = 0; i < N_RUNTIMES; i++)
		if (strlen(runtimes[i].id) == len && memcmp(runtimes[i].id, id, len) == 0)
			return &runtimes[i];
	return NULL;
}

enum sl_runtime_phase sl_runtime_phase(const struct sl_runtime *r, uint32_t day)
{
	if (r->update_block && day >= r->update_block)
		return SL_RT_UPDATE_BLOCKED;
	if (r->create_block && day >= r->create_block)
		return SL_RT_CREATE_BLOCKED;
	if (r->deprecated && day >= r->deprecated)
		return SL_RT_DEPRECATED;
	return SL_RT_SUPPORTED;
}

const char *sl_runtime_successor(const struct sl_runtime *r)
{
	/* Go 1.x moves to the OS-only runtime (a Go binary named bootstrap) */
	const char *family = strcmp(r->family, "Go") == 0 ? "OS-only" : r->family;
	for (size_t i = 0; i < N_RUNTIMES; i++)
		if (strcmp(runtimes[i].family, family) == 0)
			return runtimes[i].id;
	return r->id;
}

/* ---- the template's runtimes ------------------------------------------- */

struct walk {
	void (*fn)(struct sl_ctx *c, const struct sl_node *value, void *ud);
	void *ud;
};

static void one_value(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	const struct walk *w = ud;
	if (sl_samr_is_string(v))
		w->fn(c, v, w->ud);
}

static void each_literal(struct sl_ctx *c, const struct sl_node *n, struct walk *w)
{
	if (n)
		sl_samr_each_value(n, one_value, c, w);
}

static void each_list_item(struct sl_ctx *c, const struct sl_node *list, struct walk *w);

static void list_value(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	if (sl_node_is(v, SL_SEQ))
		each_list_item(c, v, ud);
}

/* Each literal item of a list, or of each list an Fn::If may give. */
static void each_list_item(struct sl_ctx *c, const struct sl_node *list, struct walk *w)
{
	if (!list)
		return;
	if (!sl_node_is(list, SL_SEQ)) {
		const struct sl_node *k = sl_node_intrinsic(list);
		if (k && sl_str_eq(k, "Fn::If"))
			sl_samr_each_value(list, list_value, c, w);
		return;
	}
	for (size_t i = 0; i < list->len; i++)
		each_literal(c, list->items[i], w);
}

static bool is_image(const struct sl_node *props)
{
	return sl_str_eq(sl_map_get(props, "PackageType"), "Image");
}

/* The template's literal runtimes, collected once and shared by W2531,
 * E2531, E2533 and the unknown-runtime check (a memo of the template). */
struct found {
	const struct sl_node *value;
	bool layer; /* an item of a layer's CompatibleRuntimes */
};

struct runtimes_found {
	struct found *v;
	size_t n, cap;
	bool oom;
	bool layer; /* while collecting: what the next values are */
};

static void collect(struct sl_ctx *c, const struct sl_node *value, void *ud)
{
	(void)c;
	struct runtimes_found *rf = ud;
	if (rf->n == rf->cap) {
		size_t cap = rf->cap ? rf->cap * 2 : 8;
		struct found *p = realloc(rf->v, cap * sizeof *p);
		if (!p) {
			rf->oom = true;
			return;
		}
		rf->v = p;
		rf->cap = cap;
	}
	rf->v[rf->n++] = (struct found){ value, rf->layer };
}

static void free_found(void *p)
{
	struct runtimes_found *rf = p;
	if (rf)
		free(rf->v);
	free(rf);
}

static void collect_all(struct sl_ctx *c, struct runtimes_found *rf)
{
	const struct sl_template *t = c->t;
	struct walk w = { collect, rf };
	bool globals_used = false;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_LAM_FUNCTION, SL_SAM_FUNCTION, "AWS::Lambda::LayerVersion",
			   "AWS::Serverless::LayerVersion");
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_samr_props(e);
		rf->layer = false;
		if (sl_samr_type_is(e, SL_LAM_FUNCTION)) {
			if (!is_image(props))
				each_literal(c, sl_map_get(props, "Runtime"), &w);
		} else if (sl_samr_type_is(e, SL_SAM_FUNCTION)) {
			bool from_globals = false;
			const struct sl_node *rt = sl_sam_prop(t, e, "Runtime", &from_globals);
			const struct sl_node *pt = sl_sam_prop(t, e, "PackageType", NULL);
			if (sl_str_eq(pt, "Image"))
				continue;
			if (from_globals)
				globals_used = true;
			else
				each_literal(c, rt, &w);
		} else if (sl_samr_type_is(e, "AWS::Lambda::LayerVersion") ||
			   sl_samr_type_is(e, "AWS::Serverless::LayerVersion")) {
			rf->layer = true;
			each_list_item(c, sl_map_get(props, "CompatibleRuntimes"), &w);
		}
	}
	/* Globals' Runtime is one value however many functions take it: report it once */
	if (globals_used) {
		rf->layer = false;
		const struct sl_node *g = sl_sam_globals_for(t, SL_SAM_FUNCTION);
		each_literal(c, sl_map_get(g, "Runtime"), &w);
	}
}

static const char memo_key; /* the address identifies the memo */

void sl_runtime_each(struct sl_ctx *c, bool layers,
		     void (*fn)(struct sl_ctx *c, const struct sl_node *value, void *ud), void *ud)
{
	struct runtimes_found *rf = sl_memo_get(c, &memo_key);
	if (!rf) {
		rf = sl_memo_put(c, &memo_key, calloc(1, sizeof *rf), free_found);
		if (!rf) {
			c->oom = true;
			return;
		}
		collect_all(c, rf);
		if (rf->oom)
			c->oom = true;
	}
	for (size_t i = 0; i < rf->n; i++)
		if (layers || !rf->v[i].layer)
			fn(c, rf->v[i].value, ud);
}

/* ---- identifiers Lambda does not know ----------------------------------- */

/* The number of digits at s (at most 4), its value in *v. */
static size_t number(const char *s, size_t len, unsigned *v)
{
	size_t i = 0;
	*v = 0;
	while (i < len && i < 4 && s[i] >= '0' && s[i] <= '9')
		*v = *v * 10 + (unsigned)(s[i++] - '0');
	return i;
}

/* The version of a runtime of one of the numbered families, as major * 1000 +
 * minor: "nodejs20.x", "python3.12", "java21", "dotnet8", "ruby3.4". *family
 * gets the prefix ("nodejs", ...). False for any other shape. */
static bool numbered(const char *s, size_t len, const char **family, unsigned *version)
{
	static const struct {
		const char *prefix;
		bool minor;    /* a ".N" follows the major */
		bool x_suffix; /* then ".x" */
	} shapes[] = {
		{ "nodejs", false, true },
		{ "python", true, false },
		{ "java", false, false },
		{ "dotnet", false, false },
		{ "ruby", true, false },
	};
	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		size_t pl = strlen(shapes[i].prefix);
		if (len <= pl || memcmp(s, shapes[i].prefix, pl) != 0)
			continue;
		unsigned major = 0, minor = 0;
		size_t p = pl, n = number(s + p, len - p, &major);
		if (!n)
			return false;
		p += n;
		if (shapes[i].minor) {
			if (p >= len || s[p] != '.')
				return false;
			p++;
			n = number(s + p, len - p, &minor);
			if (!n)
				return false;
			p += n;
		}
		if (shapes[i].x_suffix) {
			if (len - p != 2 || s[p] != '.' || s[p + 1] != 'x')
				return false;
			p += 2;
		}
		if (p != len)
			return false;
		*family = shapes[i].prefix;
		*version = major * 1000 + minor;
		return true;
	}
	return false;
}

/* True when s has the shape of a numbered family's runtime newer than every
 * one in the table (Lambda may have added it since the table was written). */
static bool newer_than_known(const char *s, size_t len)
{
	const char *family;
	unsigned v;
	if (!numbered(s, len, &family, &v))
		return false;
	unsigned newest = 0;
	bool any = false;
	for (size_t i = 0; i < N_RUNTIMES; i++) {
		const char *f;
		unsigned kv;
		if (numbered(runtimes[i].id, strlen(runtimes[i].id), &f, &kv) && strcmp(f, family) == 0) {
			any = true;
			if (kv > newest)
				newest = kv;
		}
	}
	/* Node.js ships even (LTS) majors only */
	if (strcmp(family, "nodejs") == 0 && (v / 1000) % 2 != 0)
		return false;
	return any && v > newest;
}

/* The table's name of a numbered family ("nodejs" -> "Node.js"). */
static const char *family_name(const char *prefix)
{
	static const char *const names[][2] = {
		{ "nodejs", "Node.js" }, { "python", "Python" }, { "java", "Java" },
		{ "dotnet", ".NET" },    { "ruby", "Ruby" },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i][0], prefix) == 0)
			return names[i][1];
	return NULL;
}

const char *sl_runtime_family_of(const char *id, size_t len)
{
	const struct sl_runtime *r = sl_runtime_find(id, len);
	if (r)
		return r->family;
	const char *prefix;
	unsigned v;
	if (newer_than_known(id, len) && numbered(id, len, &prefix, &v))
		return family_name(prefix);
	return NULL;
}

int sl_runtime_snapstart(const char *id, size_t len)
{
	const char *family = sl_runtime_family_of(id, len);
	if (!family)
		return -1;
	const char *prefix;
	unsigned v;
	/* java8.al2, dotnetcore*, provided*, go1.x are not of a numbered form:
	 * none of them is a version SnapStart supports */
	if (!numbered(id, len, &prefix, &v))
		return 0;
	if (strcmp(prefix, "java") == 0)
		return v >= 11 * 1000;
	if (strcmp(prefix, "python") == 0)
		return v >= 3 * 1000 + 12;
	if (strcmp(prefix, "dotnet") == 0)
		return v >= 8 * 1000;
	return 0; /* Node.js, Ruby */
}

static size_t common_prefix(const char *a, size_t la, const char *b)
{
	size_t i = 0;
	while (i < la && b[i] && a[i] == b[i])
		i++;
	return i;
}

/* The known identifier closest to s by edit distance (ties: the longer common
 * prefix, then the newer runtime), or NULL when none is within a third of its
 * length. */
static const struct sl_runtime *closest(const char *s, size_t len)
{
	const struct sl_runtime *best = NULL;
	size_t bd = (size_t)-1, bp = 0;
	for (size_t i = 0; i < N_RUNTIMES; i++) {
		const char *id = runtimes[i].id;
		size_t d = sl_edit_distance(s, len, id, strlen(id));
		size_t p = common_prefix(s, len, id);
		if (d < bd || (d == bd && p > bp)) {
			best = &runtimes[i];
			bd = d;
			bp = p;
		}
	}
	size_t limit = len / 3 > 1 ? len / 3 : 1;
	return best && bd <= limit ? best : NULL;
}

static void unknown_value(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)ud;
	if (sl_runtime_find(v->str, v->len) || newer_than_known(v->str, v->len))
		return;
	const struct sl_runtime *near = closest(v->str, v->len);
	if (near && strcasecmp(near->id, v->str) == 0 && strlen(near->id) == v->len) {
		sl_report(c, v, "'%s' is not a Lambda runtime: identifiers are case-sensitive, use '%s'",
			  v->str, near->id);
		return;
	}
	if (near && strcmp(near->id, sl_runtime_successor(near)) == 0) {
		sl_report(c, v, "'%s' is not a Lambda runtime; did you mean '%s'?", v->str, near->id);
		return;
	}
	if (near) {
		sl_report(c, v, "'%s' is not a Lambda runtime; did you mean '%s'? (the newest %s runtime is "
			  "'%s')", v->str, near->id, near->family, sl_runtime_successor(near));
		return;
	}
	sl_report(c, v, "'%s' is not a Lambda runtime: Lambda accepts identifiers such as nodejs24.x, "
		  "python3.14, java25, dotnet10, ruby4.0 or provided.al2023 (an OS-only runtime for Go, "
		  "Rust and other compiled code)", v->str);
}

void sl_runtime_check_unknown(struct sl_ctx *c)
{
	sl_runtime_each(c, true, unknown_value, NULL);
}
