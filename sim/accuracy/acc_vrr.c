#include "acc_vrr.h"

#include <math.h>

enum { QUAD_POINTS = 48 };
#define QUAD_RANGE 6.0 /* |s| / sqrt(v) up to 6 standard deviations */

/* The share of a term's variance that swamping drops, with tau |s| / sigma = c:
 * E[p^2 1(|p| < c sigma)] / sigma^2 = erf(c/sqrt2) - sqrt(2/pi) c exp(-c^2/2). */
static double dropped(double c) { return erf(c / sqrt(2.0)) - 0.79788456080286535588 * c * exp(-c * c / 2); }

/* Variance after accumulating n terms of variance var into a sum of m
 * fraction bits, starting from variance v0: each term loses the expected
 * dropped share over |s| ~ |N(0, v)| (midpoint rule on [0, 6 sd]). */
static double accumulate(double v0, double var, size_t n, int m, bool rne)
{
    double tau = ldexp(1.0, rne ? -(m + 1) : -m), v = v0, h = QUAD_RANGE / QUAD_POINTS;
    for (size_t i = 0; i < n; i++) {
        double lost = 0, scale = tau * sqrt(v / var);
        for (int j = 0; j < QUAD_POINTS && scale > 0; j++) {
            double u = (j + 0.5) * h; /* |s| / sqrt(v); density 2 phi(u) */
            lost += 0.79788456080286535588 * exp(-u * u / 2) * h * dropped(scale * u);
        }
        v += var * (1 - lost);
    }
    return v;
}

double mg_acc_vrr_predict(int m, int m2, bool rne, size_t k, size_t chunk)
{
    if (k == 0) return 1;
    if (chunk == 0 || chunk >= k) {
        /* One chunk: its sum then adds exactly into +0 in the second accumulator. */
        return accumulate(0, 1, k, m, rne) / (double)k;
    }
    size_t full = k / chunk, rest = k % chunk;
    double vc = accumulate(0, 1, chunk, m, rne);
    double v = accumulate(0, vc, full, m2, rne);
    if (rest) v = accumulate(v, accumulate(0, 1, rest, m, rne), 1, m2, rne);
    return v / (double)k;
}
