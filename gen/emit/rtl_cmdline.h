#ifndef MG_RTL_CMDLINE_H
#define MG_RTL_CMDLINE_H

#include <stddef.h>

/* "macgen CMD arg..." for a header comment: arguments with characters a
 * shell would treat specially are single-quoted, control characters become
 * '?', so the line stays one comment line. */
void mg_rtl_command_line(int argc, char **argv, char *buf, size_t len);

#endif
