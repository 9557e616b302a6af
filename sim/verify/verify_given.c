/* Given matrices for the array drivers (see verify_given.h). */
#include "verify_given.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mm_input.h"

int mg_array_given_option(mg_array_given *g, int argc, char **argv, int *i)
{
    const mg_value_opt opts[] = { { "--x", &g->x_path }, { "--w", &g->w_path }, { "-o", &g->out_path },
                                  { "--out-dtype", &g->dtype }, { NULL, NULL } };
    return mg_take_value_opt("verify", argc, argv, i, opts);
}

int mg_array_given_load(mg_array_given *g, char *err, size_t errlen)
{
    if (!g->x_path || !g->w_path || !g->out_path) {
        snprintf(err, errlen, "given matrices need all of --x X.npy, --w W.npy and -o Y.npy");
        return -1;
    }
    mg_mm_out_dtype d;
    if (g->dtype && mg_mm_out_dtype_parse(g->dtype, &d)) {
        char shown[64];
        snprintf(err, errlen, "--out-dtype %s: expected float32, float64 or bits", mg_escape_text(g->dtype, shown, sizeof shown));
        return -1;
    }
    mg_mm_shape sh;
    if (mg_mm_peek(g->x_path, g->w_path, &sh, err, errlen) ||
        mg_mm_check_memory(mg_mm_input_bytes(&sh) * 4, err, errlen) ||
        mg_mm_read(g->x_path, "X", sh.R, sh.K, &g->x, err, errlen) ||
        mg_mm_read(g->w_path, "W", sh.K, sh.C, &g->w, err, errlen))
        return -1;
    g->R = sh.R;
    g->K = sh.K;
    g->C = sh.C;
    char ex[200], ew[200];
    snprintf(g->repro, sizeof g->repro, "--x %s --w %s", mg_escape_text(g->x_path, ex, sizeof ex),
             mg_escape_text(g->w_path, ew, sizeof ew));
    g->y = calloc(g->R * g->C, sizeof *g->y);
    if (!g->y) {
        snprintf(err, errlen, "out of memory for Y (%zu x %zu)", g->R, g->C);
        return -1;
    }
    return 0;
}

void mg_array_given_record(mg_array_given *g, size_t t, int cols, size_t r, int col, uint64_t acc)
{
    size_t c = t * (size_t)cols + (size_t)col;
    if (c >= g->C || r >= g->R) return;
    g->y[r * g->C + c].bits = acc;
    g->seen++;
}

int mg_array_given_write(const mg_array_given *g, const mg_format *f)
{
    char err[4400];
    if (g->seen != g->R * g->C) {
        mg_error("verify", "the array produced %zu of the %zu outputs of Y", g->seen, g->R * g->C);
        return MG_EXIT_MISMATCH;
    }
    mg_mm_out_dtype d = mg_mm_out_fits(f, MG_MM_OUT_FLOAT32) ? MG_MM_OUT_FLOAT32 : MG_MM_OUT_FLOAT64;
    if (g->dtype) mg_mm_out_dtype_parse(g->dtype, &d);
    int rc = mg_mm_write_npy(g->out_path, f, g->y, g->R, g->C, d, err, sizeof err);
    if (rc) mg_error("verify", "%s", err);
    return mg_exit_for(rc);
}

void mg_array_given_free(mg_array_given *g)
{
    free(g->x);
    free(g->w);
    free(g->y);
    g->x = g->w = NULL;
    g->y = NULL;
}
