/* TEMPORARY: weak stand-ins until the HTML and PDF readers land (removed then). */
#include "doc.h"
#include "util.h"
__attribute__((weak)) int
doc_read_html(struct doc *d, const char *buf, size_t len, char **cause)
{
	(void)buf; (void)len;
	return fail(cause, "%s: HTML not yet", d->name);
}
__attribute__((weak)) int
doc_read_pdf(struct doc *d, const char *path, int *missing, char **cause)
{
	(void)path; (void)missing;
	return fail(cause, "%s: PDF not yet", d->name);
}
