/* The deployment package of an AWS::Lambda::Function: see zip.h. */
#include "rules/lambda/zip.h"

bool sl_lam_present(const struct sl_node *n)
{
	return n && !sl_node_is_null(n) && !sl_samr_is_novalue(n);
}

struct code_shape {
	bool other; /* a value that is not a plain map */
	bool image; /* a map with ImageUri */
	bool any;
};

static void code_value(const struct sl_node *v, const struct sl_lam_when *when, void *ud)
{
	(void)when;
	struct code_shape *s = ud;
	s->any = true;
	if (!sl_node_is(v, SL_MAP) || sl_node_intrinsic(v))
		s->other = true;
	else if (sl_lam_present(sl_map_get(v, "ImageUri")))
		s->image = true;
}

int sl_lam_is_zip(const struct sl_node *props)
{
	const struct sl_node *pt = sl_map_get(props, "PackageType");
	if (sl_lam_present(pt)) {
		if (sl_str_eq(pt, "Zip"))
			return 1;
		return sl_str_eq(pt, "Image") ? 0 : -1;
	}
	struct code_shape s = { false, false, false };
	sl_lam_each_branch(sl_map_get(props, "Code"), NULL, code_value, &s);
	if (s.image)
		return 0;
	return s.any && !s.other ? 1 : -1;
}

struct inline_walk {
	void (*fn)(const struct sl_node *zipfile, const struct sl_lam_when *when, void *ud);
	void *ud;
};

static void inline_value(const struct sl_node *v, const struct sl_lam_when *when, void *ud)
{
	const struct inline_walk *w = ud;
	if (!sl_node_is(v, SL_MAP) || sl_node_intrinsic(v))
		return;
	const struct sl_node *z = sl_map_get(v, "ZipFile");
	if (sl_lam_present(z))
		w->fn(z, when, w->ud);
}

void sl_lam_each_inline_code(const struct sl_node *code,
			     void (*fn)(const struct sl_node *zipfile, const struct sl_lam_when *when,
					void *ud),
			     void *ud)
{
	struct inline_walk w = { fn, ud };
	sl_lam_each_branch(code, NULL, inline_value, &w);
}
