/*
 * Small text measures shared by every stage (no allocation, no state).
 */
#ifndef SL_UTIL_TEXT_H
#define SL_UTIL_TEXT_H

#include <stddef.h>

/* Levenshtein distance between a and b; (size_t)-1 when either is longer than
 * 64 bytes (names, not text). */
size_t sl_edit_distance(const char *a, size_t la, const char *b, size_t lb);

/* Characters (code points) of len bytes of UTF-8: the length CloudFormation's
 * schemas and limits count. */
size_t sl_utf8_chars(const char *s, size_t len);

#endif
