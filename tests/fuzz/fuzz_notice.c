/* libFuzzer entry: the notice parser (decoding, layouts, head) on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "ingest/notice.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cause = NULL;
	struct notice *n = notice_parse((const char *)data, size, "fuzz", NULL, &cause);

	notice_free(n);
	free(cause);
	return 0;
}
