/* page_reports: placeholder until its module lands; declines every path. */
#include "web/page_kit.h"

bool page_reports_route(struct page *p)
{
	(void)p;
	return false;
}
