/* Whole small text files (Yosys reports, liberty files) read into memory. */
#ifndef MG_TEXTFILE_H
#define MG_TEXTFILE_H

#include <stdbool.h>
#include <stddef.h>

/* The largest file read (a liberty file of a big library is tens of MB):
 * anything longer, such as /dev/zero, is refused rather than read on. */
#define MG_TEXT_FILE_MAX (256u << 20)

/* Reads path into a NUL-terminated malloc'd buffer (*text, caller frees).
 * Returns 0, or -1 with "cannot read PATH: reason" in err (also when it
 * is longer than MG_TEXT_FILE_MAX bytes, or not a regular file: a FIFO is
 * refused at once, never waited on; fileio.h mg_open_regular). */
int mg_read_text_file(const char *path, char **text, size_t *len, char *err, size_t errlen);
/* The same; with text_only, a NUL byte refuses the file at once (a text
 * format such as liberty: /dev/zero is refused after one read). */
int mg_read_file_checked(const char *path, bool text_only, char **text, size_t *len, char *err,
                         size_t errlen);

#endif
