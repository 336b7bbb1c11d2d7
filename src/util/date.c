/* Calendar dates as YYYYMMDD numbers: see date.h. */
#include "util/date.h"

#include <stdio.h>
#include <time.h>

static bool leap(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned days_in(unsigned y, unsigned m)
{
	static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* The decimal number of n digits at s, or -1 when one is not a digit. */
static long digits(const char *s, size_t n)
{
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool sl_date_parse(const char *s, size_t len, uint32_t *out)
{
	if (!s || len != 10 || s[4] != '-' || s[7] != '-')
		return false;
	long y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < 1000 || m < 1 || m > 12 || d < 1 || (unsigned long)d > days_in((unsigned)y, (unsigned)m))
		return false;
	*out = (uint32_t)(y * 10000 + m * 100 + d);
	return true;
}

uint32_t sl_date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	if (now == (time_t)-1 || !gmtime_r(&now, &tm))
		return 0;
	return (uint32_t)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday);
}

void sl_date_format(char out[11], uint32_t d)
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(d / 10000 % 10000), (unsigned)(d / 100 % 100),
		 (unsigned)(d % 100));
}
