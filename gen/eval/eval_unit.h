/* `macgen eval UNIT`: a unit's model adapter on hex lines (eval_unit.c). */
#ifndef MG_EVAL_UNIT_H
#define MG_EVAL_UNIT_H

#include <stdio.h>

#include "unit.h"

/* Answers every line of `in` with u's model (configured for eval,
 * mg_unit_configure_eval).  0, or -1 with "line N: ..." in err. */
int mg_eval_unit(const mg_unit *u, FILE *in, FILE *out, char *err, size_t errlen);
/* The line format for --help: "w a acc -> operands res flags". */
void mg_eval_unit_line_format(const mg_unit *u, char *buf, size_t len);
/* The shell command that runs the model alone on one vector of u's input
 * ports: "echo '3f 3d 0e0' | macgen eval mac w=... round=rtz". */
void mg_eval_unit_command(const mg_unit *u, const uint64_t *in, char *buf, size_t len);

#endif
