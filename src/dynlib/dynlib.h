/*
 * dynlib: the optional libraries (cairo, libxlsxwriter, libmicrohttpd,
 * libxml2) loaded when first used instead of when raa starts.
 *
 * Linked normally they cost every raa command about 4.5 ms at start-up
 * (45 shared objects mapped and relocated, gnutls and ICU initialised),
 * which is most of a small command's time and an eighth of validating a
 * whole SSDA903 return. The commands that need them pay once, on the first
 * call: each wrapper in this directory has the library's own prototype
 * (its header checks it), binds the real function with dlsym and calls it.
 *
 * The sonames come from the build (CMakeLists.txt reads them off the
 * libraries pkg-config names), so raa loads exactly the versions it was
 * compiled against. A library that cannot be loaded is a broken
 * installation: raa says which library, for what, and why, and exits 1.
 */
#ifndef RAA_DYNLIB_DYNLIB_H
#define RAA_DYNLIB_DYNLIB_H

#include <string.h>

struct dynlib {
	const char *soname;
	const char *used_for; /* for the error message */
	int tried; /* under dynlib.c's lock */
	void *handle;
	char *error; /* dlerror() of a failed load */
};

extern struct dynlib dynlib_cairo, dynlib_xlsxwriter, dynlib_microhttpd, dynlib_libxml2;

/* The symbol, loading the library on first use; never NULL (exits 1). */
void *dynlib_sym(struct dynlib *lib, const char *name);

/* The symbol from the library or the ones it depends on, or NULL. */
void *dynlib_find(struct dynlib *lib, const char *name);

/* Loads every optional library now, so a long-running server finds a
 * broken installation at start rather than on some later request.
 * Returns 0, or -1 with the reason printed. */
int dynlib_load_all(void);

/* Binds name to the real function once, thread-safely: dlsym gives every
 * thread the same address, so a race only stores it twice. */
#define DYNLIB_BIND(lib, name)                                                    \
	static __typeof__(name) *name##_real(void)                                \
	{                                                                         \
		static __typeof__(name) *fn;                                      \
		__typeof__(name) *f = __atomic_load_n(&fn, __ATOMIC_ACQUIRE);     \
		if (!f) {                                                         \
			void *p = dynlib_sym(&(lib), #name);                      \
			memcpy(&f, &p, sizeof f); /* ISO C: no object-to-function cast */ \
			__atomic_store_n(&fn, f, __ATOMIC_RELEASE);               \
		}                                                                 \
		return f;                                                         \
	}

/* A wrapper with the library's prototype: params as declared, args the
 * parameters' names. */
#define DYNLIB_FN(lib, ret, name, params, args)                                   \
	DYNLIB_BIND(lib, name)                                                    \
	ret name params                                                           \
	{                                                                         \
		return name##_real() args;                                        \
	}

#define DYNLIB_VOID(lib, name, params, args)                                      \
	DYNLIB_BIND(lib, name)                                                    \
	void name params                                                          \
	{                                                                         \
		name##_real() args;                                               \
	}

#endif
