#ifndef TIEOUT_CXLSXWRITER_SHIM_H
#define TIEOUT_CXLSXWRITER_SHIM_H

/* libxlsxwriter (Debian's libxlsxwriter-dev): writes .xlsx workbooks, in constant-memory
 * mode row by row through a temporary file per sheet. */
#include <xlsxwriter.h>

#endif
