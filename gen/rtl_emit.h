/* Pieces of the emitter shared with `macgen verify`. */
#ifndef MG_RTL_EMIT_H
#define MG_RTL_EMIT_H

#include <stdio.h>

#include "rtl.h"
#include "unit.h"

/* Emits a configured unit (see mg_rtl_emit). */
int mg_rtl_emit_unit(const mg_unit *u, const char *outdir, const char *command_line,
                     mg_rtl_output *out, char *err, size_t errlen);
/* Template modules a unit needs, its own list first.  Names past the unit's
 * own list are heap copies (the caller frees them). */
int mg_rtl_template_closure(const mg_unit *u, const char **names, size_t max, size_t *count,
                            char *err, size_t errlen);
void mg_rtl_write_header(FILE *fp, const char *command_line, const char *what);
void mg_rtl_write_top(FILE *fp, const mg_unit *u);

#endif
