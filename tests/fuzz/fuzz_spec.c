/*
 * Fuzz target: --spec blobs. sl_spec_load_memory() must reject any malformed
 * blob with a message, and a blob it accepts must be safe to query.
 */
#include <stdint.h>
#include <string.h>

#include "spec/spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct sl_spec *s;
	char err[256];
	if (sl_spec_load_memory(&s, data, size, err, sizeof(err)) != 0)
		return 0;
	uint32_t n = sl_spec_nresources(s);
	for (uint32_t r = 0; r < n && r < 64; r++) {
		const char *name = sl_spec_resource_name(s, r);
		if (name)
			sl_spec_resource(s, name, strlen(name));
		uint32_t shape = sl_spec_resource_shape(s, r);
		uint32_t np = sl_spec_shape_nprops(s, shape);
		for (uint32_t i = 0; i < np && i < 64; i++) {
			const struct sl_spec_prop *p = sl_spec_shape_prop(s, shape, i);
			if (p)
				sl_spec_type(s, p->type);
		}
		uint32_t na = sl_spec_resource_nattrs(s, r);
		for (uint32_t i = 0; i < na && i < 64; i++)
			sl_spec_resource_attr_name(s, r, i);
	}
	sl_spec_free(s);
	return 0;
}
