/*
 * The compiled-in IAM service authorization data: src/spec/iam.bin (written by
 * tools/gen_iam_data.py from the npm package pinned in tools/iam-data-package;
 * format in that script's docstring) assembled verbatim into .rodata. iam.c
 * reads it in place through sl_iam_blob and sl_iam_blob_size.
 *
 * Like spec_blob.S, src/meson.build copies this file into the build directory
 * with iam.bin as a second input, so a new iam.bin re-assembles it.
 */
	.section .rodata
	.balign 16
	.globl sl_iam_blob
	.type sl_iam_blob, @object
sl_iam_blob:
	.incbin "spec/iam.bin"
sl_iam_blob_end:
	.size sl_iam_blob, sl_iam_blob_end - sl_iam_blob

	.balign 4
	.globl sl_iam_blob_size
	.type sl_iam_blob_size, @object
sl_iam_blob_size:
	.long sl_iam_blob_end - sl_iam_blob
	.size sl_iam_blob_size, 4

	.section .note.GNU-stack,"",@progbits
