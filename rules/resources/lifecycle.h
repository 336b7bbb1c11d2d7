/*
 * Lifecycle of AWS services, for the three rules that report resource types
 * of services leaving AWS: E3710 (shut down), W3696 (sunsetting: a shutdown
 * is announced) and W3697 (maintenance: closed to new customers, no new
 * features). The table in lifecycle.c is written from each service's own end
 * of support or availability change notice in the AWS documentation; each
 * entry names its page. A service whose notice could not be read in AWS text
 * is not in the table.
 */
#ifndef SL_RULES_RESOURCES_LIFECYCLE_H
#define SL_RULES_RESOURCES_LIFECYCLE_H

#include "engine/engine.h"

enum sl_lifecycle_status {
	SL_LC_SHUTDOWN = 0, /* shut down: creating the resource fails */
	SL_LC_SUNSET,       /* a shutdown is announced and lies ahead */
	SL_LC_MAINTENANCE,  /* closed to new customers, no new features */
};

struct sl_lifecycle {
	/* a whole service ("AWS::OpsWorks::", ending in "::") or one resource
	 * type ("AWS::Pinpoint::Campaign") */
	const char *match;
	/* the service as AWS names it in the notice */
	const char *service;
	/* SL_LC_SHUTDOWN entries: the day the service ends (YYYYMMDD), 0 when
	 * the notice says it has ended without a date; SL_LC_SUNSET: 0 (no
	 * single date: it varies by Region); SL_LC_MAINTENANCE: since when, or 0 */
	uint32_t date;
	/* SL_LC_SHUTDOWN for a service that ends on `date` (sunsetting before
	 * that day, shut down from it on), or the status it keeps */
	enum sl_lifecycle_status status;
	const char *source; /* the AWS page the entry is written from */
	const char *instead; /* the alternative the notice names, or NULL */
	/* for a feature rather than a service: what the notice says, replacing
	 * the generic wording (NULL for services) */
	const char *detail;
};

/* The entry for resource type `type` (len bytes), or NULL. */
const struct sl_lifecycle *sl_lifecycle_find(const char *type, size_t len);

/* The status of an entry on day `today` (YYYYMMDD): an announced shutdown is
 * SL_LC_SUNSET before its date and SL_LC_SHUTDOWN from it on. */
enum sl_lifecycle_status sl_lifecycle_status_on(const struct sl_lifecycle *lc, uint32_t today);

/* Reports every resource whose type has `status` on c->today (the lint date),
 * for the rule running in c, at the resource's Type. */
void sl_lifecycle_check(struct sl_ctx *c, enum sl_lifecycle_status status);

#endif
