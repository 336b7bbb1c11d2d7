/* API Gateway stage method settings (see stage.h). */
#include "rules/lambda/stage.h"

static const char *const settings[] = {
	"CacheDataEncrypted", "CacheTtlInSeconds", "CachingEnabled", "DataTraceEnabled",
	"LoggingLevel", "MetricsEnabled", "ThrottlingBurstLimit", "ThrottlingRateLimit",
};

bool sl_stage_setting_sets(const struct sl_node *ms)
{
	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
		const struct sl_node *v = sl_map_get(ms, settings[i]);
		if (v && !sl_samr_is_novalue(v))
			return true;
	}
	return false;
}

static void each_in(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props, void *ud)
{
	(void)e;
	void (*fn)(struct sl_ctx *, const struct sl_node *) = *(void (**)(struct sl_ctx *, const struct sl_node *))ud;
	const struct sl_node *list = sl_map_get(props, "MethodSettings");
	for (size_t i = 0; sl_node_is(list, SL_SEQ) && i < list->len; i++) {
		const struct sl_node *ms = list->items[i];
		if (sl_node_is(ms, SL_MAP) && !sl_node_intrinsic(ms))
			fn(c, ms);
	}
}

void sl_stage_each_setting(struct sl_ctx *c, void (*fn)(struct sl_ctx *c, const struct sl_node *ms))
{
	sl_samr_each_resource(c, "AWS::ApiGateway::Stage", each_in, &fn);
	sl_samr_each_resource(c, SL_SAM_API, each_in, &fn);
}
