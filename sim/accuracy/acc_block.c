#include "acc_block.h"

#include <math.h>
#include <string.h>

#include "acc_input.h"
#include "acc_superacc.h"
#include "op_common.h"

static const mg_format *fp32(void)
{
    static const mg_format f = { 8, 23, 127, MG_SPECIALS_IEEE, true };
    return &f;
}

static void draw_random(mg_round_mode mode, int rbits, mg_rng *rng, uint64_t *r, int n)
{
    for (int i = 0; i < n; i++) r[i] = mode == MG_SR ? mg_rng_next(rng) & ((1ull << rbits) - 1) : 0;
}

/* One block pair's step: acc' = step(acc, block(w), block(a)); HBFP
 * blocks of q->n bits. */
static mg_bits block_step(const mg_acc_block_spec *s, const mg_hbfp_quant_spec *q, const mg_bits *w,
                          const mg_bits *a, mg_rng *rng, mg_bits acc)
{
    uint64_t rnd[MG_HBFP_BLOCK_MAX] = { 0 };
    unsigned flags = 0;
    int b = mg_acc_block_size(s);
    if (s->kind == MG_ACC_BLOCK_HBFP) {
        int32_t qw[MG_HBFP_BLOCK_MAX], qa[MG_HBFP_BLOCK_MAX];
        int ew, ea;
        draw_random(q->round, q->rbits, rng, rnd, b);
        mg_hbfp_quant(q, w, rnd, &ew, qw, &flags);
        draw_random(q->round, q->rbits, rng, rnd, b);
        mg_hbfp_quant(q, a, rnd, &ea, qa, &flags);
        return mg_hbfp_dot_step(q->n, b, &s->acc, ew, qw, ea, qa, acc, &flags);
    }
    uint32_t ew[MG_MX_BLOCK_MAX], ea[MG_MX_BLOCK_MAX];
    uint8_t xw, xa;
    draw_random(s->mx.round, s->mx.rbits, rng, rnd, b);
    mg_mx_quant(&s->mx, w, rnd, &xw, ew, &flags);
    draw_random(s->mx.round, s->mx.rbits, rng, rnd, b);
    mg_mx_quant(&s->mx, a, rnd, &xa, ea, &flags);
    mg_mx_dot_spec ds = { s->mx.elem, b, s->acc, s->fused };
    return mg_mx_dot_step(&ds, xw, ew, xa, ea, acc, &flags);
}

static double exact_to_double(mg_exact v)
{
    static const mg_format f64 = { 11, 52, 1023, MG_SPECIALS_IEEE, true };
    mg_rounding rne = mg_rounding_make(MG_RNE);
    unsigned flags = 0;
    return mg_acc_value(&f64, mg_round_pack(&f64, v, &rne, &flags));
}

void mg_acc_block_row(const mg_acc_block_spec *s, const mg_bits *w, const mg_bits *a, size_t k, mg_rng *rng,
                      bool boosted, mg_acc_row *out)
{
    int b = mg_acc_block_size(s);
    mg_hbfp_quant_spec q = s->hbfp;
    if (boosted) q.n = s->boost;
    mg_bits acc = mg_zero(&s->acc, false), bw[MG_HBFP_BLOCK_MAX], ba[MG_HBFP_BLOCK_MAX];
    mg_superacc sum;
    mg_superacc_clear(&sum);
    for (size_t start = 0; start < k; start += (size_t)b) {
        for (int i = 0; i < b; i++) {
            size_t j = start + (size_t)i;
            bw[i] = j < k ? w[j] : mg_zero(fp32(), false);
            ba[i] = j < k ? a[j] : mg_zero(fp32(), false);
            unsigned fl = 0;
            mg_superacc_add(&sum, mg_exact_product(fp32(), bw[i], fp32(), ba[i], &fl), false);
        }
        acc = block_step(s, &q, bw, ba, rng, acc);
    }
    mg_exact sv = mg_superacc_value(&sum), rv = mg_decode(&s->acc, acc);
    out->s = exact_to_double(sv);
    out->r = mg_acc_value(&s->acc, acc);
    out->finite = isfinite(out->r);
    if (out->finite && mg_superacc_add(&sum, rv, true) == 0) out->diff = exact_to_double(mg_superacc_value(&sum));
    else out->diff = out->r - out->s;
    mg_rounding rne = mg_rounding_make(MG_RNE);
    unsigned flags = 0;
    out->cr = out->r == mg_acc_value(fp32(), mg_round_pack(fp32(), sv, &rne, &flags));
}

void mg_acc_quant_rows(const mg_acc_block_spec *s, const mg_bits *x, mg_rng *rng, mg_acc_row *out)
{
    uint64_t rnd[MG_HBFP_BLOCK_MAX] = { 0 };
    int32_t q[MG_HBFP_BLOCK_MAX];
    int e;
    unsigned flags = 0;
    int b = s->hbfp.block, m = s->hbfp.n - 1;
    draw_random(s->hbfp.round, s->hbfp.rbits, rng, rnd, b);
    mg_hbfp_quant(&s->hbfp, x, rnd, &e, q, &flags);
    for (int i = 0; i < b; i++) {
        mg_exact xv = mg_decode(fp32(), x[i]);
        mg_exact rv = { q[i] ? MG_CLASS_FINITE : MG_CLASS_ZERO, q[i] < 0, false, e - m, 0 };
        rv.sig = (mg_u128)(q[i] < 0 ? -(int64_t)q[i] : q[i]);
        mg_superacc d;
        mg_superacc_clear(&d);
        out[i].s = mg_acc_value(fp32(), x[i]);
        out[i].r = ldexp((double)q[i], e - m);
        out[i].finite = 1;
        if (mg_superacc_add(&d, rv, false) == 0 && mg_superacc_add(&d, xv, true) == 0)
            out[i].diff = exact_to_double(mg_superacc_value(&d));
        else
            out[i].diff = out[i].r - out[i].s;
        out[i].cr = out[i].diff == 0;
    }
}
