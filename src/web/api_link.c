/* api_link: placeholder until its module lands; no routes yet. */
#include "web/api.h"

const struct api_route API_LINK_ROUTES[] = { { NULL, NULL, NULL, NULL } };
const size_t API_LINK_NROUTES = 0;
