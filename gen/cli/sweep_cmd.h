/* The pieces of `macgen sweep` shared by its files: the arguments, the
 * outputs (sweep_write.c), accuracy joined with cost (sweep_accuracy.c) and
 * the scale-out modes (sweep_jobs.c). */
#ifndef MG_SWEEP_CMD_H
#define MG_SWEEP_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "sweep_out.h"
#include "sweep_plan.h"

typedef struct {
    const char *unit, *points, *csv, *png, *liberty, *title, *baseline, *timeout;
    const char *tech;      /* --tech NAME: passed to every cost run, like --liberty */
    const char *accuracy;  /* --accuracy "K=... dist=...": join error with cost */
    const char *emit_jobs; /* --emit-jobs FILE: write one command per point */
    const char *results;   /* --results DIR: where job commands write (default FILE.results) */
    const char *merge;     /* --merge DIR: gather job results */
    const char *series;    /* --series KEY: one chart series per value of KEY */
    long run_point;        /* --run-point I (a job's command), else -1 */
    long jobs;
    bool verify;
    /* The key=value arguments, without option values (a --title or
     * --baseline value may contain '=' too). */
    char *kv_args[64];
    int n_kv;
} sweep_args;

/* The error figures of one point (its accuracy JSON, first K). */
typedef struct {
    size_t k;
    double mean_rel_err, rms_rel_err, max_rel_err, frac_cr, sqnr_db, w1, w1_rel, var_ratio, vrr_predicted;
    double swamping, underflow, overflow;
    double macs; /* MACs per cycle of the costed unit (arrays: rows x cols; else 1) */
} mg_sweep_acc;

void mg_sweep_usage(FILE *out);

/* "<dir>/<what><i>.<ext>": the files of point i in a sweep's folder. */
void mg_sweep_file_name(char *out, size_t len, const char *dir, const char *what, size_t i, const char *ext);

/* CSV and PNG (cost only, or cost joined with acc when acc != NULL),
 * complete in temporary files before either is renamed. */
int mg_sweep_write_outputs(const mg_sweep_plan *plan, const mg_sweep_result *res, const mg_sweep_acc *acc,
                           const char *dir, const sweep_args *a, char *err, size_t errlen);
void mg_sweep_print_summary(const mg_sweep_plan *plan, const mg_sweep_result *res, const mg_sweep_acc *acc,
                            long base);

/* Accuracy of a point: runs `macgen accuracy` in this process on the point's
 * parameters (the ones accuracy knows) and the --accuracy text, into json.
 * Returns the command's exit status. */
int mg_sweep_run_accuracy(const mg_sweep_point *pt, const char *spec, const char *json);
/* -1 when the unit has no accuracy counterpart or spec is malformed. */
int mg_sweep_check_accuracy(const mg_sweep_plan *plan, const char *spec, char *err, size_t errlen);
/* Reads a point's accuracy JSON and, from its cost JSON, the MACs per cycle. */
int mg_sweep_read_accuracy(const char *json, const char *cost_json, mg_sweep_acc *r, char *err, size_t errlen);
void mg_sweep_write_acc_csv(FILE *out, const mg_sweep_plan *plan, const mg_sweep_result *res,
                            const mg_sweep_acc *acc);
/* The gnuplot data and script of error (SQNR) against gates per MAC, one
 * series per value of series_key, the Pareto front marked. */
void mg_sweep_write_acc_plot(FILE *data, FILE *script, const mg_sweep_plan *plan, const mg_sweep_result *res,
                             const mg_sweep_acc *acc, const char *series_key, const char *title);
/* True when point p is on the Pareto front (no point has fewer or equal
 * gates per MAC and a higher or equal SQNR, one of them strictly). */
bool mg_sweep_on_front(const mg_sweep_result *res, const mg_sweep_acc *acc, size_t n, size_t p);

/* The scale-out modes (sweep_jobs.c); each returns an exit status. */
int mg_sweep_emit_jobs(const mg_sweep_plan *plan, const sweep_args *a);
int mg_sweep_run_one(const mg_sweep_plan *plan, const sweep_args *a);
int mg_sweep_merge(const mg_sweep_plan *plan, const sweep_args *a, long base);

#endif
