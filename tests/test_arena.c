/*
 * The arena allocator (util/arena.h), and that its debug mode is the one the
 * build was set up with: `test_arena true|false` is given get_option('arena_debug')
 * by tests/meson.build. With arena_debug=true every allocation must be a malloc()
 * block of its own (so AddressSanitizer and valgrind see each one); until issue 16
 * arena.c never saw the option and the "debug" builds used the chunked arena.
 *
 * `test_arena --overflow N` writes one byte past an N-byte arena block and exits 0:
 * tests/check_arena_asan.py runs it in an ASan build with the debug arena and
 * expects AddressSanitizer to stop it with a heap-buffer-overflow.
 */
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "test.h"

static void test_basics(void)
{
	struct sl_arena a;
	sl_arena_init(&a);
	for (size_t n = 0; n < 200; n++) {
		unsigned char *p = sl_arena_alloc(&a, n);
		assert_true(p != NULL);
		assert_int((uintptr_t)p % 8, 0); /* what sl_arena_alloc promises */
		size_t zero = 0;
		for (size_t i = 0; i < n; i++)
			zero += p[i] == 0;
		assert_int(zero, n);
		memset(p, 0xa5, n);
	}
	assert_str(sl_arena_strndup(&a, "abcdef", 3), "abc");
	/* a block after a string is aligned again */
	assert_int((uintptr_t)sl_arena_alloc(&a, 8) % 8, 0);
	assert_str(sl_arena_printf(&a, "%s-%d", "x", 42), "x-42");
	/* a block bigger than any chunk */
	char *big = sl_arena_alloc(&a, 20u << 20);
	assert_true(big != NULL);
	big[(20u << 20) - 1] = 1;
	sl_arena_free(&a);
	assert_true(a.head == NULL);
	assert_int(a.total, 0);
}

/* What only the debug arena does: `total` counts exactly the bytes asked for,
 * one block per allocation; the chunked arena takes a 16 KiB chunk for the first
 * and carves the next ones out of it. */
/* Arrays that grow in place: contents kept, several at once, the arena's
 * total counts each once, and a pointer from elsewhere is refused. */
static void test_grow(void)
{
	struct sl_arena a;
	sl_arena_init(&a);
	uint32_t *x = NULL, *y = NULL;
	size_t cx = 0, cy = 0;
	for (uint32_t i = 0; i < 100000; i++) {
		if (i == cx) {
			uint32_t *p = sl_arena_grow(&a, x, &cx, sizeof(*x));
			assert_true(p != NULL);
			x = p;
		}
		x[i] = i * 7u;
		if (i % 3 == 0) {
			if (i / 3 == cy) {
				uint32_t *p = sl_arena_grow(&a, y, &cy, sizeof(*y));
				assert_true(p != NULL);
				y = p;
			}
			y[i / 3] = i;
		}
		/* arena blocks in between do not disturb the arrays */
		if (i % 1000 == 0)
			assert_true(sl_arena_alloc(&a, 24) != NULL);
	}
	assert_int(cx, 131072);
	assert_int(cy, 65536);
	size_t bad = 0;
	for (uint32_t i = 0; i < 100000; i++)
		bad += x[i] != i * 7u || (i % 3 == 0 && y[i / 3] != i);
	assert_int(bad, 0);
	/* total: the two arrays at their last size, plus what the blocks took */
	assert_true(a.total >= (cx + cy) * sizeof(uint32_t));
	assert_true(a.total < (cx + cy) * sizeof(uint32_t) + (1u << 20));
	uint32_t stray[4];
	size_t cs = 4;
	assert_true(sl_arena_grow(&a, stray, &cs, sizeof(*stray)) == NULL);
	assert_int(cs, 4);
	sl_arena_free(&a);
	assert_true(a.grown == NULL && a.total == 0);
}

/* Blocks built in one arena and moved into another live as long as it, and
 * it goes on allocating; an empty arena adopts too. */
static void test_adopt(void)
{
	struct sl_arena a, b, c;
	sl_arena_init(&a);
	sl_arena_init(&b);
	sl_arena_init(&c);
	char *x = sl_arena_strndup(&a, "kept in a", 9);
	char *y = NULL;
	for (int i = 0; i < 2000; i++) /* several chunks */
		y = sl_arena_printf(&b, "block %d of b", i);
	size_t cap = 0;
	int *g = sl_arena_grow(&b, NULL, &cap, sizeof(int));
	assert_true(x && y && g);
	g[7] = 42;
	size_t total = a.total + b.total;
	sl_arena_adopt(&a, &b);
	assert_true(b.head == NULL && b.grown == NULL && b.total == 0);
	assert_int(a.total, total);
	assert_str(x, "kept in a");
	assert_str(y, "block 1999 of b");
	/* a's array grows where it is found, and a goes on allocating */
	g = sl_arena_grow(&a, g, &cap, sizeof(int));
	assert_true(g != NULL);
	assert_int(g[7], 42);
	assert_str(sl_arena_strndup(&a, "more", 4), "more");
	sl_arena_adopt(&c, &a);
	assert_str(y, "block 1999 of b");
	assert_str(sl_arena_strndup(&c, "and more", 8), "and more");
	sl_arena_free(&a);
	sl_arena_free(&b);
	sl_arena_free(&c);
}

/* A large template's chunks are mapped from the kernel, never taken from
 * malloc's heap: once glibc has freed a large block it raises its mmap
 * threshold, and 8 MiB chunks from the heap then stayed fragmented after each
 * lint (bench and the language server grew to twice one lint's memory). */
static void test_big_chunks_not_from_malloc(void)
{
	if (sl_arena_debug_enabled())
		return; /* every block is its own calloc() there */
	void *big = malloc(12u << 20); /* freed, it raises glibc's threshold to 12 MiB */
	assert_true(big != NULL);
	memset(big, 1, 4096);
	free(big);
	struct mallinfo2 before = mallinfo2();
	struct sl_arena a;
	sl_arena_init(&a);
	for (int i = 0; i < 12; i++) /* chunks double up to 8 MiB: the last ones are big */
		assert_true(sl_arena_alloc(&a, 1u << 20) != NULL);
	struct mallinfo2 after = mallinfo2();
	size_t from_malloc = (after.uordblks + after.hblkhd) - (before.uordblks + before.hblkhd);
	assert_true(a.total >= (12u << 20));
	assert_true(from_malloc < (4u << 20)); /* the small first chunks only */
	sl_arena_free(&a);
}

static void test_mode(bool want_debug)
{
	assert_int(sl_arena_debug_enabled(), want_debug);
	struct sl_arena a;
	sl_arena_init(&a);
	char *p1 = sl_arena_alloc(&a, 1);
	char *p2 = sl_arena_alloc(&a, 2);
	char *p3 = sl_arena_alloc(&a, 3);
	assert_true(p1 && p2 && p3);
	if (want_debug) {
		assert_int(a.total, 6);
	} else {
		assert_int(a.total, 16384);
		assert_true(p2 == p1 + 8 && p3 == p2 + 8);
		/* strings are packed: no alignment between them */
		char *s1 = sl_arena_strndup(&a, "ab", 2);
		char *s2 = sl_arena_strndup(&a, "c", 1);
		assert_true(s2 == s1 + 3);
	}
	sl_arena_free(&a);
}

/* The planted overflow: one byte past the block, through a volatile pointer so
 * the compiler keeps the store. Returns 0 when nothing stopped it. */
static int overflow(size_t n)
{
	struct sl_arena a;
	sl_arena_init(&a);
	volatile char *p = sl_arena_alloc(&a, n);
	if (!p)
		return 2;
	p[n] = 'x';
	printf("wrote one byte past a %zu-byte arena block and nothing stopped it\n", n);
	sl_arena_free(&a);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--overflow") == 0)
		return overflow((size_t)strtoul(argv[2], NULL, 10));
	if (argc != 2 || (strcmp(argv[1], "true") != 0 && strcmp(argv[1], "false") != 0)) {
		fprintf(stderr, "usage: test_arena true|false   (the meson option arena_debug)\n"
				"       test_arena --overflow N\n");
		return 2;
	}
	test_basics();
	test_grow();
	test_adopt();
	test_big_chunks_not_from_malloc();
	test_mode(strcmp(argv[1], "true") == 0);
	return test_result();
}
