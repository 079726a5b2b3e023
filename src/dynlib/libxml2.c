/* libxml2, loaded on first use (dynlib.h): the streaming reader's functions
 * ssda903/reader_xml.c calls. */
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>

#include "dynlib/dynlib.h"

#define L dynlib_libxml2
DYNLIB_VOID(L, xmlFreeTextReader, (xmlTextReaderPtr reader), (reader))
DYNLIB_FN(L, long, xmlGetLineNo, (const xmlNode *node), (node))
DYNLIB_FN(L, xmlTextReaderPtr, xmlReaderForFile,
	  (const char *filename, const char *encoding, int options), (filename, encoding, options))
DYNLIB_VOID(L, xmlSetExternalEntityLoader, (xmlExternalEntityLoader f), (f))
DYNLIB_FN(L, const xmlChar *, xmlTextReaderConstName, (xmlTextReaderPtr reader), (reader))
DYNLIB_FN(L, const xmlChar *, xmlTextReaderConstValue, (xmlTextReaderPtr reader), (reader))
DYNLIB_FN(L, xmlNodePtr, xmlTextReaderCurrentNode, (xmlTextReaderPtr reader), (reader))
DYNLIB_FN(L, int, xmlTextReaderGetParserLineNumber, (xmlTextReaderPtr reader), (reader))
DYNLIB_FN(L, int, xmlTextReaderIsEmptyElement, (xmlTextReaderPtr reader), (reader))
DYNLIB_FN(L, int, xmlTextReaderNodeType, (xmlTextReaderPtr reader), (reader))
DYNLIB_FN(L, int, xmlTextReaderRead, (xmlTextReaderPtr reader), (reader))
DYNLIB_VOID(L, xmlTextReaderSetStructuredErrorHandler,
	    (xmlTextReaderPtr reader, xmlStructuredErrorFunc f, void *arg), (reader, f, arg))
