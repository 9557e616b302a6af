/* Whole small text files (Yosys reports, liberty files) read into memory. */
#ifndef MG_TEXTFILE_H
#define MG_TEXTFILE_H

#include <stddef.h>

/* Reads path into a NUL-terminated malloc'd buffer (*text, caller frees).
 * Returns 0, or -1 with "cannot read PATH: reason" in err. */
int mg_read_text_file(const char *path, char **text, size_t *len, char *err, size_t errlen);

#endif
