/*
 * page_903: the SSDA903 validation page (issue #4 item 6).
 *   GET  /903                      the upload form
 *   POST /903                      multipart/form-data: year, csrf, files
 *   GET  /903/report/{id}.xlsx|csv the last reports, to their session only
 */
#ifndef RAA_WEB_PAGE_903_H
#define RAA_WEB_PAGE_903_H

#include <stdbool.h>

#include "web/page_kit.h"

/* Answers p when its path is /903 or under it (true), else false. The
 * caller has checked that the role reads case records. */
bool page_903_route(struct page *p);

#endif
