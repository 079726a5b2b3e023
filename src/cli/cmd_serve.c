/* raa serve and raa audit. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/str.h"
#include "dynlib/dynlib.h"
#include "web/app.h"
#include "web/http.h"

#define NOPTS(o) (sizeof(o) / sizeof((o)[0]))
#define PEM_MAX (64 * 1024)
/* The /903 page takes a whole SSDA903 return (a large LA's is tens of MB);
 * every other request stays at HTTP_BODY_MAX_DEFAULT. */
#define UPLOAD_MAX_DEFAULT (64L * 1024 * 1024)
#define UPLOAD_MAX_LIMIT (1024L * 1024 * 1024)

static char *read_pem(const char *path, struct raa_err *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		raa_err_set(err, RAA_EIO, "%s: cannot open", path);
		return NULL;
	}
	char *data = xmalloc(PEM_MAX + 1);
	size_t n = fread(data, 1, PEM_MAX, fp);
	bool too_big = !feof(fp);
	fclose(fp);
	if (too_big || n == 0) {
		free(data);
		raa_err_set(err, RAA_EINVAL, "%s: expected a PEM file under 64 KiB", path);
		return NULL;
	}
	data[n] = '\0';
	return data;
}

int cmd_serve(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("listen"), OPT_VALUE("tls-cert"), OPT_VALUE("tls-key"),
			       OPT_VALUE("static"), OPT_VALUE("threads"), OPT_VALUE("session-idle"),
			       OPT_VALUE("session-max"), OPT_VALUE("upload-max") };
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc - 1, argv + 1, o, NOPTS(o), &a, &err) < 0 || a.npos ||
	    (!o[1].value != !o[2].value))
		return cli_usage("usage: raa serve [--listen 127.0.0.1:8080] [--tls-cert FILE --tls-key FILE] [--static DIR] [--threads N] [--session-idle S] [--session-max S] [--upload-max BYTES]");
	char host[64];
	int port;
	if (http_parse_listen(o[0].value ? o[0].value : "127.0.0.1:8080", host, sizeof host, &port, &err) < 0)
		return cli_usage("%s", err.msg);
	long threads = 0;
	if (o[4].value && str_to_int(o[4].value, 1, 64, &threads) < 0)
		return cli_usage("--threads: value '%s': expected 1 to 64", o[4].value);
	long idle = 0, absolute = 0;
	if ((o[5].value && str_to_int(o[5].value, 1, 86400, &idle) < 0) ||
	    (o[6].value && str_to_int(o[6].value, 1, 7 * 86400, &absolute) < 0))
		return cli_usage("--session-idle / --session-max: expected seconds (1 to 86400 / 604800)");
	long upload_max = UPLOAD_MAX_DEFAULT;
	if (o[7].value && str_to_int(o[7].value, HTTP_BODY_MAX_DEFAULT, UPLOAD_MAX_LIMIT, &upload_max) < 0)
		return cli_usage("--upload-max: value '%s': expected bytes, %d to %ld", o[7].value,
				 HTTP_BODY_MAX_DEFAULT, UPLOAD_MAX_LIMIT);
	char *cert = NULL, *key = NULL;
	if (o[1].value && (!(cert = read_pem(o[1].value, &err)) || !(key = read_pem(o[2].value, &err)))) {
		free(cert);
		return cli_fail(&err);
	}
	if (getenv("RAA_LOG") == NULL)
		log_set_level(LOG_WARN);
	if (dynlib_load_all() < 0) { /* pages use all of them: fail now, not mid-request */
		free(cert);
		free(key);
		return EXIT_USER;
	}
	/* Block the stop signals before the server's threads start, so that
	 * only sigwait below receives them. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct web_opts wo = { .db_url = c->db, .static_dir = o[3].value ? o[3].value : getenv("RAA_STATIC"),
			       .idle_timeout = (int)idle, .absolute_timeout = (int)absolute };
	struct web_app *app = web_app_new(&wo, &err);
	struct http_server *srv = NULL;
	int rc = EXIT_OK;
	if (!app) {
		rc = cli_fail(&err);
		goto done;
	}
	const struct http_body_limit uploads[] = { { "/903", (size_t)upload_max } };
	struct http_server_opts ho = { .host = host, .port = port, .threads = (unsigned)threads,
				       .tls_cert_pem = cert, .tls_key_pem = key,
				       .limits = uploads, .nlimits = 1 };
	srv = http_start(&ho, web_handle, app, &err);
	if (!srv) {
		rc = cli_fail(&err);
		goto done;
	}
	printf("raa serving %s on %s://%s:%d (Ctrl-C stops)\n", c->db, cert ? "https" : "http", host, port);
	fflush(stdout);
	int sig;
	sigwait(&stop, &sig);
	printf("raa: stopping\n");
done:
	http_stop(srv);
	web_app_free(app);
	free(cert);
	free(key);
	return rc;
}

int cmd_audit(struct cli *c, int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[1], "verify") != 0)
		return cli_usage("usage: raa audit verify");
	int rc = cli_open(c);
	if (rc)
		return rc;
	struct raa_err err;
	int64_t rows = 0;
	if (store_audit_verify(c->store, &rows, &err) < 0)
		return cli_fail(&err);
	printf("audit log intact: %lld rows, hash chain verified\n", (long long)rows);
	return EXIT_OK;
}
