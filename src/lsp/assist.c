/* Spec facts and completion for the language server: see assist.h. */
#include "lsp/assist.h"

bool sl_lsp_hover_spec(struct sl_buf *md, const struct sl_options *o, const char *text, size_t len,
		       size_t off)
{
	(void)md, (void)o, (void)text, (void)len, (void)off;
	return false; /* being written (issue 15) */
}

void sl_lsp_complete(struct sl_jw *w, const struct sl_options *o, const char *text, size_t len,
		     size_t off)
{
	(void)w, (void)o, (void)text, (void)len, (void)off;
}
