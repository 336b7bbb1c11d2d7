/*
 * Arena allocator: one per linted template. Nodes, strings, paths and diagnostics
 * are carved out of large chunks and released together by sl_arena_free().
 * With the meson option `arena_debug=true` (SL_ARENA_DEBUG) every allocation is a
 * separate malloc() so AddressSanitizer and valgrind see each block.
 */
#ifndef SL_UTIL_ARENA_H
#define SL_UTIL_ARENA_H

#include <stdbool.h>
#include <stddef.h>

struct sl_arena_chunk;

struct sl_arena {
	struct sl_arena_chunk *head;
	char *cur;
	char *end;
	size_t total; /* bytes obtained from malloc, for statistics */
	size_t first_chunk; /* size of the first chunk; 0 = 16 KiB */
	struct sl_arena_chunk *grown; /* the blocks of sl_arena_grow(), each its own malloc */
};

void sl_arena_init(struct sl_arena *a);

/* Whether this build passes every allocation through malloc (arena_debug=true):
 * tests/test_arena.c compares it with the meson option the build was set up with. */
bool sl_arena_debug_enabled(void);

/* Returns zeroed memory aligned to 8 bytes (pointers, 64-bit integers,
 * doubles: nothing stacklint keeps needs more), or NULL when malloc fails. */
void *sl_arena_alloc(struct sl_arena *a, size_t size);

/* The same, not zeroed: for memory the caller fills at once (strings). */
void *sl_arena_alloc_uninit(struct sl_arena *a, size_t size);

/* Copies len bytes and a terminating NUL; NULL on allocation failure. */
char *sl_arena_strndup(struct sl_arena *a, const char *s, size_t len);

/* printf into the arena; NULL on allocation failure. */
char *sl_arena_printf(struct sl_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Doubles the array at items, which holds *cap elements of size bytes (8
 * elements the first time, items being NULL), and returns its new address; *cap
 * gets the new count. The array is a block of its own, released with the arena,
 * that grows in place (realloc): doubling an array inside the arena would leave
 * every smaller copy behind, as much again as the array. Elements added are not
 * zeroed. Returns NULL, the array and *cap unchanged, when memory runs out. */
void *sl_arena_grow(struct sl_arena *a, void *items, size_t *cap, size_t size);

/* Moves every block of src into a, src left empty: what was built in src
 * (to be dropped if it failed) lives as long as a. a goes on allocating in its
 * own current chunk. */
void sl_arena_adopt(struct sl_arena *a, struct sl_arena *src);

/* Releases every block; the arena may be reused after sl_arena_init(). */
void sl_arena_free(struct sl_arena *a);

#endif
