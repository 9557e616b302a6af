/* `macgen eval hbfp_quant | hbfp_dot | hbfp_matmul`: the HBFP golden model
 * (sim/model/hbfp.h) on hex lines, as docs/spec/eval.md section 4 and
 * docs/spec/hbfp.md describe. */
#ifndef MG_EVAL_HBFP_H
#define MG_EVAL_HBFP_H

#include <stdio.h>

#include "cli.h"
#include "hbfp.h"

/* Each reads its parameters from kv (refusing unknown ones), then answers
 * every line of `in` on `out`.  Returns 0, or -1 with a one-line reason in err
 * (a malformed line: "line N: ..."; the lines before it have been answered). */
int mg_eval_hbfp_quant(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen);
int mg_eval_hbfp_dot(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen);
int mg_eval_hbfp_matmul(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen);
/* hbfp_quant with its parameters resolved (the hbfp_quant unit's record). */
int mg_eval_hbfp_quant_spec(const mg_hbfp_quant_spec *q, FILE *in, FILE *out, char *err, size_t errlen);

/* For the eval op table's --help. */
#define MG_EVAL_HBFP_QUANT_LINE "X_0..X_{B-1} [r_0..r_{B-1}] -> operands E q_0..q_{B-1} FL"
#define MG_EVAL_HBFP_QUANT_PARAMS "n=4 block=64 exp=floor1|ceil round=rne|rtz|sr [rbits=8]"
#define MG_EVAL_HBFP_DOT_LINE "Ea a_0..a_{B-1} Eb b_0..b_{B-1} ACC -> operands R FL"
#define MG_EVAL_HBFP_DOT_PARAMS "n=4 block=64 acc=fp32"
#define MG_EVAL_HBFP_MATMUL_LINE "x_0..x_{K-1} w_0..w_{K-1} [rx_0.. rw_0..] -> operands Y FL"
#define MG_EVAL_HBFP_MATMUL_PARAMS "k=K n=4 block=64 acc=fp32 exp=floor1|ceil round=rne|rtz|sr [rbits=8]"

#endif
