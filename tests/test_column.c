/*
 * Column units (--column-unit, sl_options.column_unit): the conversion of a
 * loaded document's character columns to UTF-8 bytes and UTF-16 code units
 * (load/column.h), and reports built with each unit, from UTF-8 and from
 * transcoded UTF-16 input, with both YAML backends.
 */
#include <stdlib.h>
#include <string.h>

#include "load/column.h"
#include "load/load.h"
#include "stacklint/stacklint.h"
#include "test.h"

/* "é" is 2 bytes, "漢" 3, "😀" 4 bytes and 2 UTF-16 units */
static const char line2[] = "b: \"é漢😀x\"";

static void test_doc_column(void)
{
	char src[128];
	snprintf(src, sizeof(src), "a: 1\r\n%s\r\nc: 2\n", line2);
	struct sl_arena a;
	sl_arena_init(&a);
	struct sl_doc d;
	assert_int(sl_load(&d, &a, src, strlen(src), NULL), 0);
	/* the x after the three characters is character 8 of line 2 */
	assert_int(sl_doc_column(&d, 2, 8, SL_COLUMN_CHAR), 8);
	assert_int(sl_doc_column(&d, 2, 8, SL_COLUMN_BYTE), 14);
	assert_int(sl_doc_column(&d, 2, 8, SL_COLUMN_UTF16), 9);
	/* the closing quote */
	assert_int(sl_doc_column(&d, 2, 9, SL_COLUMN_BYTE), 15);
	assert_int(sl_doc_column(&d, 2, 9, SL_COLUMN_UTF16), 10);
	/* before the non-ASCII text nothing changes */
	assert_int(sl_doc_column(&d, 2, 5, SL_COLUMN_BYTE), 5);
	assert_int(sl_doc_column(&d, 2, 6, SL_COLUMN_BYTE), 7);  /* after é */
	assert_int(sl_doc_column(&d, 2, 7, SL_COLUMN_BYTE), 10); /* after 漢 */
	assert_int(sl_doc_column(&d, 2, 7, SL_COLUMN_UTF16), 7); /* at 😀 */
	assert_int(sl_doc_column(&d, 2, 8, SL_COLUMN_UTF16), 9); /* after it: 2 units */
	/* just past the closing quote (an end column), and past the CR */
	assert_int(sl_doc_column(&d, 2, 10, SL_COLUMN_BYTE), 16);
	assert_int(sl_doc_column(&d, 2, 10, SL_COLUMN_UTF16), 11);
	assert_int(sl_doc_column(&d, 2, 11, SL_COLUMN_BYTE), 17);
	/* past the line's end: one unit per character beyond */
	assert_int(sl_doc_column(&d, 2, 40, SL_COLUMN_BYTE), 46);
	/* other lines, no place, lines outside the document */
	assert_int(sl_doc_column(&d, 1, 3, SL_COLUMN_BYTE), 3);
	assert_int(sl_doc_column(&d, 3, 2, SL_COLUMN_UTF16), 2);
	assert_int(sl_doc_column(&d, 2, 0, SL_COLUMN_BYTE), 0);
	assert_int(sl_doc_column(&d, 99, 9, SL_COLUMN_BYTE), 9);
	assert_int(sl_doc_column(&d, 0, 9, SL_COLUMN_BYTE), 9);

	/* with a cursor: the same answers in any order, forwards and backwards,
	 * across lines */
	static const uint32_t seq[][2] = { { 2, 5 }, { 2, 8 }, { 2, 8 }, { 2, 10 }, { 2, 6 }, { 1, 3 },
					   { 2, 9 }, { 2, 40 }, { 2, 7 }, { 3, 2 }, { 2, 11 } };
	for (int unit = SL_COLUMN_BYTE; unit <= SL_COLUMN_UTF16; unit++) {
		struct sl_column_cursor cur = { 0 };
		for (size_t i = 0; i < sizeof(seq) / sizeof(seq[0]); i++)
			assert_int(sl_doc_column_next(&d, &cur, seq[i][0], seq[i][1], (enum sl_column_unit)unit),
				   sl_doc_column(&d, seq[i][0], seq[i][1], (enum sl_column_unit)unit));
	}
	sl_arena_free(&a);

	enum sl_column_unit u = SL_COLUMN_CHAR;
	assert_int(sl_column_unit_parse("byte", &u), 0);
	assert_int(u, SL_COLUMN_BYTE);
	assert_int(sl_column_unit_parse("utf16", &u), 0);
	assert_int(u, SL_COLUMN_UTF16);
	assert_int(sl_column_unit_parse("char", &u), 0);
	assert_int(u, SL_COLUMN_CHAR);
	assert_int(sl_column_unit_parse("utf-16", &u), -1);
	assert_int(sl_column_unit_parse("", &u), -1);
}

/* E3012 on Timeout's "x", after é漢😀 on the same line */
static const char tmpl[] =
	"AWSTemplateFormatVersion: \"2010-09-09\"\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties: {Description: \"é漢😀\", Timeout: \"x\", Handler: h, Runtime: python3.12,"
	" Code: {ZipFile: x}, Role: !GetAtt R.Arn}\n"
	"  R:\n"
	"    Type: AWS::IAM::Role\n"
	"    Properties:\n"
	"      AssumeRolePolicyDocument: {}\n";

static const struct sl_diag *find(const struct sl_report *r, const char *id)
{
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->diags[i].rule_id, id) == 0)
			return &r->diags[i];
	return NULL;
}

static void check_report(const char *buf, size_t len, enum sl_backend be, enum sl_column_unit unit,
			 uint32_t start, uint32_t end)
{
	struct sl_options o = { .backend = be, .column_unit = unit, .lint_date = 20261206 };
	struct sl_report *r = NULL;
	assert_int(sl_lint_buffer(&r, &o, "t.yaml", buf, len), 0);
	const struct sl_diag *d = r ? find(r, "E3012") : NULL;
	assert_true(d != NULL);
	if (d) {
		assert_int(d->start.line, 5);
		assert_int(d->start.column, start);
		assert_int(d->end.line, 5);
		assert_int(d->end.column, end);
		/* offsets stay byte offsets of the text, whatever the unit */
		assert_int(d->end.offset - d->start.offset, 3);
	}
	sl_report_free(r);
}

static void test_reports(void)
{
	/* "x" (with its quotes) is characters 47..49: end 50 */
	enum sl_backend bes[] = { SL_BACKEND_LIBYAML, SL_BACKEND_LIBFYAML };
	for (size_t b = 0; b < 2; b++) {
		check_report(tmpl, strlen(tmpl), bes[b], SL_COLUMN_CHAR, 47, 50);
		check_report(tmpl, strlen(tmpl), bes[b], SL_COLUMN_BYTE, 53, 56);
		check_report(tmpl, strlen(tmpl), bes[b], SL_COLUMN_UTF16, 48, 51);
	}
	/* the same template as UTF-16LE with a BOM: bytes count its UTF-8 form */
	size_t n = strlen(tmpl);
	unsigned char *u16 = malloc(2 * n + 2), *p = u16;
	*p++ = 0xFF;
	*p++ = 0xFE;
	const unsigned char *s = (const unsigned char *)tmpl;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int k = s[i] < 0x80 ? 1 : s[i] < 0xE0 ? 2 : s[i] < 0xF0 ? 3 : 4;
		cp = k == 1 ? s[i] : (uint32_t)(s[i] & (0x7F >> k));
		for (int j = 1; j < k; j++)
			cp = cp << 6 | (s[i + j] & 0x3F);
		i += (size_t)k;
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			uint32_t hi = 0xD800 | cp >> 10, lo = 0xDC00 | (cp & 0x3FF);
			*p++ = hi & 0xFF, *p++ = (unsigned char)(hi >> 8);
			*p++ = lo & 0xFF, *p++ = (unsigned char)(lo >> 8);
		} else {
			*p++ = cp & 0xFF, *p++ = (unsigned char)(cp >> 8);
		}
	}
	size_t len = (size_t)(p - u16);
	for (size_t b = 0; b < 2; b++) {
		check_report((const char *)u16, len, bes[b], SL_COLUMN_CHAR, 47, 50);
		check_report((const char *)u16, len, bes[b], SL_COLUMN_BYTE, 53, 56);
		check_report((const char *)u16, len, bes[b], SL_COLUMN_UTF16, 48, 51);
	}
	free(u16);
}

int main(void)
{
	test_doc_column();
	test_reports();
	return test_result();
}
