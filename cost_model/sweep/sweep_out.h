/* What a sweep writes: one CSV row per point and a gnuplot stacked bar
 * chart of gates by block, from the JSON reports of its points. */
#ifndef MG_SWEEP_OUT_H
#define MG_SWEEP_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "cost_report.h"
#include "sweep_plan.h"

typedef struct {
    long gates, inverters, transistors, flops, depth;
    double nand2_eq;
    long blocks_gates;   /* the blocks' stand-alone gates summed (blocks_sum) */
    bool has_area;
    double area, gate_eq;
    bool has_timing;
    double delay_ns, fmax_mhz;
    int verify;          /* -1 not run, 0 passed, 1 mismatch */
    size_t n_blocks;
    char block_names[MG_COST_MAX_BLOCKS][128];
    long block_gates[MG_COST_MAX_BLOCKS];
    double block_nand2[MG_COST_MAX_BLOCKS];
} mg_sweep_result;

/* Reads the totals and per-block gates of a `macgen cost --json` report:
 * every figure present, a number, whole where it counts, in 0..1e15; -1
 * with "PATH is a malformed cost report: "gates" is out of range" (or the
 * read error) in err. */
int mg_sweep_read_result(const char *json_path, mg_sweep_result *r, char *err, size_t errlen);

/* Header and one row per point: label, unit, params, totals, then gates of
 * every block any point has (0 where a point lacks it). */
void mg_sweep_write_csv(FILE *out, const mg_sweep_plan *plan, const mg_sweep_result *res);

/* The gnuplot data (tab-separated, a header of block names, one row per
 * point) and the script that plots it from "data.tsv" into "plot.png" in
 * gnuplot's working directory. */
void mg_sweep_write_plot_data(FILE *out, const mg_sweep_plan *plan, const mg_sweep_result *res);
void mg_sweep_write_plot_script(FILE *out, const mg_sweep_plan *plan, const mg_sweep_result *res,
                                const char *title);

#define MG_SWEEP_PLOT_DATA "data.tsv"
#define MG_SWEEP_PLOT_SCRIPT "plot.gp"
#define MG_SWEEP_PLOT_PNG "plot.png"

#endif
