/* The C API of build/libmacgen.so (make python): `macgen matmul` for
 * programs, e.g. python/macgen.py through ctypes.  An arithmetic handle is
 * made once from the unit's name and key=value parameters (the same as
 * `macgen matmul`) and is read-only afterwards: any number of threads may
 * use one handle at once.  Errors: a nonzero return and one line in err. */
#ifndef MACGEN_API_H
#define MACGEN_API_H

#include <stddef.h>
#include <stdint.h>

typedef struct macgen_arith macgen_arith;

/* params[0..n) are "key=value" strings.  NULL with err on a bad arithmetic. */
macgen_arith *macgen_arith_new(const char *unit, const char *const *params, int n, char *err, size_t errlen);
/* The same with the pass mode of an Accuracy Booster array (hbfp_array n=4
 * boost=6; `macgen matmul --mode`): 4 or 6, or 0 for the default (4), the
 * only value other arithmetics take. */
macgen_arith *macgen_arith_new_mode(const char *unit, const char *const *params, int n, int mode, char *err,
                                    size_t errlen);
void macgen_arith_free(macgen_arith *a);
/* The arithmetic spelled out (as `macgen matmul --stats` prints it). */
const char *macgen_arith_canonical(const macgen_arith *a);
/* 1 when every value of the result format is a float32 exactly, else 0. */
int macgen_arith_fits_float32(const macgen_arith *a);
/* Width in bits of the result format's encodings. */
int macgen_arith_result_bits(const macgen_arith *a);

/* Counts of one product, filled when stats != NULL (then flags and events
 * are counted: the model's step-by-step path). */
enum {
    MACGEN_STAT_MACS, MACGEN_STAT_OVERFLOW, MACGEN_STAT_UNDERFLOW, MACGEN_STAT_SWAMPING,
    MACGEN_STAT_INEXACT, MACGEN_STAT_UNDERFLOW_FLAG, MACGEN_STAT_OVERFLOW_FLAG, MACGEN_STAT_INVALID,
    MACGEN_STAT_NAN, MACGEN_STAT_INF, MACGEN_STAT_ZERO, MACGEN_STAT_SATURATED, MACGEN_STAT_COUNT
};

/* Y = X * W: x R x K, w K x C, row-major finite doubles.  y (R x C doubles)
 * receives the exact values of the results (NaN as a quiet NaN), y_bits
 * (optional, R x C) their encodings.  threads >= 1.  0, or -1 with err. */
int macgen_matmul(const macgen_arith *a, const double *x, const double *w, size_t R, size_t K, size_t C, int threads,
                  double *y, uint64_t *y_bits, unsigned long long *stats, char *err, size_t errlen);

#endif
