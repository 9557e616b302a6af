/* One dot product: the tabulated fixed-point path (mg_dot's arithmetic on
 * the grid 2^g, see acc_fixround.h) or mg_dot itself, and the exact sum. */
#include <math.h>
#include <stdlib.h>

#include "acc_dot_internal.h"
#include "acc_input.h"

__extension__ typedef __int128 i128;

typedef struct {
    unsigned long long ovf, uf, swamp;
} counts_t;

/* One chunk on the fast path: returns the chunk sum (grid units) and adds
 * the exact products to *exact (the same loop: the inputs are in cache). */
static int64_t fast_chunk(const mg_acc_dot_plan *p, const uint16_t *w, const uint16_t *a, size_t n,
                          counts_t *c, unsigned *bail, i128 *exact)
{
    const int64_t *table = p->qprod, *wfix = p->wfix, *afix = p->afix;
    const mg_fixfmt f = p->acc; /* a local copy: its fields stay in registers */
    const int ab = p->a_bits;
    unsigned long long swamp = 0, uf = 0, ovf_n = 0;
    unsigned bl = 0;
    i128 s = 0;
    int64_t acc = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t e = table[(uint32_t)w[i] << ab | a[i]];
        s += (i128)wfix[w[i]] * afix[a[i]];
        int64_t prod = e >> ENTRY_SHIFT, sum = acc + prod;
        unsigned ovf = (e & ENTRY_OVF) != 0;
        bl |= (e & ENTRY_INF) != 0;
        int64_t next = mg_fixround(&f, sum, &ovf, &bl);
        swamp += (prod != 0) & (next == acc);
        uf += (e & ENTRY_UF) | ((sum != 0) & (next == 0));
        ovf_n += ovf;
        acc = next;
    }
    c->swamp += swamp;
    c->uf += uf;
    c->ovf += ovf_n;
    *bail |= bl;
    *exact += s;
    return acc;
}

/* The chunked dot product on the fast path; 0, or -1 when some value would
 * be Inf (the caller then runs mg_dot). */
static int fast_dot(const mg_acc_dot_plan *p, const uint16_t *w, const uint16_t *a, int64_t *result,
                    i128 *exact, mg_event_counts *counts)
{
    size_t k = p->k, chunk = p->spec.chunk ? p->spec.chunk : k;
    counts_t c = { 0, 0, 0 };
    unsigned bail = 0;
    int64_t total = 0;
    for (size_t start = 0; start < k; start += chunk) {
        size_t n = start + chunk < k ? chunk : k - start;
        int64_t part = fast_chunk(p, w + start, a + start, n, &c, &bail, exact);
        unsigned ovf = 0;
        int64_t sum = total + part, next = mg_fixround(&p->acc2, sum, &ovf, &bail);
        c.ovf += ovf;
        c.uf += (sum != 0) & (next == 0);
        c.swamp += (part != 0) & (next == total);
        total = next;
    }
    if (bail) return -1;
    counts->overflow += c.ovf;
    counts->underflow += c.uf;
    counts->swamping += c.swamp;
    *result = total;
    return 0;
}

static i128 exact_sum(const mg_acc_dot_plan *p, const uint16_t *w, const uint16_t *a)
{
    i128 s = 0;
    for (size_t i = 0; i < p->k; i++) s += (i128)p->wfix[w[i]] * p->afix[a[i]];
    return s;
}

static double i128_to_double(i128 x, int exp) { return ldexp((double)x, exp); }

/* R by mg_dot; sets *fix and returns 1 when R is finite and fits the grid. */
static int slow_dot(const mg_acc_dot_plan *p, const uint16_t *w, const uint16_t *a, mg_rng *rng, mg_bits *r,
                    i128 *fix, mg_event_counts *counts)
{
    size_t k = p->k, nr = p->rnd.mode == MG_SR ? mg_dot_random_words(&p->spec, k) : 0;
    mg_bits *wb = malloc(k * sizeof *wb), *abits = malloc(k * sizeof *abits);
    uint64_t *rw = nr ? malloc(nr * sizeof *rw) : NULL;
    if (!wb || !abits || (nr && !rw)) abort(); /* a few KiB per row: memory is not the limit */
    for (size_t i = 0; i < k; i++) {
        wb[i].bits = w[i];
        abits[i].bits = a[i];
    }
    for (size_t i = 0; i < nr; i++) rw[i] = mg_rng_next(rng) & ((1ull << p->rnd.rbits) - 1);
    unsigned flags = 0;
    *r = mg_dot(&p->spec, wb, abits, k, &p->rnd, rw, &flags, counts);
    free(wb);
    free(abits);
    free(rw);
    mg_exact v = mg_decode(&p->spec.acc2, *r);
    if (v.cls == MG_CLASS_ZERO) *fix = 0;
    if (v.cls != MG_CLASS_FINITE) return v.cls == MG_CLASS_ZERO;
    if (v.exp < p->g || v.exp - p->g + mg_msb128(v.sig) > 120) return 0;
    *fix = (i128)(v.sig << (v.exp - p->g));
    if (v.sign) *fix = -*fix;
    return 1;
}

void mg_acc_dot_row(const mg_acc_dot_plan *p, const uint16_t *w, const uint16_t *a, mg_rng *rng,
                    mg_acc_row *out, mg_event_counts *counts)
{
    i128 s = 0, rfix = 0;
    int64_t r64;
    int have_fix;
    if (p->qprod && fast_dot(p, w, a, &r64, &s, counts) == 0) {
        rfix = r64;
        have_fix = 1;
        out->r = ldexp((double)r64, p->g);
    } else {
        mg_bits r;
        s = exact_sum(p, w, a);
        have_fix = slow_dot(p, w, a, rng, &r, &rfix, counts);
        out->r = mg_acc_value(&p->spec.acc2, r);
    }
    out->s = i128_to_double(s, p->g);
    out->diff = have_fix ? i128_to_double(rfix - s, p->g) : out->r - out->s;
    out->finite = isfinite(out->r);

    /* S correctly rounded to fp32. */
    mg_exact ex = { MG_CLASS_ZERO, s < 0, false, p->g, 0 };
    if (s != 0) {
        ex.cls = MG_CLASS_FINITE;
        ex.sig = (mg_u128)(s < 0 ? -s : s);
    }
    mg_rounding rne = mg_rounding_make(MG_RNE);
    unsigned flags = 0;
    double s32 = mg_acc_value(&p->fp32, mg_round_pack(&p->fp32, ex, &rne, &flags));
    out->cr = out->r == s32;
}
