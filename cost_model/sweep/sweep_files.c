/* The files and the table a sweep ends with: the CSV, the gnuplot chart
 * (run in the sweep's work directory) and the summary on standard output. */
#include "sweep_files.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fileio.h"
#include "run_tool.h"

/* With a baseline point, two more columns: the fraction of its gates and of
 * its NAND2 equivalents that each point saves. */
void mg_sweep_print_summary(FILE *out, const mg_sweep_plan *plan, const mg_sweep_result *res, long base)
{
    fprintf(out, "%-40s %9s %10s %6s %6s", "point", "gates", "NAND2 eq", "depth", "flops");
    if (base >= 0) fprintf(out, " %12s %12s", "gates saved", "NAND2 saved");
    fputc('\n', out);
    for (size_t p = 0; p < plan->n; p++) {
        fprintf(out, "%-40s %9ld %10.2f %6ld %6ld", plan->points[p].label, res[p].gates, res[p].nand2_eq,
               res[p].depth, res[p].flops);
        if (base >= 0 && res[base].gates > 0 && res[base].nand2_eq > 0)
            fprintf(out, " %11.1f%% %11.1f%%", 100.0 * (1.0 - (double)res[p].gates / (double)res[base].gates),
                   100.0 * (1.0 - res[p].nand2_eq / res[base].nand2_eq));
        fputc('\n', out);
    }
}

/* Copies the PNG gnuplot wrote into the (still uncommitted) output. */
static int copy_file(const char *from, FILE *to, char *err, size_t errlen)
{
    FILE *in = fopen(from, "rb");
    if (!in) {
        snprintf(err, errlen, "gnuplot wrote no picture");
        return -1;
    }
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) fwrite(buf, 1, n, to);
    fclose(in);
    return 0;
}

static int plot(const mg_sweep_plan *plan, const mg_sweep_result *res, const char *dir, const char *title,
                FILE *png, char *err, size_t errlen)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, MG_SWEEP_PLOT_DATA);
    FILE *f = fopen(path, "w");
    if (!f) {
        snprintf(err, errlen, "cannot write %.900s: %s", path, strerror(errno));
        return -1;
    }
    mg_sweep_write_plot_data(f, plan, res);
    fclose(f);
    snprintf(path, sizeof path, "%s/%s", dir, MG_SWEEP_PLOT_SCRIPT);
    if (!(f = fopen(path, "w"))) {
        snprintf(err, errlen, "cannot write %.900s: %s", path, strerror(errno));
        return -1;
    }
    mg_sweep_write_plot_script(f, plan, res, title);
    fclose(f);
    const char *argv[] = { "gnuplot", MG_SWEEP_PLOT_SCRIPT, NULL };
    mg_tool_cmd cmd = { argv, dir, NULL, mg_tool_default_timeout() };
    mg_tool_result r;
    if (mg_tool_run(&cmd, &r, err, errlen) != 0) return MG_FAIL_TOOL;
    snprintf(path, sizeof path, "%s/%s", dir, MG_SWEEP_PLOT_PNG);
    return copy_file(path, png, err, errlen);
}

int mg_sweep_write_files(const mg_sweep_plan *plan, const mg_sweep_result *res, const char *dir,
                         const char *csv_path, const char *png_path, const char *title, char *err, size_t errlen)
{
    mg_atomic_file csv, png;
    bool have_csv = false, have_png = false;
    int rc = MG_FAIL_IO;
    if (csv_path) {
        if (mg_atomic_open(&csv, csv_path, err, errlen) != 0) goto out;
        have_csv = true;
        mg_sweep_write_csv(csv.fp, plan, res);
    }
    if (png_path) {
        if (mg_atomic_open(&png, png_path, err, errlen) != 0) goto out;
        have_png = true;
        int prc = plot(plan, res, dir, title, png.fp, err, errlen);
        if (prc != 0) {
            rc = prc;
            goto out;
        }
    }
    if (have_csv) {
        have_csv = false;
        if (mg_atomic_commit(&csv, err, errlen) != 0) goto out;
    }
    if (have_png) {
        have_png = false;
        if (mg_atomic_commit(&png, err, errlen) != 0) {
            if (csv_path) remove(csv_path);
            goto out;
        }
    }
    rc = 0;
out:
    if (have_csv) mg_atomic_abort(&csv);
    if (have_png) mg_atomic_abort(&png);
    return rc;
}

