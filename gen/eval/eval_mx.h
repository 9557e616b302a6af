/* `macgen eval mx_quant | mx_dot`: the MX golden model (sim/model/mx.h) on
 * hex lines, as docs/spec/mx.md section 6 describes. */
#ifndef MG_EVAL_MX_H
#define MG_EVAL_MX_H

#include <stdio.h>

#include "cli.h"

#include "mx.h"

/* eval mx_quant (run through the mx_quant unit record, gen/units/unit_mx.c):
 * answers every line of `in` on `out` with the converter q.  Returns 0, or
 * -1 with a one-line reason. */
int mg_eval_mx_quant_spec(const mg_mx_quant_spec *q, FILE *in, FILE *out, char *err, size_t errlen);
/* eval mx_dot: reads its parameters from kv (refusing unknown ones). */
int mg_eval_mx_dot(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen);

/* For the eval op table's --help. */
#define MG_EVAL_MX_QUANT_LINE "X_0..X_{B-1} [r_0..r_{B-1}] -> operands X e_0..e_{B-1} FL"
#define MG_EVAL_MX_DOT_LINE "Xa a_0..a_{B-1} Xb b_0..b_{B-1} ACC -> operands R FL"
#define MG_EVAL_MX_DOT_PARAMS "elem=fp8_e4m3 block=32 acc=fp32 fused=0|1"

#endif
