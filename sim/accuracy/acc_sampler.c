/* Drawing quantized inputs: exact interval probabilities and an alias table
 * (Vose's method), so one draw costs one random word and two look-ups. */
#include <math.h>
#include <stdlib.h>

#include "acc_input.h"

#define DIRECT_WIDTH_MIN 17 /* wider formats draw a real and round it */

struct mg_code_sampler {
    mg_format f;
    mg_dist dist;
    uint32_t n;        /* distinct values (0: direct drawing) */
    uint32_t *thresh;  /* keep entry i when the low word < thresh[i] */
    uint32_t *code, *alias;
};

typedef struct {
    double v;
    uint32_t code;
} valued_code;

static int by_value(const void *x, const void *y)
{
    double a = ((const valued_code *)x)->v, b = ((const valued_code *)y)->v;
    return (a > b) - (a < b);
}

/* Distinct finite values of f, ascending (one code per value). */
static uint32_t distinct_values(const mg_format *f, valued_code *out)
{
    uint32_t n = 0;
    for (uint64_t c = 0; c < (1ull << mg_format_width(f)); c++) {
        double v = mg_acc_value(f, (mg_bits){ c });
        if (isnan(v) || isinf(v) || (v == 0 && c != 0)) continue;
        out[n].v = v;
        out[n++].code = (uint32_t)c;
    }
    qsort(out, n, sizeof *out, by_value);
    return n;
}

/* The real where Q switches from lo to hi (lo < hi adjacent values). */
static double boundary(const mg_format *f, double lo, double hi)
{
    for (int i = 0; i < 200; i++) {
        double mid = lo + (hi - lo) / 2;
        if (mid <= lo || mid >= hi) break;
        if (mg_acc_value(f, mg_acc_quantize(f, mid)) >= hi) hi = mid;
        else lo = mid;
    }
    return hi;
}

static void build_alias(mg_code_sampler *s, double *p)
{
    uint32_t n = s->n, *small = malloc(n * sizeof *small), *large = malloc(n * sizeof *large);
    uint32_t ns = 0, nl = 0;
    for (uint32_t i = 0; i < n; i++) {
        p[i] *= n;
        if (p[i] < 1) small[ns++] = i;
        else large[nl++] = i;
    }
    for (uint32_t i = 0; i < n; i++) s->alias[i] = i;
    while (ns && nl) {
        uint32_t l = small[--ns], g = large[--nl];
        s->thresh[l] = (uint32_t)fmin(4294967295.0, p[l] * 4294967296.0);
        s->alias[l] = g;
        p[g] -= 1 - p[l];
        if (p[g] < 1) small[ns++] = g;
        else large[nl++] = g;
    }
    while (nl) s->thresh[large[--nl]] = 0xffffffffu;
    while (ns) s->thresh[small[--ns]] = 0xffffffffu; /* rounding leftovers */
    free(small);
    free(large);
}

mg_code_sampler *mg_code_sampler_new(const mg_format *f, const mg_dist *d)
{
    mg_code_sampler *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->f = *f;
    s->dist = *d;
    if (mg_format_width(f) >= DIRECT_WIDTH_MIN) return s;
    size_t cap = (size_t)1 << mg_format_width(f);
    valued_code *vals = malloc(cap * sizeof *vals);
    double *p = malloc(cap * sizeof *p);
    s->thresh = malloc(cap * sizeof *s->thresh);
    s->code = malloc(cap * sizeof *s->code);
    s->alias = malloc(cap * sizeof *s->alias);
    if (!vals || !p || !s->thresh || !s->code || !s->alias) {
        free(vals);
        free(p);
        mg_code_sampler_free(s);
        return NULL;
    }
    s->n = distinct_values(f, vals);
    double below = 0; /* CDF at the lower end of value i's interval */
    for (uint32_t i = 0; i < s->n; i++) {
        double up = i + 1 < s->n ? mg_dist_cdf(d, boundary(f, vals[i].v, vals[i + 1].v)) : 1.0;
        p[i] = fmax(0.0, up - below);
        below = up;
        s->code[i] = vals[i].code;
    }
    build_alias(s, p);
    free(vals);
    free(p);
    return s;
}

void mg_code_sampler_free(mg_code_sampler *s)
{
    if (!s) return;
    free(s->thresh);
    free(s->code);
    free(s->alias);
    free(s);
}

uint64_t mg_code_draw(const mg_code_sampler *s, mg_rng *r)
{
    if (!s->n) return mg_acc_quantize(&s->f, mg_dist_draw(&s->dist, r)).bits;
    uint64_t x = mg_rng_next(r);
    uint32_t i = (uint32_t)(((x >> 32) * s->n) >> 32);
    return (uint32_t)x < s->thresh[i] ? s->code[i] : s->code[s->alias[i]];
}
