/*
 * The Lambda runtimes: every identifier Lambda accepts for a .zip function
 * (current and deprecated), each with the three dates of AWS Lambda's runtime
 * deprecation policy (deprecation, "block function create", "block function
 * update"), and the walk over the literal runtimes a template gives. The data
 * and where each date comes from are in runtimes.c. Read by W2531, E2531,
 * E2533 (the lifecycle), by sl_runtime_check_unknown() (identifiers
 * Lambda does not know), and by the SnapStart and inline-code rules (E2530,
 * I2530, E3677: a runtime's family and SnapStart support).
 */
#ifndef SL_RULES_LAMBDA_RUNTIMES_H
#define SL_RULES_LAMBDA_RUNTIMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/engine.h"

/* The page the dates come from, for the rules' `source`. */
#define SL_RUNTIMES_SOURCE "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"

struct sl_runtime {
	const char *id;     /* the identifier, e.g. "python3.12" */
	const char *family; /* the language as people name it: "Python", "Node.js", ... */
	/* YYYYMMDD; 0 when AWS has announced none, or when no AWS text that could
	 * be checked gives it (then no rule acts on it: a wrong date would make a
	 * false error) */
	uint32_t deprecated, create_block, update_block;
};

/* Where a runtime stands on a day. */
enum sl_runtime_phase {
	SL_RT_SUPPORTED = 0,  /* before its deprecation date (or none known) */
	SL_RT_DEPRECATED,     /* deprecated <= day < create block: still deployable (W2531) */
	SL_RT_CREATE_BLOCKED, /* create block <= day < update block (E2531) */
	SL_RT_UPDATE_BLOCKED, /* update block <= day (E2533) */
};

/* The runtime with exactly this identifier (case-sensitive, as Lambda reads
 * it), or NULL. */
const struct sl_runtime *sl_runtime_find(const char *id, size_t len);

/* The phase of r on day (YYYYMMDD). Unknown dates never arrive. */
enum sl_runtime_phase sl_runtime_phase(const struct sl_runtime *r, uint32_t day);

/* The newest runtime of r's family: the usual way out (go1.x and the
 * OS-only runtimes lead to provided.al2023). Never NULL. */
const char *sl_runtime_successor(const struct sl_runtime *r);

/* The language family of a runtime identifier, as the table names it
 * ("Node.js", "Python", "Java", ".NET", "Ruby", "OS-only", "Go"): that of a
 * known runtime, or of an identifier of a numbered family's form newer than
 * any in the table (nodejs26.x, python3.15, java29, dotnet12, ruby4.1).
 * NULL for anything else. */
const char *sl_runtime_family_of(const char *id, size_t len);

/* Whether Lambda SnapStart supports the runtime: 1 for Java 11 and later,
 * Python 3.12 and later and .NET 8 and later (newer identifiers of those
 * families included), 0 for every other known runtime (Node.js, Ruby, the
 * OS-only runtimes, Go, older Java, Python and .NET), -1 for an identifier
 * Lambda does not know (another rule's finding). From "Improving startup
 * performance with Lambda SnapStart", Supported features and limitations
 * (SL_SNAPSTART_SOURCE). */
int sl_runtime_snapstart(const char *id, size_t len);

#define SL_SNAPSTART_SOURCE "https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html"

/* Calls fn for every literal runtime of the template, at its value node:
 * Runtime of AWS::Lambda::Function (not of a container image function,
 * PackageType: Image, which E3685 reports) and of AWS::Serverless::Function,
 * Globals.Function.Runtime once when some serverless function takes it, and,
 * when layers is true, each item of CompatibleRuntimes of
 * AWS::Lambda::LayerVersion and AWS::Serverless::LayerVersion. Each literal
 * branch of an Fn::If is a value; what a Ref, Fn::FindInMap or another
 * function gives is decided at deploy time and skipped. */
void sl_runtime_each(struct sl_ctx *c, bool layers,
		     void (*fn)(struct sl_ctx *c, const struct sl_node *value, void *ud), void *ud);

/* Reports, under the rule being run (sl_report), every literal runtime of the
 * template (sl_runtime_each with layers) that is no identifier Lambda accepts,
 * with the closest known one as a suggestion. Identifiers newer than any in
 * the table but of a known family's form (nodejs26.x, python3.15, java29,
 * dotnet12, ruby4.1) are not reported: Lambda may have added them since. */
void sl_runtime_check_unknown(struct sl_ctx *c);

#endif
