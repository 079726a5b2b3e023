#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/xmlreader.h>

#include "dynlib/dynlib.h"

/* Every optional library the build names loads, and has what raa calls. */
static void loads_every_library(void **state)
{
	(void)state;
	assert_int_equal(dynlib_load_all(), 0);
	assert_non_null(dynlib_find(&dynlib_cairo, "cairo_create"));
	assert_non_null(dynlib_find(&dynlib_xlsxwriter, "workbook_new"));
	assert_non_null(dynlib_find(&dynlib_microhttpd, "MHD_start_daemon_va"));
	assert_non_null(dynlib_find(&dynlib_libxml2, "xmlTextReaderRead"));
	assert_null(dynlib_find(&dynlib_libxml2, "no_such_function_in_libxml2"));
	/* and cairo's dependencies are searched too (pdf.c's FcFini) */
	assert_non_null(dynlib_find(&dynlib_cairo, "FcFini"));
}

/* A wrapper calls the real function: libxml2 reads a document through it. */
static void wrapper_calls_the_library(void **state)
{
	(void)state;
	char path[] = "/tmp/raa-dynlib-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char doc[] = "<a><b/></a>";
	assert_int_equal(write(fd, doc, sizeof doc - 1), (ssize_t)(sizeof doc - 1));
	close(fd);
	xmlTextReaderPtr r = xmlReaderForFile(path, NULL, XML_PARSE_NONET);
	assert_non_null(r);
	int elements = 0;
	while (xmlTextReaderRead(r) == 1)
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT)
			elements++;
	xmlFreeTextReader(r);
	unlink(path);
	assert_int_equal(elements, 2);
}

/* Runs fn in a child; returns its exit status and what it wrote to stderr. */
static int in_child(void (*fn)(void), char *out, size_t cap)
{
	int p[2];
	assert_int_equal(pipe(p), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(p[1], 2);
		close(p[0]);
		fn();
		_exit(0);
	}
	close(p[1]);
	size_t n = 0;
	ssize_t k;
	while (n + 1 < cap && (k = read(p[0], out + n, cap - 1 - n)) > 0)
		n += (size_t)k;
	out[n] = '\0';
	close(p[0]);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static struct dynlib missing = { "libraa-no-such-library.so.7", "a test", 0, NULL, NULL };

static void bind_missing_library(void)
{
	dynlib_sym(&missing, "anything");
}

static void bind_missing_function(void)
{
	dynlib_sym(&dynlib_libxml2, "no_such_function_in_libxml2");
}

/* A broken installation is named, with what it is for, and exits 1. */
static void missing_library_is_explained(void **state)
{
	(void)state;
	assert_null(dynlib_find(&missing, "anything"));
	char err[1024];
	assert_int_equal(in_child(bind_missing_library, err, sizeof err), 1);
	assert_non_null(strstr(err, "libraa-no-such-library.so.7"));
	assert_non_null(strstr(err, "raa needs for a test"));
	assert_int_equal(in_child(bind_missing_function, err, sizeof err), 1);
	assert_non_null(strstr(err, "has no function no_such_function_in_libxml2"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_every_library),
		cmocka_unit_test(wrapper_calls_the_library),
		cmocka_unit_test(missing_library_is_explained),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
