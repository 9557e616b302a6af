/* Building an accuracy plan: input value tables, the exact-sum bound, and,
 * where it applies, the tabulated fast path (products rounded by the
 * model's own mg_mac_round_product, so the table is the model's answer). */
#include <stdio.h>
#include <stdlib.h>

#include "acc_dot_internal.h"
#include "hbfp.h"
#include "op_common.h"

static int lsb_exp(const mg_format *f) { return mg_emin(f) - f->frac_bits; }

int mg_fixfmt_init(mg_fixfmt *x, const mg_format *f, int g, const mg_rounding *rnd)
{
    int top = mg_emax(f) - f->frac_bits - g; /* exponent of maxfin's last bit, on the grid */
    x->m = f->frac_bits;
    x->emin_bit = mg_emin(f) - g;
    x->sub = f->subnormals;
    x->rne = rnd->mode == MG_RNE;
    x->to_inf = f->specials == MG_SPECIALS_IEEE && !rnd->ovf_sat && rnd->mode != MG_RTZ;
    if (x->emin_bit > 62 || top < 0) return -1;
    uint64_t maxsig = ((uint64_t)1 << f->frac_bits) | mg_max_frac_at_emax(f);
    /* Beyond 2^62 the bound check keeps sums away from maxfin anyway. */
    x->maxfin = top + f->frac_bits + 1 >= 62 ? ((int64_t)1 << 62) : (int64_t)(maxsig << top);
    x->min_normal = (!f->subnormals && x->emin_bit > 0) ? (uint64_t)1 << x->emin_bit : 0;
    return 0;
}

static int64_t *value_table(const mg_format *f, int lsb, int64_t *maxabs)
{
    size_t n = (size_t)1 << mg_format_width(f);
    int64_t *t = calloc(n, sizeof *t);
    if (!t) return NULL;
    *maxabs = 0;
    for (size_t c = 0; c < n; c++) {
        mg_exact v = mg_decode(f, (mg_bits){ c });
        if (v.cls != MG_CLASS_FINITE) continue;
        t[c] = mg_acc_to_grid(v, lsb);
        if (llabs(t[c]) > *maxabs) *maxabs = llabs(t[c]);
    }
    return t;
}

static int bits_of(uint64_t x) { return x ? 64 - __builtin_clzll(x) : 0; }

/* The rounded-product table; NULL when some product leaves the grid. */
static int64_t *product_table(const mg_acc_dot_plan *p, int64_t *maxabs)
{
    const mg_mac_spec *ms = &p->spec.mac;
    int wb = mg_format_width(&ms->w);
    int64_t *t = malloc(sizeof *t << (wb + p->a_bits));
    if (!t) return NULL;
    *maxabs = 0;
    for (uint64_t w = 0; w < (1ull << wb); w++)
        for (uint64_t a = 0; a < (1ull << p->a_bits); a++) {
            unsigned flags = 0, events = 0;
            mg_bits q = mg_mac_round_product(ms, (mg_bits){ w }, (mg_bits){ a }, &p->rnd, &flags, &events);
            mg_exact v = mg_decode(&ms->prod, q);
            int64_t val = 0, tag = (events & MG_EVENT_UNDERFLOW) ? ENTRY_UF : 0;
            if (flags & MG_FLAG_OVERFLOW) tag |= ENTRY_OVF;
            if (v.cls == MG_CLASS_INF || v.cls == MG_CLASS_NAN) tag |= ENTRY_INF;
            if (v.cls == MG_CLASS_FINITE) {
                if (v.exp - p->g + mg_msb128(v.sig) > 58) {
                    free(t);
                    return NULL;
                }
                val = mg_acc_to_grid(v, p->g);
            }
            if (llabs(val) > *maxabs) *maxabs = llabs(val);
            t[w << p->a_bits | a] = (int64_t)((uint64_t)val << ENTRY_SHIFT) | tag;
        }
    return t;
}

/* Sets p->qprod when the fast path applies: deterministic rounding, unfused,
 * narrow inputs, and every value of the run provably inside int64. */
static void try_fast_path(mg_acc_dot_plan *p)
{
    const mg_mac_spec *ms = &p->spec.mac;
    size_t chunk = p->spec.chunk ? p->spec.chunk : p->k;
    if (ms->fused || p->rnd.mode == MG_SR || mg_format_width(&ms->w) + p->a_bits > 16) return;
    if (mg_fixfmt_init(&p->acc, &ms->acc, p->g, &p->rnd) || mg_fixfmt_init(&p->acc2, &p->spec.acc2, p->g, &p->rnd))
        return;
    int64_t maxprod;
    int64_t *t = product_table(p, &maxprod);
    if (!t) return;
    /* |acc| <= 2 * chunk * maxprod, |total| <= 4 * k * maxprod (rounding up
     * adds less than a factor 2), both below 2^61. */
    if (bits_of((uint64_t)maxprod) + bits_of(chunk) + 1 > 60 || bits_of((uint64_t)maxprod) + bits_of(p->k) + 2 > 60) {
        free(t);
        return;
    }
    p->qprod = t;
}

mg_acc_dot_plan *mg_acc_dot_plan_new(const mg_dot_spec *spec, const mg_rounding *rnd, size_t k, char *err,
                                     size_t errlen)
{
    const mg_format *fw = &spec->mac.w, *fa = &spec->mac.a;
    if (mg_format_width(fw) > MG_ACC_INPUT_BITS_MAX || mg_format_width(fa) > MG_ACC_INPUT_BITS_MAX) {
        snprintf(err, errlen, "w=, a=: accuracy takes input formats of at most %d bits", MG_ACC_INPUT_BITS_MAX);
        return NULL;
    }
    mg_acc_dot_plan *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    p->spec = *spec;
    p->rnd = *rnd;
    p->k = k;
    p->fp32 = mg_hbfp_fp32();
    p->a_bits = mg_format_width(fa);
    p->g = lsb_exp(fw) + lsb_exp(fa);
    int64_t maxw, maxa;
    p->wfix = value_table(fw, lsb_exp(fw), &maxw);
    p->afix = value_table(fa, lsb_exp(fa), &maxa);
    if (!p->wfix || !p->afix) {
        snprintf(err, errlen, "out of memory");
        mg_acc_dot_plan_free(p);
        return NULL;
    }
    int need = bits_of((uint64_t)maxw) + bits_of((uint64_t)maxa) + bits_of(k);
    if (need > MG_ACC_EXACT_BITS_MAX) {
        snprintf(err, errlen, "the exact sum of %zu products of w and a needs %d bits (at most %d): narrower inputs or a smaller K",
                 k, need, MG_ACC_EXACT_BITS_MAX);
        mg_acc_dot_plan_free(p);
        return NULL;
    }
    try_fast_path(p);
    return p;
}

void mg_acc_dot_plan_free(mg_acc_dot_plan *p)
{
    if (!p) return;
    free(p->wfix);
    free(p->afix);
    free(p->qprod);
    free(p);
}

int mg_acc_dot_plan_is_fast(const mg_acc_dot_plan *p) { return p->qprod != NULL; }
