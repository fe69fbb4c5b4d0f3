/* libFuzzer entry: the notice parser (decoding, readers, every layout, head) on arbitrary
 * bytes.  PDF bytes are left out: they go to pdftotext, another program; what it gives
 * back is fuzzed by fuzz_bbox. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/notice.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cause = NULL;
	struct notice *n;

	if (size >= 5 && memcmp(data, "%PDF-", 5) == 0)
		return 0;
	n = notice_parse((const char *)data, size, "fuzz", NULL, &cause);
	notice_free(n);
	free(cause);
	return 0;
}
