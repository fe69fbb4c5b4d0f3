/* libFuzzer entry: the PDF reader's geometry (doc_read_bbox) on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "ingest/doc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc d;
	char *cause = NULL;

	doc_init(&d, "fuzz", DOC_PDF);
	doc_read_bbox(&d, (const char *)data, size, &cause);
	doc_release(&d);
	free(cause);
	return 0;
}
