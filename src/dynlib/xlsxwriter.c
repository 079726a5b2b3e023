/* libxlsxwriter, loaded on first use (dynlib.h): the functions the XLSX
 * writers (report/monthly.c, ssda903/xlsx.c) call. */
#include <xlsxwriter.h>

#include "dynlib/dynlib.h"

#define L dynlib_xlsxwriter
DYNLIB_VOID(L, format_set_bg_color, (lxw_format *format, lxw_color_t color), (format, color))
DYNLIB_VOID(L, format_set_bold, (lxw_format *format), (format))
DYNLIB_VOID(L, format_set_bottom, (lxw_format *format, uint8_t style), (format, style))
DYNLIB_VOID(L, format_set_font_size, (lxw_format *format, double size), (format, size))
DYNLIB_VOID(L, format_set_num_format, (lxw_format *format, const char *num_format),
	    (format, num_format))
DYNLIB_FN(L, char *, lxw_strerror, (lxw_error error_num), (error_num))
DYNLIB_FN(L, lxw_format *, workbook_add_format, (lxw_workbook *workbook), (workbook))
DYNLIB_FN(L, lxw_worksheet *, workbook_add_worksheet,
	  (lxw_workbook *workbook, const char *sheetname), (workbook, sheetname))
DYNLIB_FN(L, lxw_error, workbook_close, (lxw_workbook *workbook), (workbook))
DYNLIB_FN(L, lxw_workbook *, workbook_new, (const char *filename), (filename))
DYNLIB_FN(L, lxw_error, worksheet_autofilter,
	  (lxw_worksheet *worksheet, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row,
	   lxw_col_t last_col),
	  (worksheet, first_row, first_col, last_row, last_col))
DYNLIB_VOID(L, worksheet_freeze_panes, (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col),
	    (worksheet, row, col))
DYNLIB_FN(L, lxw_error, worksheet_set_column,
	  (lxw_worksheet *worksheet, lxw_col_t first_col, lxw_col_t last_col, double width,
	   lxw_format *format),
	  (worksheet, first_col, last_col, width, format))
DYNLIB_FN(L, lxw_error, worksheet_write_datetime,
	  (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, lxw_datetime *datetime,
	   lxw_format *format),
	  (worksheet, row, col, datetime, format))
DYNLIB_FN(L, lxw_error, worksheet_write_number,
	  (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, double number,
	   lxw_format *format),
	  (worksheet, row, col, number, format))
DYNLIB_FN(L, lxw_error, worksheet_write_string,
	  (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *string,
	   lxw_format *format),
	  (worksheet, row, col, string, format))
