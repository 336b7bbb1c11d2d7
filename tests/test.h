/*
 * Minimal assertion helpers for the plain C test programs. A failed assertion
 * prints file:line and the values, counts the failure and carries on; main()
 * returns test_result() (0 when everything passed, 1 otherwise).
 */
#ifndef SL_TESTS_TEST_H
#define SL_TESTS_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "load/load.h"

static int test_failures;
static int test_checks;

/* Tests of node positions: a node holds byte offsets, which TEST_POS() turns
 * into a line and column of the document the test loaded last (its loader
 * sets test_doc); a struct sl_position (a diagnostic's) is taken as it is. */
static const struct sl_doc *test_doc;

static inline struct sl_position test_pos_same(struct sl_position p)
{
	return p;
}

static inline struct sl_position test_pos_at(uint32_t off)
{
	return sl_doc_pos(test_doc, off);
}

#define TEST_POS(p) _Generic((p), struct sl_position: test_pos_same, default: test_pos_at)(p)

#define assert_true(cond)                                                                   \
	do {                                                                                \
		test_checks++;                                                              \
		if (!(cond)) {                                                              \
			test_failures++;                                                    \
			fprintf(stderr, "%s:%d: assertion failed: %s\n", __FILE__, __LINE__, #cond); \
		}                                                                           \
	} while (0)

#define assert_int(a, b)                                                                    \
	do {                                                                                \
		long long a_ = (long long)(a), b_ = (long long)(b);                         \
		test_checks++;                                                              \
		if (a_ != b_) {                                                             \
			test_failures++;                                                    \
			fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, #a, a_, b_); \
		}                                                                           \
	} while (0)

#define assert_str(a, b)                                                                    \
	do {                                                                                \
		const char *a_ = (a), *b_ = (b);                                            \
		test_checks++;                                                              \
		if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                    \
			test_failures++;                                                    \
			fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a, \
				a_ ? a_ : "(null)", b_ ? b_ : "(null)");                    \
		}                                                                           \
	} while (0)

/* a contains b */
#define assert_contains(a, b)                                                               \
	do {                                                                                \
		const char *a_ = (a), *b_ = (b);                                            \
		test_checks++;                                                              \
		if (!a_ || !strstr(a_, b_)) {                                               \
			test_failures++;                                                    \
			fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__, \
				a_ ? a_ : "(null)", b_);                                    \
		}                                                                           \
	} while (0)

static inline int test_result(void)
{
	if (test_failures)
		fprintf(stderr, "%d of %d checks failed\n", test_failures, test_checks);
	else
		printf("%d checks passed\n", test_checks);
	return test_failures ? 1 : 0;
}

#endif
