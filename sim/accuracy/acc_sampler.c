/* Drawing quantized inputs: exact interval probabilities and an alias table
 * (Vose's method), so one draw costs one random word and two look-ups. */
#include <math.h>
#include <stdlib.h>

#include "acc_input.h"

#define DIRECT_WIDTH_MIN 17 /* wider formats draw a real and round it */

/* One alias-table slot: keep `code` when the low random word is below
 * thresh, else take `other` (one load per draw). */
typedef struct {
    uint32_t thresh;
    uint16_t code, other;
} slot_t;

struct mg_code_sampler {
    mg_format f;
    mg_dist dist;
    uint32_t n;        /* distinct values (0: direct drawing) */
    int log2_slots;    /* the table has 2^log2_slots slots, n or more */
    uint32_t *thresh;  /* keep entry i when the low word < thresh[i] */
    uint32_t *code, *alias;
    slot_t *slots;
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

/* Vose's method over n = 2^log2_slots entries (the ones past the distinct
 * values have probability 0, so a draw indexes by a shift). */
static void build_alias(mg_code_sampler *s, double *p)
{
    uint32_t n = 1u << s->log2_slots, *small = malloc(n * sizeof *small), *large = malloc(n * sizeof *large);
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
    s->slots = malloc(cap * sizeof *s->slots);
    if (!vals || !p || !s->thresh || !s->code || !s->alias || !s->slots) {
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
    while ((1u << s->log2_slots) < s->n) s->log2_slots++;
    for (uint32_t i = s->n; i < (1u << s->log2_slots); i++) {
        p[i] = 0;
        s->code[i] = s->code[0];
    }
    build_alias(s, p);
    for (uint32_t i = 0; i < (1u << s->log2_slots); i++)
        s->slots[i] = (slot_t){ s->thresh[i], (uint16_t)s->code[i], (uint16_t)s->code[s->alias[i]] };
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
    free(s->slots);
    free(s);
}

void mg_code_draw_n(const mg_code_sampler *s, mg_rng *r, uint16_t *out, size_t n)
{
    if (!s->n) {
        for (size_t i = 0; i < n; i++) out[i] = (uint16_t)mg_acc_quantize(&s->f, mg_dist_draw(&s->dist, r)).bits;
        return;
    }
    mg_rng local = *r; /* a local copy stays in registers */
    const slot_t *slots = s->slots;
    const int shift = 64 - s->log2_slots;
    size_t k = 0;
    if (s->log2_slots >= 1 && s->log2_slots <= 8) {
        /* Up to 256 slots: one random word serves two draws (8 index bits
         * and a 24-bit threshold each; thresholds keep 2^-24 resolution). */
        const int sh32 = 32 - s->log2_slots;
        for (; k + 2 <= n; k += 2) {
            uint64_t x = mg_rng_next(&local);
            uint32_t h = (uint32_t)(x >> 32), l = (uint32_t)x;
            slot_t e1 = slots[h >> sh32], e2 = slots[l >> sh32];
            out[k] = (h & 0xffffff) < e1.thresh >> 8 ? e1.code : e1.other;
            out[k + 1] = (l & 0xffffff) < e2.thresh >> 8 ? e2.code : e2.other;
        }
    }
    for (; k < n; k++) {
        uint64_t x = mg_rng_next(&local);
        slot_t e = slots[shift == 64 ? 0 : x >> shift];
        out[k] = (uint32_t)x < e.thresh ? e.code : e.other;
    }
    *r = local;
}
