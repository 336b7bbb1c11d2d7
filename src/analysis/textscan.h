/*
 * Whether a template's strings may hold a given text, from one look at its
 * source: the cheap test that lets a rule which only cares about strings
 * holding "{{", "${" or "cfn-" skip its walk over a template that has none.
 *
 * A scalar's value is its source text without the quotes, with escapes
 * decoded and line breaks folded (to a space or a line break). So a text of
 * printable ASCII without spaces, quotes, '/' or '\' that is in a value is in
 * the source as it stands, unless an escape makes characters of its own:
 * \x, \u and \U (YAML double quotes, JSON \u) or a backslash before a line
 * break (YAML joins the lines). The LanguageExtensions expansion builds
 * strings of its own (Fn::ForEach replaces ${Id}): then anything may be.
 */
#ifndef SL_ANALYSIS_TEXTSCAN_H
#define SL_ANALYSIS_TEXTSCAN_H

#include <stdbool.h>

#include "engine/engine.h"

/* False only when no scalar of the template (c->t, keys and values, as the
 * rules read them) can hold needle, which must be printable ASCII without
 * spaces, quotes ('"', '\''), '/' or '\'; true when some may. True for side
 * files (c->t NULL). The escape scan is done once per template (a memo). */
bool sl_text_may_hold(struct sl_ctx *c, const char *needle);

#endif
