/*
 * The fast YAML reader (yaml_fast.c): the part of YAML templates are written
 * in, read in one pass, with libyaml's events; anything else is left to libyaml.
 */
#ifndef SL_LOAD_YAML_FAST_H
#define SL_LOAD_YAML_FAST_H

#include <stddef.h>

struct sl_builder;

/* Feeds the builder the whole document and returns 1; or returns 0, having
 * fed it part of one, when the text holds something only libyaml reads (the
 * caller then starts again with libyaml, from a fresh builder and without the
 * diagnostics this run added); -1 when memory ran out. The text must be valid
 * UTF-8 without tabs, NEL, LS, PS or U+FEFF, and a CR only in "\r\n" (the
 * loader checks). */
int sl_parse_yaml_fast(struct sl_builder *b, const char *src, size_t len);

#endif
