/*
 * ingest: notice_parse and notice_load (notice.h) — read the input into a doc, let the
 * layouts score it, parse with the winner, then number sections, check for a cut-off
 * list and read the head.
 */
#include "ingest/notice.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/build.h"
#include "ingest/doc.h"
#include "ingest/layout.h"
#include "base/text.h"
#include "base/util.h"

/* ---- the head: title, year, jurisdiction, document number, date ---- */

/* Find "YYYY年M月D日" in KEY; returns it as YYYY-MM-DD or NULL. */
static char *
find_date(const char *key)
{
	for (const char *p = key; *p; p++) {
		int y, m, d, n = 0;
		if (!isdigit((unsigned char)*p) || (p > key && isdigit((unsigned char)p[-1])))
			continue;
		if (sscanf(p, "%4d年%2d月%2d日%n", &y, &m, &d, &n) == 3 && n > 0 && y >= 1949 &&
		    y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
			return xasprintf("%04d-%02d-%02d", y, m, d);
	}
	return NULL;
}

/* A document number such as 渝府办发〔2025〕13号: text before 〔YYYY〕 and up to 号. */
static char *
find_doc_number(const char *key)
{
	const char *b = strstr(key, "〔");
	const char *e, *start = key;

	if (!b)
		b = strstr(key, "[");
	if (!b || !(e = strstr(b, "号")))
		return NULL;
	/* The number starts after the last ASCII character before the bracket. */
	for (const char *p = key; p < b; p++)
		if ((unsigned char)*p < 0x80)
			start = p + 1;
	if (start == b)
		return NULL;
	return xstrndup(start, (size_t)(e - start) + strlen("号"));
}

/* Where "YYYY年" starts in S, or NULL. */
static const char *
find_year(const char *s)
{
	for (const char *p = s; *p; p++)
		if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
		    isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
		    starts_with(p + 4, "年") && (p == s || !isdigit((unsigned char)p[-1])))
			return p;
	return NULL;
}

/* Words that make a line the title of a list of livelihood projects. */
static int
is_list_title(const char *key)
{
	static const char *const words[] = { "民生实事", "为民办实事", "民生實事", "為民辦實事",
		                              "实事项目", "實事項目", "民生工程", "为民实事",
		                              "民生项目", "实事" };
	if (!find_year(key) || text_width(key) > 80 || has_clause_marks(key))
		return 0;
	for (size_t i = 0; i < NELEM(words); i++)
		if (strstr(key, words[i]))
			return 1;
	return 0;
}

/* Where a jurisdiction's name ends in S: after 市, 区, 县 … (the last of them in the
 * first few characters); NULL when there is none. */
static const char *
admin_end(const char *s, size_t chars)
{
	static const char *const ends[] = { "市", "区", "县", "镇", "旗", "州", "省", "乡",
		                             "街道", "區", "縣", "鎮" };
	const char *best = NULL, *p = s;
	size_t n = 0;

	while (*p && n < chars) {
		int32_t cp;
		int k = u8_next(p, &cp);
		if (k <= 0)
			break;
		for (size_t i = 0; i < NELEM(ends); i++)
			if (starts_with(p, ends[i]) && n >= 1) {
				best = p + strlen(ends[i]);
				break;
			}
		p += k;
		n++;
		if (best && (starts_with(p, "政府") || starts_with(p, "人民") || starts_with(p, "为民") ||
		             starts_with(p, "民生") || starts_with(p, "十") || starts_with(p, "重点")))
			break;
	}
	return best;
}

/*
 * The jurisdiction a title names: the text before the year without 关于印发《 and the
 * issuing office (西安市人民政府办公厅关于印发2024年… → 西安市), or the place right after
 * the year (2024年长宁区政府为民办实事项目 → 长宁区).
 */
static char *
title_jurisdiction(const char *title, const char *year)
{
	static const char *const cuts[] = { "关于印发", "关于公布", "关于", "《", "“", "\"", "【" };
	const char *p = title, *q, *gov;
	char *j;

	for (size_t i = 0; i < NELEM(cuts); i++)
		for (q = title; (q = strstr(q, cuts[i])) && q < year; q += strlen(cuts[i]))
			if (q + strlen(cuts[i]) > p)
				p = q + strlen(cuts[i]);
	if (starts_with(p, "印发") || starts_with(p, "公布"))
		p += strlen("印发");
	j = xstrndup(p, (size_t)(year - p));
	if ((gov = strstr(j, "人民政府")) || (gov = strstr(j, "政府")))
		j[gov - j] = '\0';
	if (!*j) {
		/* The office that issues it: 西安市人民政府办公厅关于… */
		const char *e = admin_end(title, 12);
		free(j);
		j = e && e <= year ? xstrndup(title, (size_t)(e - title)) : xstrdup("");
	}
	if (!*j) {
		const char *after = year + 4 + strlen("年"), *e = admin_end(after, 12);
		free(j);
		j = e ? xstrndup(after, (size_t)(e - after)) : xstrdup("");
	}
	return j;
}

static const char *
level_of(const char *j)
{
	if (ends_with(j, "市") || ends_with(j, "州") || ends_with(j, "盟"))
		return "city";
	if (ends_with(j, "区") || ends_with(j, "县") || ends_with(j, "旗") || ends_with(j, "縣") ||
	    ends_with(j, "區") || ends_with(j, "镇") || ends_with(j, "鎮") || ends_with(j, "街道"))
		return "district";
	if (ends_with(j, "省"))
		return "province";
	return "";
}

static void
parse_head(struct notice *n, const struct doc *d, size_t start)
{
	size_t t = (size_t)-1;

	for (size_t i = 0; i < start && i < d->nlines; i++) {
		const char *k = d->lines[i].key;
		if (!n->doc_number && strlen(k) < 60)
			n->doc_number = find_doc_number(k);
		if (!n->issued)
			n->issued = find_date(k);
		if (!n->issuer && (ends_with(k, "办公厅") || ends_with(k, "办公室") ||
		                   strstr(k, "人民政府") || strstr(k, "管委会")) &&
		    !strstr(k, "关于") && !strstr(k, "：") && strlen(k) < 60)
			n->issuer = xstrdup(k);
	}
	/* The title: the last line before the list that is not 附件N, when it names a year
	 * (a table's own title); else the last line before it that reads as a list's title. */
	for (size_t i = start < d->nlines ? start : d->nlines; i-- > 0;) {
		const char *k = d->lines[i].key;
		if (!*k || (starts_with(k, "附件") && strlen(k) <= strlen("附件") + 3))
			continue;
		if (find_year(k) && !is_chrome(k) && !has_clause_marks(k) && text_width(k) <= 80)
			t = i;
		break;
	}
	if (t == (size_t)-1)
		for (size_t i = start < d->nlines ? start : d->nlines; i-- > 0;)
			if (is_list_title(d->lines[i].key)) {
				t = i;
				break;
			}
	if (t != (size_t)-1) {
		const char *y;
		n->title = xstrdup(d->lines[t].key);
		if ((y = find_year(n->title))) {
			n->year = atoi(y);
			n->jurisdiction = title_jurisdiction(n->title, y);
		}
	}
	if (!n->jurisdiction)
		n->jurisdiction = xstrdup("");
	n->level = xstrdup(level_of(n->jurisdiction));
	if (!n->doc_number)
		n->doc_number = xstrdup("");
	if (!n->issued)
		n->issued = xstrdup("");
	if (!n->title)
		n->title = xstrdup("");
	if (!n->issuer)
		n->issuer = xstrdup("");
}

/* ---- after the layout ---- */

/* Number the items by their position, 1…n, saying why (at LINE): the printed numbers
 * repeat in a way sections do not explain.  Returns 0. */
static int
by_position(struct build *b, int line, const char *why)
{
	struct notice *n = b->n;
	char *msg = xasprintf("%s: the items are numbered by their position instead", why);

	for (size_t i = 0; i < n->nitems; i++) {
		free(n->items[i].seq);
		n->items[i].seq = xasprintf("%zu", i + 1);
	}
	build_warn(b, line, msg, NULL);
	free(msg);
	return 0;
}

/* Letters for sections where numbering restarts: A1…A13, B1…B10. */
static int
prefix_sections(struct build *b, char **cause)
{
	struct notice *n = b->n;
	int dup = 0;

	for (size_t i = 0; i < n->nitems && !dup; i++)
		for (size_t j = i + 1; j < n->nitems; j++)
			if (strcmp(n->items[i].seq, n->items[j].seq) == 0) {
				dup = 1;
				break;
			}
	if (!dup)
		return 0;
	if (b->nsections == 0 || b->nsections > 26)
		return by_position(b, n->items[n->nitems - 1].line, "item numbers repeat without "
		                   "sections");
	for (size_t i = 0; i < n->nitems; i++) {
		size_t s;
		char *p;
		for (s = 0; s < b->nsections; s++)
			if (strcmp(b->sections[s], n->items[i].section) == 0)
				break;
		if (s == b->nsections)
			return by_position(b, n->items[i].line, "an item number repeats outside any "
			                   "section");
		p = xasprintf("%c%s", (char)('A' + s), n->items[i].seq);
		free(n->items[i].seq);
		n->items[i].seq = p;
	}
	for (size_t i = 0; i < n->nitems; i++)
		for (size_t j = i + 1; j < n->nitems; j++)
			if (strcmp(n->items[i].seq, n->items[j].seq) == 0)
				return by_position(b, n->items[j].line, "an item number repeats within "
				                   "its section");
	return 0;
}

static int
ends_sentence(const char *s)
{
	static const char *const ends[] = { "。", "；", "！", "）", ".", ";", "”" };
	for (size_t i = 0; i < NELEM(ends); i++)
		if (ends_with(s, ends[i]))
			return 1;
	return 0;
}

/*
 * A notice cut off mid-list (a download that stopped) still gives the items it holds,
 * but the last one may be incomplete: no task, no name or units where the others have
 * some, or a task that stops mid-sentence where the others end theirs.  Say so, naming
 * the last complete item.
 */
static void
check_cut_off(struct build *b)
{
	struct notice *n = b->n;
	const struct notice_item *last, *prev;
	size_t ended = 0, with_units = 0, with_name = 0;
	int cut;

	if (n->nitems < 2)
		return;
	last = &n->items[n->nitems - 1];
	prev = &n->items[n->nitems - 2];
	for (size_t i = 0; i + 1 < n->nitems; i++) {
		ended += ends_sentence(n->items[i].task);
		with_units += *n->items[i].units != '\0';
		with_name += *n->items[i].name != '\0';
	}
	cut = !*last->task || (!*last->name && with_name == n->nitems - 1) ||
	      (!*last->units && with_units == n->nitems - 1) ||
	      (!ends_sentence(last->task) && ended * 5 >= (n->nitems - 1) * 4);
	if (cut) {
		char *msg = xasprintf("the list seems cut off in item %s; the last complete item "
		                      "is %s%s%s%s",
		                      last->seq, prev->seq, *prev->name ? " (" : "", prev->name,
		                      *prev->name ? ")" : "");
		build_warn(b, last->line, msg, NULL);
		free(msg);
	}
}

/*
 * What the layout left: numbered lines or numbered table rows below the last item it read
 * (a second list, a table continued in another shape) are named in a warning, so that a
 * notice read only in part does not pass unseen.  Prose and chrome after a list are not.
 */
static void
check_left(struct build *b, const struct doc *d)
{
	const struct notice *n = b->n;
	int last = 0, from = 0, to = 0, count = 0;

	for (size_t i = 0; i < n->nitems; i++) {
		const struct notice_item *it = &n->items[i];
		size_t len = strlen(it->task);
		if (it->line > last)
			last = it->line;
		if (it->task_lines && len && it->task_lines[len - 1] > last)
			last = it->task_lines[len - 1];
	}
	for (size_t i = 0; i < d->nlines; i++) {
		const struct dline *l = &d->lines[i];
		struct num num;
		int numbered;
		if (l->no <= last || !*l->key || l->chrome)
			continue;
		if (l->table)
			numbered = l->ncells && l->cells[0].nparts &&
			           seq_value(l->cells[0].parts[0].text) > 0;
		else
			numbered = num_parse(l->text, &num) && !num.alone && num.style != NUM_SHI &&
			           text_width(l->key) > 8;
		if (!numbered)
			continue;
		if (!count++)
			from = l->no;
		to = l->no;
	}
	if (count >= 2) {
		char *msg = xasprintf("%d numbered lines after the last item read, lines %d–%d, "
		                      "were left (another list? try --explain)", count, from, to);
		build_warn(b, from, msg, NULL);
		free(msg);
	}
}

/* ---- choosing the layout ---- */

const char *
notice_layout_names(void)
{
	static char names[512];

	if (!names[0]) {
		size_t at = 0;
		for (size_t i = 0; i < nlayouts && at < sizeof names; i++)
			at += (size_t)snprintf(names + at, sizeof names - at, "%s%s", i ? ", " : "",
			                       layouts[i]->name);
	}
	return names;
}

static const char *const kind_names[] = { "text", "html", "pdf" };

/* Score every layout; returns the index of the one to use, or -1 (with *cause). */
static int
choose(const struct doc *d, struct ingest_opts *o, struct fit *fits, struct sb *explain,
       char **cause)
{
	int best = -1, near = -1;

	for (size_t i = 0; i < nlayouts; i++) {
		memset(&fits[i], 0, sizeof fits[i]);
		layouts[i]->detect(d, &fits[i]);
		if (fits[i].score > 0 && (best < 0 || fits[i].score > fits[best].score))
			best = (int)i;
		if (fits[i].score == 0 && fits[i].near > 0 &&
		    (near < 0 || fits[i].near > fits[near].near))
			near = (int)i;
	}
	if (o && o->layout) {
		best = -1;
		for (size_t i = 0; i < nlayouts; i++)
			if (strcmp(layouts[i]->name, o->layout) == 0)
				best = (int)i;
		if (best < 0) {
			fail(cause, "%s: unknown layout '%s' (%s)", d->name, o->layout,
			     notice_layout_names());
			return -1;
		}
	}
	if (explain) {
		sb_addf(explain, "%s: read as %s (%s)\n", d->name, kind_names[d->kind], d->encoding);
		for (size_t i = 0; i < nlayouts; i++) {
			const struct fit *f = &fits[i];
			sb_addf(explain, "%-9s %3d  %s\n", layouts[i]->name, f->score,
			        f->score ? f->why : f->near ? f->problem : "-");
		}
		if (best >= 0 && o && o->layout)
			sb_addf(explain, "chosen: %s, as --layout asked\n", layouts[best]->name);
		else if (best >= 0)
			sb_addf(explain, "chosen: %s, the highest score: %s\n", layouts[best]->name,
			        fits[best].why);
		else
			sb_addf(explain, "chosen: none\n");
	}
	if (best >= 0)
		return best;
	/* No layout fits: say where the list should have started and what was there. */
	if (near >= 0)
		fail(cause, "%s:%d: %s", d->name, fits[near].problem_line, fits[near].problem);
	else
		fail(cause, "%s:%d: no list of items found (no table header with 序号 and a name or "
		     "task column, no numbered or bulleted lines)",
		     d->name, d->nlines ? d->lines[0].no : 1);
	return -1;
}

static void
item_release(struct notice_item *it)
{
	free(it->seq);
	free(it->section);
	free(it->name);
	free(it->units);
	free(it->task);
	free(it->deadline);
	free(it->note);
	free(it->task_lines);
}

/* A row with neither name nor task (its cells read into other columns) is no item a
 * task set can hold: left out, with a warning that says where. */
static void
drop_empty(struct build *b)
{
	struct notice *n = b->n;
	size_t o = 0;

	for (size_t i = 0; i < n->nitems; i++) {
		struct notice_item *it = &n->items[i];
		if (*it->name || *it->task) {
			n->items[o++] = *it;
			continue;
		}
		build_warn(b, it->line, "row left out, neither name nor task read: ", it->seq);
		item_release(it);
	}
	n->nitems = o;
}

static struct notice *
parse_doc(const struct doc *d, struct ingest_opts *o, char **cause)
{
	struct fit *fits = xcalloc(nlayouts, sizeof *fits);
	struct sb explain = SB_INIT;
	struct build b;
	int k, rc;

	k = choose(d, o, fits, o && o->explain ? &explain : NULL, cause);
	if (k < 0) {
		/* --explain shows the scores even when nothing fits. */
		if (o && o->explain && cause && *cause) {
			char *c = xasprintf("%s%s", explain.buf ? explain.buf : "", *cause);
			free(*cause);
			*cause = c;
		}
		sb_release(&explain);
		free(fits);
		return NULL;
	}
	build_init(&b, d->name);
	b.n->kind = kind_names[d->kind];
	b.n->encoding = d->encoding;
	b.n->layout = layouts[k]->name;
	parse_head(b.n, d, fits[k].start);
	rc = layouts[k]->parse(&b, d, &fits[k], cause);
	if (rc == 0 && b.n->nitems == 0)
		rc = fail(cause, "%s:%d: the %s layout found no items there", d->name,
		          fits[k].start < d->nlines ? d->lines[fits[k].start].no : 1,
		          layouts[k]->name);
	if (rc == 0)
		drop_empty(&b);
	if (rc == 0 && b.n->nitems == 0)
		rc = fail(cause, "%s:%d: the %s layout found only rows with neither name nor task",
		          d->name, fits[k].start < d->nlines ? d->lines[fits[k].start].no : 1,
		          layouts[k]->name);
	if (rc == 0)
		rc = prefix_sections(&b, cause);
	if (rc == 0) {
		check_cut_off(&b);
		check_left(&b, d);
	}
	if (rc == 0 && explain.len)
		b.n->explain = sb_detach(&explain);
	sb_release(&explain);
	free(fits);
	build_release(&b);
	if (rc < 0) {
		notice_free(b.n);
		return NULL;
	}
	return b.n;
}

/* PDF bytes from a buffer go through a temporary file: pdftotext reads a path. */
static int
read_pdf_bytes(struct doc *d, const char *buf, size_t len, int *missing, char **cause)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/yoy-pdf-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path), rc;
	FILE *fp;

	if (fd < 0 || !(fp = fdopen(fd, "wb"))) {
		if (fd >= 0)
			close(fd);
		rc = fail(cause, "%s: cannot write a temporary file in %s", d->name,
		          dir && *dir ? dir : "/tmp");
		free(path);
		return rc;
	}
	rc = fwrite(buf, 1, len, fp) == len ? 0 : -1;
	if (fclose(fp) != 0)
		rc = -1;
	if (rc < 0)
		rc = fail(cause, "%s: cannot write a temporary file", d->name);
	else
		rc = doc_read_pdf(d, path, missing, cause);
	unlink(path);
	free(path);
	return rc;
}

static struct notice *
parse_input(const char *buf, size_t len, const char *name, const char *path,
            struct ingest_opts *o, char **cause)
{
	struct doc d;
	struct notice *n = NULL;
	int missing = 0, rc;

	if (len > DOC_MAX_BYTES) {
		fail(cause, "%s: notice larger than %u bytes", name, DOC_MAX_BYTES);
		return NULL;
	}
	doc_init(&d, name, doc_sniff(buf, len, name));
	switch (d.kind) {
	case DOC_PDF:
		rc = path ? doc_read_pdf(&d, path, &missing, cause)
		          : read_pdf_bytes(&d, buf, len, &missing, cause);
		break;
	case DOC_HTML:
		rc = doc_read_html(&d, buf, len, cause);
		break;
	default:
		rc = doc_read_text(&d, buf, len, cause);
		break;
	}
	if (o)
		o->missing = missing;
	/* What every layout asks of a line, asked once. */
	for (size_t i = 0; rc == 0 && i < d.nlines; i++)
		d.lines[i].chrome = is_chrome(d.lines[i].key);
	if (rc == 0)
		n = parse_doc(&d, o, cause);
	doc_release(&d);
	return n;
}

struct notice *
notice_parse(const char *buf, size_t len, const char *name, struct ingest_opts *o,
             char **cause)
{
	return parse_input(buf, len, name, NULL, o, cause);
}

struct notice *
notice_load(const char *path, struct ingest_opts *o, char **cause)
{
	size_t len;
	char *buf = file_read(path, DOC_MAX_BYTES, &len, cause);
	struct notice *n;

	if (!buf)
		return NULL;
	n = parse_input(buf, len, path, path, o, cause);
	free(buf);
	return n;
}

void
notice_free(struct notice *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nitems; i++)
		item_release(&n->items[i]);
	free(n->items);
	for (size_t i = 0; i < n->nwarnings; i++)
		free(n->warnings[i]);
	free(n->warnings);
	free(n->jurisdiction);
	free(n->level);
	free(n->doc_number);
	free(n->issued);
	free(n->title);
	free(n->issuer);
	free(n->explain);
	free(n);
}
