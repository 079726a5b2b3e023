/* dynlib: loading the optional libraries on first use (dynlib.h). */
#include "dynlib/dynlib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>

#define DYNLIB(soname, used_for) { soname, used_for, 0, NULL, NULL }

struct dynlib dynlib_cairo = DYNLIB(RAA_SONAME_CAIRO, "drawing PDF reports");
struct dynlib dynlib_xlsxwriter = DYNLIB(RAA_SONAME_XLSXWRITER, "writing XLSX workbooks");
struct dynlib dynlib_microhttpd = DYNLIB(RAA_SONAME_MICROHTTPD, "the web server");
struct dynlib dynlib_libxml2 = DYNLIB(RAA_SONAME_LIBXML2, "reading SSDA903 XML returns");

static struct dynlib *const ALL[] = { &dynlib_cairo, &dynlib_xlsxwriter, &dynlib_microhttpd,
				      &dynlib_libxml2 };

/* Taken only while a function is bound for the first time (about 65 in
 * all), so one lock for every library is plenty. */
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;

static void *loaded(struct dynlib *lib)
{
	pthread_mutex_lock(&load_lock);
	if (!lib->tried) {
		lib->tried = 1;
		lib->handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
		if (!lib->handle) {
			const char *why = dlerror();
			lib->error = strdup(why ? why : "unknown error");
		}
	}
	pthread_mutex_unlock(&load_lock);
	return lib->handle;
}

static _Noreturn void broken(const struct dynlib *lib, const char *what)
{
	fprintf(stderr,
		"raa: %s: %s, which raa needs for %s. The installation is incomplete: "
		"run `make deps` (or apt-get install the package that provides %s).\n",
		lib->soname, what, lib->used_for, lib->soname);
	exit(1);
}

void *dynlib_find(struct dynlib *lib, const char *name)
{
	void *h = loaded(lib);
	return h ? dlsym(h, name) : NULL;
}

void *dynlib_sym(struct dynlib *lib, const char *name)
{
	if (!loaded(lib))
		broken(lib, lib->error);
	void *p = dlsym(lib->handle, name);
	if (!p) {
		char what[256];
		snprintf(what, sizeof what, "has no function %s", name);
		broken(lib, what);
	}
	return p;
}

int dynlib_load_all(void)
{
	int rc = 0;
	for (size_t i = 0; i < sizeof(ALL) / sizeof(ALL[0]); i++)
		if (!loaded(ALL[i])) {
			fprintf(stderr, "raa: %s: %s, which raa needs for %s\n", ALL[i]->soname,
				ALL[i]->error, ALL[i]->used_for);
			rc = -1;
		}
	return rc;
}
