/* api_report: placeholder until its module lands; no routes yet. */
#include "web/api.h"

const struct api_route API_REPORT_ROUTES[] = { { NULL, NULL, NULL, NULL } };
const size_t API_REPORT_NROUTES = 0;
