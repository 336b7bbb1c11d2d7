/*
 * Calendar dates as one number, YYYYMMDD (20261206 for 6 December 2026), so
 * that comparing two dates is comparing two integers. Used for "today" in the
 * rules that depend on the date (the Lambda runtime lifecycle) and for the
 * dates of the tables they read. No allocation, no state, no time zone but UTC.
 */
#ifndef SL_UTIL_DATE_H
#define SL_UTIL_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Parses exactly "YYYY-MM-DD" (len bytes of s, no surrounding space) into
 * *out as YYYYMMDD. Returns true only for a real date of the Gregorian
 * calendar between years 1000 and 9999 (2026-02-29 is refused); *out is left
 * alone otherwise. */
bool sl_date_parse(const char *s, size_t len, uint32_t *out);

/* Today's date in UTC as YYYYMMDD. */
uint32_t sl_date_today(void);

/* Writes d as "YYYY-MM-DD" and a NUL into out. */
void sl_date_format(char out[11], uint32_t d);

#endif
