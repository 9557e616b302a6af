/* What `macgen sweep` writes: the summary table, the CSV and the chart
 * (gates by block, or error against cost with --accuracy). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fileio.h"
#include "run_tool.h"
#include "sweep_cmd.h"
#include "textfile.h"
#include "yosys_stat.h"

void mg_sweep_file_name(char *out, size_t len, const char *dir, const char *what, size_t i, const char *ext)
{
    snprintf(out, len, "%s/%s%zu.%s", dir, what, i, ext);
}

/* With a library, area and delay columns; with a baseline point, two more:
 * the fraction of its gates and of its NAND2 equivalents each point saves. */
void mg_sweep_print_summary(const mg_sweep_plan *plan, const mg_sweep_result *res, const mg_sweep_acc *acc,
                            long base)
{
    bool timing = plan->n > 0 && res[0].has_timing;
    printf("%-40s %9s %10s %6s %6s", "point", "gates", "NAND2 eq", "depth", "flops");
    if (timing) printf(" %10s %9s", "um^2", "ns");
    if (base >= 0) printf(" %12s %12s", "gates saved", "NAND2 saved");
    if (acc) printf(" %8s %11s %11s %6s", "sqnr_dB", "rms_rel", "w1_rel", "pareto");
    putchar('\n');
    for (size_t p = 0; p < plan->n; p++) {
        printf("%-40s %9ld %10.2f %6ld %6ld", plan->points[p].label, res[p].gates, res[p].nand2_eq,
               res[p].depth, res[p].flops);
        if (timing) printf(" %10.0f %9.3f", res[p].area, res[p].delay_ns);
        if (base >= 0 && res[base].gates > 0 && res[base].nand2_eq > 0)
            printf(" %11.1f%% %11.1f%%", 100.0 * (1.0 - (double)res[p].gates / (double)res[base].gates),
                   100.0 * (1.0 - res[p].nand2_eq / res[base].nand2_eq));
        if (acc)
            printf(" %8.2f %11.4g %11.4g %6s", acc[p].sqnr_db, acc[p].rms_rel_err, acc[p].w1_rel,
                   mg_sweep_on_front(res, acc, plan->n, p) ? "*" : "");
        putchar('\n');
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
    int bad = ferror(in);
    fclose(in);
    if (bad) snprintf(err, errlen, "cannot read the picture gnuplot wrote: read error");
    return bad ? -1 : 0;
}

static int plot(const mg_sweep_plan *plan, const mg_sweep_result *res, const mg_sweep_acc *acc, const char *dir,
                const sweep_args *a, FILE *png, char *err, size_t errlen)
{
    char path[4200], title[256];
    snprintf(path, sizeof path, "%s/%s", dir, MG_SWEEP_PLOT_DATA);
    FILE *f = fopen(path, "w");
    if (!f) {
        snprintf(err, errlen, "cannot write %.900s: %s", path, strerror(errno));
        return -1;
    }
    snprintf(path, sizeof path, "%s/%s", dir, MG_SWEEP_PLOT_SCRIPT);
    FILE *g = fopen(path, "w");
    if (!g) {
        fclose(f);
        snprintf(err, errlen, "cannot write %.900s: %s", path, strerror(errno));
        return -1;
    }
    if (a->title)
        snprintf(title, sizeof title, "%s", a->title);
    else
        snprintf(title, sizeof title, acc ? "macgen sweep %s: error against cost" : "macgen sweep %s: 2-input gates by block",
                 a->unit ? a->unit : "points");
    if (acc) {
        mg_sweep_write_acc_plot(f, g, plan, res, acc, a->series, title);
    } else {
        mg_sweep_write_plot_data(f, plan, res);
        mg_sweep_write_plot_script(g, plan, res, title);
    }
    fclose(f);
    fclose(g);
    const char *argv[] = { "gnuplot", MG_SWEEP_PLOT_SCRIPT, NULL };
    mg_tool_cmd cmd = { argv, dir, NULL, mg_tool_default_timeout() };
    mg_tool_result r;
    if (mg_tool_run(&cmd, &r, err, errlen) != 0) return MG_FAIL_TOOL;
    snprintf(path, sizeof path, "%s/%s", dir, MG_SWEEP_PLOT_PNG);
    return copy_file(path, png, err, errlen);
}

/* CSV and PNG are complete in temporary files before either is renamed. */
int mg_sweep_write_outputs(const mg_sweep_plan *plan, const mg_sweep_result *res, const mg_sweep_acc *acc,
                           const char *dir, const sweep_args *a, char *err, size_t errlen)
{
    mg_atomic_file csv, png;
    bool have_csv = false, have_png = false;
    int rc = MG_FAIL_IO;
    if (a->csv) {
        if (mg_atomic_open(&csv, a->csv, err, errlen) != 0) goto out;
        have_csv = true;
        if (acc) mg_sweep_write_acc_csv(csv.fp, plan, res, acc);
        else mg_sweep_write_csv(csv.fp, plan, res);
    }
    if (a->png) {
        if (mg_atomic_open(&png, a->png, err, errlen) != 0) goto out;
        have_png = true;
        int prc = plot(plan, res, acc, dir, a, png.fp, err, errlen);
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
            if (a->csv) remove(a->csv);
            goto out;
        }
    }
    rc = 0;
out:
    if (have_csv) mg_atomic_abort(&csv);
    if (have_png) mg_atomic_abort(&png);
    return rc;
}
