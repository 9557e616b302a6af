#include "acc_stats.h"

#include <math.h>
#include <stdlib.h>

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* W1 of two empirical laws of n atoms each: the mean distance of the sorted samples. */
static int wasserstein1(const mg_acc_row *rows, size_t n, double *w1)
{
    double *r = malloc(n * sizeof *r), *s = malloc(n * sizeof *s);
    if (!r || !s) {
        free(r);
        free(s);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        r[i] = rows[i].r;
        s[i] = rows[i].s;
    }
    qsort(r, n, sizeof *r, cmp_double);
    qsort(s, n, sizeof *s, cmp_double);
    double sum = 0;
    for (size_t i = 0; i < n; i++) sum += fabs(r[i] - s[i]);
    *w1 = n ? sum / (double)n : 0;
    free(r);
    free(s);
    return 0;
}

static double variance(double sum, double sum2, size_t n)
{
    if (n < 2) return 0;
    double mean = sum / (double)n;
    return (sum2 - (double)n * mean * mean) / (double)(n - 1);
}

int mg_acc_stats_compute(const mg_acc_row *rows, size_t n, const mg_event_counts *counts, double macs,
                         mg_acc_stats *out)
{
    double rel_sum = 0, rel_sum2 = 0, rel_max = 0, s2 = 0, d2 = 0, r1 = 0, r2 = 0, s1 = 0, rs = 0;
    size_t nz = 0, nonfinite = 0, cr = 0;
    for (size_t i = 0; i < n; i++) {
        const mg_acc_row *row = &rows[i];
        nonfinite += !row->finite;
        cr += row->cr;
        s1 += row->s;
        s2 += row->s * row->s;
        r1 += row->r;
        r2 += row->r * row->r;
        rs += row->r * row->s;
        d2 += row->diff * row->diff;
        if (row->s == 0) continue;
        double rel = fabs(row->diff) / fabs(row->s);
        nz++;
        rel_sum += rel;
        rel_sum2 += rel * rel;
        if (!(rel <= rel_max)) rel_max = rel; /* NaN propagates */
    }
    out->rows = n;
    out->rows_nonzero = nz;
    out->rows_nonfinite = nonfinite;
    out->mean_rel_err = nz ? rel_sum / (double)nz : 0;
    out->rms_rel_err = nz ? sqrt(rel_sum2 / (double)nz) : 0;
    out->max_rel_err = rel_max;
    out->frac_correctly_rounded = n ? (double)cr / (double)n : 0;
    out->sqnr_db = d2 == 0 ? INFINITY : 10 * log10(s2 / d2);
    if (wasserstein1(rows, n, &out->w1)) return -1;
    out->w1_rel = s2 > 0 ? out->w1 / sqrt(s2 / (double)n) : 0;
    double vs = variance(s1, s2, n);
    out->var_ratio = vs > 0 ? variance(r1, r2, n) / vs : 1;
    double cov = n > 1 ? (rs - r1 * s1 / (double)n) / (double)(n - 1) : 0;
    out->cov_ratio = vs > 0 ? cov / vs : 1;
    out->rate_overflow = macs > 0 ? (double)counts->overflow / macs : 0;
    out->rate_underflow = macs > 0 ? (double)counts->underflow / macs : 0;
    out->rate_swamping = macs > 0 ? (double)counts->swamping / macs : 0;
    return 0;
}
