/*
 * Reader of the compiled-in IAM data blob (iam_blob.S, written by
 * tools/gen_iam_data.py, whose docstring gives the format). See iam.h. The
 * blob is trusted (it is built with the binary); offsets are read as
 * little-endian u32 at their place. Names are stored front-coded (each shares
 * a prefix with the one before, restarting every 32 names) over an encoding
 * in which one byte stands for a frequent word.
 */
#include "spec/iam.h"

#include <ctype.h>
#include <string.h>

extern const unsigned char sl_iam_blob[];
extern const uint32_t sl_iam_blob_size;

enum { H_NSVC = 8, H_NRESTART = 12, H_NRESTYPE = 16, H_SVC = 20, H_RESTART = 24,
       H_RESTYPE = 28, H_STREAM = 32, H_POOL = 36, H_WORDS = 40 };

static uint32_t u32(size_t off)
{
	const unsigned char *p = sl_iam_blob + off;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static const char *pool(uint32_t off)
{
	return (const char *)sl_iam_blob + u32(H_POOL) + off;
}

/* Service record field f (0 prefix, 1 first byte, 2 count, 3 first restart). */
static uint32_t svc_field(int svc, int f)
{
	return u32(u32(H_SVC) + 16 * (size_t)svc + 4 * (size_t)f);
}

size_t sl_iam_service_count(void)
{
	/* a blob of another format version (a stale iam.bin) counts as no data */
	static const char magic[8] = { 'S', 'L', 'I', 'A', 'M', 0, 0, 2 };
	if (sl_iam_blob_size < H_WORDS + 4 || memcmp(sl_iam_blob, magic, 8) != 0)
		return 0;
	return u32(H_NSVC);
}

const char *sl_iam_service_name(int svc)
{
	return pool(svc_field(svc, 0));
}

/* strcmp of lower(a[0..al)) and the NUL-terminated lower-case b. */
static int cmp_lower(const char *a, size_t al, const char *b)
{
	for (size_t i = 0;; i++) {
		int ca = i < al ? tolower((unsigned char)a[i]) : 0;
		int cb = (unsigned char)b[i];
		if (ca != cb || !ca)
			return ca - cb;
	}
}

/* The same for two strings of any case. */
static int cmp_ci(const char *a, size_t al, const char *b)
{
	for (size_t i = 0;; i++) {
		int ca = i < al ? tolower((unsigned char)a[i]) : 0;
		int cb = tolower((unsigned char)b[i]);
		if (ca != cb || !ca)
			return ca - cb;
	}
}

int sl_iam_service(const char *prefix, size_t len)
{
	size_t lo = 0, hi = sl_iam_service_count();
	if (memchr(prefix, 0, len))
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_lower(prefix, len, sl_iam_service_name((int)mid));
		if (!c)
			return (int)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* Expands an encoded name (bytes >= 0x80 stand for words of the word table)
 * into out (cap bytes, NUL-terminated, cut if longer); returns its length. */
static size_t decode(char *out, size_t cap, const uint8_t *enc, size_t len)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (enc[i] < 0x80) { /* most bytes stand for themselves: no call per byte */
			if (o + 1 >= cap)
				break;
			out[o++] = (char)enc[i];
			continue;
		}
		const char *w = pool(u32(u32(H_WORDS) + 4 * (size_t)(enc[i] - 0x80)));
		size_t wl = strlen(w);
		if (o + wl >= cap)
			break;
		memcpy(out + o, w, wl);
		o += wl;
	}
	out[o] = 0;
	return o;
}

void sl_iam_iter_init(struct sl_iam_iter *it, int svc)
{
	it->p = sl_iam_blob + u32(H_STREAM) + svc_field(svc, 1);
	it->left = svc_field(svc, 2);
	it->enc_len = 0;
	it->dec[0] = 0;
	it->cut = 1;
	it->a.len = 0;
	it->a.name[0] = 0;
}

bool sl_iam_next(struct sl_iam_iter *it)
{
	if (!it->left)
		return false;
	const uint8_t *p = it->p;
	size_t shared = *p++;
	size_t len = strlen((const char *)p), n = len;
	if (shared > it->enc_len)
		shared = it->enc_len;
	if (shared + n > sizeof it->enc)
		n = sizeof it->enc - shared;
	memcpy(it->enc + shared, p, n);
	it->enc_len = shared + n;
	/* decode(a.name, enc, enc_len), reusing what the shared part decoded to:
	 * decode stops at the first word that does not fit */
	char *out = it->a.name;
	size_t o = it->dec[shared], cap = sizeof it->a.name;
	if (it->cut <= shared) {
		o = it->dec[it->cut - 1];
	} else {
		it->cut = it->enc_len + 1;
		for (size_t i = shared; i < it->enc_len; i++) {
			uint8_t b = it->enc[i];
			if (b < 0x80 && o + 1 < cap) {
				out[o++] = (char)b;
			} else if (b >= 0x80) {
				const char *w = pool(u32(u32(H_WORDS) + 4 * (size_t)(b - 0x80)));
				size_t wl = strlen(w);
				if (o + wl >= cap) {
					it->cut = i + 1;
					break;
				}
				memcpy(out + o, w, wl);
				o += wl;
			} else {
				it->cut = i + 1;
				break;
			}
			it->dec[i + 1] = (uint16_t)o;
		}
	}
	out[o] = 0;
	it->a.len = o;
	p += len + 1;
	it->a.n_res = *p++;
	it->a.res = p;
	it->p = p + 2 * (size_t)it->a.n_res;
	it->left--;
	return true;
}

bool sl_iam_action_find(struct sl_iam_action *out, int svc, const char *name, size_t len)
{
	uint32_t n = svc_field(svc, 2);
	if (!n || memchr(name, 0, len))
		return false;
	uint32_t r0 = svc_field(svc, 3), nr = (n + 31) / 32;
	/* the last restart whose name is <= name */
	uint32_t lo = 0, hi = nr;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		const uint8_t *e = sl_iam_blob + u32(H_STREAM) +
				   u32(u32(H_RESTART) + 4 * (size_t)(r0 + mid)) + 1;
		char s[256];
		decode(s, sizeof s, e, strlen((const char *)e));
		if (cmp_ci(name, len, s) < 0)
			hi = mid;
		else
			lo = mid;
	}
	struct sl_iam_iter it;
	it.p = sl_iam_blob + u32(H_STREAM) + u32(u32(H_RESTART) + 4 * (size_t)(r0 + lo));
	it.left = n - lo * 32;
	if (it.left > 32)
		it.left = 32;
	it.enc_len = 0;
	it.dec[0] = 0;
	it.cut = 1;
	it.a.len = 0;
	while (sl_iam_next(&it)) {
		int c = cmp_ci(name, len, it.a.name);
		if (!c) {
			*out = it.a;
			return true;
		}
		if (c < 0)
			break;
	}
	return false;
}

void sl_iam_restype(unsigned id, const char **service, const char **fixed)
{
	const char *s = pool(u32(u32(H_RESTYPE) + 4 * (size_t)id));
	*service = s;
	*fixed = s + strlen(s) + 1;
}
