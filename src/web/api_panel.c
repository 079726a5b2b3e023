/* api_panel: placeholder until its module lands; no routes yet. */
#include "web/api.h"

const struct api_route API_PANEL_ROUTES[] = { { NULL, NULL, NULL, NULL } };
const size_t API_PANEL_NROUTES = 0;
