/*
 * http: the HTTP server (libmicrohttpd, thread pool + epoll) and the
 * request/response values handlers see.
 *
 * Handlers never touch libmicrohttpd: they read a struct http_req and fill
 * a struct http_resp. Request bodies are capped (1 MiB by default; a
 * larger limit for POSTs to chosen paths, few of them at once) while they
 * arrive, so no client can make raa buffer more. Every response gets
 * the security headers (CSP, nosniff, frame denial, no referrer).
 */
#ifndef RAA_WEB_HTTP_H
#define RAA_WEB_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/mem.h"

#define HTTP_BODY_MAX_DEFAULT (1024 * 1024)
#define HTTP_MAX_PARAMS 4
#define HTTP_MAX_HEADERS 8

struct http_req {
	const char *method;           /* "GET", "POST", ... */
	const char *path;             /* decoded path, no query string */
	void *conn;                   /* the library's connection (http.c only) */
	struct buf body;              /* capped at the server's body limit */
	size_t body_max;              /* that limit for this request (bytes) */
	bool body_too_large;
	bool big_body;                /* http.c: holds one of the few large-body slots */
	struct arena arena;           /* freed when the response is sent */
	const char *params[HTTP_MAX_PARAMS]; /* {name} parts of the route */
	int nparams;
	bool tls;
	char client_ip[64];
	void *user;                   /* set by the application (the session) */
};

struct http_header {
	const char *name;
	const char *value; /* arena or static */
};

struct http_resp {
	int status;
	const char *content_type;     /* static string */
	struct buf body;
	struct http_header headers[HTTP_MAX_HEADERS];
	int nheaders;
	const char *file_path;        /* when set, the file is sent instead of body */
};

/* A header of the request (case-insensitive), or NULL. */
const char *http_header(const struct http_req *req, const char *name);
/* A cookie of the request, or NULL. */
const char *http_cookie(const struct http_req *req, const char *name);
/* A query-string argument, or NULL. */
const char *http_query(const struct http_req *req, const char *name);

/* Adds a response header; the strings must live until the response is sent
 * (static, or in req->arena). Ignored past HTTP_MAX_HEADERS. */
void http_add_header(struct http_resp *resp, const char *name, const char *value);

typedef void (*http_handler)(void *app, struct http_req *req, struct http_resp *resp);

/* A larger body limit for POSTs to one exact path (an upload page): every
 * other request keeps the server's body_max. */
struct http_body_limit {
	const char *path;
	size_t max;
};
#define HTTP_BODY_LIMITS_MAX 4

struct http_server_opts {
	const char *host;          /* "127.0.0.1" */
	int port;
	unsigned threads;          /* 0 = number of cores */
	size_t body_max;           /* 0 = HTTP_BODY_MAX_DEFAULT */
	/* up to HTTP_BODY_LIMITS_MAX per-path limits (copied); NULL for none */
	const struct http_body_limit *limits;
	size_t nlimits;
	const char *tls_cert_pem;  /* contents, not paths; NULL for plain HTTP */
	const char *tls_key_pem;
};

struct http_server;

/* Starts serving; every request goes to handler(app, ...). NULL on failure. */
struct http_server *http_start(const struct http_server_opts *o, http_handler handler, void *app,
			       struct raa_err *err);
void http_stop(struct http_server *s);

/* "host:port" -> parts. 0 ok. */
int http_parse_listen(const char *listen, char *host, size_t hostsz, int *port,
		      struct raa_err *err);

#endif
