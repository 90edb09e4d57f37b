#ifndef TIEOUT_CTIEOUTZLIB_SHIM_H
#define TIEOUT_CTIEOUTZLIB_SHIM_H
/* zlib for the XLSX reader: raw inflate and crc32. (Named apart from the
   CZlib module other packages declare.) */
#include <zlib.h>

/* inflateInit2 is a macro; Swift needs a function. */
static inline int tieout_inflate_init_raw(z_stream *s) {
    return inflateInit2(s, -MAX_WBITS);
}
#endif
