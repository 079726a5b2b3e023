/*
 * import: `raa import children|adopters|events FILE.csv`.
 *
 * All or nothing: the whole file is read, every bad row is listed as
 * "line N, column C: value 'V': expected ...", and nothing is written
 * unless every row is sound (one transaction, rolled back on any error).
 */
#ifndef RAA_SERVICE_IMPORT_H
#define RAA_SERVICE_IMPORT_H

#include <stddef.h>

#include "core/buf.h"
#include "service/migration.h"
#include "store/store.h"

#define IMPORT_MAX_REPORTED 1000 /* problems kept in the report; all are counted */

struct import_result {
	size_t rows;       /* data rows read */
	size_t written;    /* records or events written (0 after a refusal) */
	size_t duplicates; /* household events raa had already derived */
	size_t errors;     /* problems found */
	struct buf report; /* one line per problem, each ending in '\n' */
	/* Called every IMPORT_PROGRESS_EVERY rows when set (a progress bar on a
	 * terminal); bytes_done / bytes_total of the file. */
	void (*progress)(void *ctx, size_t rows, long bytes_done, long bytes_total);
	void *progress_ctx;
};

#define IMPORT_PROGRESS_EVERY 4096

void import_result_init(struct import_result *r);
void import_result_free(struct import_result *r);

/* Returns 0 when imported; RAA_EINVAL when refused (err gives a one-line
 * summary, r->report every problem); other negatives for I/O failures. */
int import_file(struct store *s, const struct store_scope *sc, enum migration_file f,
		const char *path, raa_day today, struct import_result *r, struct raa_err *err);

#endif
