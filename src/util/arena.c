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
	size_t mapped; /* bytes of a chunk mmap()ed whole, 0 for one from malloc() */
	max_align_t data[];
};

/* What the arena's blocks are aligned to: pointers, 64-bit integers and
 * doubles, the most anything stacklint keeps in an arena needs (no long
 * double, no __int128); 16 (max_align_t) would waste 8 bytes of every
 * tagged node (40 bytes). Strings are not aligned at all. */
#define ALIGN ((size_t)8)
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
 * template. Where THP is off, madvise fails harmlessly. They are mapped from
 * the kernel, not taken from malloc: glibc raises its mmap threshold to the
 * largest block freed, after which 8 MiB chunks would come from the heap and
 * a process that lints one large template after another (the language
 * server, bench) grew to twice the memory one lint needs, freed but fragmented. */
static struct sl_arena_chunk *new_chunk(size_t *want)
{
	size_t bytes = sizeof(struct sl_arena_chunk) + *want;
	if (*want < HUGE_CHUNK) {
		struct sl_arena_chunk *c = malloc(bytes);
		if (c)
			c->mapped = 0;
		return c;
	}
	bytes = (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	/* one huge page more than needed, to cut an aligned run out of it */
	char *m = mmap(NULL, bytes + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	char *p = (char *)(((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
	if (p > m)
		munmap(m, (size_t)(p - m));
	if (p + bytes < m + bytes + HUGE_PAGE)
		munmap(p + bytes, (size_t)(m + bytes + HUGE_PAGE - (p + bytes)));
#ifdef MADV_HUGEPAGE
	madvise(p, bytes, MADV_HUGEPAGE);
#endif
	struct sl_arena_chunk *c = (struct sl_arena_chunk *)(void *)p;
	c->mapped = bytes;
	*want = bytes - sizeof(struct sl_arena_chunk);
	return c;
}

/* size bytes at the next multiple of align (a power of two) in the current
 * chunk, or at the start of a new one. */
static void *bump(struct sl_arena *a, size_t size, size_t align)
{
	if (size == 0)
		size = 1; /* every allocation gets its own address */
	uintptr_t at = ((uintptr_t)a->cur + align - 1) & ~(uintptr_t)(align - 1);
	if (!a->cur || at > (uintptr_t)a->end || (uintptr_t)a->end - at < size) {
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
		a->cur = (char *)c->data; /* aligned for anything */
		a->end = a->cur + want;
		a->total += want;
		at = (uintptr_t)a->cur;
	}
	a->cur = (char *)(at + size);
	return (void *)at;
}

void *sl_arena_alloc_uninit(struct sl_arena *a, size_t size)
{
	return bump(a, size, ALIGN);
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
#ifdef SL_ARENA_DEBUG
	char *p = sl_arena_alloc(a, len + 1);
#else
	char *p = bump(a, len + 1, 1); /* text needs no alignment: none is wasted */
#endif
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

void *sl_arena_grow(struct sl_arena *a, void *items, size_t *cap, size_t size)
{
	size_t want = *cap ? *cap * 2 : 8;
	if (size == 0 || want > (SIZE_MAX - sizeof(struct sl_arena_chunk)) / size)
		return NULL;
	/* the link that points at the block: a handful of grown arrays at most */
	struct sl_arena_chunk **link = &a->grown;
	if (items)
		while (*link && (void *)(*link)->data != items)
			link = &(*link)->next;
	struct sl_arena_chunk *old = items ? *link : NULL;
	if (items && !old)
		return NULL; /* not an array of this arena's */
	struct sl_arena_chunk *c = realloc(old, sizeof(*c) + want * size);
	if (!c)
		return NULL;
	c->mapped = 0;
	if (old) {
		a->total -= c->size;
		*link = c;
	} else {
		c->next = a->grown;
		a->grown = c;
	}
	c->size = want * size;
	a->total += c->size;
	*cap = want;
	return c->data;
}

/* The last block of a list (a few dozen chunks at most). */
static struct sl_arena_chunk **list_end(struct sl_arena_chunk **link)
{
	while (*link)
		link = &(*link)->next;
	return link;
}

void sl_arena_adopt(struct sl_arena *a, struct sl_arena *src)
{
	if (src->head) {
		if (a->head) {
			/* behind a's current chunk, which a goes on filling */
			*list_end(&src->head) = a->head->next;
			a->head->next = src->head;
		} else {
			a->head = src->head;
			a->cur = src->cur;
			a->end = src->end;
		}
	}
	*list_end(&src->grown) = a->grown;
	a->grown = src->grown;
	a->total += src->total;
	memset(src, 0, sizeof(*src));
}

static void free_chunks(struct sl_arena_chunk *c)
{
	while (c) {
		struct sl_arena_chunk *next = c->next;
#ifndef SL_ARENA_DEBUG
		if (c->mapped)
			munmap(c, c->mapped);
		else
#endif
			free(c);
		c = next;
	}
}

void sl_arena_free(struct sl_arena *a)
{
	free_chunks(a->head);
	free_chunks(a->grown);
	memset(a, 0, sizeof(*a));
}
