/* The end of a sweep (sweep_files.c): its output files and summary table. */
#ifndef MG_SWEEP_FILES_H
#define MG_SWEEP_FILES_H

#include <stdio.h>

#include "sweep_out.h"
#include "sweep_plan.h"

/* One row per point: gates, NAND2 eq, depth, flops; with a baseline point
 * (base >= 0) also the fraction of its gates and NAND2 eq each point saves. */
void mg_sweep_print_summary(FILE *out, const mg_sweep_plan *plan, const mg_sweep_result *res, long base);

/* Writes the CSV to csv_path and the chart (gnuplot, run in dir, titled
 * title) to png_path, each when not NULL.  Both are complete in temporary
 * files before either is renamed.  0, or MG_FAIL_IO / MG_FAIL_TOOL with a
 * reason in err. */
int mg_sweep_write_files(const mg_sweep_plan *plan, const mg_sweep_result *res, const char *dir,
                         const char *csv_path, const char *png_path, const char *title, char *err, size_t errlen);

#endif
