#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

static const char USAGE[] =
	"usage: raa [--db URL] [--format text|json|csv] COMMAND ...\n"
	"\n"
	"  init                                   create or migrate the schema\n"
	"  demo [--seed N]                        synthetic demo region with users\n"
	"  partner add --code C --name N [--host] [--spoke S]\n"
	"  partner list\n"
	"  user add --email E --role R [--partner CODE] [--password-stdin]\n"
	"  user list\n"
	"  import children|adopters|events FILE.csv\n"
	"  export children|adopters|events [--format csv|json]\n"
	"  child list [--partner CODE] [--status S] [--on DATE]\n"
	"  child show ID [--on DATE]\n"
	"  adopter list [--partner CODE] [--status S] [--on DATE]\n"
	"  adopter show ID [--on DATE]\n"
	"  event add RECORD --kind K --date D [--adopter A] [--detail TEXT]\n"
	"  clocks [--on DATE] [--overdue] [--partner CODE]\n"
	"  closure add DATE [--name TEXT] | closure list   local closures for working days\n"
	"  setting list | setting set clock.NAME DURATION  clock durations (5wd, 2m, 10w, 7d)\n"
	"  scorecard [--partner CODE | --all-partners] [--to DATE] [--years Y] [--series]\n"
	"  903 validate DIR --year 2025/26 [--previous DIR] [--reference DIR]\n"
	"  903 import DIR --partner CODE --year 2025/26 [--accept-errors]\n"
	"  903 export DIR --partner CODE --year 2025/26\n"
	"  match child ID [--on DATE] [--top N] | match adopter ID | match pool [--on DATE]\n"
	"  match weights [set KEY VALUE]          the matching score's weights\n"
	"  link propose CHILD ADOPTER [--on DATE] a family finder's link (docs/linking.md)\n"
	"  link list [--open] [--partner CODE] | link show LINK | link early-permanence\n"
	"  link panel LINK --recommendation yes|no [--reasons TEXT] [--on DATE]\n"
	"  link decide LINK --decision yes|no [--reasons TEXT] [--on DATE]\n"
	"  link end LINK --reason TEXT [--on DATE] | link place LINK [--on DATE]\n"
	"  panel member add --name N --role R [--qualified DATE | --years N]   (docs/panels.md)\n"
	"  panel member list | panel member deactivate|activate MEMBER\n"
	"  panel member set MEMBER [--name N] [--role R] [--qualified DATE | --years N]\n"
	"  panel add --date D [--name N] [--location L] | panel list | panel show PANEL\n"
	"  panel attend PANEL MEMBER... | panel minutes PANEL --text T | panel pack PANEL\n"
	"  panel item add PANEL --kind approval|match|should_be_placed [--child C[,C...]]\n"
	"                 [--adopter A] [--papers \"PAR;medical\"]\n"
	"  panel item papers ITEM --papers \"PAR;medical\" | panel item remove ITEM\n"
	"  panel absent PANEL MEMBER...   (attendance recorded in error)\n"
	"  panel recommend ITEM --recommendation yes|no --reasons TEXT\n"
	"  report quarterly --partner CODE --quarter 2024Q1 [--format html|csv|pdf] [--output FILE]\n"
	"  report monthly [--partner CODE] --month 2024-03 [--format html|csv|xlsx] [--output FILE]\n"
	"  report asglb [--partner CODE] --quarter 2024Q1 --output DIR\n"
	"  serve [--listen 127.0.0.1:8080] [--tls-cert FILE --tls-key FILE] [--upload-max BYTES]\n"
	"  audit verify                           check the audit log's hash chain\n"
	"  backup FILE | restore FILE             copy the whole database to a new file, and back\n"
	"\n"
	"--db is a SQLite file (default var/raa.db) or a postgresql:// URL; env RAA_DB.\n"
	"Exit status: 0 success, 1 a problem with the input or data, 2 usage.\n";

static const struct {
	const char *name;
	int (*fn)(struct cli *, int, char **);
} COMMANDS[] = {
	{ "init", cmd_init },       { "demo", cmd_demo },       { "partner", cmd_partner },
	{ "user", cmd_user },       { "import", cmd_import },   { "export", cmd_export },
	{ "child", cmd_child },     { "adopter", cmd_adopter }, { "event", cmd_event },
	{ "clocks", cmd_clocks },   { "serve", cmd_serve },     { "audit", cmd_audit },
	{ "closure", cmd_closure }, { "setting", cmd_setting }, { "scorecard", cmd_scorecard },
	{ "report", cmd_report },   { "match", cmd_match },     { "903", cmd_903 },
	{ "link", cmd_link },       { "panel", cmd_panel },     { "backup", cmd_backup },
	{ "restore", cmd_restore },
};

int cli_usage(const char *fmt, ...)
{
	va_list ap;
	fputs("raa: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n(raa help shows every command)\n", stderr);
	return EXIT_USAGE;
}

int cli_fail(const struct raa_err *err)
{
	fprintf(stderr, "raa: %s\n", err->msg[0] ? err->msg : "failed");
	return EXIT_USER;
}

int cli_write_out(const struct buf *b, const char *path)
{
	FILE *fp = path ? fopen(path, "wb") : stdout;
	if (!fp) {
		fprintf(stderr, "raa: --output: value '%s': cannot write (%s)\n", path,
			strerror(errno));
		return EXIT_USER;
	}
	bool ok = fwrite(buf_cstr(b), 1, b->len, fp) == b->len;
	if (path)
		ok = fclose(fp) == 0 && ok;
	if (!ok) {
		fprintf(stderr, "raa: %s: write failed\n", path ? path : "stdout");
		return EXIT_USER;
	}
	return 0;
}

int cli_open(struct cli *c)
{
	struct raa_err err;
	c->store = store_open(c->db, &err);
	if (!c->store)
		return cli_fail(&err);
	if (store_schema_version(c->store) == 0) {
		fprintf(stderr, "raa: %s has no raa schema: run 'raa --db %s init' first\n", c->db, c->db);
		store_close(c->store);
		c->store = NULL;
		return EXIT_USER;
	}
	return 0;
}

int cli_date_opt(const struct cli_opt *o, raa_day dflt, raa_day *out)
{
	if (!o->value) {
		*out = dflt;
		return 0;
	}
	if (date_parse_iso(o->value, out) < 0)
		return cli_usage("--%s: value '%s': expected a date YYYY-MM-DD", o->name, o->value);
	return 0;
}

/* Takes --db and --format out of argv wherever they are, so that every
 * command accepts them in any position. */
static int take_globals(struct cli *c, int *argc, char **argv)
{
	int out = 0;
	for (int i = 0; i < *argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		const char *fmt = NULL;
		if (strcmp(a, "--db") == 0 || strcmp(a, "--format") == 0) {
			if (i + 1 >= *argc)
				return cli_usage("option '%s' needs a value", a);
			slot = strcmp(a, "--db") == 0 ? &c->db : &fmt;
			*slot = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			c->db = a + 5;
			slot = &c->db;
		} else if (strncmp(a, "--format=", 9) == 0) {
			fmt = a + 9;
			slot = &fmt;
		}
		if (fmt) {
			int f = out_format_parse(fmt);
			if (f < 0)
				return cli_usage("--format: value '%s': expected text, json, csv, (raa 903 validate, raa report) xlsx or (raa report) html or pdf", fmt);
			c->fmt = (enum out_format)f;
			c->fmt_given = true;
		}
		if (!slot)
			argv[out++] = argv[i];
	}
	*argc = out;
	return 0;
}

int cli_main(int argc, char **argv)
{
	struct cli c = { .prog = argv[0], .fmt = FMT_TEXT };
	log_init_from_env();
	c.db = getenv("RAA_DB");
	if (!c.db || !*c.db)
		c.db = "var/raa.db";
	c.today = date_today();
	argc--, argv++;
	int rc = take_globals(&c, &argc, argv);
	if (rc)
		return rc;
	if (argc == 0 || strcmp(argv[0], "help") == 0 || strcmp(argv[0], "--help") == 0) {
		fputs(USAGE, argc == 0 ? stderr : stdout);
		return argc == 0 ? EXIT_USAGE : EXIT_OK;
	}
	if (c.fmt == FMT_XLSX && strcmp(argv[0], "903") != 0 && strcmp(argv[0], "report") != 0)
		return cli_usage("--format xlsx: only raa 903 validate and raa report write a workbook");
	if ((c.fmt == FMT_HTML || c.fmt == FMT_PDF) && strcmp(argv[0], "report") != 0 &&
	    strcmp(argv[0], "panel") != 0)
		return cli_usage("--format %s: only raa report and raa panel pack write HTML or PDF",
				 c.fmt == FMT_HTML ? "html" : "pdf");
	for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++) {
		if (strcmp(argv[0], COMMANDS[i].name) != 0)
			continue;
		rc = COMMANDS[i].fn(&c, argc, argv);
		if (c.store)
			store_close(c.store);
		if (fflush(stdout) != 0 && rc == 0) {
			fprintf(stderr, "raa: could not write the output\n");
			rc = EXIT_USER;
		}
		return rc;
	}
	return cli_usage("unknown command '%s'", argv[0]);
}
