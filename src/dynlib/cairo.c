/* cairo, loaded on first use (dynlib.h): the functions report/pdf.c calls. */
#include <cairo-pdf.h>
#include <cairo.h>

#include "dynlib/dynlib.h"

#define L dynlib_cairo
DYNLIB_VOID(L, cairo_arc, (cairo_t *cr, double xc, double yc, double radius, double angle1,
			   double angle2), (cr, xc, yc, radius, angle1, angle2))
DYNLIB_FN(L, cairo_t *, cairo_create, (cairo_surface_t *target), (target))
DYNLIB_VOID(L, cairo_debug_reset_static_data, (void), ())
DYNLIB_VOID(L, cairo_destroy, (cairo_t *cr), (cr))
DYNLIB_VOID(L, cairo_fill, (cairo_t *cr), (cr))
DYNLIB_VOID(L, cairo_font_face_destroy, (cairo_font_face_t *font_face), (font_face))
DYNLIB_VOID(L, cairo_line_to, (cairo_t *cr, double x, double y), (cr, x, y))
DYNLIB_VOID(L, cairo_move_to, (cairo_t *cr, double x, double y), (cr, x, y))
DYNLIB_VOID(L, cairo_new_sub_path, (cairo_t *cr), (cr))
DYNLIB_FN(L, cairo_surface_t *, cairo_pdf_surface_create_for_stream,
	  (cairo_write_func_t write_func, void *closure, double width_in_points,
	   double height_in_points),
	  (write_func, closure, width_in_points, height_in_points))
DYNLIB_VOID(L, cairo_pdf_surface_set_metadata,
	    (cairo_surface_t *surface, cairo_pdf_metadata_t metadata, const char *utf8),
	    (surface, metadata, utf8))
DYNLIB_VOID(L, cairo_rectangle, (cairo_t *cr, double x, double y, double width, double height),
	    (cr, x, y, width, height))
DYNLIB_VOID(L, cairo_set_dash, (cairo_t *cr, const double *dashes, int num_dashes, double offset),
	    (cr, dashes, num_dashes, offset))
DYNLIB_VOID(L, cairo_set_font_face, (cairo_t *cr, cairo_font_face_t *font_face), (cr, font_face))
DYNLIB_VOID(L, cairo_set_font_size, (cairo_t *cr, double size), (cr, size))
DYNLIB_VOID(L, cairo_set_line_join, (cairo_t *cr, cairo_line_join_t line_join), (cr, line_join))
DYNLIB_VOID(L, cairo_set_line_width, (cairo_t *cr, double width), (cr, width))
DYNLIB_VOID(L, cairo_set_source_rgb, (cairo_t *cr, double red, double green, double blue),
	    (cr, red, green, blue))
DYNLIB_VOID(L, cairo_show_page, (cairo_t *cr), (cr))
DYNLIB_VOID(L, cairo_show_text, (cairo_t *cr, const char *utf8), (cr, utf8))
DYNLIB_FN(L, cairo_status_t, cairo_status, (cairo_t *cr), (cr))
DYNLIB_FN(L, const char *, cairo_status_to_string, (cairo_status_t status), (status))
DYNLIB_VOID(L, cairo_stroke, (cairo_t *cr), (cr))
DYNLIB_VOID(L, cairo_surface_destroy, (cairo_surface_t *surface), (surface))
DYNLIB_VOID(L, cairo_surface_finish, (cairo_surface_t *surface), (surface))
DYNLIB_FN(L, cairo_status_t, cairo_surface_status, (cairo_surface_t *surface), (surface))
DYNLIB_VOID(L, cairo_text_extents,
	    (cairo_t *cr, const char *utf8, cairo_text_extents_t *extents), (cr, utf8, extents))
DYNLIB_FN(L, cairo_font_face_t *, cairo_toy_font_face_create,
	  (const char *family, cairo_font_slant_t slant, cairo_font_weight_t weight),
	  (family, slant, weight))
