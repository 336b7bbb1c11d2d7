/*
 * The compiled-in resource specification: src/spec/spec.bin (written by
 * tools/gen_spec.py, format in docs/spec-format.md) assembled verbatim into
 * .rodata, so the binary carries it with no start-up cost. spec.c reads it in
 * place through sl_spec_blob (16-byte aligned) and sl_spec_blob_size.
 *
 * The path is found through the include path (-I.../src). src/meson.build
 * copies this file into the build directory with spec.bin as a second input of
 * that step, so the blob is re-assembled whenever spec.bin changes.
 */
	.section .rodata
	.balign 16
	.globl sl_spec_blob
	.type sl_spec_blob, @object
sl_spec_blob:
	.incbin "spec/spec.bin"
sl_spec_blob_end:
	.size sl_spec_blob, sl_spec_blob_end - sl_spec_blob

	.balign 4
	.globl sl_spec_blob_size
	.type sl_spec_blob_size, @object
sl_spec_blob_size:
	.long sl_spec_blob_end - sl_spec_blob
	.size sl_spec_blob_size, 4

	.section .note.GNU-stack,"",@progbits
