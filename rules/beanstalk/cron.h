/*
 * Helpers shared by the rules on an Elastic Beanstalk worker environment's
 * cron.yaml (E99901-E99903): its documentation page, and whether a file named
 * cron.yaml is Elastic Beanstalk's at all. Google App Engine reads a file of
 * the same name (a `cron` list of tasks with url, schedule and description,
 * schedules written as "every 24 hours"); such a file is left alone by every
 * cron.yaml rule. These rules run on the file's document root (c->root).
 */
#ifndef SL_RULES_BEANSTALK_CRON_H
#define SL_RULES_BEANSTALK_CRON_H

#include <stdbool.h>
#include <string.h>

#include "rules/beanstalk/ebfiles.h"

/* "Elastic Beanstalk worker environments", section "Periodic tasks". */
#define SL_EB_CRON_DOC SL_EB_DOC "using-features-managing-env-tiers.html#worker-periodictasks"

/* True when the len bytes at s contain the word w (bounded by the text's
 * ends or by characters that are not letters). */
static inline bool sl_eb_cron_has_word(const char *s, size_t len, const char *w)
{
	size_t wl = strlen(w);
	for (size_t i = 0; i + wl <= len; i++) {
		if (memcmp(s + i, w, wl) != 0)
			continue;
		bool before = i == 0 || !((s[i - 1] | 32) >= 'a' && (s[i - 1] | 32) <= 'z');
		bool after = i + wl == len || !((s[i + wl] | 32) >= 'a' && (s[i + wl] | 32) <= 'z');
		if (before && after)
			return true;
	}
	return false;
}

/* True when root reads as Google App Engine's cron.yaml rather than Elastic
 * Beanstalk's: it has no top-level `version` (Elastic Beanstalk's example
 * starts with `version: 1`; App Engine's format has no such key) and a task of
 * its `cron` list has no `name` (App Engine's tasks have none), has a key only
 * App Engine reads (target, timezone, retry_parameters), or an App Engine
 * schedule ("every 24 hours", "1st monday of month 09:00"). Linear in the
 * number of tasks. */
static inline bool sl_eb_cron_is_appengine(const struct sl_node *root)
{
	if (!sl_node_is(root, SL_MAP) || sl_map_get(root, "version"))
		return false;
	const struct sl_node *cron = sl_map_get(root, "cron");
	for (uint32_t i = 0; sl_node_is(cron, SL_SEQ) && i < cron->len; i++) {
		const struct sl_node *task = cron->items[i];
		if (!sl_node_is(task, SL_MAP))
			continue;
		if (!sl_map_get(task, "name") || sl_map_get(task, "target") ||
		    sl_map_get(task, "timezone") || sl_map_get(task, "retry_parameters"))
			return true;
		const struct sl_node *s = sl_map_get(task, "schedule");
		if (sl_node_is(s, SL_SCALAR) && (sl_eb_cron_has_word(s->str, s->len, "every") ||
						 sl_eb_cron_has_word(s->str, s->len, "of")))
			return true;
	}
	return false;
}

/* The `cron` list of tasks of an Elastic Beanstalk cron.yaml: NULL when root
 * is not a mapping, has no `cron` list, or reads as App Engine's file. */
static inline const struct sl_node *sl_eb_cron_tasks(const struct sl_node *root)
{
	const struct sl_node *cron = sl_map_get(root, "cron");
	if (!sl_node_is(cron, SL_SEQ) || sl_eb_cron_is_appengine(root))
		return NULL;
	return cron;
}

#endif
