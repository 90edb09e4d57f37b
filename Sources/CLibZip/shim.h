#ifndef TIEOUT_CLIBZIP_SHIM_H
#define TIEOUT_CLIBZIP_SHIM_H

/* libzip (Debian's libzip-dev): writes the annotated copy of a .docx report, copying the
 * parts it does not change as they are (their compressed bytes) and replacing the others. */
#include <zip.h>

#endif
