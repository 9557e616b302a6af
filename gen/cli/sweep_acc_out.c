/* The outputs of `macgen sweep --accuracy`: cost and error in one CSV, and a
 * gnuplot chart of SQNR against gates per MAC with the Pareto front. */
#include <math.h>
#include <string.h>

#include "sweep_cmd.h"

#define SQNR_EXACT 1e9 /* an exact point (SQNR +Inf) beats every other */

static double gates_per_mac(const mg_sweep_result *r, const mg_sweep_acc *a) { return (double)r->gates / a->macs; }
static double sqnr(const mg_sweep_acc *a) { return isfinite(a->sqnr_db) ? a->sqnr_db : SQNR_EXACT; }

/* Where the chart draws exact points: 10 dB above the best inexact one. */
static double plot_top(const mg_sweep_acc *acc, size_t n)
{
    double top = 0;
    for (size_t p = 0; p < n; p++)
        if (isfinite(acc[p].sqnr_db) && acc[p].sqnr_db > top) top = acc[p].sqnr_db;
    return top + 10;
}

static double plotted(const mg_sweep_acc *a, double top) { return isfinite(a->sqnr_db) ? a->sqnr_db : top; }

bool mg_sweep_on_front(const mg_sweep_result *res, const mg_sweep_acc *acc, size_t n, size_t p)
{
    double gp = gates_per_mac(&res[p], &acc[p]), sp = sqnr(&acc[p]);
    for (size_t q = 0; q < n; q++) {
        double gq = gates_per_mac(&res[q], &acc[q]), sq = sqnr(&acc[q]);
        if (q != p && gq <= gp && sq >= sp && (gq < gp || sq > sp)) return false;
    }
    return true;
}

static void csv_text(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"') fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

void mg_sweep_write_acc_csv(FILE *out, const mg_sweep_plan *plan, const mg_sweep_result *res,
                            const mg_sweep_acc *acc)
{
    fputs("label,unit,params,gates,nand2_eq,depth,flops,macs_per_cycle,gates_per_mac,K,mean_rel_err,rms_rel_err,"
          "max_rel_err,frac_correctly_rounded,sqnr_db,w1,w1_rel,var_ratio,vrr_predicted,rate_swamping,"
          "rate_underflow,rate_overflow,pareto\n",
          out);
    for (size_t p = 0; p < plan->n; p++) {
        const mg_sweep_point *pt = &plan->points[p];
        const mg_sweep_acc *a = &acc[p];
        char params[4096] = "";
        size_t len = 0;
        for (size_t k = 0; k < pt->n && len < sizeof params; k++)
            len += (size_t)snprintf(params + len, sizeof params - len, "%s%s=%s", k ? " " : "", pt->keys[k],
                                    pt->values[k]);
        csv_text(out, pt->label);
        fprintf(out, ",%s,", pt->unit);
        csv_text(out, params);
        fprintf(out, ",%ld,%.2f,%ld,%ld,%.0f,%.2f,%zu,%.6g,%.6g,%.6g,%.6g,%.4f,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%d\n",
                res[p].gates, res[p].nand2_eq, res[p].depth, res[p].flops, a->macs, gates_per_mac(&res[p], a), a->k,
                a->mean_rel_err, a->rms_rel_err, a->max_rel_err, a->frac_cr, a->sqnr_db, a->w1, a->w1_rel,
                a->var_ratio, a->vrr_predicted, a->swamping, a->underflow, a->overflow,
                mg_sweep_on_front(res, acc, plan->n, p) ? 1 : 0);
    }
}

/* The value of key at point p, or "all" when the point lacks the key. */
static const char *series_of(const mg_sweep_point *pt, const char *key)
{
    for (size_t k = 0; k < pt->n; k++)
        if (!strcmp(pt->keys[k], key)) return pt->values[k];
    return "all";
}

static const char *default_series(const mg_sweep_plan *plan)
{
    static const char *const keys[] = { "acc", "n", "elem" };
    for (size_t i = 0; i < 3; i++)
        for (size_t p = 0; p < plan->n; p++)
            if (strcmp(series_of(&plan->points[p], keys[i]), "all")) return keys[i];
    return "acc";
}

void mg_sweep_write_acc_plot(FILE *data, FILE *script, const mg_sweep_plan *plan, const mg_sweep_result *res,
                             const mg_sweep_acc *acc, const char *series_key, const char *title)
{
    const char *key = series_key ? series_key : default_series(plan);
    double top = plot_top(acc, plan->n);
    const char *names[MG_SWEEP_MAX_POINTS];
    size_t n_series = 0;
    for (size_t p = 0; p < plan->n; p++) { /* series in order of first appearance */
        const char *v = series_of(&plan->points[p], key);
        size_t s = 0;
        while (s < n_series && strcmp(names[s], v)) s++;
        if (s == n_series) names[n_series++] = v;
    }
    for (size_t s = 0; s < n_series; s++) { /* one gnuplot index per series */
        fprintf(data, "# %s=%s\n", key, names[s]);
        for (size_t p = 0; p < plan->n; p++)
            if (!strcmp(series_of(&plan->points[p], key), names[s]))
                fprintf(data, "%.6g %.4f \"%s\"\n", gates_per_mac(&res[p], &acc[p]), plotted(&acc[p], top),
                        plan->points[p].label);
        fputs("\n\n", data);
    }
    fputs("# Pareto front\n", data); /* the last index, sorted by cost */
    double last = -1;
    for (size_t done = 0; done < plan->n; done++) {
        long best = -1;
        for (size_t p = 0; p < plan->n; p++) {
            double g = gates_per_mac(&res[p], &acc[p]);
            if (g > last && mg_sweep_on_front(res, acc, plan->n, p) &&
                (best < 0 || g < gates_per_mac(&res[best], &acc[best])))
                best = (long)p;
        }
        if (best < 0) break;
        last = gates_per_mac(&res[best], &acc[best]);
        fprintf(data, "%.6g %.4f\n", last, plotted(&acc[best], top));
    }
    fprintf(script, "set terminal pngcairo size 1000,620 font \"DejaVu Sans,10\"\nset output \"%s\"\n", MG_SWEEP_PLOT_PNG);
    fprintf(script, "set title \"%s\" noenhanced\nset logscale x\nset grid\n", title);
    fprintf(script, "set xlabel \"2-input gates per MAC (log scale)\"\n");
    fprintf(script, "set ylabel \"SQNR of the dot products (dB; higher is more accurate)\"\n");
    fprintf(script, "set label \"exact results (SQNR = inf) are drawn at %.1f dB\" at graph 0.02, graph 0.97\n", top);
    fprintf(script, "set key outside right noenhanced\nplot ");
    for (size_t s = 0; s < n_series; s++)
        fprintf(script, "\"%s\" index %zu using 1:2 with linespoints pt 7 title \"%s=%s\", ", MG_SWEEP_PLOT_DATA, s, key,
                names[s]);
    fprintf(script, "\"%s\" index %zu using 1:2 with steps lw 2 lc rgb \"#cc3311\" title \"Pareto front\", ",
            MG_SWEEP_PLOT_DATA, n_series);
    fprintf(script, "\"%s\" index %zu using 1:2 with points pt 6 ps 2.5 lc rgb \"#cc3311\" notitle\n",
            MG_SWEEP_PLOT_DATA, n_series);
}
