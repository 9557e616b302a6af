/* The block kinds of matmul: HBFP and MX.  The reals become FP32 once
 * (rne, saturating: the block converters read FP32); each tile of Y is then
 * the model's own blocked matrix multiply (mg_hbfp_matmul, mg_mx_matmul) of
 * its rows of X and its columns of W, which converts them block by block
 * along K and accumulates the block results in block order from +0.  The
 * result of an output does not depend on the tile: the conversion of a row
 * or a column depends on that row or column alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acc_input.h"
#include "mm_internal.h"

int mm_block_prepare(mm_operands *op, const double *x, const double *w, char *err, size_t errlen)
{
    const size_t nx = op->R * op->K, nw = op->K * op->C;
    const mg_format fp32 = mg_hbfp_fp32();
    op->xf = malloc((nx ? nx : 1) * sizeof *op->xf);
    op->wf = malloc((nw ? nw : 1) * sizeof *op->wf);
    if (!op->xf || !op->wf) {
        snprintf(err, errlen, "out of memory for the operands (%zu + %zu values)", nx, nw);
        return -1;
    }
    for (size_t i = 0; i < nx; i++) op->xf[i] = mg_acc_quantize(&fp32, x[i]);
    for (size_t i = 0; i < nw; i++) op->wf[i] = mg_acc_quantize(&fp32, w[i]);
    return 0;
}

/* Scratch of one thread: a tile's columns of W, its Y and its flags, and
 * (Accuracy Booster) each column's mode. */
typedef struct {
    mg_bits *w, *y;
    unsigned *flags;
    uint8_t *modes;
} block_scratch;

void *mm_block_scratch_new(const mm_operands *op)
{
    size_t tr, tc;
    mm_tile_shape(op->spec, &tr, &tc);
    block_scratch *sc = calloc(1, sizeof *sc);
    if (sc) {
        sc->w = malloc((op->K * tc + 1) * sizeof *sc->w);
        sc->y = malloc((tr * tc + 1) * sizeof *sc->y);
        sc->flags = malloc((tr * tc + 1) * sizeof *sc->flags);
        sc->modes = malloc(tc + 1);
        if (sc->modes) memset(sc->modes, op->spec->boost_on, tc + 1);
    }
    if (!sc || !sc->w || !sc->y || !sc->flags || !sc->modes) {
        mm_block_scratch_free(sc);
        return NULL;
    }
    return sc;
}

void mm_block_scratch_free(void *scratch)
{
    block_scratch *sc = scratch;
    if (!sc) return;
    free(sc->w);
    free(sc->y);
    free(sc->flags);
    free(sc->modes);
    free(sc);
}

int mm_block_tile(const mm_operands *op, void *scratch, size_t r0, size_t r1, size_t c0, size_t c1, mg_bits *y,
                  mm_counts *cnt)
{
    block_scratch *sc = scratch;
    const mg_mm_spec *s = op->spec;
    const size_t K = op->K, C = op->C, rows = r1 - r0, cols = c1 - c0;
    for (size_t k = 0; k < K; k++) memcpy(sc->w + k * cols, op->wf + k * C + c0, cols * sizeof *sc->w);
    const mg_bits *xs = op->xf + r0 * K;
    unsigned *fl = op->stats ? sc->flags : NULL;
    int rc;
    if (s->kind == MG_MM_HBFP && s->boost) {
        /* An Accuracy Booster array: every column in the product's mode. */
        const mg_hbfp_boost_spec bs = { s->hbfp.quant, s->boost, s->hbfp.acc };
        rc = mg_hbfp_boost_matmul(&bs, xs, sc->w, rows, K, cols, sc->modes, NULL, NULL, sc->y, fl);
    } else if (s->kind == MG_MM_HBFP) {
        rc = mg_hbfp_matmul(&s->hbfp, xs, sc->w, rows, K, cols, NULL, NULL, sc->y, fl);
    } else {
        rc = mg_mx_matmul(&s->mx, xs, sc->w, rows, K, cols, NULL, NULL, sc->y, fl);
    }
    if (rc) return -1;
    for (size_t r = 0; r < rows; r++) {
        memcpy(y + (r0 + r) * C + c0, sc->y + r * cols, cols * sizeof *y);
        for (size_t c = 0; fl && c < cols; c++) mm_count_flags(cnt, fl[r * cols + c]);
    }
    return 0;
}
