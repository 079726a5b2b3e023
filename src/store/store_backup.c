/*
 * store_backup: `raa backup FILE` and `raa restore FILE` through SQLite's
 * online backup API, which copies every page of one database into another
 * under a read lock: the copy is one consistent state even while a server
 * writes, and a restore replaces the whole database or nothing.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/schema.h"
#include "store/store_int.h"

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Copies every page of src into dst; SQLite's message on failure. */
static int copy_db(sqlite3 *dst, sqlite3 *src, const char *what, const char *path,
		   struct raa_err *err)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return raa_err_set(err, RAA_EIO, "%s %s: %s", what, path, sqlite3_errmsg(dst));
	int step = sqlite3_backup_step(b, -1);
	int rc = sqlite3_backup_finish(b);
	if (step != SQLITE_DONE || rc != SQLITE_OK)
		return raa_err_set(err, RAA_EIO, "%s %s: %s", what, path,
				   sqlite3_errstr(step != SQLITE_DONE ? step : rc));
	return 0;
}

int store_backup(struct store *s, const char *path, struct raa_err *err)
{
	if (exists(path))
		return raa_err_set(err, RAA_EINVAL,
				   "backup file '%s': it exists already: expected a new file name", path);
	sqlite3 *dst = NULL;
	int rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK)
		rc = raa_err_set(err, RAA_EIO, "backup file '%s': %s", path, sqlite3_errstr(rc));
	else
		rc = copy_db(dst, store_sqlite_handle(s), "writing the backup", path, err);
	sqlite3_close(dst);
	if (rc < 0)
		unlink(path); /* never leave half a backup behind */
	return rc;
}

/* The raa schema version of an open database, 0 if it has none, or -1 when
 * it cannot be read (not a database). */
static int schema_version_of(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int version = -1;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
				   "AND name = 'schema_version'", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW)
		goto done;
	bool has = sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	st = NULL;
	version = 0;
	if (has && (sqlite3_prepare_v2(db, "SELECT COALESCE(MAX(version), 0) FROM schema_version",
				       -1, &st, NULL) != SQLITE_OK ||
		    sqlite3_step(st) != SQLITE_ROW))
		version = -1;
	else if (has)
		version = sqlite3_column_int(st, 0);
done:
	sqlite3_finalize(st);
	return version;
}

int store_restore(struct store *s, const char *path, struct raa_err *err)
{
	if (!exists(path))
		return raa_err_set(err, RAA_EINVAL, "backup file '%s': no such file", path);
	sqlite3 *src = NULL;
	int rc = sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL);
	int version = rc == SQLITE_OK ? schema_version_of(src) : -1;
	if (version < 0)
		rc = raa_err_set(err, RAA_EINVAL,
				 "backup file '%s': not a database raa can read: expected a file "
				 "written by raa backup", path);
	else if (version == 0)
		rc = raa_err_set(err, RAA_EINVAL,
				 "backup file '%s': holds no raa schema: expected a file written by "
				 "raa backup", path);
	else if (version > schema_latest())
		rc = raa_err_set(err, RAA_EINVAL,
				 "backup file '%s': schema version %d: expected at most %d (it was "
				 "written by a newer raa)", path, version, schema_latest());
	else
		rc = copy_db(store_sqlite_handle(s), src, "restoring", path, err);
	sqlite3_close(src);
	return rc;
}
