#include "web/http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "core/log.h"
#include "core/str.h"

struct http_server {
	struct MHD_Daemon *daemon;
	http_handler handler;
	void *app;
	size_t body_max;
	char *limit_path[HTTP_BODY_LIMITS_MAX];
	size_t limit_max[HTTP_BODY_LIMITS_MAX];
	size_t nlimits;
	atomic_int big_bodies; /* requests holding more than body_max now */
	bool tls;
};

/* Bodies above the server's body_max (per-path limits) held at once: the
 * body arrives before sign-in is checked, so without this bound anyone
 * could make raa hold 1024 uploads of the largest size. */
#define HTTP_BIG_BODIES_MAX 4

/* The body cap of a request: a per-path limit for POSTs to exactly that
 * path (the query string is not part of url), else the server's. */
static size_t body_max_for(const struct http_server *s, const char *method, const char *url)
{
	if (strcmp(method, "POST") != 0)
		return s->body_max;
	for (size_t i = 0; i < s->nlimits; i++)
		if (strcmp(url, s->limit_path[i]) == 0)
			return s->limit_max[i];
	return s->body_max;
}

const char *http_header(const struct http_req *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_cookie(const struct http_req *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

const char *http_query(const struct http_req *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

void http_add_header(struct http_resp *resp, const char *name, const char *value)
{
	if (resp->nheaders < HTTP_MAX_HEADERS)
		resp->headers[resp->nheaders++] = (struct http_header){ name, value };
}

static void set_client_ip(struct http_req *req, struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	req->client_ip[0] = '\0';
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
			  req->client_ip, sizeof req->client_ip);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			  req->client_ip, sizeof req->client_ip);
}

static struct http_req *req_new(struct http_server *s, struct MHD_Connection *conn,
				const char *method, const char *url)
{
	struct http_req *req = xcalloc(1, sizeof *req);
	arena_init(&req->arena, 16 * 1024);
	req->method = arena_strdup(&req->arena, method);
	req->path = arena_strdup(&req->arena, url);
	req->conn = conn;
	req->tls = s->tls;
	req->body_max = body_max_for(s, method, url);
	buf_init(&req->body, req->body_max);
	set_client_ip(req, conn);
	return req;
}

static void req_free(struct http_req *req)
{
	buf_free(&req->body);
	arena_free(&req->arena);
	free(req);
}

/* Headers every response carries: raa's pages need nothing from other
 * origins, are never framed, and never leak their URLs. */
static void add_security_headers(struct MHD_Response *r, bool tls)
{
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; style-src 'self'; "
				"script-src 'self'; frame-ancestors 'none'; form-action 'self'; "
				"base-uri 'none'");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	if (tls)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
}

static enum MHD_Result send_resp(struct http_server *s, struct MHD_Connection *conn,
				 struct http_resp *resp)
{
	struct MHD_Response *r = NULL;
	if (resp->file_path) {
		FILE *fp = fopen(resp->file_path, "rb");
		if (fp) {
			fseek(fp, 0, SEEK_END);
			long size = ftell(fp);
			fclose(fp);
			int fd = size >= 0 ? open(resp->file_path, 0) : -1;
			if (fd >= 0)
				r = MHD_create_response_from_fd((uint64_t)size, fd);
		}
		if (!r) {
			resp->status = 404;
			buf_reset(&resp->body);
		}
	}
	if (!r)
		r = MHD_create_response_from_buffer(resp->body.len, resp->body.data ? resp->body.data : (void *)"",
						    MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	add_security_headers(r, s->tls);
	if (resp->content_type)
		MHD_add_response_header(r, "Content-Type", resp->content_type);
	for (int i = 0; i < resp->nheaders; i++)
		MHD_add_response_header(r, resp->headers[i].name, resp->headers[i].value);
	enum MHD_Result ret = MHD_queue_response(conn, (unsigned)resp->status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	(void)version;
	struct http_server *s = cls;
	struct http_req *req = *con_cls;
	if (!req) {
		*con_cls = req_new(s, conn, method, url);
		return MHD_YES;
	}
	if (*upload_data_size) {
		/* Keep reading past the cap so the client gets a clean 413 rather
		 * than a reset connection, but keep none of the excess. */
		if (!req->body_too_large && !req->big_body &&
		    req->body.len + *upload_data_size > s->body_max) {
			if (atomic_fetch_add(&s->big_bodies, 1) < HTTP_BIG_BODIES_MAX)
				req->big_body = true;
			else
				atomic_fetch_sub(&s->big_bodies, 1);
			req->body_too_large = !req->big_body;
			if (req->body_too_large)
				buf_free(&req->body);
		}
		if (!req->body_too_large &&
		    buf_append(&req->body, upload_data, *upload_data_size) < 0)
			req->body_too_large = true;
		*upload_data_size = 0;
		return MHD_YES;
	}
	struct http_resp resp = { .status = 200 };
	buf_init(&resp.body, 0);
	s->handler(s->app, req, &resp);
	enum MHD_Result ret = send_resp(s, conn, &resp);
	buf_free(&resp.body);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)conn, (void)toe;
	struct http_server *s = cls;
	struct http_req *req = *con_cls;
	if (req && req->big_body)
		atomic_fetch_sub(&s->big_bodies, 1);
	if (req)
		req_free(req);
	*con_cls = NULL;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* libmicrohttpd's own %HH decoding, except that %00 stays as it is: a
 * decoded NUL would silently cut a path or argument short, so that
 * /static/openapi.json%00.css named openapi.json. Used for the path and
 * the query arguments alike. */
static size_t unescape(void *cls, struct MHD_Connection *conn, char *s)
{
	(void)cls, (void)conn;
	char *r = s, *w = s;
	while (*r) {
		int hi = r[0] == '%' ? hex_digit(r[1]) : -1;
		int lo = hi >= 0 ? hex_digit(r[2]) : -1;
		if (lo >= 0 && (hi | lo) != 0) {
			*w++ = (char)(hi * 16 + lo);
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

int http_parse_listen(const char *listen, char *host, size_t hostsz, int *port,
		      struct raa_err *err)
{
	const char *colon = strrchr(listen, ':');
	long p;
	if (!colon || colon == listen || (size_t)(colon - listen) >= hostsz ||
	    str_to_int(colon + 1, 1, 65535, &p) < 0)
		return raa_err_set(err, RAA_EINVAL, "--listen: value '%s': expected HOST:PORT such as 127.0.0.1:8080",
				   listen);
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	*port = (int)p;
	return 0;
}

static void server_free(struct http_server *s)
{
	for (size_t i = 0; i < s->nlimits; i++)
		free(s->limit_path[i]);
	free(s);
}

struct http_server *http_start(const struct http_server_opts *o, http_handler handler, void *app,
			       struct raa_err *err)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)o->port) };
	if (inet_pton(AF_INET, o->host, &addr.sin_addr) != 1) {
		raa_err_set(err, RAA_EINVAL, "--listen: host '%s': expected an IPv4 address such as 127.0.0.1", o->host);
		return NULL;
	}
	struct http_server *s = xcalloc(1, sizeof *s);
	s->handler = handler;
	s->app = app;
	s->body_max = o->body_max ? o->body_max : HTTP_BODY_MAX_DEFAULT;
	for (size_t i = 0; i < o->nlimits && i < HTTP_BODY_LIMITS_MAX; i++, s->nlimits++) {
		s->limit_path[i] = xstrdup(o->limits[i].path);
		s->limit_max[i] = o->limits[i].max;
	}
	s->tls = o->tls_cert_pem && o->tls_key_pem;
	unsigned threads = o->threads ? o->threads : (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
	if (s->tls)
		flags |= MHD_USE_TLS;
	struct MHD_OptionItem tls_opts[] = {
		{ MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)o->tls_cert_pem },
		{ MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)o->tls_key_pem },
		{ MHD_OPTION_END, 0, NULL },
	};
	s->daemon = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, on_request, s,
				     MHD_OPTION_SOCK_ADDR, &addr,
				     MHD_OPTION_THREAD_POOL_SIZE, threads,
				     MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
				     MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
				     MHD_OPTION_CONNECTION_LIMIT, (unsigned)1024,
				     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
				     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
				     MHD_OPTION_ARRAY, s->tls ? tls_opts : tls_opts + 2,
				     MHD_OPTION_END);
	if (!s->daemon) {
		raa_err_set(err, RAA_EIO, "could not listen on %s:%d (in use, or not allowed)", o->host, o->port);
		server_free(s);
		return NULL;
	}
	log_info("listening on %s://%s:%d with %u threads", s->tls ? "https" : "http", o->host, o->port,
		 threads);
	return s;
}

void http_stop(struct http_server *s)
{
	if (!s)
		return;
	MHD_stop_daemon(s->daemon);
	server_free(s);
}
