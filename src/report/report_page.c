#include "report/report_page.h"

void report_page_begin(struct html *h, const char *title, const char *css, const char *heading)
{
	html_raw(h, "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
	html_text(h, title);
	html_raw(h, "</title>\n");
	html_raw(h, css);
	html_raw(h, "</head><body><main><header><h1>");
	html_text(h, heading);
	html_raw(h, "</h1><p class=\"meta\">");
}

void report_page_produced(struct html *h, raa_day generated)
{
	html_raw(h, ". Produced ");
	html_date(h, generated);
	html_raw(h, ".</p></header>");
}
