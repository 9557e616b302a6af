/* eval fma, the one float operation of docs/spec/operations.md that is not a unit of the
 * unit table (mul, add, mac, quant, dot are: eval_unit.c runs their records). */
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "eval_lines.h"
#include "eval_params.h"
#include "model.h"

typedef struct {
    int n_in;
    mg_format in[3];  /* operand formats, in line order */
    mg_format out;    /* result format */
    mg_rounding rnd;
} float_eval;

static int compute(const void *ctx, const uint64_t *x, uint64_t *res, char *why, size_t len)
{
    const float_eval *ev = ctx;
    mg_bits a = { x[0] }, b = { x[1] }, c = { x[2] };
    mg_rounding rnd = ev->rnd;
    unsigned flags = 0;
    (void)why;
    (void)len;
    if (rnd.mode == MG_SR) rnd.random = x[ev->n_in];
    res[0] = mg_fma(&ev->in[0], a, &ev->in[1], b, &ev->in[2], c, &ev->out, &rnd, &flags).bits;
    res[1] = flags;
    return 0;
}

/* Operands in their formats' widths, then r with sr; answers R FL. */
static int finish(mg_kv_list *kv, const float_eval *ev, const char *known, FILE *in, FILE *out,
                  char *err, size_t errlen)
{
    if (mg_kv_check_all_used(kv, known, err, errlen) != 0) return -1;
    bool sr = ev->rnd.mode == MG_SR;
    mg_eval_layout layout;
    if (mg_eval_layout_init(&layout, (size_t)ev->n_in + sr, 2, err, errlen) != 0) return -1;
    for (int i = 0; i < ev->n_in; i++) layout.op_bits[i] = mg_format_width(&ev->in[i]);
    if (sr) layout.op_bits[ev->n_in] = ev->rnd.rbits;
    layout.res_bits[0] = mg_format_width(&ev->out);
    layout.res_bits[1] = MG_EVAL_FLAG_BITS;
    int rc = mg_eval_answer_lines(&layout, compute, ev, in, out, err, errlen);
    mg_eval_layout_free(&layout);
    return rc;
}

int mg_eval_fma(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    float_eval ev = { .n_in = 3 };
    const char *a = mg_kv_get(kv, "a", "fp32");
    if (mg_eval_get_format(kv, "a", a, &ev.in[0], err, errlen) || mg_eval_get_format(kv, "b", a, &ev.in[1], err, errlen) ||
        mg_eval_get_format(kv, "c", a, &ev.in[2], err, errlen) || mg_eval_get_format(kv, "out", a, &ev.out, err, errlen) ||
        mg_eval_get_rounding(kv, "rne", &ev.rnd, err, errlen))
        return -1;
    return finish(kv, &ev, "a, b, c, out, round, rbits, ovf", in, out, err, errlen);
}
