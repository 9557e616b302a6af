/* Y = X * W in MX (docs/spec/mx.md section 4): every row of X and column of
 * W is converted once, block by block along K; Y[r][c] runs the dot steps in
 * block order from +0.  A block of finite elements and scales (all of them,
 * when X and W are finite) takes its dot product as an integer sum of the
 * decoded elements (mg_mx_sum_value: the value mg_mx_block_value computes,
 * about 4x faster); others take mg_mx_dot_step. */
#include <stdlib.h>

#include "mx.h"

/* The converted operand vectors: scales[v * nblocks + j], elems[v * kp + i].
 * With the integer path, ints[] holds each element as its integer q (value
 * q * 2^lsb) and finite[v * nblocks + j] tells that block j of vector v has
 * a number scale and finite elements only, so that its dot products are
 * integer sums (mg_mx_sum_value). */
typedef struct {
    uint8_t *scales;
    uint32_t *elems;
    unsigned *flags; /* per vector, the flags of its conversions ORed */
    int64_t *ints;
    uint8_t *finite;
} mx_operands;

/* Converts the k values x[0], x[stride], ... (zero-padded to nblocks blocks). */
static void convert(const mg_mx_quant_spec *s, const mg_bits *x, const uint64_t *random, size_t k,
                    size_t stride, size_t nblocks, uint8_t *scales, uint32_t *elems, unsigned *flags)
{
    const size_t b = (size_t)s->block;
    mg_bits buf[MG_MX_BLOCK_MAX];
    uint64_t rnd[MG_MX_BLOCK_MAX];
    for (size_t j = 0; j < nblocks; j++) {
        for (size_t i = 0; i < b; i++) {
            size_t idx = j * b + i;
            /* Padding is +0: it never raises amax (an all-padding block gets scale 0). */
            buf[i].bits = idx < k ? x[idx * stride].bits : 0;
            rnd[i] = idx < k && random ? random[idx * stride] : 0;
        }
        mg_mx_quant(s, buf, rnd, &scales[j], &elems[j * b], flags);
    }
}

static void release(mx_operands *o)
{
    free(o->scales);
    free(o->elems);
    free(o->flags);
    free(o->ints);
    free(o->finite);
}

__extension__ typedef __int128 i128;

/* Does a block's integer sum fit an int64 (B products of at most
 * 2*max_mag_bits bits)?  Not for fp8_e5m2, whose sums take an __int128. */
static bool narrow_sums(const mg_mx_elem_info *in, int block)
{
    int lb = 0;
    while ((1 << lb) < block) lb++;
    return 2 * in->max_mag_bits + lb < 63;
}

/* q of every code (value q * 2^lsb, from the model's mg_mx_elem_decode) and
 * whether the code is finite. */
static void decode_table(mg_mx_elem e, int64_t *q, bool *finite)
{
    const mg_mx_elem_info *in = mg_mx_elem_get(e);
    for (uint32_t c = 0; c < (1u << in->bits); c++) {
        mg_exact v = mg_mx_elem_decode(e, c);
        finite[c] = v.cls == MG_CLASS_FINITE || v.cls == MG_CLASS_ZERO;
        int64_t mag = v.cls == MG_CLASS_FINITE ? (int64_t)(v.sig << (v.exp - in->lsb)) : 0; /* < 2^33 */
        q[c] = v.sign ? -mag : mag;
    }
}

/* Fills o->ints and o->finite from the codes; -1 when out of memory. */
static int to_integers(const mg_mx_quant_spec *s, size_t nv, size_t nblocks, mx_operands *o)
{
    const size_t b = (size_t)s->block, kp = nblocks * b;
    int64_t q[256];
    bool fin[256];
    decode_table(s->elem, q, fin);
    o->ints = malloc((nv * kp + 1) * sizeof *o->ints);
    o->finite = malloc(nv * nblocks + 1);
    if (!o->ints || !o->finite) return -1;
    for (size_t v = 0; v < nv; v++)
        for (size_t j = 0; j < nblocks; j++) {
            bool all = o->scales[v * nblocks + j] != MG_MX_SCALE_NAN;
            for (size_t i = v * kp + j * b; i < v * kp + (j + 1) * b; i++) {
                o->ints[i] = q[o->elems[i]];
                all &= fin[o->elems[i]];
            }
            o->finite[v * nblocks + j] = all;
        }
    return 0;
}

/* The block's S as sign and magnitude (int64 sums when they fit). */
static mg_exact block_sum(mg_mx_elem e, bool narrow, const int64_t *a, const int64_t *b, size_t n, uint8_t xa,
                          uint8_t xb)
{
    i128 s = 0;
    if (narrow) {
        int64_t s64 = 0;
        for (size_t i = 0; i < n; i++) s64 += a[i] * b[i];
        s = s64;
    } else {
        for (size_t i = 0; i < n; i++) s += (i128)a[i] * b[i];
    }
    return mg_mx_sum_value(e, s < 0, (mg_u128)(s < 0 ? -s : s), xa, xb);
}

int mg_mx_matmul(const mg_mx_matmul_spec *s, const mg_bits *x, const mg_bits *w, size_t rows, size_t k,
                 size_t cols, const uint64_t *random_x, const uint64_t *random_w, mg_bits *y, unsigned *y_flags)
{
    const size_t b = (size_t)s->quant.block, nblocks = (k + b - 1) / b, kp = nblocks * b, nv = rows + cols;
    const bool sr = s->quant.round == MG_SR;
    mx_operands o = { calloc(nv * nblocks + 1, 1), calloc(nv * kp + 1, sizeof(uint32_t)),
                      calloc(nv + 1, sizeof(unsigned)), NULL, NULL };
    if (!o.scales || !o.elems || !o.flags) {
        release(&o);
        return -1;
    }
    for (size_t v = 0; v < nv; v++) {
        bool is_row = v < rows;
        size_t c = v - rows;
        const mg_bits *src = is_row ? x + v * k : w + c;
        const uint64_t *rnd = !sr ? NULL : is_row ? (random_x ? random_x + v * k : NULL) : (random_w ? random_w + c : NULL);
        convert(&s->quant, src, rnd, k, is_row ? 1 : cols, nblocks, o.scales + v * nblocks, o.elems + v * kp,
                &o.flags[v]);
    }
    const mg_mx_dot_spec dot = { s->quant.elem, s->quant.block, s->acc, s->fused };
    const bool narrow = narrow_sums(mg_mx_elem_get(s->quant.elem), s->quant.block);
    if (to_integers(&s->quant, nv, nblocks, &o)) {
        release(&o);
        return -1;
    }
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols; c++) {
            const size_t wv = rows + c;
            mg_bits acc = mg_zero(&s->acc, false);
            unsigned fl = o.flags[r] | o.flags[wv];
            for (size_t j = 0; j < nblocks; j++) {
                const uint8_t xa = o.scales[r * nblocks + j], xb = o.scales[wv * nblocks + j];
                if (o.finite[r * nblocks + j] && o.finite[wv * nblocks + j]) {
                    mg_exact v = block_sum(s->quant.elem, narrow, o.ints + r * kp + j * b, o.ints + wv * kp + j * b, b,
                                           xa, xb);
                    acc = mg_mx_accumulate(&dot, v, acc, &fl);
                } else {
                    acc = mg_mx_dot_step(&dot, xa, o.elems + r * kp + j * b, xb, o.elems + wv * kp + j * b, acc, &fl);
                }
            }
            y[r * cols + c] = acc;
            if (y_flags) y_flags[r * cols + c] = fl;
        }
    }
    release(&o);
    return 0;
}
