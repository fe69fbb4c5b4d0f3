/* libFuzzer entry: the target extractor on arbitrary (NUL-terminated) text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/targets.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct target_list l = { 0 };

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	targets_extract(s, NULL, &l);
	target_list_release(&l);
	free(s);
	return 0;
}
