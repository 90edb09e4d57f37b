#ifndef TIEOUT_CFREEXL_SHIM_H
#define TIEOUT_CFREEXL_SHIM_H

/* FreeXL (Debian's libfreexl-dev): reads BIFF .xls workbooks (Excel 97–2003 and earlier),
 * converting each text from the workbook's code page to UTF-8. */
#include <freexl.h>

#endif
