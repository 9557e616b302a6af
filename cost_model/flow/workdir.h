/* Private temporary directories for a tool run: created under $TMPDIR (or
 * /tmp) with mkdtemp, removed with everything in them afterwards. */
#ifndef MG_WORKDIR_H
#define MG_WORKDIR_H

#include <stddef.h>

/* Creates "<TMPDIR>/macgen-<tag>-XXXXXX"; -1 with a reason on failure. */
int mg_workdir_create(const char *tag, char *out, size_t outlen, char *err, size_t errlen);
/* Removes path and everything below it (symlinks themselves, never their
 * targets).  Best effort: returns -1 if something stayed. */
int mg_workdir_remove(const char *path);

#endif
