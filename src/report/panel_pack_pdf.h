/*
 * panel_pack_pdf: the panel pack as an A4 PDF (docs/panels.md), laid out
 * with report/pdf.h from service/panels.c's model of one panel (the JSON
 * the pages, the API and `raa panel show` read), so the PDF cannot say
 * anything the HTML pack does not.
 */
#ifndef RAA_REPORT_PANEL_PACK_PDF_H
#define RAA_REPORT_PANEL_PACK_PDF_H

#include <jansson.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"

/* Appends the pack of `panel` (panels_show_json's object) to out: the
 * panel, the members who sat with their seats, the quorum, the agenda,
 * then each item with its records, papers, recommendation and the ADM's
 * clock, then the minutes; "page N of M" in every footer. 0, or
 * RAA_EINVAL with err set when cairo fails. */
int panel_pack_pdf(const json_t *panel, raa_day generated, struct buf *out,
		   struct raa_err *err);

#endif
