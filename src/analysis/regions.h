/*
 * The AWS Regions a template is judged for (docs/regions.md): the options'
 * regions (the command line's, else the configuration's, else the
 * environment's, as the CLI resolved them), which
 * the template's own `Metadata: cfn-lint: config: regions` replaces unless
 * they came from the command line — cfn-lint's precedence. Computed once per
 * template (memoised in the rule context), in the template's arena; read-only
 * for the region-specific rules (E99530, E99531).
 */
#ifndef SL_ANALYSIS_REGIONS_H
#define SL_ANALYSIS_REGIONS_H

#include <stddef.h>

#include "engine/engine.h"

/* At most this many Regions are taken from one template's Metadata (the
 * table has fewer; the rest of a longer list is not judged). */
#define SL_REGIONS_MAX 256

/* The Regions to judge c's template for, in the order given, without
 * repeats: *out gets the list (the options' or the template's arena's), and
 * the count is returned. 0 (and *out NULL) when no Region was named at all:
 * the run's Region is then cfn-lint's default, us-east-1, which the
 * region-specific rules do not judge — a template written for eu-west-1
 * would fail in it, and nobody said it deploys there. In a template's
 * Metadata, ALL_REGIONS stands for every Region of the table and an item that
 * is not shaped like a Region code is passed over; a list with no usable item
 * leaves the options' Regions. On out of memory: the options' Regions. */
size_t sl_regions_judged(struct sl_ctx *c, const char *const **out);

#endif
