/* The pieces of `macgen sweep` shared by its files: the arguments, the
 * outputs (sweep_write.c), accuracy joined with cost (sweep_accuracy.c) and
 * the scale-out modes (sweep_jobs.c). */
#ifndef MG_SWEEP_CMD_H
#define MG_SWEEP_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "accuracy_cmd.h"
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
 * parameters (the ones accuracy knows) and the --accuracy words, into json.
 * Returns the command's exit status. */
int mg_sweep_run_accuracy(const mg_sweep_point *pt, const char *spec, const char *json);
/* What that run would measure (accuracy_cmd.h), without running it; -1
 * with the reason in err (a unit without accuracy counterpart, a word
 * --accuracy does not take, a bad value). */
int mg_sweep_accuracy_identity(const mg_sweep_point *pt, const char *spec, mg_acc_identity *id, char *err,
                               size_t errlen);
/* Reads a point's accuracy JSON (checked against expect, unless NULL: the
 * unit, canonical parameters, K, distribution, trials and seed) and, from
 * its cost JSON, the MACs per cycle.  Every figure must be present and a
 * number in range (null only for an exact SQNR or an undefined ratio). */
int mg_sweep_read_accuracy(const char *json, const char *cost_json, const mg_acc_identity *expect, mg_sweep_acc *r,
                           char *err, size_t errlen);

/* What each point's results must say they are (sweep_check.c). */
typedef struct {
    char canonical[512];     /* the cost unit's canonical spelling */
    mg_acc_identity acc;     /* with --accuracy: what its accuracy JSON records */
} mg_sweep_expect;

/* Validates every point as its cost (and accuracy) run would, before
 * anything runs or is written, and fills exp[plan->n]: 0, or -1 with
 * "point 'LABEL': reason" in err. */
int mg_sweep_validate(const mg_sweep_plan *plan, const sweep_args *a, mg_sweep_expect *exp, char *err,
                      size_t errlen);
/* Checks a point's cost JSON against what the point expects: unit,
 * canonical spelling, flow hash, liberty; the Yosys version against
 * *yosys (the first point's, filled when empty).  -1 with the reason. */
int mg_sweep_check_cost_identity(const char *json, const mg_sweep_point *pt, const mg_sweep_expect *exp,
                                 const sweep_args *a, char *yosys, size_t yosys_len, char *err, size_t errlen);

void mg_sweep_write_acc_csv(FILE *out, const mg_sweep_plan *plan, const mg_sweep_result *res,
                            const mg_sweep_acc *acc);
/* The gnuplot data and script of error (SQNR) against gates per MAC, one
 * series per value of series_key, the Pareto front marked. */
void mg_sweep_write_acc_plot(FILE *data, FILE *script, const mg_sweep_plan *plan, const mg_sweep_result *res,
                             const mg_sweep_acc *acc, const char *series_key, const char *title);
/* True when point p is on the Pareto front (no point has fewer or equal
 * gates per MAC and a higher or equal SQNR, one of them strictly). */
bool mg_sweep_on_front(const mg_sweep_result *res, const mg_sweep_acc *acc, size_t n, size_t p);

/* The scale-out modes (sweep_jobs.c, sweep_merge.c); each returns an exit
 * status.  A job line carries every option that changes the result or the
 * run; --run-point leaves p<I>.json (cost), a<I>.json (accuracy),
 * v<I>.json (verify) or p<I>.failed; --merge checks each file against the
 * point it stands for. */
int mg_sweep_emit_jobs(const mg_sweep_plan *plan, const sweep_args *a);
int mg_sweep_run_one(const mg_sweep_plan *plan, const mg_sweep_expect *exp, const sweep_args *a);
int mg_sweep_merge(const mg_sweep_plan *plan, const mg_sweep_expect *exp, const sweep_args *a, long base);
/* The verify outcome a job recorded: 0 passed, 1 mismatch; -1 with the
 * reason (missing, malformed, another point's). */
int mg_sweep_read_verify(const char *json, const mg_sweep_point *pt, const mg_sweep_expect *exp, char *err,
                         size_t errlen);

#endif
