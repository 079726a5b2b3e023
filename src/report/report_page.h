/*
 * report_page: what the self-contained HTML reports (quarterly, monthly)
 * share around their sections, so they open and date themselves alike.
 */
#ifndef RAA_REPORT_REPORT_PAGE_H
#define RAA_REPORT_REPORT_PAGE_H

#include "core/date.h"
#include "web/html.h"

/* The document up to the header's meta line: doctype, language, title,
 * the report's own <style> element (css, written as is), the <h1> and an
 * open <p class="meta"> for the caller to fill. */
void report_page_begin(struct html *h, const char *title, const char *css, const char *heading);

/* ". Produced 23 November 2026." and the end of the meta line and header. */
void report_page_produced(struct html *h, raa_day generated);

#endif
