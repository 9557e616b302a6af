/* Exhaustive properties for small formats, with exact integer arithmetic:
 * every product a*b of two encodings, rounded into the output format, is
 *   rtz: no larger in magnitude than the exact product and less than one step
 *        (unit in the last place at the exact value's binade) below it;
 *   rne: within half a step, and on a tie the even neighbour;
 * with overflow, flush-to-zero and the flags as docs/spec/rounding.md says.  Values are
 * compared as scaled integers (mant * 2^exp with a common exponent), never
 * as host floats.  quant is checked monotonic over every fp16 input. */
#include <stdlib.h>

#include "test_helpers.h"

typedef __int128 i128;

/* |value| * 2^-lo as an integer (lo at or below every exponent involved). */
static i128 scaled(uint64_t mant, int exp, int lo) { return (i128)mant << (exp - lo); }

static int msb64(uint64_t x) { return 63 - __builtin_clzll(x); }

/* Largest finite magnitude of f (docs/spec/formats.md), from its encoding. */
static tf_value largest(const mg_format *f)
{
    uint64_t xmax = (1ull << f->exp_bits) - 1, fall = mg_mask64(f->frac_bits);
    uint64_t x = f->specials == MG_SPECIALS_IEEE ? xmax - 1 : xmax;
    uint64_t frac = f->specials == MG_SPECIALS_FN ? fall - 1 : fall;
    return tf_read(f, (x << f->frac_bits) | frac);
}

typedef struct {
    long checked, inexact, overflow, flushed_or_tiny;
    int bad;
} tally;

static void complain(tally *t, const char *what, const char *fin, const char *fout, const char *mode, uint64_t a,
                     uint64_t b, uint64_t r, unsigned fl)
{
    if (++t->bad <= 10)
        print_error("%s: %s x %s -> %s %s: a=%llx b=%llx result %llx flags %02x\n", what, fin, fin, fout, mode,
                    (unsigned long long)a, (unsigned long long)b, (unsigned long long)r, fl);
}

/* Checks one product of finite a, b against the rules. */
static void check_product(tally *t, const char *fin_name, const char *fout_name, const mg_format *fin,
                          const mg_format *fout, mg_round_mode mode, uint64_t a, uint64_t b)
{
    tf_value va = tf_read(fin, a), vb = tf_read(fin, b);
    mg_rounding rnd = tf_round(mode);
    unsigned fl = 0;
    uint64_t r = mg_mul(fin, tf_bits(a), fin, tf_bits(b), fout, &rnd, &fl).bits;
    tf_value vr = tf_read(fout, r);
    const char *mname = mg_round_mode_name(mode);
    int sign = va.sign ^ vb.sign;
    t->checked++;
    if (vr.kind != 0 && !(vr.kind == 1 && fout->specials == MG_SPECIALS_IEEE)) {
        complain(t, "NaN result of finite operands", fin_name, fout_name, mname, a, b, r, fl);
        return;
    }
    uint64_t mx = va.mant * vb.mant;
    if (mx == 0) { /* exact zero: sign by xor, no flag */
        if (vr.kind != 0 || vr.mant != 0 || vr.sign != sign || fl != 0)
            complain(t, "zero product", fin_name, fout_name, mname, a, b, r, fl);
        return;
    }
    int ex = va.exp + vb.exp;
    int k = msb64(mx) + ex; /* |x| = 2^k * f, 1 <= f < 2 */
    int m = fout->frac_bits, emin = 1 - fout->bias;
    int step_exp = (k >= emin || !fout->subnormals) ? k - m : emin - m; /* docs/spec/rounding.md s.2 */
    int unb_exp = k - m;                                               /* unbounded grid */
    tf_value big = largest(fout);
    int lo = ex;
    if (step_exp - 1 < lo) lo = step_exp - 1;
    if (unb_exp - 1 < lo) lo = unb_exp - 1;
    if (vr.kind == 0 && vr.mant && vr.exp < lo) lo = vr.exp;
    if (big.exp < lo) lo = big.exp;
    if (emin - m - 1 < lo) lo = emin - m - 1;
    if (lo < -400) lo = -400;
    i128 X = scaled(mx, ex, lo), S = (i128)1 << (step_exp - lo), U = (i128)1 << (unb_exp - lo);
    i128 MAX = scaled(big.mant, big.exp, lo), MIN_NORMAL = (i128)1 << (emin - lo);

    /* the grid neighbour the rule picks, in units of the step */
    i128 q = X / S, rem = X % S;
    i128 qu = X / U, remu = X % U;
    if (mode == MG_RNE) {
        if (2 * rem > S || (2 * rem == S && (q & 1))) q++;
        if (2 * remu > U || (2 * remu == U && (qu & 1))) qu++;
    }
    i128 want = q * S, want_unbounded = qu * U;
    bool inexact = want != X;

    unsigned want_fl;
    if (want > MAX) { /* overflow after rounding */
        want_fl = OF | NX;
        bool to_inf = fout->specials == MG_SPECIALS_IEEE && mode != MG_RTZ;
        bool ok = to_inf ? vr.kind == 1 : (vr.kind == 0 && vr.mant == big.mant && vr.exp == big.exp);
        if (!ok || vr.sign != sign || fl != want_fl) complain(t, "overflow", fin_name, fout_name, mname, a, b, r, fl);
        t->overflow++;
        return;
    }
    if (!fout->subnormals && want < MIN_NORMAL) { /* ftz: flush after rounding */
        if (vr.kind != 0 || vr.mant != 0 || vr.sign != sign || fl != (UF | NX))
            complain(t, "flush to zero", fin_name, fout_name, mname, a, b, r, fl);
        t->flushed_or_tiny++;
        return;
    }
    bool tiny = want_unbounded < MIN_NORMAL;
    want_fl = (inexact ? NX : 0) | (inexact && tiny ? UF : 0);
    t->inexact += inexact;
    t->flushed_or_tiny += tiny;
    i128 R = vr.kind == 0 ? scaled(vr.mant, vr.exp, lo) : -1;
    /* the properties themselves, then the exact neighbour and flags */
    bool prop = mode == MG_RTZ ? (R <= X && X - R < S) : (2 * (R > X ? R - X : X - R) <= S);
    if (!prop || R % S != 0) complain(t, "distance to the exact product", fin_name, fout_name, mname, a, b, r, fl);
    else if (R != want) complain(t, "tie not to even", fin_name, fout_name, mname, a, b, r, fl);
    else if (vr.sign != sign || fl != want_fl) complain(t, "sign or flags", fin_name, fout_name, mname, a, b, r, fl);
}

static void all_products(const char *fin_name, const char *fout_name)
{
    mg_format fin = tf_format(fin_name), fout = tf_format(fout_name);
    uint64_t n = 1ull << mg_format_width(&fin);
    static const mg_round_mode modes[] = { MG_RTZ, MG_RNE };
    tally t = { 0, 0, 0, 0, 0 };
    for (size_t mi = 0; mi < 2; mi++)
        for (uint64_t a = 0; a < n; a++) {
            if (tf_read(&fin, a).kind != 0) continue;
            for (uint64_t b = 0; b < n; b++)
                if (tf_read(&fin, b).kind == 0) check_product(&t, fin_name, fout_name, &fin, &fout, modes[mi], a, b);
        }
    printf("  %s x %s -> %s (rtz, rne): %ld products, %ld inexact, %ld overflow, %ld tiny or flushed\n", fin_name,
           fin_name, fout_name, t.checked, t.inexact, t.overflow, t.flushed_or_tiny);
    if (t.bad) {
        print_error("%d products break the rules\n", t.bad);
        fail();
    }
}

static void test_e3m4_products(void **state)
{
    (void)state;
    all_products("e3m4", "e3m4");
    all_products("e3m4", "e4m3");
}

static void test_lba8_products(void **state)
{
    (void)state;
    all_products("lba8", "lba8");
    all_products("lba8", "lba12");
    all_products("lba8,bias=6", "lba12");
}

static void test_fp8_products(void **state)
{
    (void)state;
    all_products("e4m3fn", "e4m3fn");
    all_products("e4m3", "e4m3");
    all_products("e5m2", "e5m2");
    all_products("e4m3fn", "e3m4,fin,ftz,bias=1");
    all_products("e2m1,fin", "e2m1,fin");
}

/* ---- quant monotonic -------------------------------------------------- */

typedef struct {
    double value;
    uint16_t bits;
} keyed;

static int by_value(const void *x, const void *y)
{
    const keyed *a = x, *b = y;
    return a->value < b->value ? -1 : a->value > b->value ? 1 : (int)a->bits - (int)b->bits;
}

static void monotonic_from_fp16(const char *out_name, mg_rounding rnd)
{
    mg_format in = tf_format("fp16"), out = tf_format(out_name);
    static keyed order[65536];
    size_t n = 0;
    for (uint32_t x = 0; x < 65536; x++)
        if (tf_read(&in, x).kind != 2) order[n++] = (keyed){ tf_to_double(&in, x), (uint16_t)x };
    qsort(order, n, sizeof order[0], by_value);
    double prev = -__builtin_inf();
    for (size_t i = 0; i < n; i++) {
        unsigned fl = 0;
        uint64_t r = mg_quant(&in, tf_bits(order[i].bits), &out, &rnd, &fl).bits;
        double v = tf_to_double(&out, r);
        if (v != v || v < prev) {
            print_error("quant fp16 -> %s (%s) is not monotonic at input %04x (%a -> %a, previous %a)\n", out_name,
                        mg_round_mode_name(rnd.mode), order[i].bits, order[i].value, v, prev);
            fail();
        }
        prev = v;
    }
}

static void test_quant_is_monotonic(void **state)
{
    (void)state;
    const char *outs[] = { "e4m3", "e4m3fn", "e5m2", "lba8", "lba12", "e3m4", "e2m1,fin", "lba8,bias=9" };
    const mg_rounding modes[] = { tf_round(MG_RTZ), tf_round(MG_RNE), tf_round_sr(8, 77), tf_round_sr(3, 7) };
    for (size_t i = 0; i < TF_COUNT(outs); i++)
        for (size_t j = 0; j < TF_COUNT(modes); j++) monotonic_from_fp16(outs[i], modes[j]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_e3m4_products),
        cmocka_unit_test(test_lba8_products),
        cmocka_unit_test(test_fp8_products),
        cmocka_unit_test(test_quant_is_monotonic),
    };
    return cmocka_run_group_tests_name("model_exhaustive", tests, NULL, NULL);
}
