/* Y = X * W in HBFP (docs/spec/hbfp.md section 3): blocks along K, block results
 * accumulated in the acc format in block order from +0. */
#include <stdlib.h>

#include "hbfp.h"

/* One operand vector (a row of X or a column of W) cut into quantised blocks. */
typedef struct {
    int *exp;      /* nblocks exponents */
    int32_t *q;    /* nblocks * B mantissas */
    unsigned flags; /* the flags of all its conversions, ORed */
} quantised_vector;

/* Quantises k values read at x[0], x[stride], ... (zero-padded to whole blocks). */
static void quantise_vector(const mg_hbfp_quant_spec *s, const mg_bits *x, const uint64_t *random,
                            size_t k, size_t stride, size_t nblocks, quantised_vector *out)
{
    const int b = s->block;
    mg_bits buf[MG_HBFP_BLOCK_MAX];
    uint64_t rnd[MG_HBFP_BLOCK_MAX];
    out->flags = 0;
    for (size_t j = 0; j < nblocks; j++) {
        for (int i = 0; i < b; i++) {
            size_t idx = j * (size_t)b + (size_t)i;
            /* Padding is +0: it never changes the block's exponent, and its
             * random word is irrelevant (floor(0 + r/2^R) = 0). */
            buf[i].bits = idx < k ? x[idx * stride].bits : 0;
            rnd[i] = idx < k && random ? random[idx * stride] : 0;
        }
        mg_hbfp_quant(s, buf, random ? rnd : NULL, &out->exp[j], &out->q[j * (size_t)b], &out->flags);
    }
}

int mg_hbfp_matmul(const mg_hbfp_matmul_spec *s, const mg_bits *x, const mg_bits *w,
                   size_t rows, size_t k, size_t cols, const uint64_t *random_x,
                   const uint64_t *random_w, mg_bits *y, unsigned *y_flags)
{
    const int b = s->quant.block;
    const size_t nblocks = (k + (size_t)b - 1) / (size_t)b;
    const size_t kp = nblocks * (size_t)b;
    const uint64_t *rx = s->quant.round == MG_SR ? random_x : NULL;
    const uint64_t *rw = s->quant.round == MG_SR ? random_w : NULL;

    /* Every row of X and column of W is quantised once. */
    quantised_vector *xv = calloc(rows ? rows : 1, sizeof *xv);
    quantised_vector *wv = calloc(cols ? cols : 1, sizeof *wv);
    int *exps = calloc((rows + cols) * nblocks + 1, sizeof *exps);
    int32_t *qs = calloc((rows + cols) * kp + 1, sizeof *qs);
    if (!xv || !wv || !exps || !qs) {
        free(xv);
        free(wv);
        free(exps);
        free(qs);
        return -1;
    }
    for (size_t r = 0; r < rows; r++) {
        xv[r].exp = exps + r * nblocks;
        xv[r].q = qs + r * kp;
        quantise_vector(&s->quant, x + r * k, rx ? rx + r * k : NULL, k, 1, nblocks, &xv[r]);
    }
    for (size_t c = 0; c < cols; c++) {
        wv[c].exp = exps + (rows + c) * nblocks;
        wv[c].q = qs + (rows + c) * kp;
        quantise_vector(&s->quant, w + c, rw ? rw + c : NULL, k, cols, nblocks, &wv[c]);
    }

    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols; c++) {
            mg_bits acc = mg_zero(&s->acc, false);
            unsigned fl = xv[r].flags | wv[c].flags;
            for (size_t j = 0; j < nblocks; j++)
                acc = mg_hbfp_dot_step(s->quant.n, b, &s->acc, xv[r].exp[j], xv[r].q + j * (size_t)b,
                                       wv[c].exp[j], wv[c].q + j * (size_t)b, acc, &fl);
            y[r * cols + c] = acc;
            if (y_flags) y_flags[r * cols + c] = fl;
        }
    }
    free(xv);
    free(wv);
    free(exps);
    free(qs);
    return 0;
}
