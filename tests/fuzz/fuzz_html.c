/* libFuzzer entry: the HTML reader (decoding, libxml2, tables, chrome) on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "ingest/doc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cause = NULL;
	struct doc d;

	doc_init(&d, "fuzz", DOC_HTML);
	doc_read_html(&d, (const char *)data, size, &cause);
	doc_release(&d);
	free(cause);
	return 0;
}
