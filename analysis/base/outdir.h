/*
 * outdir: a folder written whole, the folder counterpart of aout (util.h).
 *
 * outdir_open() makes a scratch folder beside DIR (in DIR's parent, so that a rename
 * moves it); the caller writes every file there; outdir_commit() puts the scratch folder
 * in DIR's place and removes the old folder whole, so nothing of an earlier run is left;
 * outdir_abort() removes the scratch folder and leaves DIR as it was.  Exactly one of
 * commit/abort must follow a successful open.
 *
 * Replacing a folder deletes what it held, so DIR is taken only when it is missing,
 * empty, or holds the file MARK starting with HEAD (after a UTF-8 BOM, if any): what an
 * earlier run wrote there, e.g. its index.csv with its header.  A folder of other files
 * (plots/ with its CSVs, the home folder) is refused, never emptied.  DIR's parent must
 * exist; DIR itself is made when missing.
 */
#ifndef YOY_OUTDIR_H
#define YOY_OUTDIR_H

struct outdir {
	char *dir;   /* the folder to replace, as given (trailing '/' removed) */
	char *tmp;   /* the scratch folder: write the files here */
};

/* Check DIR (see above) and make the scratch folder.  Returns -1 with "DIR: what" in
 * *cause, and then nothing was made. */
int outdir_open(struct outdir *d, const char *dir, const char *mark, const char *head,
                char **cause);

/* The checks of outdir_open alone, nothing made: for a command that checks what it was
 * given before it does the work.  Returns -1 with *cause. */
int outdir_check(const char *dir, const char *mark, const char *head, char **cause);

/* Move the scratch folder into DIR's place, then remove the old folder.  Returns -1 with
 * *cause when the move failed: the scratch folder is then removed and DIR is as it was. */
int outdir_commit(struct outdir *d, char **cause);

/* Remove the scratch folder and everything in it. */
void outdir_abort(struct outdir *d);

/* Remove PATH and, when it is a folder, everything under it (symbolic links are removed,
 * never followed).  Returns -1 when something could not be removed. */
int outdir_remove_tree(const char *path);

#endif
