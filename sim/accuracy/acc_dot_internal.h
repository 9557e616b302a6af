/* The plan shared by acc_dot_plan.c (building it) and acc_dot_row.c (using it). */
#ifndef MG_ACC_DOT_INTERNAL_H
#define MG_ACC_DOT_INTERNAL_H

#include "acc_dot.h"
#include "acc_fixround.h"

/* A rounded-product entry: the value in grid units shifted left by
 * ENTRY_SHIFT, then Inf (the fast path gives up), overflow, underflow. */
enum { ENTRY_UF = 1, ENTRY_OVF = 2, ENTRY_INF = 4, ENTRY_SHIFT = 3 };

struct mg_acc_dot_plan {
    mg_dot_spec spec;
    mg_rounding rnd;
    mg_format fp32;
    size_t k;
    int g;                /* grid exponent: last bit of w plus last bit of a */
    int a_bits;
    int64_t *wfix, *afix; /* input values in units of their last bit */
    int64_t *qprod;       /* fast path: Q_prod(w*a) entries, or NULL */
    mg_fixfmt acc, acc2;
};

/* v = sig * 2^exp (a multiple of 2^g) in units of 2^g. */
static inline int64_t mg_acc_to_grid(mg_exact v, int g)
{
    int64_t mag = v.exp >= g ? (int64_t)(v.sig << (v.exp - g)) : (int64_t)(v.sig >> (g - v.exp));
    return v.sign ? -mag : mag;
}

#endif
