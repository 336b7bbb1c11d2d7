/*
 * Layering on the resource specification: resource types from CloudFormation
 * registry schemas (--registry-schemas DIR...) and cfn-lint's override spec
 * (--override-spec FILE: IncludeResourceTypes, ExcludeResourceTypes, Patches).
 * The result is a new spec blob of the same format, built once at start-up, so
 * that every rule reads the added types, the patched properties and the removed
 * types through the ordinary sl_spec_*() lookups. docs/override-spec.md says
 * what each file may hold and what is honoured.
 */
#ifndef SL_SPEC_LAYER_H
#define SL_SPEC_LAYER_H

#include <stddef.h>

#include "spec/spec.h"

/* Builds a spec from base (left as it is; the caller still frees it): first
 * the resource schemas of every *.json file below each of the ndirs paths in
 * dirs (a path may also name one file), then the override spec at
 * override_path (NULL for none): its Patches, then its type filter. Every file
 * is read with a size limit and parsed with stacklint's own JSON parser.
 * Returns 0 and a spec to free with sl_spec_free(), or -1 with a message in err
 * that names the file, and the line and column, at fault. */
int sl_spec_layer(const struct sl_spec **out, const struct sl_spec *base, const char *override_path,
		  const char *const *dirs, size_t ndirs, char *err, size_t errlen);

#endif
