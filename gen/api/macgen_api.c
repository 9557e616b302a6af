/* The C API of libmacgen.so (see macgen_api.h): a thin layer over the unit
 * records' parameters (gen/units/unit_matmul.c) and the engine (sim/matmul). */
#include "macgen_api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit_matmul.h"

struct macgen_arith {
    mg_mm_spec spec;
    char canonical[640];
};

macgen_arith *macgen_arith_new(const char *unit, const char *const *params, int n, char *err, size_t errlen)
{
    return macgen_arith_new_mode(unit, params, n, 0, err, errlen);
}

macgen_arith *macgen_arith_new_mode(const char *unit, const char *const *params, int n, int mode, char *err,
                                    size_t errlen)
{
    if (n < 0 || n > 64 || !unit) {
        snprintf(err, errlen, "give a unit and at most 64 key=value parameters");
        return NULL;
    }
    if (mode < 0) {
        snprintf(err, errlen, "mode %d: an Accuracy Booster array's mode is 4 or 6 (0: the default)", mode);
        return NULL;
    }
    /* mg_kv_collect cuts each pair in place: work on copies. */
    char *copies[64];
    int made = 0;
    for (; made < n; made++)
        if (!params[made] || !(copies[made] = strdup(params[made]))) break;
    macgen_arith *a = made == n ? calloc(1, sizeof *a) : NULL;
    mg_kv_list kv;
    if (!a) {
        snprintf(err, errlen, made == n ? "out of memory" : "parameter %d is NULL", made);
    } else {
        for (int i = 0; i < n && a; i++)
            if (!mg_is_kv(copies[i])) {
                char shown[80];
                snprintf(err, errlen, "'%s' is not key=value", mg_escape_text(copies[i], shown, sizeof shown));
                free(a);
                a = NULL;
            }
        if (a && (mg_kv_collect(n, copies, &kv, err, errlen) ||
                  mg_matmul_configure(unit, &kv, (unsigned)mode, &a->spec, a->canonical, sizeof a->canonical, err,
                                      errlen))) {
            free(a);
            a = NULL;
        }
    }
    for (int i = 0; i < made; i++) free(copies[i]);
    return a;
}

void macgen_arith_free(macgen_arith *a) { free(a); }

const char *macgen_arith_canonical(const macgen_arith *a) { return a->canonical; }

int macgen_arith_fits_float32(const macgen_arith *a)
{
    return mg_mm_out_fits(mg_mm_result_format(&a->spec), MG_MM_OUT_FLOAT32);
}

int macgen_arith_result_bits(const macgen_arith *a) { return mg_format_width(mg_mm_result_format(&a->spec)); }

static void fill_stats(const mg_mm_stats *st, unsigned long long *out)
{
    const unsigned long long v[MACGEN_STAT_COUNT] = {
        st->macs, st->events.overflow, st->events.underflow, st->events.swamping, st->flagged[0], st->flagged[1],
        st->flagged[2], st->flagged[4], st->nan, st->inf, st->zero, st->saturated,
    };
    memcpy(out, v, sizeof v);
}

int macgen_matmul(const macgen_arith *a, const double *x, const double *w, size_t R, size_t K, size_t C, int threads,
                  double *y, uint64_t *y_bits, unsigned long long *stats, char *err, size_t errlen)
{
    const size_t bx = mg_mm_find_nonfinite(x, R * K), bw = bx < R * K ? 0 : mg_mm_find_nonfinite(w, K * C);
    if (bx < R * K || bw < K * C) {
        const bool in_x = bx < R * K;
        const size_t at = in_x ? bx : bw, cols = in_x ? K : C;
        snprintf(err, errlen, "%s[%zu, %zu] is not finite; matmul takes finite values", in_x ? "X" : "W", at / cols,
                 at % cols);
        return -1;
    }
    mg_bits *yb = malloc((R * C + 1) * sizeof *yb);
    if (!yb) {
        snprintf(err, errlen, "out of memory for Y (%zu x %zu)", R, C);
        return -1;
    }
    mg_mm_stats st;
    const mg_mm_options o = { threads < 1 ? 1 : threads, stats != NULL, NULL, NULL, 0 };
    int rc = mg_mm_run(&a->spec, x, w, R, K, C, &o, yb, &st, err, errlen);
    if (rc == 0) {
        const mg_format *f = mg_mm_result_format(&a->spec);
        for (size_t i = 0; i < R * C; i++) {
            if (y) y[i] = mg_mm_value(f, yb[i]);
            if (y_bits) y_bits[i] = yb[i].bits;
        }
        if (stats) fill_stats(&st, stats);
    }
    free(yb);
    return rc;
}
