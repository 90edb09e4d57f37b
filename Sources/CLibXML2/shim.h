#ifndef TIEOUT_CLIBXML2_SHIM_H
#define TIEOUT_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>

/* Debian builds libxml2 with ICU. <libxml/encoding.h> then includes
 * <unicode/ucnv.h>, whose declarations clash with the ICU that Foundation
 * carries. Tieout never uses libxml2's ICU converters, so keep ICU's header
 * out (its include guard) and give the two ICU types libxml2's structs name
 * private stand-ins of the same size class (pointers and 16-bit units). */
#ifdef LIBXML_ICU_ENABLED
#define UCNV_H 1
typedef struct TieoutPrivateUConverter TieoutPrivateUConverter;
typedef unsigned short TieoutPrivateUChar;
#define UConverter TieoutPrivateUConverter
#define UChar TieoutPrivateUChar
#endif

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

#ifdef LIBXML_ICU_ENABLED
#undef UConverter
#undef UChar
#endif

#endif
