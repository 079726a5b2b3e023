#include "web/pages.h"

#include "web/api.h"

/* Placeholder until the pages land (issue #3 is open): a clear 404. */
void pages_dispatch(struct web_app *app, struct http_req *req, struct http_resp *resp)
{
	(void)app;
	(void)req;
	api_error(resp, 404, "not_found", NULL, "no such page");
}
