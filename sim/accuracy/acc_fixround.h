/* Rounding to a float format on a fixed-point grid.
 *
 * In a dot product of small formats every value the model produces (exact
 * products, rounded products, accumulator values) is a multiple of 2^g, g
 * the sum of the input formats' last-bit exponents: rounding a multiple of
 * 2^g to a coarser step gives a multiple of that step, and a finer step
 * changes nothing.  So the accumulation runs on int64 multiples of 2^g, and
 * rounding is a mask and an increment.  This is the same rounding as
 * mg_round_pack (rtz/rne, ftz/sub, saturation), restated for that grid;
 * tests/test_acc_fastdot.c checks it against mg_dot on every kind of format. */
#ifndef MG_ACC_FIXROUND_H
#define MG_ACC_FIXROUND_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

typedef struct {
    int m;              /* fraction bits */
    int emin_bit;       /* bit of 2^emin on the grid (emin - g) */
    bool sub, rne;
    bool to_inf;        /* overflow gives Inf: the fast path gives up */
    int64_t maxfin;     /* largest finite value in grid units */
    uint64_t min_normal; /* 2^emin in grid units, 0 when below the grid */
} mg_fixfmt;

/* Fills *x for format f on grid 2^g; -1 when f's largest finite value is
 * not a multiple of 2^g (the fast path does not apply then). */
int mg_fixfmt_init(mg_fixfmt *x, const mg_format *f, int g, const mg_rounding *rnd);

/* Rounds v (grid units, |v| < 2^62); sets *ovf on saturation and *bail
 * when the result would be Inf. */
static inline int64_t mg_fixround(const mg_fixfmt *f, int64_t v, unsigned *ovf, unsigned *bail)
{
    uint64_t u = v < 0 ? (uint64_t)-v : (uint64_t)v;
    if (u == 0) return 0;
    int e = 63 - __builtin_clzll(u);
    int shift = (f->sub && e < f->emin_bit ? f->emin_bit : e) - f->m;
    if (shift > 0) {
        if (shift > 62) {
            u = 0;
        } else {
            uint64_t step = 1ull << shift, rem = u & (step - 1);
            u -= rem;
            if (f->rne && (rem > step / 2 || (rem == step / 2 && (u & step)))) u += step;
        }
    }
    if (u < f->min_normal) u = 0; /* ftz: flush what lies below 2^emin */
    if (u > (uint64_t)f->maxfin) {
        *bail |= f->to_inf;
        *ovf = 1;
        u = (uint64_t)f->maxfin;
    }
    return v < 0 ? -(int64_t)u : (int64_t)u;
}

#endif
