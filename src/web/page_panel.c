/* page_panel: placeholder until its module lands; declines every path. */
#include "web/page_kit.h"

bool page_panel_route(struct page *p)
{
	(void)p;
	return false;
}
