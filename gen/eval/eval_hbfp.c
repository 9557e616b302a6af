/* eval for HBFP: hbfp_quant, hbfp_dot (docs/spec/eval.md section 4) and hbfp_matmul
 * (ours, docs/spec/hbfp.md), on the shared line engine (eval_lines.h). */
#include <stdlib.h>

#include "eval_hbfp.h"
#include "eval_lines.h"
#include "eval_params.h"
#include "hbfp.h"

enum { FP32_BITS = 32, EXP_BITS = 8, FLAG_BITS = MG_EVAL_FLAG_BITS };

typedef enum { OP_QUANT, OP_DOT, OP_MATMUL } hbfp_op;

typedef struct {
    hbfp_op op;
    mg_hbfp_quant_spec quant; /* n and block for every op */
    mg_format acc;            /* OP_DOT, OP_MATMUL */
    size_t k;                 /* OP_MATMUL */
    mg_eval_layout layout;    /* the line's fields and the answer's */
} hbfp_eval;

/* ---- parameters ---------------------------------------------------------- */

static int get_block_params(mg_kv_list *kv, mg_hbfp_quant_spec *q, char *err, size_t errlen)
{
    long n, block;
    if (mg_kv_get_int(kv, "n", 4, MG_HBFP_N_MIN, MG_HBFP_N_MAX, &n, err, errlen) ||
        mg_kv_get_int(kv, "block", MG_HBFP_BLOCK_DEFAULT, MG_HBFP_BLOCK_MIN, MG_HBFP_BLOCK_MAX, &block, err,
                      errlen))
        return -1;
    q->n = (int)n;
    q->block = (int)block;
    return mg_hbfp_quant_spec_check(q, err, errlen);
}

/* exp=, round=, rbits= */
static int get_quant_params(mg_kv_list *kv, mg_hbfp_quant_spec *q, char *err, size_t errlen)
{
    const char *exp = mg_kv_get(kv, "exp", "floor1");
    if (mg_hbfp_exp_rule_parse(exp, &q->exp_rule) != 0) {
        snprintf(err, errlen, "exp=%s: unknown exponent rule (known: floor1, ceil)", exp);
        return -1;
    }
    const char *mode = mg_kv_get(kv, "round", "rne");
    if (mg_round_mode_parse(mode, &q->round) != 0) {
        snprintf(err, errlen, "round=%s: unknown rounding (known: rne, rtz, sr)", mode);
        return -1;
    }
    long rbits;
    if (mg_kv_get_int(kv, "rbits", MG_RBITS_DEFAULT, 1, MG_RBITS_MAX, &rbits, err, errlen)) return -1;
    q->rbits = (int)rbits;
    return mg_hbfp_quant_spec_check(q, err, errlen);
}

/* ---- line layouts -------------------------------------------------------- */

/* quant: X_0..X_{B-1} [r_0..r_{B-1}] -> E q_0..q_{B-1} FL */
static int layout_quant(hbfp_eval *ev, char *err, size_t errlen)
{
    size_t b = (size_t)ev->quant.block;
    bool sr = ev->quant.round == MG_SR;
    if (mg_eval_layout_init(&ev->layout, sr ? 2 * b : b, b + 2, err, errlen)) return -1;
    mg_eval_fill(ev->layout.op_bits, 0, b, FP32_BITS);
    if (sr) mg_eval_fill(ev->layout.op_bits, b, b, ev->quant.rbits);
    ev->layout.res_bits[0] = EXP_BITS;
    mg_eval_fill(ev->layout.res_bits, 1, b, ev->quant.n);
    ev->layout.res_bits[b + 1] = FLAG_BITS;
    return 0;
}

/* dot: Ea a_0..a_{B-1} Eb b_0..b_{B-1} ACC -> R FL */
static int layout_dot(hbfp_eval *ev, char *err, size_t errlen)
{
    size_t b = (size_t)ev->quant.block;
    if (mg_eval_layout_init(&ev->layout, 2 * b + 3, 2, err, errlen)) return -1;
    ev->layout.op_bits[0] = EXP_BITS;
    mg_eval_fill(ev->layout.op_bits, 1, b, ev->quant.n);
    ev->layout.op_bits[b + 1] = EXP_BITS;
    mg_eval_fill(ev->layout.op_bits, b + 2, b, ev->quant.n);
    ev->layout.op_bits[2 * b + 2] = mg_format_width(&ev->acc);
    ev->layout.res_bits[0] = mg_format_width(&ev->acc);
    ev->layout.res_bits[1] = FLAG_BITS;
    return 0;
}

/* matmul: x_0..x_{K-1} w_0..w_{K-1} [rx_0..rx_{K-1} rw_0..rw_{K-1}] -> Y FL */
static int layout_matmul(hbfp_eval *ev, char *err, size_t errlen)
{
    size_t k = ev->k;
    bool sr = ev->quant.round == MG_SR;
    if (mg_eval_layout_init(&ev->layout, sr ? 4 * k : 2 * k, 2, err, errlen)) return -1;
    mg_eval_fill(ev->layout.op_bits, 0, 2 * k, FP32_BITS);
    if (sr) mg_eval_fill(ev->layout.op_bits, 2 * k, 2 * k, ev->quant.rbits);
    ev->layout.res_bits[0] = mg_format_width(&ev->acc);
    ev->layout.res_bits[1] = FLAG_BITS;
    return 0;
}

/* ---- one line ------------------------------------------------------------ */

static uint64_t twos_complement(int64_t v, int bits) { return (uint64_t)v & mg_mask64(bits); }

/* Reads an n-bit two's-complement mantissa; the code -2^M is refused: HBFP
 * mantissas are symmetric (docs/spec/hbfp.md section 1), and the array's column sums
 * are sized for |q| <= 2^M - 1. */
static int mantissa(uint64_t code, int n, int32_t *q, char *why, size_t len)
{
    int64_t v = (int64_t)code;
    if (code >> (n - 1)) v -= (int64_t)1 << n;
    if (v < -(int64_t)mg_hbfp_qmax(n)) {
        snprintf(why, len, "mantissa '%0*llx' is -2^%d, outside the symmetric range", (n + 3) / 4,
                 (unsigned long long)code, n - 1);
        return -1;
    }
    *q = (int32_t)v;
    return 0;
}

static int8_t exponent(uint64_t code) { return (int8_t)(code >= 128 ? (int)code - 256 : (int)code); }

/* Computes the results of one parsed line; -1 with a reason when its operands
 * are outside the op's domain. */
static int compute(const void *ctx, const uint64_t *ops, uint64_t *res, char *why, size_t len)
{
    const hbfp_eval *ev = ctx;
    const size_t b = (size_t)ev->quant.block;
    const int n = ev->quant.n;
    unsigned flags = 0;
    switch (ev->op) {
    case OP_QUANT: {
        mg_bits x[MG_HBFP_BLOCK_MAX] = { { 0 } }; /* (silences a false maybe-uninitialized) */
        int32_t q[MG_HBFP_BLOCK_MAX];
        int e;
        for (size_t i = 0; i < b; i++) x[i].bits = ops[i];
        mg_hbfp_quant(&ev->quant, x, ev->quant.round == MG_SR ? ops + b : NULL, &e, q, &flags);
        res[0] = twos_complement(e, EXP_BITS);
        for (size_t i = 0; i < b; i++) res[1 + i] = twos_complement(q[i], n);
        res[b + 1] = flags;
        return 0;
    }
    case OP_DOT: {
        int32_t qa[MG_HBFP_BLOCK_MAX], qb[MG_HBFP_BLOCK_MAX];
        for (size_t i = 0; i < b; i++)
            if (mantissa(ops[1 + i], n, &qa[i], why, len) || mantissa(ops[b + 2 + i], n, &qb[i], why, len))
                return -1;
        mg_bits acc_in = { ops[2 * b + 2] };
        mg_bits r = mg_hbfp_dot_step(n, (int)b, &ev->acc, exponent(ops[0]), qa, exponent(ops[b + 1]), qb,
                                     acc_in, &flags);
        res[0] = r.bits;
        res[1] = flags;
        return 0;
    }
    case OP_MATMUL: {
        const size_t k = ev->k;
        const bool sr = ev->quant.round == MG_SR;
        mg_hbfp_matmul_spec spec = { ev->quant, ev->acc };
        mg_bits *xw = malloc(2 * k * sizeof *xw), y;
        if (!xw) {
            snprintf(why, len, "out of memory");
            return -1;
        }
        for (size_t i = 0; i < 2 * k; i++) xw[i].bits = ops[i];
        /* One row of X times one column of W (a k x 1 matrix). */
        int rc = mg_hbfp_matmul(&spec, xw, xw + k, 1, k, 1, sr ? ops + 2 * k : NULL, sr ? ops + 3 * k : NULL,
                                &y, &flags);
        free(xw);
        if (rc != 0) {
            snprintf(why, len, "out of memory");
            return -1;
        }
        res[0] = y.bits;
        res[1] = flags;
        return 0;
    }
    }
    return -1;
}

static int run(hbfp_eval *ev, int (*layout)(hbfp_eval *, char *, size_t), mg_kv_list *kv, const char *known,
               FILE *in, FILE *out, char *err, size_t errlen)
{
    int rc = mg_kv_check_all_used(kv, known, err, errlen);
    if (rc == 0) rc = layout(ev, err, errlen);
    if (rc == 0) rc = mg_eval_answer_lines(&ev->layout, compute, ev, in, out, err, errlen);
    mg_eval_layout_free(&ev->layout);
    return rc;
}

/* ---- the three ops ------------------------------------------------------- */

int mg_eval_hbfp_quant(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    hbfp_eval ev = { .op = OP_QUANT, .quant = mg_hbfp_quant_spec_default() };
    if (get_block_params(kv, &ev.quant, err, errlen) || get_quant_params(kv, &ev.quant, err, errlen)) return -1;
    return run(&ev, layout_quant, kv, "n, block, exp, round, rbits", in, out, err, errlen);
}

int mg_eval_hbfp_quant_spec(const mg_hbfp_quant_spec *q, FILE *in, FILE *out, char *err, size_t errlen)
{
    hbfp_eval ev = { .op = OP_QUANT, .quant = *q };
    mg_kv_list none = { .count = 0 };
    return run(&ev, layout_quant, &none, "", in, out, err, errlen);
}

int mg_eval_hbfp_dot(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    hbfp_eval ev = { .op = OP_DOT, .quant = mg_hbfp_quant_spec_default() };
    if (get_block_params(kv, &ev.quant, err, errlen) ||
        mg_eval_get_format(kv, "acc", "fp32", &ev.acc, err, errlen))
        return -1;
    return run(&ev, layout_dot, kv, "n, block, acc", in, out, err, errlen);
}

int mg_eval_hbfp_matmul(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    hbfp_eval ev = { .op = OP_MATMUL, .quant = mg_hbfp_quant_spec_default() };
    long k;
    if (!mg_kv_get(kv, "k", NULL)) {
        snprintf(err, errlen, "k= is required (the length of the row of X and the column of W)");
        return -1;
    }
    if (mg_kv_get_int(kv, "k", 0, 1, 1L << 20, &k, err, errlen) || get_block_params(kv, &ev.quant, err, errlen) ||
        get_quant_params(kv, &ev.quant, err, errlen) || mg_eval_get_format(kv, "acc", "fp32", &ev.acc, err, errlen))
        return -1;
    ev.k = (size_t)k;
    return run(&ev, layout_matmul, kv, "k, n, block, acc, exp, round, rbits", in, out, err, errlen);
}
