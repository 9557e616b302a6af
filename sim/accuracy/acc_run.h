/* Runs one accuracy point: many dot products of length k on threads. */
#ifndef MG_ACC_RUN_H
#define MG_ACC_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include "acc_block.h"
#include "acc_input.h"
#include "acc_stats.h"

typedef struct {
    mg_dot_spec spec;        /* dot and mac */
    mg_rounding rnd;
    const mg_acc_block_spec *block; /* hbfp_dot, mx_dot (then spec is unused) */
    size_t k;
    size_t rows;
    /* Inputs: data_w/data_a (rows x k reals, row-major) when set, else
     * drawn from dist with the streams of (seed, point, row). */
    const double *data_w, *data_a;
    mg_dist dist;
    uint64_t seed, point;
    int threads;
    bool progress;       /* a progress line on stderr */
    const char *label;   /* for the progress line */
} mg_acc_job;

typedef struct {
    mg_acc_stats stats;
    bool fast;           /* the tabulated path ran */
    double seconds;      /* wall time */
    double cpu_seconds;  /* CPU time of the process over the run */
    double macs_per_s;   /* per second of wall time */
} mg_acc_result;

/* 0, or -1 with a one-line reason in err. */
int mg_acc_run(const mg_acc_job *job, mg_acc_result *out, char *err, size_t errlen);

#endif
