/* Y = X * W in MX (docs/spec/mx.md section 4): every row of X and column of
 * W is converted once, block by block along K; Y[r][c] runs the dot steps in
 * block order from +0. */
#include <stdlib.h>

#include "mx.h"

/* The converted operand vectors: scales[v * nblocks + j], elems[v * kp + i]. */
typedef struct {
    uint8_t *scales;
    uint32_t *elems;
    unsigned *flags; /* per vector, the flags of its conversions ORed */
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
}

int mg_mx_matmul(const mg_mx_matmul_spec *s, const mg_bits *x, const mg_bits *w, size_t rows, size_t k,
                 size_t cols, const uint64_t *random_x, const uint64_t *random_w, mg_bits *y, unsigned *y_flags)
{
    const size_t b = (size_t)s->quant.block, nblocks = (k + b - 1) / b, kp = nblocks * b, nv = rows + cols;
    const bool sr = s->quant.round == MG_SR;
    mx_operands o = { calloc(nv * nblocks + 1, 1), calloc(nv * kp + 1, sizeof(uint32_t)),
                      calloc(nv + 1, sizeof(unsigned)) };
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
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols; c++) {
            const size_t wv = rows + c;
            mg_bits acc = mg_zero(&s->acc, false);
            unsigned fl = o.flags[r] | o.flags[wv];
            for (size_t j = 0; j < nblocks; j++)
                acc = mg_mx_dot_step(&dot, o.scales[r * nblocks + j], o.elems + r * kp + j * b,
                                     o.scales[wv * nblocks + j], o.elems + wv * kp + j * b, acc, &fl);
            y[r * cols + c] = acc;
            if (y_flags) y_flags[r * cols + c] = fl;
        }
    }
    release(&o);
    return 0;
}
