/* Helpers shared by the Elastic Load Balancing rules (see elb.h). */
#include "rules/elb/elb.h"

int sl_elb_set(const struct sl_node *props, const char *name, const struct sl_pair **out)
{
	const struct sl_pair *p = sl_map_get_pair(props, name);
	if (out)
		*out = p;
	if (!p || sl_samr_is_null(p->value) || sl_samr_is_novalue(p->value))
		return 0;
	return sl_samr_item_certain(p->value) ? 1 : -1;
}
