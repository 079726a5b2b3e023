/*
 * s903 XML reader: the XML form of the return (root EXPSSDA903, one CHILD
 * element per child holding a HEADER and its EPISODEs) into the same
 * tables as the CSV form. The mapping and what counts as unknown are
 * written out in docs/ssda903.md ("XML").
 *
 * The file is untrusted: it is streamed with libxml2's xmlTextReader (one
 * child in memory at a time), never from the network, with no DTD loaded,
 * no entity substituted and a document type declaration refused outright.
 * Any element the return does not define is an error naming the file and
 * line: a misspelt or misplaced element would otherwise drop a value
 * silently.
 */
#include <libxml/xmlreader.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "ssda903/s903.h"

#define END S903_NCOL
#define VALUE_MAX 4096 /* longer text in one element is no SSDA903 value */

/* The element blocks of a CHILD and the fields each may hold. */
enum blk { B_HEADER, B_EPISODE, B_AREVIEW, B_AMISSING, B_OC2, B_PERMANENCE, B_AD_PLACED, B_N };

struct blockdef {
	const char *tag;
	int slot;                    /* the table each element is a row of; -1 Header's own */
	enum s903_colid fields[20];
};

static const struct blockdef blocks[B_N] = {
	[B_HEADER] = { "HEADER", -1,
		       { S903_C_CHILD, S903_C_SEX, S903_C_DOB, S903_C_ETHNIC, S903_C_UPN,
			 S903_C_MOTHER, S903_C_MC_DOB, S903_C_UASC, S903_C_DUC, S903_C_IN_TOUCH,
			 S903_C_ACTIV, S903_C_ACCOM, S903_C_DATE_INT, S903_C_DATE_MATCH,
			 S903_C_FOSTER_CARE, S903_C_NB_ADOPTR, S903_C_SEX_ADOPTR,
			 S903_C_LS_ADOPTR, END } },
	[B_EPISODE] = { "EPISODE", S903_EPISODES,
			{ S903_C_DECOM, S903_C_RNE, S903_C_LS, S903_C_CIN, S903_C_PLACE,
			  S903_C_PLACE_PROVIDER, S903_C_DEC, S903_C_REC,
			  S903_C_REASON_PLACE_CHANGE, S903_C_HOME_POST, S903_C_PL_POST,
			  S903_C_URN, END } },
	[B_AREVIEW] = { "AREVIEW", S903_REVIEWS, { S903_C_REVIEW, S903_C_REVIEW_CODE, END } },
	[B_AMISSING] = { "AMISSING", S903_MISSING,
			 { S903_C_MISSING, S903_C_MIS_START, S903_C_MIS_END, END } },
	[B_OC2] = { "OC2", S903_OC2,
		    { S903_C_SDQ_SCORE, S903_C_SDQ_REASON, S903_C_CONVICTED, S903_C_HEALTH_CHECK,
		      S903_C_IMMUNISATIONS, S903_C_TEETH_CHECK, S903_C_HEALTH_ASSESSMENT,
		      S903_C_SUBSTANCE_MISUSE, S903_C_INTERVENTION_RECEIVED,
		      S903_C_INTERVENTION_OFFERED, END } },
	[B_PERMANENCE] = { "PERMANENCE", S903_PREVPERM,
			   { S903_C_PREV_PERM, S903_C_LA_PERM, S903_C_DATE_PERM, END } },
	[B_AD_PLACED] = { "AD_PLACED", S903_PLACED,
			  { S903_C_DATE_PLACED, S903_C_DATE_PLACED_CEASED,
			    S903_C_REASON_PLACED_CEASED, END } },
};

/* The tables the XML form carries (SWEpisodes and DoLo have no XML form
 * in the reference validator's reader either). */
static const int xml_tabs[] = { S903_HEADER, S903_EPISODES, S903_REVIEWS, S903_UASC, S903_OC2,
				S903_OC3, S903_AD1, S903_PLACED, S903_PREVPERM, S903_MISSING };
#define NXTAB (sizeof xml_tabs / sizeof xml_tabs[0])

/* One element block's values, by column id (interned; NULL blank). */
struct vals {
	int blk, line;
	uint64_t seen;
	const char *v[S903_NCOL];
};

enum where { W_DOC, W_ROOT, W_CHILD, W_BLOCK, W_FIELD, W_DONE };

struct xr {
	struct s903_return *r;
	const char *path;
	xmlTextReaderPtr rd;
	struct raa_err *err;
	char xmlerr[256];    /* libxml2's first complaint */
	int xmlerr_line;
	struct s903_table tab[S903_NTAB];
	size_t cap[S903_NTAB];
	/* the CHILD being read */
	enum where at;
	int child_line, nheader;
	struct vals *row;    /* rows[0] is the HEADER's values */
	size_t nrow, caprow;
	struct vals *cur;    /* the block being read */
	int field;           /* the field being read */
	struct buf text;
	/* some HEADER gave a UASC value: Header keeps its own UASC column */
	bool uasc_given;
};

static bool seen(const struct vals *v, enum s903_colid c)
{
	return v->seen >> c & 1;
}

/* ---- libxml2 setup ---- */

static void on_xml_error(void *ctx, xmlErrorPtr e)
{
	struct xr *x = ctx;
	if (x->xmlerr[0] || !e)
		return;
	snprintf(x->xmlerr, sizeof x->xmlerr, "%s", e->message ? e->message : "error");
	x->xmlerr[strcspn(x->xmlerr, "\n")] = '\0';
	x->xmlerr_line = e->line;
}

/* raa never needs an external entity or DTD: whatever asks for one gets
 * nothing, even if a future option or libxml2 default would load it. */
static xmlParserInputPtr no_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void install_loader(void)
{
	xmlSetExternalEntityLoader(no_loader);
}

/* ---- errors ---- */

/* The line of the node being read (the parser itself runs ahead). */
static int line_now(const struct xr *x)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(x->rd);
	long line = n ? xmlGetLineNo(n) : -1;
	return line > 0 ? (int)line : xmlTextReaderGetParserLineNumber(x->rd);
}

static int fail(struct xr *x, int line, const char *what, const char *name)
{
	return raa_err_set(x->err, RAA_EINVAL, "%s: line %d: %s%s%s", x->path, line, what,
			   name ? name : "", name ? ">" : "");
}

static const char *tag_of(enum where at, const struct xr *x)
{
	if (at == W_ROOT)
		return "EXPSSDA903";
	if (at == W_CHILD)
		return "CHILD";
	return blocks[x->cur->blk].tag;
}

/* "element <X> in <HEADER> is not part of the SSDA903 return (expected one
 * of: ...)": the list lets the analyst see a misspelling at once. */
static int unknown(struct xr *x, const char *name)
{
	struct buf b;
	buf_init(&b, 0);
	if (x->at == W_ROOT) {
		buf_puts(&b, "CHILD");
	} else if (x->at == W_CHILD) {
		buf_puts(&b, "HEADER, EPISODE");
	} else {
		const struct blockdef *d = &blocks[x->cur->blk];
		for (int i = 0; d->fields[i] != END; i++) {
			enum s903_colid c = d->fields[i];
			buf_printf(&b, "%s%s", i ? ", " : "",
				   c == S903_C_CHILD ? "CHILDID" : c == S903_C_PLACE ? "PL" : s903_col_name(c));
		}
		if (x->cur->blk == B_HEADER)
			buf_puts(&b, ", AREVIEW, AMISSING, OC2, PERMANENCE, AD_PLACED");
	}
	raa_err_set(x->err, RAA_EINVAL,
		    "%s: line %d: element <%s> in <%s> is not part of the SSDA903 return "
		    "(expected one of: %s)", x->path, line_now(x), name, tag_of(x->at, x), buf_cstr(&b));
	buf_free(&b);
	return RAA_EINVAL;
}

/* ---- building the tables ---- */

static struct s903_table *table(struct xr *x, int t)
{
	struct s903_table *tab = &x->tab[t];
	if (!tab->present) {
		tab->present = true;
		const enum s903_colid *cols = s903_tab_cols((enum s903_tab)t);
		for (int i = 0; cols[i] != END; i++)
			tab->col[cols[i]] = s903_col_new(cols[i]);
		/* HEADER's own UASC element; dropped when no child gives one */
		if (t == S903_HEADER)
			tab->col[S903_C_UASC] = s903_col_new(S903_C_UASC);
	}
	return tab;
}

/* A row of table t: each column from the block's own value, else the
 * HEADER's (CHILD, DOB and SEX of the child). */
static void put_row(struct xr *x, int t, const struct vals *v)
{
	struct s903_table *tab = table(x, t);
	const struct vals *h = &x->row[0];
	s903_table_grow(tab, &x->cap[t]);
	const enum s903_colid *cols = s903_tab_cols((enum s903_tab)t);
	for (int i = 0; cols[i] != END; i++) {
		enum s903_colid c = cols[i];
		s903_cell_put(tab, c, seen(v, c) ? v->v[c] : h->v[c]);
	}
	tab->n++;
}

static bool any(const struct vals *h, const enum s903_colid *cols)
{
	for (int i = 0; cols[i] != END; i++)
		if (h->v[cols[i]])
			return true;
	return false;
}

/* The CHILD is complete: its rows, in document order per table. */
static int end_child(struct xr *x)
{
	const struct vals *h = &x->row[0];
	if (x->nheader == 0)
		return fail(x, x->child_line, "<CHILD> without a <HEADER>", NULL);
	if (!h->v[S903_C_CHILD])
		return fail(x, h->line, "<HEADER> without a CHILDID: every child needs its id", NULL);
	struct s903_table *ht = table(x, S903_HEADER);
	put_row(x, S903_HEADER, h);
	ht->col[S903_C_UASC]->s[ht->n - 1] = h->v[S903_C_UASC];
	x->uasc_given |= h->v[S903_C_UASC] != NULL;
	/* UASC, OC3 and AD1 items sit in HEADER itself: a row when the child
	 * has any of them (UASC: a DUC, or a UASC flag other than 0). */
	const char *flag = h->v[S903_C_UASC];
	if (h->v[S903_C_DUC] || (flag && strcmp(flag, "0") != 0))
		put_row(x, S903_UASC, h);
	static const enum s903_colid oc3[] = { S903_C_IN_TOUCH, S903_C_ACTIV, S903_C_ACCOM, END };
	static const enum s903_colid ad1[] = { S903_C_DATE_INT, S903_C_DATE_MATCH,
					       S903_C_FOSTER_CARE, S903_C_NB_ADOPTR,
					       S903_C_SEX_ADOPTR, S903_C_LS_ADOPTR, END };
	if (any(h, oc3))
		put_row(x, S903_OC3, h);
	if (any(h, ad1))
		put_row(x, S903_AD1, h);
	for (size_t i = 1; i < x->nrow; i++)
		put_row(x, blocks[x->row[i].blk].slot, &x->row[i]);
	return 0;
}

static struct vals *new_block(struct xr *x, int blk)
{
	xgrow((void **)&x->row, &x->caprow, x->nrow + 1, sizeof *x->row);
	struct vals *v = &x->row[x->nrow++];
	memset(v, 0, sizeof *v);
	v->blk = blk;
	v->line = line_now(x);
	return v;
}

/* The column a field element names in block blk, or -1. */
static int field_of(int blk, const char *name)
{
	int c = strcmp(name, "CHILDID") == 0 ? S903_C_CHILD
		: strcmp(name, "PL") == 0    ? S903_C_PLACE
		: strcmp(name, "CHILD") == 0 || strcmp(name, "PLACE") == 0 ? -1
					     : s903_col_parse(name);
	for (int i = 0; c >= 0 && blocks[blk].fields[i] != END; i++)
		if ((int)blocks[blk].fields[i] == c)
			return c;
	return -1;
}

static int sub_block(const char *name)
{
	for (int b = B_AREVIEW; b < B_N; b++)
		if (strcmp(name, blocks[b].tag) == 0)
			return b;
	return -1;
}

/* ---- the element walk ---- */

static int start(struct xr *x, const char *name)
{
	int c, b;
	switch (x->at) {
	case W_DOC:
		if (strcmp(name, "EXPSSDA903") != 0)
			return fail(x, line_now(x),
				    "the root element is not <EXPSSDA903> (the SSDA903 return): <",
				    name);
		x->at = W_ROOT;
		return 0;
	case W_ROOT:
		if (strcmp(name, "CHILD") != 0)
			return unknown(x, name);
		x->nrow = x->nheader = 0;
		x->child_line = line_now(x);
		new_block(x, B_HEADER);
		x->at = W_CHILD;
		return 0;
	case W_CHILD:
		if (strcmp(name, "HEADER") == 0) {
			if (x->nheader++)
				return fail(x, line_now(x), "a second <HEADER> in one <CHILD>", NULL);
			x->row[0].line = line_now(x);
			x->cur = &x->row[0];
		} else if (strcmp(name, "EPISODE") == 0) {
			x->cur = new_block(x, B_EPISODE);
		} else {
			return unknown(x, name);
		}
		x->at = W_BLOCK;
		return 0;
	case W_BLOCK:
		if ((c = field_of(x->cur->blk, name)) >= 0) {
			if (seen(x->cur, (enum s903_colid)c))
				return fail(x, line_now(x), "a field given twice in one block: <", name);
			x->field = c;
			buf_reset(&x->text);
			x->at = W_FIELD;
		} else if (x->cur->blk == B_HEADER && (b = sub_block(name)) >= 0) {
			x->cur = new_block(x, b);
		} else {
			return unknown(x, name);
		}
		return 0;
	case W_FIELD:
		return fail(x, line_now(x), "an element inside a field (expected text only): <", name);
	case W_DONE:
		break;
	}
	return fail(x, line_now(x), "an element after the end of <EXPSSDA903>: <", name);
}

/* The field's text, without the surrounding white space of pretty-printed
 * files, interned as the CSV reader's cells are. */
static int end_field(struct xr *x)
{
	const char *s = buf_cstr(&x->text);
	size_t n = x->text.len;
	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	while (n && strchr(" \t\r\n", *s))
		s++, n--;
	if (x->text.overflow)
		return fail(x, line_now(x), "a value longer than 4096 characters", NULL);
	x->cur->seen |= (uint64_t)1 << x->field;
	x->cur->v[x->field] = s903_intern(x->r, s, n, !x->r->keep_case);
	x->at = W_BLOCK;
	return 0;
}

static int end(struct xr *x)
{
	switch (x->at) {
	case W_FIELD:
		return end_field(x);
	case W_BLOCK:
		/* a HEADER sub-block returns to HEADER; HEADER and EPISODE to CHILD */
		if (x->cur->blk >= B_AREVIEW) {
			x->cur = &x->row[0];
		} else {
			x->at = W_CHILD;
		}
		return 0;
	case W_CHILD:
		x->at = W_ROOT;
		return end_child(x);
	case W_ROOT:
		x->at = W_DONE;
		return 0;
	default:
		return 0;
	}
}

static int text(struct xr *x)
{
	const char *t = (const char *)xmlTextReaderConstValue(x->rd);
	if (x->at == W_FIELD) {
		buf_puts(&x->text, t ? t : "");
		return 0;
	}
	if (t && t[strspn(t, " \t\r\n")])
		return fail(x, line_now(x), "text outside a field element", NULL);
	return 0;
}

static int node(struct xr *x)
{
	int type = xmlTextReaderNodeType(x->rd);
	const char *name = (const char *)xmlTextReaderConstName(x->rd);
	int rc;
	switch (type) {
	case XML_READER_TYPE_ELEMENT:
		rc = start(x, name);
		if (rc == 0 && xmlTextReaderIsEmptyElement(x->rd))
			rc = end(x);
		return rc;
	case XML_READER_TYPE_END_ELEMENT:
		return end(x);
	case XML_READER_TYPE_TEXT:
	case XML_READER_TYPE_CDATA:
	case XML_READER_TYPE_WHITESPACE:
	case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
		return text(x);
	case XML_READER_TYPE_DOCUMENT_TYPE:
		return fail(x, line_now(x),
			    "a document type declaration (<!DOCTYPE>): refused, the return needs none", NULL);
	case XML_READER_TYPE_ENTITY_REFERENCE:
	case XML_READER_TYPE_ENTITY:
		return fail(x, line_now(x), "an entity reference: refused, the return needs none", NULL);
	default:
		return 0; /* comments, processing instructions */
	}
}

/* ---- installing the tables ---- */

static void col_drop(struct s903_table *t, enum s903_colid c)
{
	if (!t->col[c])
		return;
	free(t->col[c]->s);
	free(t->col[c]->d);
	free(t->col[c]);
	t->col[c] = NULL;
}

static void table_drop(struct s903_table *t)
{
	for (int c = 0; c < S903_NCOL; c++)
		col_drop(t, (enum s903_colid)c);
	memset(t, 0, sizeof *t);
}

/* Moves the tables read into r: every table the XML form carries, empty
 * or not, unless a CSV file gave it already; a table both give with rows
 * is an error naming both files. */
static int install(struct xr *x, bool previous)
{
	for (size_t i = 0; i < NXTAB; i++) {
		int t = xml_tabs[i];
		struct s903_table *dst = &x->r->tab[previous ? S903_LAST(t) : t];
		if (dst->present && x->tab[t].n)
			return raa_err_set(x->err, RAA_EINVAL,
					   "%s: the XML form's table %s is also given by %s: give each "
					   "table once", x->path, s903_tab_name(t), dst->file);
	}
	for (size_t i = 0; i < NXTAB; i++) {
		int t = xml_tabs[i];
		struct s903_table *dst = &x->r->tab[previous ? S903_LAST(t) : t];
		if (dst->present)
			continue;
		table(x, t);
		*dst = x->tab[t];
		dst->file = xstrdup(x->path);
		memset(&x->tab[t], 0, sizeof x->tab[t]);
	}
	return 0;
}

static int walk(struct xr *x)
{
	int rc = 0, got;
	while (rc == 0 && (got = xmlTextReaderRead(x->rd)) == 1)
		rc = node(x);
	if (rc < 0)
		return rc;
	if (got < 0 || x->xmlerr[0])
		return raa_err_set(x->err, RAA_EINVAL, "%s: line %d: not well-formed XML: %s", x->path,
				   x->xmlerr_line ? x->xmlerr_line : line_now(x),
				   x->xmlerr[0] ? x->xmlerr : "unreadable");
	if (x->at != W_DONE)
		return raa_err_set(x->err, RAA_EINVAL, "%s: no <EXPSSDA903> element: expected the "
				   "XML form of an SSDA903 return", x->path);
	if (!x->tab[S903_HEADER].n)
		return raa_err_set(x->err, RAA_EINVAL, "%s: the XML form has no <CHILD>: expected "
				   "at least one child", x->path);
	return 0;
}

int s903_read_xml(struct s903_return *r, const char *path, bool previous, struct raa_err *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, install_loader);
	struct xr *x = xcalloc(1, sizeof *x);
	*x = (struct xr){ .r = r, .path = path, .err = err };
	buf_init(&x->text, VALUE_MAX);
	/* No XML_PARSE_NOENT, DTDLOAD, DTDATTR or XINCLUDE: nothing is fetched
	 * or expanded; NONET as well in case a default changes. */
	x->rd = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	int rc;
	struct stat st;
	if (x->rd && stat(path, &st) == 0 && st.st_size == 0) {
		/* libxml2 calls an empty file "extra content": say what it is */
		rc = raa_err_set(err, RAA_EINVAL, "%s: line 1: empty file: expected the XML form of "
				 "an SSDA903 return (root EXPSSDA903)", path);
		xmlFreeTextReader(x->rd);
	} else if (!x->rd) {
		rc = raa_err_set(err, RAA_EIO, "%s: cannot open", path);
	} else {
		xmlTextReaderSetStructuredErrorHandler(x->rd, on_xml_error, x);
		rc = walk(x);
		/* Header.UASC as given when some HEADER gives a value (a blank one
		 * is then missing, for rule 105); else derived by s903_finish from
		 * the UASC rows, as for CSV. */
		if (rc == 0 && !x->uasc_given)
			col_drop(&x->tab[S903_HEADER], S903_C_UASC);
		if (rc == 0)
			rc = install(x, previous);
		xmlFreeTextReader(x->rd);
	}
	for (int t = 0; t < S903_NTAB; t++)
		table_drop(&x->tab[t]);
	free(x->row);
	buf_free(&x->text);
	free(x);
	return rc;
}
