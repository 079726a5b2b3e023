/*
 * pages: the server-rendered HTML pages (issue #3): login, tracking
 * dashboard, child and household pages, lists, admin. Escape-by-default
 * templates; works without JavaScript; GOV.UK Design System patterns.
 */
#ifndef RAA_WEB_PAGES_H
#define RAA_WEB_PAGES_H

#include "web/http.h"

struct web_app;

/* Every request that is neither /api/ nor /static/. */
void pages_dispatch(struct web_app *app, struct http_req *req, struct http_resp *resp);

#endif
