/* The Accuracy Booster's arithmetic (docs/spec/hbfp.md section 7): digit
 * splits of a wide mantissa, the block sum combined from narrow pieces, and
 * the mixed-width matrix multiply (see hbfp.h). */
#include <stdlib.h>

#include "hbfp.h"

void mg_hbfp_boost_digits(int32_t q, int d, int32_t *hi, int32_t *lo)
{
    const int32_t base = (int32_t)1 << d;
    *lo = ((q % base) + base) % base; /* q mod 2^d, in [0, 2^d) also for q < 0 */
    *hi = (q - *lo) / base;           /* exact: q - lo is a multiple of 2^d */
}

mg_hbfp_boost_pieces mg_hbfp_boost_block_dot(const int32_t *qa, const int32_t *qb, int block, int d)
{
    mg_hbfp_boost_pieces p = { 0, 0, 0, 0, 0 };
    for (int i = 0; i < block; i++) {
        int32_t ha, la, hb, lb;
        mg_hbfp_boost_digits(qa[i], d, &ha, &la);
        mg_hbfp_boost_digits(qb[i], d, &hb, &lb);
        p.hh += (int64_t)ha * hb;
        p.hl += (int64_t)ha * lb;
        p.lh += (int64_t)la * hb;
        p.ll += (int64_t)la * lb;
    }
    /* Multiplications, not shifts: the pieces may be negative. */
    p.s = p.hh * ((int64_t)1 << (2 * d)) + (p.hl + p.lh) * ((int64_t)1 << d) + p.ll;
    return p;
}

/* The columns of W (k x cols, row-major) with boost_cols[c] == want, packed
 * into out (k x count); the same for the random words when there are any. */
static size_t gather(const mg_bits *w, const uint64_t *rw, size_t k, size_t cols, const uint8_t *boost_cols,
                     int want, mg_bits *out, uint64_t *rout, size_t *idx)
{
    size_t count = 0;
    for (size_t c = 0; c < cols; c++)
        if ((boost_cols && boost_cols[c] ? 1 : 0) == want) idx[count++] = c;
    for (size_t r = 0; r < k; r++)
        for (size_t j = 0; j < count; j++) {
            out[r * count + j] = w[r * cols + idx[j]];
            if (rw) rout[r * count + j] = rw[r * cols + idx[j]];
        }
    return count;
}

int mg_hbfp_boost_matmul(const mg_hbfp_boost_spec *s, const mg_bits *x, const mg_bits *w, size_t rows, size_t k,
                         size_t cols, const uint8_t *boost_cols, const uint64_t *random_x, const uint64_t *random_w,
                         mg_bits *y, unsigned *y_flags)
{
    const size_t n_w = k * cols + 1, n_y = rows * cols + 1;
    mg_bits *wpart = malloc(n_w * sizeof *wpart), *ypart = malloc(n_y * sizeof *ypart);
    uint64_t *rpart = random_w ? malloc(n_w * sizeof *rpart) : NULL;
    unsigned *fpart = malloc(n_y * sizeof *fpart), *fall = malloc(n_y * sizeof *fall);
    mg_bits *yall = malloc(n_y * sizeof *yall); /* y is written only when both widths succeeded */
    size_t *idx = malloc((cols + 1) * sizeof *idx);
    int rc = -1;
    if (!wpart || !ypart || !fpart || !fall || !yall || !idx || (random_w && !rpart)) goto out;
    /* The narrow columns, then the boosted ones: each an HBFP matrix multiply of its width. */
    for (int want = 0; want <= 1; want++) {
        size_t count = gather(w, random_w, k, cols, boost_cols, want, wpart, rpart, idx);
        if (count == 0) continue;
        mg_hbfp_matmul_spec ms = { s->quant, s->acc };
        if (want) ms.quant.n = s->boost;
        if (mg_hbfp_matmul(&ms, x, wpart, rows, k, count, random_x, rpart, ypart, fpart)) goto out;
        for (size_t r = 0; r < rows; r++)
            for (size_t j = 0; j < count; j++) {
                yall[r * cols + idx[j]] = ypart[r * count + j];
                fall[r * cols + idx[j]] = fpart[r * count + j];
            }
    }
    for (size_t i = 0; i < rows * cols; i++) {
        y[i] = yall[i];
        if (y_flags) y_flags[i] = fall[i];
    }
    rc = 0;
out:
    free(yall);
    free(fall);
    free(wpart);
    free(ypart);
    free(rpart);
    free(fpart);
    free(idx);
    return rc;
}
