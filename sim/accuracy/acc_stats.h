/* The error figures of one accuracy point, from its rows. */
#ifndef MG_ACC_STATS_H
#define MG_ACC_STATS_H

#include <stddef.h>

#include "acc_dot.h"

typedef struct {
    size_t rows;          /* dot products */
    size_t rows_nonzero;  /* rows with S != 0: the relative errors' base */
    size_t rows_nonfinite;
    double mean_rel_err, rms_rel_err, max_rel_err;
    double frac_correctly_rounded;
    double sqnr_db;       /* 10 log10(sum S^2 / sum (R-S)^2); +Inf when R == S everywhere */
    double w1;            /* Wasserstein-1 between the empirical laws of R and S */
    double w1_rel;        /* w1 / RMS(S) */
    double var_ratio;     /* Var(R) / Var(S), the measured variance retention */
    double cov_ratio;     /* Cov(R, S) / Var(S): the part of S that R keeps (added noise excluded) */
    double rate_overflow, rate_underflow, rate_swamping; /* per MAC step */
} mg_acc_stats;

/* macs: MAC steps behind the rows (rows * K). */
int mg_acc_stats_compute(const mg_acc_row *rows, size_t n, const mg_event_counts *counts, double macs,
                         mg_acc_stats *out);

#endif
