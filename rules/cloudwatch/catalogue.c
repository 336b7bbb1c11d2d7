/*
 * The CloudWatch metric catalogue the alarm rules read: the spec's (the
 * @aws-cdk/aws-service-spec catalogue compiled into the binary) and a
 * supplement for the namespaces where the spec is measurably behind, written
 * from each service's CloudWatch metric page (cited per namespace below). A
 * metric is known when either has it; its dimensions are the union of both.
 *
 * A namespace is "complete" when its whole metric page went into the
 * supplement: only there can a name be judged by edit distance, because two
 * real metrics of an incomplete list can be one edit apart (Kinesis has
 * PutRecord.Bytes and PutRecords.Bytes). Elsewhere a name is judged a slip
 * only when it equals a known one but for case and punctuation, or but for a
 * final s (no namespace has two metrics that differ only so).
 */
#include <ctype.h>
#include <string.h>

#include "rules/cloudwatch/cloudwatch.h"

struct sup_ns {
	const char *ns;
	bool complete;      /* every metric of the page is listed */
	bool dims_complete; /* every dimension of the page is listed */
	const char *source;
};

static const struct sup_ns namespaces[] = {
	{ "AWS/ApiGateway", true, true,
	  "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html" },
	{ "AWS/Kinesis", true, true,
	  "https://docs.aws.amazon.com/streams/latest/dev/monitoring-with-cloudwatch.html" },
	{ "AWS/Lambda", false, false,
	  "https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html" },
	{ "AWS/SQS", true, true,
	  "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html" },
};

struct sup_metric {
	const char *ns, *name;
	const char *dims; /* every dimension name the metric takes, comma-joined */
};

/* API Gateway: REST APIs (api-gateway-metrics-and-dimensions.html: ApiName;
 * ApiName, Stage; ApiName, Method, Resource, Stage), HTTP APIs
 * (http-api-metrics.html: ApiId; ApiId, Stage; ApiId, Stage, Route — earlier
 * editions named the errors 4XXError/5XXError), WebSocket APIs
 * (apigateway-websocket-api-logging.html: ApiId; ApiId, Stage; ApiId, Stage,
 * Route, in some editions ApiId, Method, Resource, Stage). */
#define REST "ApiName,Stage,Method,Resource"
#define V2 "ApiId,Stage,Route,Method,Resource"
#define BOTH "ApiName,ApiId,Stage,Method,Resource,Route"
/* Kinesis Data Streams: StreamName (stream level), StreamName and ShardId
 * (enhanced shard level), StreamName and ConsumerName (enhanced fan-out). */
#define KDS "StreamName,ShardId,ConsumerName"
/* Lambda (monitoring-metrics-types.html, monitoring-metrics-view.html,
 * urls-monitoring.html): by FunctionName, Resource (version or alias),
 * ExecutedVersion, EventSourceMappingUUID, or none (account level). */
#define LAM "FunctionName,Resource,ExecutedVersion,EventSourceMappingUUID"

static const struct sup_metric metrics[] = {
	{ "AWS/ApiGateway", "4XXError", BOTH },
	{ "AWS/ApiGateway", "4xx", V2 },
	{ "AWS/ApiGateway", "5XXError", BOTH },
	{ "AWS/ApiGateway", "5xx", V2 },
	{ "AWS/ApiGateway", "CacheHitCount", REST },
	{ "AWS/ApiGateway", "CacheMissCount", REST },
	{ "AWS/ApiGateway", "ClientError", V2 },
	{ "AWS/ApiGateway", "ConnectCount", V2 },
	{ "AWS/ApiGateway", "Count", BOTH },
	{ "AWS/ApiGateway", "DataProcessed", V2 },
	{ "AWS/ApiGateway", "ExecutionError", V2 },
	{ "AWS/ApiGateway", "IntegrationError", V2 },
	{ "AWS/ApiGateway", "IntegrationLatency", BOTH },
	{ "AWS/ApiGateway", "Latency", BOTH },
	{ "AWS/ApiGateway", "MessageCount", V2 },

	{ "AWS/Kinesis", "GetRecords.Bytes", KDS },
	{ "AWS/Kinesis", "GetRecords.IteratorAge", KDS },
	{ "AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", KDS },
	{ "AWS/Kinesis", "GetRecords.Latency", KDS },
	{ "AWS/Kinesis", "GetRecords.Records", KDS },
	{ "AWS/Kinesis", "GetRecords.Success", KDS },
	{ "AWS/Kinesis", "IncomingBytes", KDS },
	{ "AWS/Kinesis", "IncomingRecords", KDS },
	{ "AWS/Kinesis", "IteratorAgeMilliseconds", KDS },
	{ "AWS/Kinesis", "OutgoingBytes", KDS },
	{ "AWS/Kinesis", "OutgoingRecords", KDS },
	{ "AWS/Kinesis", "PutRecord.Bytes", KDS },
	{ "AWS/Kinesis", "PutRecord.Latency", KDS },
	{ "AWS/Kinesis", "PutRecord.Success", KDS },
	{ "AWS/Kinesis", "PutRecords.Bytes", KDS },
	{ "AWS/Kinesis", "PutRecords.FailedRecords", KDS },
	{ "AWS/Kinesis", "PutRecords.Latency", KDS },
	{ "AWS/Kinesis", "PutRecords.Records", KDS },
	{ "AWS/Kinesis", "PutRecords.Success", KDS },
	{ "AWS/Kinesis", "PutRecords.SuccessfulRecords", KDS },
	{ "AWS/Kinesis", "PutRecords.ThrottledRecords", KDS },
	{ "AWS/Kinesis", "PutRecords.TotalRecords", KDS },
	{ "AWS/Kinesis", "ReadProvisionedThroughputExceeded", KDS },
	{ "AWS/Kinesis", "SubscribeToShard.RateExceeded", KDS },
	{ "AWS/Kinesis", "SubscribeToShard.Success", KDS },
	{ "AWS/Kinesis", "SubscribeToShardEvent.Bytes", KDS },
	{ "AWS/Kinesis", "SubscribeToShardEvent.MillisBehindLatest", KDS },
	{ "AWS/Kinesis", "SubscribeToShardEvent.Records", KDS },
	{ "AWS/Kinesis", "SubscribeToShardEvent.Success", KDS },
	{ "AWS/Kinesis", "WriteProvisionedThroughputExceeded", KDS },

	/* invocation, deployment, performance, concurrency */
	{ "AWS/Lambda", "Invocations", LAM },
	{ "AWS/Lambda", "Errors", LAM },
	{ "AWS/Lambda", "DeadLetterErrors", LAM },
	{ "AWS/Lambda", "DestinationDeliveryFailures", LAM },
	{ "AWS/Lambda", "Throttles", LAM },
	{ "AWS/Lambda", "CPUThrottles", LAM },
	{ "AWS/Lambda", "MemoryThrottles", LAM },
	{ "AWS/Lambda", "DiskThrottles", LAM },
	{ "AWS/Lambda", "ConcurrencyThrottles", LAM },
	{ "AWS/Lambda", "OversizedRecordCount", LAM },
	{ "AWS/Lambda", "ProvisionedConcurrencyInvocations", LAM },
	{ "AWS/Lambda", "ProvisionedConcurrencySpilloverInvocations", LAM },
	{ "AWS/Lambda", "RecursiveInvocationsDropped", LAM },
	{ "AWS/Lambda", "SignatureValidationErrors", LAM },
	{ "AWS/Lambda", "Duration", LAM },
	{ "AWS/Lambda", "PostRuntimeExtensionsDuration", LAM },
	{ "AWS/Lambda", "IteratorAge", LAM },
	{ "AWS/Lambda", "OffsetLag", LAM },
	{ "AWS/Lambda", "ConcurrentExecutions", LAM },
	{ "AWS/Lambda", "ProvisionedConcurrentExecutions", LAM },
	{ "AWS/Lambda", "ProvisionedConcurrencyUtilization", LAM },
	{ "AWS/Lambda", "UnreservedConcurrentExecutions", LAM },
	{ "AWS/Lambda", "ClaimedAccountConcurrency", LAM },
	/* asynchronous invocation */
	{ "AWS/Lambda", "AsyncEventsReceived", LAM },
	{ "AWS/Lambda", "AsyncEventAge", LAM },
	{ "AWS/Lambda", "AsyncEventsDropped", LAM },
	/* event source mappings */
	{ "AWS/Lambda", "PolledEventCount", LAM },
	{ "AWS/Lambda", "FilteredOutEventCount", LAM },
	{ "AWS/Lambda", "InvokedEventCount", LAM },
	{ "AWS/Lambda", "FailedInvokeEventCount", LAM },
	{ "AWS/Lambda", "DroppedEventCount", LAM },
	{ "AWS/Lambda", "OnFailureDestinationDeliveredEventCount", LAM },
	{ "AWS/Lambda", "DeletedEventCount", LAM },
	{ "AWS/Lambda", "CommittedEventCount", LAM },
	{ "AWS/Lambda", "PollingErrorCount", LAM },
	{ "AWS/Lambda", "InvokeErrorCount", LAM },
	{ "AWS/Lambda", "OnFailureDestinationDeliveryErrorCount", LAM },
	{ "AWS/Lambda", "SchemaRegistryErrorCount", LAM },
	{ "AWS/Lambda", "CommitErrorCount", LAM },
	{ "AWS/Lambda", "MaxOffsetLag", LAM },
	{ "AWS/Lambda", "SumOffsetLag", LAM },
	{ "AWS/Lambda", "ProvisionedPollers", LAM },
	{ "AWS/Lambda", "EventPollerUnit", LAM },
	{ "AWS/Lambda", "EventPollerThroughputInBytes", LAM },
	/* function URLs (urls-monitoring.html) */
	{ "AWS/Lambda", "UrlRequestCount", LAM },
	{ "AWS/Lambda", "UrlRequestLatency", LAM },
	{ "AWS/Lambda", "Url4xxCount", LAM },
	{ "AWS/Lambda", "Url5xxCount", LAM },

	/* "The only dimension that Amazon SQS sends to CloudWatch is QueueName." */
	{ "AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName" },
	{ "AWS/SQS", "ApproximateNumberOfGroupsWithInflightMessages", "QueueName" },
	{ "AWS/SQS", "ApproximateNumberOfMessagesDelayed", "QueueName" },
	{ "AWS/SQS", "ApproximateNumberOfMessagesNotVisible", "QueueName" },
	{ "AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName" },
	{ "AWS/SQS", "NumberOfDeduplicatedSentMessages", "QueueName" },
	{ "AWS/SQS", "NumberOfEmptyReceives", "QueueName" },
	{ "AWS/SQS", "NumberOfMessagesDeleted", "QueueName" },
	{ "AWS/SQS", "NumberOfMessagesReceived", "QueueName" },
	{ "AWS/SQS", "NumberOfMessagesSent", "QueueName" },
	{ "AWS/SQS", "SentMessageSize", "QueueName" },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct sup_ns *sup_namespace(const char *ns)
{
	for (size_t i = 0; i < NELEM(namespaces); i++)
		if (strcmp(namespaces[i].ns, ns) == 0)
			return &namespaces[i];
	return NULL;
}

static const struct sup_metric *sup_metric(const char *ns, const char *name)
{
	for (size_t i = 0; i < NELEM(metrics); i++)
		if (strcmp(metrics[i].ns, ns) == 0 && strcmp(metrics[i].name, name) == 0)
			return &metrics[i];
	return NULL;
}

/* Equal but for case and punctuation (letters and digits compared). */
static bool fold_eq(const char *a, const char *b)
{
	for (;;) {
		while (*a && !isalnum((unsigned char)*a))
			a++;
		while (*b && !isalnum((unsigned char)*b))
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
		a++, b++;
	}
}

/* How near `name` is to candidate cand: 0 unrelated, 1 a fold slip, 2 a
 * plural slip (a final s added or dropped), else 2 + the edit distance when
 * edits count (one or two, at most a quarter of the name). */
static unsigned nearness(const char *name, const char *cand, bool edits)
{
	if (strcmp(name, cand) == 0)
		return 0;
	if (fold_eq(name, cand))
		return 1;
	size_t ln = strlen(name), lc = strlen(cand);
	/* a plural slip: Error for Errors, Invocation for Invocations */
	if (ln >= 4 && lc >= 4 &&
	    ((ln + 1 == lc && cand[ln] == 's' && memcmp(name, cand, ln) == 0) ||
	     (lc + 1 == ln && name[lc] == 's' && memcmp(name, cand, lc) == 0)))
		return 2;
	if (!edits)
		return 0;
	if ((ln > lc ? ln - lc : lc - ln) > 2)
		return 0;
	size_t d = sl_edit_distance(name, ln, cand, lc);
	return d >= 1 && d <= 2 && 4 * d <= ln ? 2 + (unsigned)d : 0;
}

/* Keeps the best candidate seen: a lower nearness wins, the first of equals. */
static void consider(const char **best, unsigned *bn, const char *name, const char *cand, bool edits)
{
	unsigned n = nearness(name, cand, edits);
	if (n && (!*bn || n < *bn)) {
		*bn = n;
		*best = cand;
	}
}

bool sl_cw_namespace_known(const struct sl_spec *s, const char *ns)
{
	return sl_spec_namespace_known(s, ns, strlen(ns)) || sup_namespace(ns) != NULL;
}

const char *sl_cw_namespace_near(const struct sl_spec *s, const char *ns)
{
	if (sl_cw_namespace_known(s, ns))
		return NULL;
	for (uint32_t i = 0; i < sl_spec_nnamespaces(s); i++) {
		const char *k = sl_spec_namespace_name(s, i);
		if (k && fold_eq(ns, k))
			return k;
	}
	for (size_t i = 0; i < NELEM(namespaces); i++)
		if (fold_eq(ns, namespaces[i].ns))
			return namespaces[i].ns;
	return NULL;
}

bool sl_cw_namespace_complete(const char *ns, const char **source)
{
	const struct sup_ns *n = sup_namespace(ns);
	if (source)
		*source = n ? n->source : NULL;
	return n && n->complete;
}

bool sl_cw_dimensions_complete(const char *ns)
{
	const struct sup_ns *n = sup_namespace(ns);
	return n && n->dims_complete;
}

bool sl_cw_metric_known(const struct sl_spec *s, const char *ns, const char *name)
{
	return sl_spec_metric(s, ns, strlen(ns), name, strlen(name)) != SL_SPEC_NONE ||
	       sup_metric(ns, name) != NULL;
}

const char *sl_cw_metric_near(const struct sl_spec *s, const char *ns, const char *name)
{
	if (sl_cw_metric_known(s, ns, name))
		return NULL;
	bool edits = sl_cw_namespace_complete(ns, NULL);
	const char *best = NULL;
	unsigned bn = 0;
	uint32_t first, n = sl_spec_namespace_metrics(s, ns, strlen(ns), &first);
	for (uint32_t i = 0; i < n; i++) {
		const char *m = sl_spec_metric_name(s, first + i);
		if (m)
			consider(&best, &bn, name, m, edits);
	}
	for (size_t i = 0; i < NELEM(metrics); i++)
		if (strcmp(metrics[i].ns, ns) == 0)
			consider(&best, &bn, name, metrics[i].name, edits);
	return best;
}

/* Calls fn on each name of a comma-joined list; stops when it returns true. */
static bool each_name(const char *list, bool (*fn)(const char *p, size_t len, void *ud), void *ud)
{
	while (list && *list) {
		const char *e = strchr(list, ',');
		size_t len = e ? (size_t)(e - list) : strlen(list);
		if (len && fn(list, len, ud))
			return true;
		list = e ? e + 1 : NULL;
	}
	return false;
}

/* Calls fn on each dimension name of the metric, spec's sets then the
 * supplement's; true when fn stopped. */
static bool each_dimension(const struct sl_spec *s, const char *ns, const char *metric,
			   bool (*fn)(const char *p, size_t len, void *ud), void *ud)
{
	uint32_t m = sl_spec_metric(s, ns, strlen(ns), metric, strlen(metric));
	for (uint32_t j = 0; m != SL_SPEC_NONE && j < sl_spec_metric_ndimsets(s, m); j++)
		if (each_name(sl_spec_metric_dimset(s, m, j), fn, ud))
			return true;
	const struct sup_metric *sm = sup_metric(ns, metric);
	return sm && each_name(sm->dims, fn, ud);
}

static bool is_dim(const char *p, size_t len, void *ud)
{
	const char *dim = ud;
	return strlen(dim) == len && memcmp(dim, p, len) == 0;
}

bool sl_cw_dimension_known(const struct sl_spec *s, const char *ns, const char *metric,
			   const char *dim)
{
	return each_dimension(s, ns, metric, is_dim, (void *)dim);
}

struct near_dim {
	const char *dim;
	bool edits;
	char cand[72];
	char *buf;
	size_t n;
	unsigned bn;
};

static bool near_dim(const char *p, size_t len, void *ud)
{
	struct near_dim *nd = ud;
	if (len >= sizeof(nd->cand))
		return false;
	memcpy(nd->cand, p, len);
	nd->cand[len] = '\0';
	unsigned n = nearness(nd->dim, nd->cand, nd->edits);
	if (n && (!nd->bn || n < nd->bn) && len < nd->n) {
		nd->bn = n;
		memcpy(nd->buf, p, len);
		nd->buf[len] = '\0';
	}
	return false;
}

const char *sl_cw_dimension_near(const struct sl_spec *s, const char *ns, const char *metric,
				 const char *dim, char *buf, size_t n)
{
	struct near_dim nd = { .dim = dim, .edits = sl_cw_dimensions_complete(ns), .buf = buf, .n = n };
	if (!n || sl_cw_dimension_known(s, ns, metric, dim))
		return NULL;
	each_dimension(s, ns, metric, near_dim, &nd);
	return nd.bn ? buf : NULL;
}

struct list_dim {
	char *buf;
	size_t n, used;
};

static bool list_dim(const char *p, size_t len, void *ud)
{
	struct list_dim *ld = ud;
	/* skip one already listed */
	for (const char *q = ld->buf; q && *q;) {
		const char *e = strchr(q, ',');
		size_t l = e ? (size_t)(e - q) : strlen(q);
		if (l == len && memcmp(q, p, len) == 0)
			return false;
		q = e ? e + 2 : NULL;
	}
	size_t need = len + (ld->used ? 2 : 0);
	if (ld->used + need + 1 > ld->n)
		return true;
	if (ld->used) {
		memcpy(ld->buf + ld->used, ", ", 2);
		ld->used += 2;
	}
	memcpy(ld->buf + ld->used, p, len);
	ld->used += len;
	ld->buf[ld->used] = '\0';
	return false;
}

const char *sl_cw_dimension_list(const struct sl_spec *s, const char *ns, const char *metric,
				 char *buf, size_t n)
{
	struct list_dim ld = { buf, n, 0 };
	if (!n)
		return NULL;
	buf[0] = '\0';
	each_dimension(s, ns, metric, list_dim, &ld);
	return buf;
}
