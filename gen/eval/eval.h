/* `macgen eval OP`: the golden model driven by hex lines (docs/spec/eval.md). */
#ifndef MG_EVAL_H
#define MG_EVAL_H

#include <stdbool.h>
#include <stdio.h>

#include "cli.h"

/* One eval operation: reads its parameters from kv, then answers every line
 * of `in` on `out`.  Returns 0, or -1 with a one-line reason in err (for a
 * malformed line: "line N: ..."; the lines before it have been answered). */
typedef struct {
    const char *name;
    const char *line_format; /* for --help: "A B -> A B R FL" */
    const char *params;      /* for --help: the keys and their defaults */
    int (*run)(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen);
} mg_eval_op;

/* fma, the float operation of docs/spec/operations.md that is not a unit
 * (gen/eval/eval_float.c); mul, add, mac, quant, dot and imac are units:
 * eval_unit.h. */
int mg_eval_fma(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen);

#endif
