/* Literal numbers and event source ARNs for the storage and queue rules (storage.h). */
#include "rules/storage/storage.h"

#include <string.h>

bool sl_sto_absent(const struct sl_node *n)
{
	return !n || sl_node_is_null(n) || sl_samr_is_novalue(n);
}

const struct sl_pair *sl_sto_set_pair(const struct sl_node *props, const char *name)
{
	const struct sl_pair *p = sl_map_get_pair(props, name);
	if (!p || sl_sto_absent(p->value) || !sl_samr_item_certain(p->value))
		return NULL;
	return p;
}

bool sl_sto_props_open(const struct sl_node *props)
{
	for (size_t i = 0; sl_node_is(props, SL_MAP) && i < props->len; i++)
		if (sl_foreach_key(props->pairs[i].key))
			return true;
	return false;
}

/* sl_sto_int_prop() for v, the value of a property of the Properties map
 * props (NULL when absent) however it was looked up. */
static int int_value(const struct sl_node *props, const struct sl_node *v, long long def,
		     long long *out, const struct sl_node **at)
{
	if (!v && sl_sto_props_open(props))
		return 0;
	if (sl_sto_absent(v)) {
		*out = def;
		*at = NULL;
		return 1;
	}
	if (!sl_samr_int(v, out))
		return 0;
	*at = v;
	return 1;
}

int sl_sto_int_prop(const struct sl_node *props, const char *name, long long def, long long *out,
		    const struct sl_node **at)
{
	return int_value(props, sl_map_get(props, name), def, out, at);
}

/* The field of an ARN after `skip` colons (the service is field 2), ignoring
 * colons inside Fn::Sub's ${...}; false when the string has fewer fields or
 * does not start with "arn:". */
static bool arn_field(const char *s, size_t len, int skip, const char **f, size_t *flen)
{
	if (len < 4 || memcmp(s, "arn:", 4) != 0)
		return false;
	size_t i = 0;
	int depth = 0;
	for (int k = 0; k < skip; k++) {
		for (; i < len; i++) {
			if (s[i] == '$' && i + 1 < len && s[i + 1] == '{')
				depth++;
			else if (s[i] == '}' && depth)
				depth--;
			else if (s[i] == ':' && !depth)
				break;
		}
		if (i == len)
			return false;
		i++;
	}
	size_t start = i;
	while (i < len && s[i] != ':')
		i++;
	if (i == len)
		return false;
	*f = s + start;
	*flen = i - start;
	return true;
}

static enum sl_sto_service service_name(const char *f, size_t n)
{
	static const struct {
		const char *name;
		enum sl_sto_service svc;
	} names[] = {
		{"sqs", SL_STO_SVC_SQS},
		{"kinesis", SL_STO_SVC_KINESIS},
		{"dynamodb", SL_STO_SVC_DYNAMODB},
		{"kafka", SL_STO_SVC_KAFKA},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == n && memcmp(names[i].name, f, n) == 0)
			return names[i].svc;
	return SL_STO_SVC_UNKNOWN;
}

/* The literal text of an ARN value: a plain string, or the template of an
 * Fn::Sub (its string form, or the first item of its list form). */
static const struct sl_node *arn_text(const struct sl_node *arn, bool *sub)
{
	const struct sl_node *k = sl_node_intrinsic(arn);
	*sub = false;
	if (!k)
		return sl_samr_is_string(arn) ? arn : NULL;
	if (!sl_str_eq(k, "Fn::Sub"))
		return NULL;
	const struct sl_node *v = arn->pairs[0].value;
	if (sl_node_is(v, SL_SEQ) && v->len >= 1)
		v = v->items[0];
	*sub = true;
	return sl_node_is(v, SL_SCALAR) ? v : NULL;
}

/* The resource a Ref or GetAtt names, with the attribute (NULL for a Ref). */
static const struct sl_entity *named(const struct sl_template *t, const struct sl_node *v,
				     const char **attr)
{
	const struct sl_node *k = sl_node_intrinsic(v);
	const struct sl_node *a = k ? v->pairs[0].value : NULL;
	*attr = NULL;
	if (sl_str_eq(k, "Ref") && sl_node_is(a, SL_SCALAR))
		return sl_index_find(&t->resources, a->str, a->len);
	if (!sl_str_eq(k, "Fn::GetAtt"))
		return NULL;
	if (sl_node_is(a, SL_SEQ) && a->len == 2 && sl_node_is(a->items[0], SL_SCALAR) &&
	    sl_node_is(a->items[1], SL_SCALAR)) {
		*attr = a->items[1]->str;
		return sl_index_find(&t->resources, a->items[0]->str, a->items[0]->len);
	}
	if (sl_node_is(a, SL_SCALAR)) {
		const char *dot = memchr(a->str, '.', a->len);
		if (!dot)
			return NULL;
		*attr = dot + 1;
		return sl_index_find(&t->resources, a->str, (size_t)(dot - a->str));
	}
	return NULL;
}

enum sl_sto_service sl_sto_arn_service(const struct sl_template *t, const struct sl_node *arn)
{
	bool sub;
	const struct sl_node *s = arn_text(arn, &sub);
	if (s) {
		const char *f;
		size_t n;
		if (!arn_field(s->str, s->len, 2, &f, &n) || memchr(f, '$', n))
			return SL_STO_SVC_UNKNOWN;
		return service_name(f, n);
	}
	const char *attr;
	const struct sl_entity *e = named(t, arn, &attr);
	if (!e)
		return SL_STO_SVC_UNKNOWN;
	bool arn_attr = attr && strcmp(attr, "Arn") == 0;
	if (sl_samr_type_is(e, SL_STO_QUEUE) && arn_attr)
		return SL_STO_SVC_SQS;
	if (sl_samr_type_is(e, "AWS::Kinesis::Stream") && arn_attr)
		return SL_STO_SVC_KINESIS;
	if (sl_samr_type_is(e, "AWS::Kinesis::StreamConsumer") && attr &&
	    strcmp(attr, "ConsumerARN") == 0)
		return SL_STO_SVC_KINESIS;
	if ((sl_samr_type_is(e, "AWS::DynamoDB::Table") || sl_samr_type_is(e, "AWS::DynamoDB::GlobalTable")) &&
	    attr && strcmp(attr, "StreamArn") == 0)
		return SL_STO_SVC_DYNAMODB;
	if ((sl_samr_type_is(e, "AWS::MSK::Cluster") || sl_samr_type_is(e, "AWS::MSK::ServerlessCluster")) &&
	    (!attr || arn_attr))
		return SL_STO_SVC_KAFKA;
	return SL_STO_SVC_UNKNOWN;
}

const struct sl_pair *sl_s3_cors_rules(const struct sl_entity *bucket)
{
	if (!sl_samr_type_is(bucket, SL_STO_BUCKET))
		return NULL;
	const struct sl_node *cors = sl_map_get(sl_samr_props(bucket), "CorsConfiguration");
	if (!sl_node_is(cors, SL_MAP) || sl_node_intrinsic(cors))
		return NULL;
	const struct sl_pair *rules = sl_map_get_pair(cors, "CorsRules");
	return rules && sl_node_is(rules->value, SL_SEQ) ? rules : NULL;
}

/* --- SQS event sources ---------------------------------------------------- */

static bool is_function(const struct sl_entity *e)
{
	return e && (sl_samr_type_is(e, "AWS::Lambda::Function") || sl_samr_type_is(e, SL_SAM_FUNCTION));
}

/* The function of the template a FunctionName value names: Ref or GetAtt .Arn
 * of a function, `!Ref Fn.Alias` of a SAM function, or (once) an alias or a
 * version of the template whose own FunctionName names one. */
static const struct sl_entity *function_of(const struct sl_template *t, const struct sl_node *v, int depth)
{
	const char *attr;
	const struct sl_entity *e = named(t, v, &attr);
	if (!e) {
		const struct sl_node *k = sl_node_intrinsic(v);
		const struct sl_node *a = k ? v->pairs[0].value : NULL;
		if (sl_str_eq(k, "Ref") && sl_node_is(a, SL_SCALAR) && a->len > 6 &&
		    memcmp(a->str + a->len - 6, ".Alias", 6) == 0) {
			e = sl_index_find(&t->resources, a->str, a->len - 6);
			return e && sl_samr_type_is(e, SL_SAM_FUNCTION) ? e : NULL;
		}
		return NULL;
	}
	if (attr && strcmp(attr, "Arn") != 0)
		return NULL;
	if (is_function(e))
		return e;
	if (depth == 0 && (sl_samr_type_is(e, "AWS::Lambda::Alias") || sl_samr_type_is(e, "AWS::Lambda::Version")))
		return function_of(t, sl_map_get(sl_samr_props(e), "FunctionName"), 1);
	return NULL;
}

/* FIFO or not: 1, 0, or -1 when an intrinsic function decides. */
static int queue_fifo(const struct sl_entity *q)
{
	const struct sl_node *f = sl_map_get(sl_samr_props(q), "FifoQueue");
	if (sl_sto_absent(f))
		return 0;
	if (sl_node_intrinsic(f) || !sl_node_is(f, SL_SCALAR))
		return -1;
	if (sl_scalar_bool(f) == 1 || sl_str_eq(f, "true") || sl_str_eq(f, "True"))
		return 1;
	return 0;
}

/* Fills s->queue and s->fifo from an ARN value known to be an SQS queue's. */
static void resolve_queue(const struct sl_template *t, const struct sl_node *arn, struct sl_sqs_source *s)
{
	const char *attr;
	const struct sl_entity *e = named(t, arn, &attr);
	s->queue = NULL;
	s->fifo = -1;
	if (e && sl_samr_type_is(e, SL_STO_QUEUE) && attr && strcmp(attr, "Arn") == 0) {
		s->queue = e;
		s->fifo = queue_fifo(e);
		return;
	}
	bool sub;
	const struct sl_node *txt = arn_text(arn, &sub);
	if (!txt)
		return;
	if (txt->len >= 5 && memcmp(txt->str + txt->len - 5, ".fifo", 5) == 0)
		s->fifo = 1;
	else if (!sub || !memchr(txt->str, '$', txt->len) ||
		 (txt->len && txt->str[txt->len - 1] != '}'))
		s->fifo = 0;
}

void sl_sqs_each_source(struct sl_ctx *c,
			void (*fn)(struct sl_ctx *c, const struct sl_sqs_source *s, void *ud), void *ud)
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_STO_ESM, SL_SAM_FUNCTION);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_samr_props(e);
		if (!props)
			continue;
		if (sl_samr_type_is(e, SL_STO_ESM)) {
			const struct sl_node *arn = sl_map_get(props, "EventSourceArn");
			if (sl_sto_arn_service(t, arn) != SL_STO_SVC_SQS)
				continue;
			struct sl_sqs_source s = {.res = e, .props = props};
			resolve_queue(t, arn, &s);
			s.function = function_of(t, sl_map_get(props, "FunctionName"), 0);
			fn(c, &s, ud);
		} else if (sl_samr_type_is(e, SL_SAM_FUNCTION)) {
			const struct sl_node *events = sl_map_get(props, "Events");
			for (size_t j = 0; sl_node_is(events, SL_MAP) && j < events->len; j++) {
				const struct sl_node *ev = events->pairs[j].value;
				const struct sl_node *ep = sl_map_get(ev, "Properties");
				if (!sl_str_eq(sl_map_get(ev, "Type"), "SQS") || !sl_node_is(ep, SL_MAP) ||
				    sl_node_intrinsic(ep))
					continue;
				struct sl_sqs_source s = {.res = e, .event = events->pairs[j].key, .props = ep,
							  .function = e};
				resolve_queue(t, sl_map_get(ep, "Queue"), &s);
				fn(c, &s, ud);
			}
		}
	}
}

int sl_sqs_function_timeout(const struct sl_template *t, const struct sl_entity *fn, long long *out,
			    const struct sl_node **at)
{
	if (sl_samr_type_is(fn, SL_SAM_FUNCTION))
		return int_value(sl_samr_props(fn), sl_sam_prop(t, fn, "Timeout", NULL), 3, out, at);
	return sl_sto_int_prop(sl_samr_props(fn), "Timeout", 3, out, at);
}

int sl_sqs_timeouts(struct sl_sqs_timeouts *out, const struct sl_template *t,
		    const struct sl_sqs_source *s)
{
	return s->queue && s->function &&
	       sl_sqs_function_timeout(t, s->function, &out->function, &out->function_at) &&
	       sl_sto_int_prop(sl_samr_props(s->queue), "VisibilityTimeout", 30, &out->visibility,
			       &out->visibility_at);
}
