/* eval for the float operations: mul, add, fma, mac, quant. */
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "eval_lines.h"
#include "eval_params.h"
#include "model.h"

typedef enum { OP_MUL, OP_ADD, OP_FMA, OP_MAC, OP_QUANT } float_op;

typedef struct {
    float_op op;
    int n_in;
    mg_format in[3];  /* operand formats, in line order */
    mg_format out;    /* result format */
    mg_mac_spec mac;  /* OP_MAC only */
    mg_rounding rnd;
} float_eval;

static int compute(const void *ctx, const uint64_t *x, uint64_t *res, char *why, size_t len)
{
    const float_eval *ev = ctx;
    mg_bits a = { x[0] }, b = { x[1] }, c = { x[2] };
    mg_rounding rnd = ev->rnd;
    unsigned flags = 0, events = 0;
    mg_bits r = { 0 };
    (void)why;
    (void)len;
    if (rnd.mode == MG_SR) rnd.random = x[ev->n_in];
    switch (ev->op) {
    case OP_MUL: r = mg_mul(&ev->in[0], a, &ev->in[1], b, &ev->out, &rnd, &flags); break;
    case OP_ADD: r = mg_add(&ev->in[0], a, &ev->in[1], b, &ev->out, &rnd, &flags); break;
    case OP_FMA: r = mg_fma(&ev->in[0], a, &ev->in[1], b, &ev->in[2], c, &ev->out, &rnd, &flags); break;
    case OP_MAC: r = mg_mac(&ev->mac, a, b, c, &rnd, &flags, &events); break;
    case OP_QUANT: r = mg_quant(&ev->in[0], a, &ev->out, &rnd, &flags); break;
    }
    res[0] = r.bits;
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

/* mul and add share their parameters: a, b, out (defaults: b = a, out = a). */
static int binary_op(float_op op, mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    float_eval ev = { .op = op, .n_in = 2 };
    const char *a = mg_kv_get(kv, "a", "fp32");
    if (mg_eval_get_format(kv, "a", a, &ev.in[0], err, errlen) || mg_eval_get_format(kv, "b", a, &ev.in[1], err, errlen) ||
        mg_eval_get_format(kv, "out", a, &ev.out, err, errlen) || mg_eval_get_rounding(kv, "rne", &ev.rnd, err, errlen))
        return -1;
    return finish(kv, &ev, "a, b, out, round, rbits, ovf", in, out, err, errlen);
}

int mg_eval_mul(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    return binary_op(OP_MUL, kv, in, out, err, errlen);
}

int mg_eval_add(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    return binary_op(OP_ADD, kv, in, out, err, errlen);
}

int mg_eval_fma(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    float_eval ev = { .op = OP_FMA, .n_in = 3 };
    const char *a = mg_kv_get(kv, "a", "fp32");
    if (mg_eval_get_format(kv, "a", a, &ev.in[0], err, errlen) || mg_eval_get_format(kv, "b", a, &ev.in[1], err, errlen) ||
        mg_eval_get_format(kv, "c", a, &ev.in[2], err, errlen) || mg_eval_get_format(kv, "out", a, &ev.out, err, errlen) ||
        mg_eval_get_rounding(kv, "rne", &ev.rnd, err, errlen))
        return -1;
    return finish(kv, &ev, "a, b, c, out, round, rbits, ovf", in, out, err, errlen);
}

int mg_eval_mac(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    float_eval ev = { .op = OP_MAC, .n_in = 3 };
    const char *acc = mg_kv_get(kv, "acc", "lba12");
    long fused;
    if (mg_eval_get_format(kv, "w", "lba8", &ev.mac.w, err, errlen) || mg_eval_get_format(kv, "a", "lba8", &ev.mac.a, err, errlen) ||
        mg_eval_get_format(kv, "acc", acc, &ev.mac.acc, err, errlen) ||
        mg_eval_get_format(kv, "prod", acc, &ev.mac.prod, err, errlen) ||
        mg_eval_get_rounding(kv, "rtz", &ev.rnd, err, errlen) ||
        mg_kv_get_int(kv, "fused", 0, 0, 1, &fused, err, errlen))
        return -1;
    ev.mac.fused = fused != 0;
    ev.in[0] = ev.mac.w;
    ev.in[1] = ev.mac.a;
    ev.in[2] = ev.out = ev.mac.acc;
    return finish(kv, &ev, "w, a, acc, prod, round, rbits, ovf, fused", in, out, err, errlen);
}

int mg_eval_quant(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    float_eval ev = { .op = OP_QUANT, .n_in = 1 };
    if (mg_eval_get_format(kv, "in", "fp64", &ev.in[0], err, errlen) ||
        mg_eval_get_format(kv, "out", "fp32", &ev.out, err, errlen) || mg_eval_get_rounding(kv, "rne", &ev.rnd, err, errlen))
        return -1;
    return finish(kv, &ev, "in, out, round, rbits, ovf", in, out, err, errlen);
}
