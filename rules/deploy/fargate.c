/*
 * Fargate task sizes (see fargate.h).
 */
#include "rules/deploy/fargate.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>

#include "rules/deploy/deploy.h"

/* One row of the table: memory from lo to hi MiB in steps of step. */
static const struct row {
	long long cpu, lo, hi, step;
	const char *text;
} table[] = {
	{ 256, 512, 2048, 0, "512, 1024 or 2048 MiB (0.5, 1 or 2 GB)" },
	{ 512, 1024, 4096, 1024, "1024 to 4096 MiB (1 to 4 GB) in 1 GB steps" },
	{ 1024, 2048, 8192, 1024, "2048 to 8192 MiB (2 to 8 GB) in 1 GB steps" },
	{ 2048, 4096, 16384, 1024, "4096 to 16384 MiB (4 to 16 GB) in 1 GB steps" },
	{ 4096, 8192, 30720, 1024, "8192 to 30720 MiB (8 to 30 GB) in 1 GB steps" },
	{ 8192, 16384, 61440, 4096, "16384 to 61440 MiB (16 to 60 GB) in 4 GB steps" },
	{ 16384, 32768, 122880, 8192, "32768 to 122880 MiB (32 to 120 GB) in 8 GB steps" },
};

static const struct row *row_of(long long cpu)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].cpu == cpu)
			return &table[i];
	return NULL;
}

/* "N unit" with N a decimal (at most two places) and unit matched without
 * case, spaces allowed between: returns N * 1024, or -1. */
static long long scaled(const struct sl_node *n, const char *unit)
{
	if (!sl_node_is(n, SL_SCALAR) || sl_node_intrinsic(n) || n->len > 32)
		return -1;
	const char *s = n->str, *end = n->str + n->len;
	long long whole = 0, frac = 0, scale = 1;
	bool digits = false;
	while (s < end && isdigit((unsigned char)*s)) {
		whole = whole * 10 + (*s++ - '0');
		digits = true;
	}
	if (s < end && *s == '.') {
		s++;
		while (s < end && isdigit((unsigned char)*s) && scale < 100) {
			frac = frac * 10 + (*s++ - '0');
			scale *= 10;
			digits = true;
		}
	}
	if (!digits)
		return -1;
	while (s < end && *s == ' ')
		s++;
	size_t ul = strlen(unit);
	if ((size_t)(end - s) != ul)
		return -1;
	for (size_t i = 0; i < ul; i++)
		if (tolower((unsigned char)s[i]) != unit[i])
			return -1;
	long long v = whole * 1024 + frac * 1024 / scale;
	return frac * 1024 % scale ? -1 : v;
}

long long sl_fargate_cpu(const struct sl_node *n)
{
	long long v = sl_dep_int(n);
	return v >= 0 ? v : scaled(n, "vcpu");
}

long long sl_fargate_memory(const struct sl_node *n)
{
	long long v = sl_dep_int(n);
	return v >= 0 ? v : scaled(n, "gb");
}

const char *sl_fargate_memory_text(long long cpu)
{
	const struct row *r = row_of(cpu);
	return r ? r->text : NULL;
}

bool sl_fargate_fits(long long cpu, long long memory)
{
	const struct row *r = row_of(cpu);
	if (!r)
		return false;
	if (!r->step)
		return memory == 512 || memory == 1024 || memory == 2048;
	return memory >= r->lo && memory <= r->hi && (memory - r->lo) % r->step == 0;
}
