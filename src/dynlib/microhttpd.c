/* libmicrohttpd, loaded on first use (dynlib.h): the functions web/http.c
 * calls. */
#include <stdarg.h>
#include <stdint.h>
#include <sys/socket.h>
#include <microhttpd.h>

#include "dynlib/dynlib.h"

#define L dynlib_microhttpd
DYNLIB_FN(L, enum MHD_Result, MHD_add_response_header,
	  (struct MHD_Response *response, const char *header, const char *content),
	  (response, header, content))
DYNLIB_FN(L, struct MHD_Response *, MHD_create_response_from_buffer,
	  (size_t size, void *buffer, enum MHD_ResponseMemoryMode mode), (size, buffer, mode))
DYNLIB_FN(L, struct MHD_Response *, MHD_create_response_from_fd, (size_t size, int fd), (size, fd))
DYNLIB_VOID(L, MHD_destroy_response, (struct MHD_Response *response), (response))
DYNLIB_FN(L, const char *, MHD_lookup_connection_value,
	  (struct MHD_Connection *connection, enum MHD_ValueKind kind, const char *key),
	  (connection, kind, key))
DYNLIB_FN(L, enum MHD_Result, MHD_queue_response,
	  (struct MHD_Connection *connection, unsigned int status_code,
	   struct MHD_Response *response),
	  (connection, status_code, response))
DYNLIB_VOID(L, MHD_stop_daemon, (struct MHD_Daemon *daemon), (daemon))

/* The two variadic functions. MHD_start_daemon forwards its options to the
 * library's va_list form; MHD_get_connection_info's trailing arguments are
 * used by none of the info types raa asks for, so none are forwarded. */
DYNLIB_BIND(L, MHD_start_daemon_va)
DYNLIB_BIND(L, MHD_get_connection_info)

struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port,
				    MHD_AcceptPolicyCallback apc, void *apc_cls,
				    MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
	va_list ap;
	va_start(ap, dh_cls);
	struct MHD_Daemon *d = MHD_start_daemon_va_real()(flags, port, apc, apc_cls, dh, dh_cls, ap);
	va_end(ap);
	return d;
}

const union MHD_ConnectionInfo *MHD_get_connection_info(struct MHD_Connection *connection,
							 enum MHD_ConnectionInfoType info_type, ...)
{
	return MHD_get_connection_info_real()(connection, info_type);
}
