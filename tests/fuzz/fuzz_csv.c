/* libFuzzer entry: the CSV loader (libcsv, BOM, UTF-8 check, header and row checks). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/corpus.h"
#include "base/csvio.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cause = NULL;
	struct csv_doc *d = csvio_parse((const char *)data, size, "fuzz.csv", &cause);

	if (d)
		csvio_expect(d, "fuzz.csv", task_cols, TASK_NCOLS, &cause);
	csvio_free(d);
	free(cause);
	return 0;
}
