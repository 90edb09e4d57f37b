#ifndef TIEOUT_CLIBPQ_SHIM_H
#define TIEOUT_CLIBPQ_SHIM_H

/* libpq (Debian's libpq-dev): PostgreSQL's client library, for the dataset store and the
 * work queue on a server (connections, parameterised statements, COPY FROM STDIN). */
#include <libpq-fe.h>

#endif
