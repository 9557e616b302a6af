#include "acc_vrr.h"

#include <math.h>

/* Variance after accumulating n terms of variance var into a sum of m
 * fraction bits, starting from variance v0. */
static double accumulate(double v0, double var, size_t n, int m, bool rne)
{
    double tau = ldexp(1.0, rne ? -(m + 1) : -m), v = v0;
    const double two_over_pi = 0.63661977236758134308;
    for (size_t i = 0; i < n; i++) {
        double q = two_over_pi * atan(tau * sqrt(v / var));
        v += var * (1 - q);
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
