/* The data of `macgen verify mx_array`: blocks of E8M0 scales and element
 * codes for X and W, some converted from FP32 by the model's mg_mx_quant,
 * others drawn as codes directly so that the array also sees what no
 * conversion produces (Inf/NaN/sNaN elements, NaN scales, saturating and
 * subnormal blocks), and the model's running sum per pass (mg_mx_dot_step).
 * The stream, the schedule and the comparison are hbfp_array's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify_bits.h"
#include "verify_hbfp.h"

enum {
    DATA_FP32_FLOOR,  /* FP32 near 2^+-20, floor scale, rne */
    DATA_FP32_CEIL,   /* FP32 over a wide range, ceil scale, rtz */
    DATA_CODES,       /* every code equally likely, scales near 127 */
    DATA_SPECIALS,    /* Inf/NaN/sNaN/zero elements, some NaN scales */
    DATA_SATURATING,  /* largest magnitudes of one sign, high scales: acc overflow */
    DATA_SUBNORMAL,   /* subnormal elements, low scales: subnormal / zero results */
    DATA_ZERO_BLOCKS, /* some all-zero blocks */
    DATA_KINDS
};
static const char *const names[DATA_KINDS] = { "fp32-floor", "fp32-ceil-wide", "random-codes", "specials",
                                               "saturating", "subnormal", "zero-blocks" };

const char *mg_mx_data_name(int kind) { return kind >= 0 && kind < DATA_KINDS ? names[kind] : "?"; }

typedef struct {
    const mg_mx_elem_info *in;
    mg_mx_elem elem;
    uint32_t mask;     /* all code bits */
    uint32_t max_code; /* the largest positive magnitude */
} elem_ctx;

/* One element code for a block of the given kind; `neg` is the block's sign
 * for saturating blocks. */
static uint32_t draw_code(const elem_ctx *e, uint64_t *s, int kind, int neg)
{
    uint64_t r = mg_verify_rand(s);
    uint32_t code = (uint32_t)r & e->mask, sign = 1u << (e->in->bits - 1);
    switch (kind) {
    case DATA_SPECIALS: {
        if (e->in->is_int || r % 4) return code;
        /* all-ones exponent field: Inf / NaN / sNaN where the format has them */
        uint32_t top = ((1u << e->in->fmt.exp_bits) - 1) << e->in->fmt.frac_bits;
        uint32_t pick = (uint32_t)(r >> 8) % 4;
        return pick == 0 ? 0 : (code & (sign | (uint32_t)mg_mask64(e->in->fmt.frac_bits))) | top;
    }
    case DATA_SATURATING:
        if (e->in->is_int) return neg ? (r % 2 ? 0x80 : 0x81) : 0x7f;
        return e->max_code | (neg ? sign : 0);
    case DATA_SUBNORMAL:
        if (e->in->is_int) return code & 0x83; /* tiny integers of either sign */
        return code & (sign | (uint32_t)mg_mask64(e->in->fmt.frac_bits));
    default:
        return code;
    }
}

static uint8_t draw_scale(uint64_t *s, int kind)
{
    uint64_t r = mg_verify_rand(s);
    switch (kind) {
    case DATA_SPECIALS: return r % 6 == 0 ? 255 : (uint8_t)(100 + r % 55);
    case DATA_SATURATING: return (uint8_t)(200 + r % 55);
    case DATA_SUBNORMAL: return (uint8_t)(40 + r % 40); /* Xa + Xb - 254 near -130: fp32 subnormals */
    default: return (uint8_t)(90 + r % 75);
    }
}

/* A vector of nblocks blocks drawn as codes. */
static void draw_vector(const elem_ctx *e, uint64_t *s, int kind, int block, size_t k, size_t nblocks,
                        mg_block_qvec *v)
{
    for (size_t j = 0; j < nblocks; j++) {
        int zero = kind == DATA_ZERO_BLOCKS && mg_verify_rand(s) % 5 < 2;
        int neg = (int)(mg_verify_rand(s) & 1);
        v->exp[j] = zero ? 0 : draw_scale(s, kind);
        for (int i = 0; i < block; i++) {
            size_t idx = j * (size_t)block + (size_t)i;
            /* Padding past K is +0, as the model pads. */
            v->q[idx] = idx < k && !zero ? (int32_t)draw_code(e, s, kind, neg) : 0;
        }
    }
}

/* The edge unit's step: acc + one MX block dot product (the element codes
 * widened to the model's word). */
mg_bits mg_mx_block_step(const void *ctx, const mg_block_matmul *m, size_t r, size_t col, size_t blk, mg_bits acc,
                       unsigned *flags)
{
    const mg_mx_dot_spec *dot = ctx;
    const size_t b = (size_t)dot->block;
    uint32_t xa[MG_MX_BLOCK_MAX], wb[MG_MX_BLOCK_MAX];
    for (size_t i = 0; i < b; i++) {
        xa[i] = (uint32_t)m->x[r].q[blk * b + i];
        wb[i] = (uint32_t)m->w[col].q[blk * b + i];
    }
    return mg_mx_dot_step(dot, (uint8_t)m->x[r].exp[blk], xa, (uint8_t)m->w[col].exp[blk], wb, acc, flags);
}

/* A vector of k FP32 values converted block by block. */
static void convert_vector(const mg_mx_quant_spec *q, uint64_t *s, int kind, size_t k, size_t nblocks,
                           mg_block_qvec *v)
{
    mg_bits buf[MG_MX_BLOCK_MAX];
    uint32_t codes[MG_MX_BLOCK_MAX];
    for (size_t j = 0; j < nblocks; j++) {
        int e = kind == DATA_FP32_CEIL ? (int)(mg_verify_rand(s) % 300) - 160 : (int)(mg_verify_rand(s) % 41) - 20;
        for (int i = 0; i < q->block; i++) {
            size_t idx = j * (size_t)q->block + (size_t)i;
            uint64_t r = mg_verify_rand(s);
            buf[i].bits = idx >= k || r % 16 == 0 ? 0 : mg_hbfp_random_fp32(s, e - (int)(r % 8));
        }
        unsigned fl = 0;
        uint8_t scale;
        mg_mx_quant(q, buf, NULL, &scale, codes, &fl);
        v->exp[j] = scale;
        for (int i = 0; i < q->block; i++) v->q[j * (size_t)q->block + (size_t)i] = (int32_t)codes[i];
    }
}

static int fill(const mg_hbfp_array_cfg *c, uint64_t *s, mg_block_matmul *m, mg_block_qvec *v)
{
    const int b = c->block;
    v->exp = calloc(m->nblocks, sizeof *v->exp);
    v->q = calloc(m->nblocks * (size_t)b, sizeof *v->q);
    if (!v->exp || !v->q) return -1;
    const mg_mx_elem_info *in = mg_mx_elem_get(c->mx.elem);
    if (m->kind == DATA_FP32_FLOOR || m->kind == DATA_FP32_CEIL) {
        mg_mx_quant_spec q = { c->mx.elem, b, m->kind == DATA_FP32_CEIL ? MG_MX_SCALE_CEIL : MG_MX_SCALE_FLOOR,
                               m->kind == DATA_FP32_CEIL ? MG_RTZ : MG_RNE, MG_RBITS_DEFAULT };
        convert_vector(&q, s, m->kind, m->k, m->nblocks, v);
        return 0;
    }
    elem_ctx e = { in, c->mx.elem, (uint32_t)mg_mask64(in->bits),
                   in->is_int ? 0x7f : (uint32_t)mg_max_finite(&in->fmt, false).bits };
    draw_vector(&e, s, m->kind, b, m->k, m->nblocks, v);
    return 0;
}

void mg_mx_matmul_passes(const mg_hbfp_array_cfg *c, mg_block_matmul *m)
{
    const mg_mx_dot_spec dot = { c->mx.elem, c->block, c->acc, false };
    mg_block_matmul_passes(m, c->groups, (size_t)c->cols, &c->acc, mg_mx_block_step, &dot);
}

int mg_mx_make_matmul(const mg_hbfp_array_cfg *c, uint64_t *s, int index, const mg_hbfp_verify_opts *o,
                      mg_block_matmul *m, char *err, size_t errlen)
{
    mg_block_matmul_shape(c, s, index, o, DATA_KINDS, m);
    const size_t cols = (size_t)c->cols, n_out = m->passes * m->rows_x * cols;
    m->x = calloc(m->rows_x, sizeof *m->x);
    m->w = calloc(cols, sizeof *m->w);
    m->pass_acc = calloc(n_out, sizeof *m->pass_acc);
    m->pass_flags = calloc(n_out, sizeof *m->pass_flags);
    if (!m->x || !m->w || !m->pass_acc || !m->pass_flags) goto oom;
    for (size_t r = 0; r < m->rows_x; r++)
        if (fill(c, s, m, &m->x[r])) goto oom;
    for (size_t col = 0; col < cols; col++)
        if (fill(c, s, m, &m->w[col])) goto oom;

    const mg_mx_dot_spec dot = { c->mx.elem, c->block, c->acc, false };
    mg_block_matmul_passes(m, c->groups, cols, &c->acc, mg_mx_block_step, &dot);
    return 0;
oom:
    snprintf(err, errlen, "out of memory");
    return -1;
}

/* The model's converter on FP32 vector v (k values, zero-padded). */
static void convert_given(const mg_mx_quant_spec *q, const mg_bits *v, size_t k, size_t nblocks, mg_block_qvec *out)
{
    mg_bits buf[MG_MX_BLOCK_MAX];
    uint32_t codes[MG_MX_BLOCK_MAX];
    for (size_t j = 0; j < nblocks; j++) {
        for (int i = 0; i < q->block; i++) {
            size_t idx = j * (size_t)q->block + (size_t)i;
            buf[i].bits = idx < k ? v[idx].bits : 0;
        }
        unsigned fl = 0;
        uint8_t scale;
        mg_mx_quant(q, buf, NULL, &scale, codes, &fl);
        out->exp[j] = scale;
        for (int i = 0; i < q->block; i++) out->q[j * (size_t)q->block + (size_t)i] = (int32_t)codes[i];
    }
}

int mg_mx_make_given(const mg_hbfp_array_cfg *c, const mg_array_given *g, size_t t, mg_block_matmul *m, char *err,
                     size_t errlen)
{
    mg_bits *v = calloc(g->K ? g->K : 1, sizeof *v);
    mg_mx_quant_spec q = mg_mx_quant_spec_default();
    q.elem = c->mx.elem;
    q.block = c->block;
    int rc = -1;
    if (!v || mg_block_given_shape(c, g, m)) goto out;
    for (size_t i = 0; i < m->rows_x + (size_t)c->cols; i++) {
        bool is_row = i < m->rows_x;
        mg_block_qvec *qv = is_row ? &m->x[i] : &m->w[i - m->rows_x];
        qv->exp = calloc(m->nblocks, sizeof *qv->exp);
        qv->q = calloc(m->nblocks * (size_t)c->block, sizeof *qv->q);
        if (!qv->exp || !qv->q) goto out;
        mg_block_given_fp32(g, is_row ? i : 0, is_row ? NULL : g->w, is_row ? 0 : i - m->rows_x, t, c->cols, v);
        convert_given(&q, v, g->K, m->nblocks, qv);
    }
    const mg_mx_dot_spec dot = { c->mx.elem, c->block, c->acc, false };
    mg_block_matmul_passes(m, c->groups, (size_t)c->cols, &c->acc, mg_mx_block_step, &dot);
    rc = 0;
out:
    if (rc) snprintf(err, errlen, "out of memory");
    free(v);
    return rc;
}
