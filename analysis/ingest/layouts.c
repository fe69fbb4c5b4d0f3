/* The table of layouts (layout.h): a new layout is a file and a row here.  Ties in score
 * go to the earlier row. */
#include "ingest/layout.h"

const struct layout *const layouts[] = {
	&layout_grid,
	&layout_rows,
	&layout_cells,
	&layout_pdftext,
	&layout_numbered,
	&layout_paras,
	&layout_pipe,
	&layout_stacked,
	&layout_bullets,
	&layout_inline,
};
const size_t nlayouts = NELEM(layouts);
