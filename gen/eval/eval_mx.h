/* `macgen eval mx_quant | mx_dot`: the MX golden model (sim/model/mx.h) on
 * hex lines, as docs/spec/mx.md section 6 describes. */
#ifndef MG_EVAL_MX_H
#define MG_EVAL_MX_H

#include <stdio.h>

#include "cli.h"

/* Each reads its parameters from kv (refusing unknown ones), then answers
 * every line of `in` on `out`.  Returns 0, or -1 with a one-line reason. */
int mg_eval_mx_quant(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen);
int mg_eval_mx_dot(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen);

/* For the eval op table's --help. */
#define MG_EVAL_MX_QUANT_LINE "X_0..X_{B-1} [r_0..r_{B-1}] -> operands X e_0..e_{B-1} FL"
#define MG_EVAL_MX_QUANT_PARAMS "elem=fp8_e4m3 block=32 scale=floor|ceil round=rne|rtz|sr [rbits=8]"
#define MG_EVAL_MX_DOT_LINE "Xa a_0..a_{B-1} Xb b_0..b_{B-1} ACC -> operands R FL"
#define MG_EVAL_MX_DOT_PARAMS "elem=fp8_e4m3 block=32 acc=fp32 fused=0|1"

#endif
