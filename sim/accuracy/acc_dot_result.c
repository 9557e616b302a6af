/* The model's result of one dot product on the tabulated fixed-point path,
 * down to its encoding (for macgen matmul, sim/matmul): acc_dot_row.c's
 * arithmetic without the exact sum, plus the sign of a zero result, which
 * the grid alone loses but mg_dot and mg_mac keep. */
#include "acc_dot_internal.h"

/* The sign of the zero a step x + y -> next produced (next == 0, grid
 * units): a nonzero sum rounded to zero keeps the sum's sign; an exact zero
 * sum is -0 only when both addends are -0 (rtz and rne, docs/spec/operations.md). */
static inline bool zero_is_negative(int64_t x, bool x_neg, int64_t y, bool y_neg, int64_t sum)
{
    return sum != 0 ? sum < 0 : (x == 0 && x_neg && y == 0 && y_neg);
}

/* One chunk of n MAC steps from +0 into p->acc: returns its sum (grid
 * units); *neg tells a zero sum's sign; *bail is set when a value would be
 * Inf or NaN. */
static int64_t chunk_sum(const mg_acc_dot_plan *p, const uint16_t *w, const uint16_t *a, size_t n, bool *neg,
                         unsigned *bail)
{
    const int64_t *table = p->qprod;
    const mg_fixfmt f = p->acc; /* a local copy: its fields stay in registers */
    const int ab = p->a_bits, wsign = mg_format_width(&p->spec.mac.w) - 1, asign = ab - 1;
    unsigned bl = 0, ovf = 0;
    int64_t acc = 0;
    bool acc_neg = false;
    for (size_t i = 0; i < n; i++) {
        int64_t e = table[(uint32_t)w[i] << ab | a[i]];
        int64_t prod = e >> ENTRY_SHIFT, sum = acc + prod;
        bl |= (e & ENTRY_INF) != 0;
        int64_t next = mg_fixround(&f, sum, &ovf, &bl);
        if (next == 0) {
            /* A zero product (exact or rounded to zero) carries the sign of w*a. */
            bool prod_neg = ((w[i] >> wsign) ^ (a[i] >> asign)) & 1;
            acc_neg = zero_is_negative(acc, acc_neg, prod, prod_neg, sum);
        }
        acc = next;
    }
    *bail |= bl;
    *neg = acc_neg;
    return acc;
}

/* The encoding of the grid value v (a value of f) with a zero's sign. */
static mg_bits encode(const mg_acc_dot_plan *p, const mg_format *f, int64_t v, bool neg)
{
    mg_exact x = { v ? MG_CLASS_FINITE : MG_CLASS_ZERO, v ? v < 0 : neg, false, p->g, 0 };
    x.sig = (mg_u128)(v < 0 ? -(uint64_t)v : (uint64_t)v);
    const mg_rounding rne = mg_rounding_make(MG_RNE);
    unsigned flags = 0;
    return mg_round_pack(f, x, &rne, &flags); /* exact: v is a value of f */
}

int mg_acc_dot_result(const mg_acc_dot_plan *p, const uint16_t *w, const uint16_t *a, bool chain, mg_bits *out)
{
    if (!p->qprod) return -1;
    const size_t k = p->k, chunk = chain || !p->spec.chunk ? k : p->spec.chunk;
    unsigned bail = 0, ovf = 0;
    bool neg = false;
    if (chain) {
        int64_t v = chunk_sum(p, w, a, k, &neg, &bail);
        if (bail) return -1;
        *out = encode(p, &p->spec.mac.acc, v, neg);
        return 0;
    }
    int64_t total = 0;
    for (size_t start = 0; start < k; start += chunk) {
        bool part_neg;
        int64_t part = chunk_sum(p, w + start, a + start, start + chunk < k ? chunk : k - start, &part_neg, &bail);
        int64_t sum = total + part, next = mg_fixround(&p->acc2, sum, &ovf, &bail);
        if (next == 0) neg = zero_is_negative(total, neg, part, part_neg, sum);
        total = next;
    }
    if (bail) return -1;
    *out = encode(p, &p->spec.acc2, total, neg);
    return 0;
}
