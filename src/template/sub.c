/* Fn::Sub strings: finding ${Var}, ${Res.Attr}; ${!Literal} is an escape. */
#include <string.h>

#include "template/template.h"

void sl_sub_vars(const char *s, size_t len, void (*fn)(void *ud, size_t var_start, size_t var_len), void *ud)
{
	size_t i = 0;
	while (i + 1 < len) {
		const char *p = memchr(s + i, '$', len - i - 1);
		if (!p)
			return;
		i = (size_t)(p - s);
		if (s[i + 1] != '{') {
			i++;
			continue;
		}
		const char *close = memchr(s + i + 2, '}', len - i - 2);
		if (!close)
			return;
		size_t vs = i + 2, ve = (size_t)(close - s);
		if (vs < ve && s[vs] == '!') {
			i = ve + 1;
			continue;
		}
		/* trim spaces: CloudFormation tolerates "${ Var }" */
		size_t a = vs, b = ve;
		while (a < b && s[a] == ' ')
			a++;
		while (b > a && s[b - 1] == ' ')
			b--;
		if (b > a)
			fn(ud, a, b - a);
		i = ve + 1;
	}
}
