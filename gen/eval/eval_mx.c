/* eval for MX: mx_quant and mx_dot (docs/spec/mx.md section 6), on the
 * shared line engine (eval_lines.h). */
#include "eval_lines.h"
#include "eval_mx.h"
#include "eval_params.h"
#include "mx.h"

enum { FP32_BITS = 32, SCALE_BITS = 8 };

typedef struct {
    bool dot;
    mg_mx_quant_spec quant; /* elem and block for both ops */
    mg_mx_dot_spec step;    /* dot only */
    mg_eval_layout layout;
} mx_eval;

/* elem=, block= */
static int get_block_params(mg_kv_list *kv, mg_mx_quant_spec *q, char *err, size_t errlen)
{
    const char *name = mg_kv_get(kv, "elem", "fp8_e4m3");
    if (mg_mx_elem_parse(name, &q->elem) != 0) {
        snprintf(err, errlen, "elem=%s: unknown MX element format (known: %s)", name, mg_mx_elem_names());
        return -1;
    }
    long block;
    if (mg_kv_get_int(kv, "block", MG_MX_BLOCK_DEFAULT, MG_MX_BLOCK_MIN, MG_MX_BLOCK_MAX, &block, err, errlen))
        return -1;
    q->block = (int)block;
    return mg_mx_quant_spec_check(q, err, errlen);
}

static int layout(mx_eval *ev, char *err, size_t errlen)
{
    const size_t b = (size_t)ev->quant.block;
    const int eb = mg_mx_elem_get(ev->quant.elem)->bits;
    mg_eval_layout *l = &ev->layout;
    if (ev->dot) { /* Xa a_0.. Xb b_0.. ACC -> R FL */
        const int accw = mg_format_width(&ev->step.acc);
        if (mg_eval_layout_init(l, 2 * b + 3, 2, err, errlen)) return -1;
        l->op_bits[0] = l->op_bits[b + 1] = SCALE_BITS;
        mg_eval_fill(l->op_bits, 1, b, eb);
        mg_eval_fill(l->op_bits, b + 2, b, eb);
        l->op_bits[2 * b + 2] = l->res_bits[0] = accw;
        l->res_bits[1] = MG_EVAL_FLAG_BITS;
        return 0;
    }
    const bool sr = ev->quant.round == MG_SR; /* X_i.. [r_i..] -> X e_i.. FL */
    if (mg_eval_layout_init(l, sr ? 2 * b : b, b + 2, err, errlen)) return -1;
    mg_eval_fill(l->op_bits, 0, b, FP32_BITS);
    if (sr) mg_eval_fill(l->op_bits, b, b, ev->quant.rbits);
    l->res_bits[0] = SCALE_BITS;
    mg_eval_fill(l->res_bits, 1, b, eb);
    l->res_bits[b + 1] = MG_EVAL_FLAG_BITS;
    return 0;
}

static int compute(const void *ctx, const uint64_t *ops, uint64_t *res, char *why, size_t len)
{
    const mx_eval *ev = ctx;
    const size_t b = (size_t)ev->quant.block;
    unsigned flags = 0;
    uint32_t e[2][MG_MX_BLOCK_MAX];
    (void)why;
    (void)len;
    if (ev->dot) {
        for (size_t i = 0; i < b; i++) {
            e[0][i] = (uint32_t)ops[1 + i];
            e[1][i] = (uint32_t)ops[b + 2 + i];
        }
        mg_bits acc_in = { ops[2 * b + 2] };
        res[0] = mg_mx_dot_step(&ev->step, (uint8_t)ops[0], e[0], (uint8_t)ops[b + 1], e[1], acc_in, &flags).bits;
        res[1] = flags;
        return 0;
    }
    mg_bits x[MG_MX_BLOCK_MAX] = { { 0 } }; /* (silences a false maybe-uninitialized) */
    uint8_t scale;
    for (size_t i = 0; i < b; i++) x[i].bits = ops[i];
    mg_mx_quant(&ev->quant, x, ev->quant.round == MG_SR ? ops + b : NULL, &scale, e[0], &flags);
    res[0] = scale;
    for (size_t i = 0; i < b; i++) res[1 + i] = e[0][i];
    res[b + 1] = flags;
    return 0;
}

static int run(mx_eval *ev, mg_kv_list *kv, const char *known, FILE *in, FILE *out, char *err, size_t errlen)
{
    int rc = mg_kv_check_all_used(kv, known, err, errlen);
    if (rc == 0) rc = layout(ev, err, errlen);
    if (rc == 0) rc = mg_eval_answer_lines(&ev->layout, compute, ev, in, out, err, errlen);
    mg_eval_layout_free(&ev->layout);
    return rc;
}

int mg_eval_mx_quant_spec(const mg_mx_quant_spec *q, FILE *in, FILE *out, char *err, size_t errlen)
{
    mx_eval ev = { .dot = false, .quant = *q };
    mg_kv_list none = { .count = 0 };
    return run(&ev, &none, "", in, out, err, errlen);
}

int mg_eval_mx_dot(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    mx_eval ev = { .dot = true, .quant = mg_mx_quant_spec_default() };
    long fused;
    if (get_block_params(kv, &ev.quant, err, errlen) ||
        mg_eval_get_format(kv, "acc", "fp32", &ev.step.acc, err, errlen) ||
        mg_kv_get_int(kv, "fused", 0, 0, 1, &fused, err, errlen))
        return -1;
    ev.step.elem = ev.quant.elem;
    ev.step.block = ev.quant.block;
    ev.step.fused = fused != 0;
    return run(&ev, kv, "elem, block, acc, fused", in, out, err, errlen);
}
