/*
 * Chunked bump allocator. Chunks grow geometrically from 16 KiB so a small template
 * costs one malloc and a 10 MB template a few dozen.
 */
#include "util/arena.h"

#include "config.h" /* SL_ARENA_DEBUG (meson option arena_debug) */

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct sl_arena_chunk {
	struct sl_arena_chunk *next;
	size_t size;
	max_align_t data[];
};

#define ALIGN (sizeof(max_align_t))
#define HUGE_PAGE ((size_t)2 << 20)
#define HUGE_CHUNK ((size_t)4 << 20)
/* data bytes of the largest chunk: with its header, 8 MiB (four huge pages) */
#define MAX_CHUNK (((size_t)8 << 20) - sizeof(struct sl_arena_chunk))

void sl_arena_init(struct sl_arena *a)
{
	memset(a, 0, sizeof(*a));
}

bool sl_arena_debug_enabled(void)
{
#ifdef SL_ARENA_DEBUG
	return true;
#else
	return false;
#endif
}

#ifdef SL_ARENA_DEBUG
void *sl_arena_alloc(struct sl_arena *a, size_t size)
{
	struct sl_arena_chunk *c = calloc(1, sizeof(*c) + size);
	if (!c)
		return NULL;
	c->size = size;
	c->next = a->head;
	a->head = c;
	a->total += size;
	return c->data;
}

void *sl_arena_alloc_uninit(struct sl_arena *a, size_t size)
{
	return sl_arena_alloc(a, size);
}
#else
/* A chunk of at least *want data bytes; *want gets what it holds. The big
 * ones (a large template's tree: 8 MiB each) are whole 2 MiB pages, aligned,
 * and offered to the kernel for transparent huge pages: first touching a
 * 4 KiB page costs a fault each, a few hundred thousand of them for a 20 MB
 * template. Where THP is off, madvise fails harmlessly. */
static struct sl_arena_chunk *new_chunk(size_t *want)
{
	size_t bytes = sizeof(struct sl_arena_chunk) + *want;
	if (*want < HUGE_CHUNK)
		return malloc(bytes);
	bytes = (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	void *p = aligned_alloc(HUGE_PAGE, bytes);
	if (!p)
		return NULL;
#ifdef MADV_HUGEPAGE
	madvise(p, bytes, MADV_HUGEPAGE);
#endif
	*want = bytes - sizeof(struct sl_arena_chunk);
	return p;
}

void *sl_arena_alloc_uninit(struct sl_arena *a, size_t size)
{
	size = (size + ALIGN - 1) & ~(ALIGN - 1);
	if (size == 0)
		size = ALIGN;
	if ((size_t)(a->end - a->cur) < size) {
		size_t want = a->head ? a->head->size * 2 : (a->first_chunk ? a->first_chunk : 16384);
		if (want > MAX_CHUNK)
			want = MAX_CHUNK;
		if (want < size)
			want = size;
		struct sl_arena_chunk *c = new_chunk(&want);
		if (!c)
			return NULL;
		c->size = want;
		c->next = a->head;
		a->head = c;
		a->cur = (char *)c->data;
		a->end = a->cur + want;
		a->total += want;
	}
	void *p = a->cur;
	a->cur += size;
	return p;
}

void *sl_arena_alloc(struct sl_arena *a, size_t size)
{
	void *p = sl_arena_alloc_uninit(a, size);
	if (p)
		memset(p, 0, size);
	return p;
}
#endif

char *sl_arena_strndup(struct sl_arena *a, const char *s, size_t len)
{
	char *p = sl_arena_alloc_uninit(a, len + 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *sl_arena_printf(struct sl_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = sl_arena_alloc_uninit(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void sl_arena_free(struct sl_arena *a)
{
	struct sl_arena_chunk *c = a->head;
	while (c) {
		struct sl_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	memset(a, 0, sizeof(*a));
}
