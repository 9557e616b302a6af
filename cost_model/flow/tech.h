/* Named standard-cell libraries for `--tech NAME`: where the Debian package
 * (or scripts/get_liberty.sh, into build/liberty) puts each one. */
#ifndef MG_TECH_H
#define MG_TECH_H

#include <stddef.h>

/* The liberty file of tech NAME into out.  0 found; -1 unknown name (err
 * lists the known ones); -2 known but not installed (err says how). */
int mg_tech_liberty(const char *name, char *out, size_t outlen, char *err, size_t errlen);

#endif
