/* page_match: placeholder until its module lands; declines every path. */
#include "web/page_kit.h"

bool page_match_route(struct page *p)
{
	(void)p;
	return false;
}
