/* fp16 and bf16 add, mul and fma through routes that do not share any code
 * with the model:
 *
 * fp16: operands are widened to double (exact) and combined exactly in
 *   double (sum and product of two fp16 values always fit), then GCC's
 *   double -> _Float16 conversion (libgcc soft-fp) rounds once.  It honours
 *   the MXCSR rounding mode and raises IEEE flags with tininess after
 *   rounding, which the first test checks on this host.  For fma, a*b is
 *   exact in double and the addition is done "round to odd" (truncate, then
 *   set the last bit when inexact): a round-to-odd value with 53 bits rounds
 *   to 11 bits exactly as the exact value would.
 * bf16: the same round-to-odd trick twice (double, then float), then a
 *   hand-written conversion of float bits to bf16 bits (rne: add 0x7fff plus
 *   the lowest kept bit; rtz: drop the low half) and hand-derived flags.
 *
 * 10^6 seeded edge-biased vectors per operation, each checked in rne and rtz. */
#pragma GCC diagnostic ignored "-Wunknown-pragmas"
#pragma STDC FENV_ACCESS ON

#include <fenv.h>
#include <math.h>

#include "test_helpers.h"

enum { HALF_VECTORS = 1000000 };

typedef enum { OP_ADD, OP_MUL, OP_FMA } half_op;
static const char *const op_names[] = { "add", "mul", "fma" };

static unsigned host_flags(void)
{
    int e = fetestexcept(FE_INVALID | FE_OVERFLOW | FE_UNDERFLOW | FE_INEXACT);
    return ((e & FE_INVALID) ? MG_FLAG_INVALID : 0) | ((e & FE_OVERFLOW) ? MG_FLAG_OVERFLOW : 0) |
           ((e & FE_UNDERFLOW) ? MG_FLAG_UNDERFLOW : 0) | ((e & FE_INEXACT) ? MG_FLAG_INEXACT : 0);
}

/* ---- fp16 via _Float16 ------------------------------------------------- */

static double fp16_to_double(uint16_t h)
{
    _Float16 x;
    memcpy(&x, &h, sizeof x);
    volatile double d = (double)x; /* exact; an sNaN raises invalid */
    return d;
}

static uint16_t double_to_fp16(double d)
{
    volatile double v = d;
    volatile _Float16 h = (_Float16)v;
    _Float16 copy = h;
    uint16_t bits;
    memcpy(&bits, &copy, sizeof bits);
    return bits;
}

/* The exact result of op (a*b+c for fma), in round-to-odd double when it
 * does not fit (fma only).  Runs in round-toward-zero; flags accumulate. */
__attribute__((noinline)) static double exact_or_odd(half_op op, volatile double a, volatile double b,
                                                     volatile double c)
{
    volatile double r;
    if (op == OP_ADD) return r = a + b;
    if (op == OP_MUL) return r = a * b;
    volatile double p = a * b; /* exact: at most 22 (fp16) or 16 (bf16) bits */
    feclearexcept(FE_INEXACT);
    r = p + c;
    double out = r;
    if (fetestexcept(FE_INEXACT) && !isnan(out) && !isinf(out)) {
        uint64_t u = tf_f64_bits(out) | 1;
        out = tf_f64_from(u);
    }
    return out;
}

__attribute__((noinline)) static uint16_t host_fp16(half_op op, int mode, uint16_t a, uint16_t b, uint16_t c,
                                                    unsigned *flags)
{
    fesetround(FE_TOWARDZERO);
    feclearexcept(FE_ALL_EXCEPT);
    double x = exact_or_odd(op, fp16_to_double(a), fp16_to_double(b), op == OP_FMA ? fp16_to_double(c) : 0.0);
    unsigned invalid = host_flags() & MG_FLAG_INVALID;
    fesetround(mode);
    feclearexcept(FE_ALL_EXCEPT);
    uint16_t r = double_to_fp16(x);
    *flags = invalid | host_flags();
    fesetround(FE_TONEAREST);
    return r;
}

/* ---- bf16 by hand from float bits ------------------------------------- */

static double bf16_to_double(uint16_t h) { return (double)tf_f32_from((uint32_t)h << 16); }

/* x (exact or round-to-odd double) -> bf16 under rne or rtz, flags by hand. */
static uint16_t double_to_bf16(double x, bool rne, unsigned *flags)
{
    if (isnan(x)) return 0x7fc0;
    if (isinf(x)) return x < 0 ? 0xff80 : 0x7f80;
    /* round to odd into float: truncate, then mark inexactness in the last bit */
    fesetround(FE_TOWARDZERO);
    feclearexcept(FE_INEXACT);
    volatile double xv = x;
    volatile float f = (float)xv;
    uint32_t fb = tf_f32_bits(f);
    if (fetestexcept(FE_INEXACT)) fb |= 1;
    fesetround(FE_TONEAREST);

    uint16_t h = rne ? (uint16_t)((fb + 0x7fffu + ((fb >> 16) & 1)) >> 16) : (uint16_t)(fb >> 16);
    double mag = fabs(x);
    double r = bf16_to_double(h);
    if ((h & 0x7fff) == 0x7f80 || (!rne && mag >= 0x1p128)) {
        *flags |= MG_FLAG_OVERFLOW | MG_FLAG_INEXACT;
        return h;
    }
    if (r != x) {
        *flags |= MG_FLAG_INEXACT;
        bool tiny = rne ? mag < 0x1p-126 - 0x1p-135 : mag < 0x1p-126;
        if (tiny) *flags |= MG_FLAG_UNDERFLOW;
    }
    return h;
}

__attribute__((noinline)) static uint16_t host_bf16(half_op op, int mode, uint16_t a, uint16_t b, uint16_t c,
                                                    unsigned *flags)
{
    fesetround(FE_TOWARDZERO);
    feclearexcept(FE_ALL_EXCEPT);
    /* bf16 -> double is exact, and an sNaN raises invalid in the float -> double step */
    volatile float fa = tf_f32_from((uint32_t)a << 16), fb = tf_f32_from((uint32_t)b << 16),
                   fc = tf_f32_from(op == OP_FMA ? (uint32_t)c << 16 : 0);
    volatile double da = fa, db = fb, dc = fc;
    double x = op == OP_FMA ? exact_or_odd(op, da, db, dc) : 0;
    if (op != OP_FMA) {
        /* a sum of two bf16 values may not fit a double: round to odd too */
        volatile double r = op == OP_ADD ? da + db : da * db;
        x = r;
        if (fetestexcept(FE_INEXACT) && !isnan(x) && !isinf(x)) x = tf_f64_from(tf_f64_bits(x) | 1);
    }
    *flags = host_flags() & MG_FLAG_INVALID;
    fesetround(FE_TONEAREST);
    return double_to_bf16(x, mode == FE_TONEAREST, flags);
}

/* ---- operands ---------------------------------------------------------- */

typedef struct {
    int e, m;
} half_format;

static uint16_t gen_half(tf_rng *r, const half_format *f, uint16_t near)
{
    uint64_t max_exp = (1u << f->e) - 1, bias = max_exp >> 1;
    uint64_t sign = tf_next(r) & 1, exp, frac = tf_next(r) & mg_mask64(f->m);
    switch (tf_below(r, 12)) {
    case 0:
    case 1: return (uint16_t)tf_next(r);
    case 2: exp = 0; break;
    case 3: exp = 1 + tf_below(r, 2); break;
    case 4: exp = max_exp - 1 - tf_below(r, 2); break;
    case 5: exp = max_exp; frac = tf_below(r, 3) ? 0 : frac; break;
    case 6:
    case 7: { /* near the other operand's exponent: cancellation, ties */
        int64_t e = (int64_t)((near >> f->m) & max_exp) + (int64_t)tf_below(r, 5) - 2;
        exp = e < 0 ? 0 : e >= (int64_t)max_exp ? max_exp - 1 : (uint64_t)e;
        break;
    }
    default: exp = bias - (uint64_t)f->m + tf_below(r, 2 * (uint64_t)f->m + 1); break;
    }
    if (tf_below(r, 3) == 0) frac &= ~mg_mask64((int)tf_below(r, (uint64_t)f->m + 1)); /* short significands */
    return (uint16_t)((sign << (f->e + f->m)) | (exp << f->m) | frac);
}

typedef uint16_t (*half_route)(half_op, int, uint16_t, uint16_t, uint16_t, unsigned *);

static void run_half(const char *fmt, const half_format *hf, half_route host, half_op op, uint64_t seed)
{
    static const struct { int host; mg_round_mode mode; const char *name; } modes[] = {
        { FE_TONEAREST, MG_RNE, "rne" },
        { FE_TOWARDZERO, MG_RTZ, "rtz" },
    };
    mg_format f = tf_format(fmt);
    uint16_t canonical_nan = (uint16_t)((((1u << hf->e) - 1) << hf->m) | (1u << (hf->m - 1)));
    tf_rng rng = { seed };
    int bad = 0;
    unsigned long inexact = 0, underflow = 0, overflow = 0;
    for (long i = 0; i < HALF_VECTORS; i++) {
        uint16_t a = gen_half(&rng, hf, 0);
        uint16_t b = gen_half(&rng, hf, a);
        uint16_t c = gen_half(&rng, hf, tf_below(&rng, 2) ? a : b);
        for (size_t k = 0; k < 2; k++) {
            unsigned hfl = 0, mfl = 0;
            uint16_t want = host(op, modes[k].host, a, b, c, &hfl);
            if ((want & 0x7fff) > (((1u << hf->e) - 1) << hf->m)) want = canonical_nan;
            mg_rounding rnd = tf_round(modes[k].mode);
            uint64_t got;
            if (op == OP_ADD) got = mg_add(&f, tf_bits(a), &f, tf_bits(b), &f, &rnd, &mfl).bits;
            else if (op == OP_MUL) got = mg_mul(&f, tf_bits(a), &f, tf_bits(b), &f, &rnd, &mfl).bits;
            else got = mg_fma(&f, tf_bits(a), &f, tf_bits(b), &f, tf_bits(c), &f, &rnd, &mfl).bits;
            /* Inf*0 beside a quiet NaN: the invalid flag is the implementation's choice */
            if (op == OP_FMA && (hfl ^ mfl) == MG_FLAG_INVALID && got == canonical_nan) hfl = mfl;
            inexact += (hfl & MG_FLAG_INEXACT) != 0;
            underflow += (hfl & MG_FLAG_UNDERFLOW) != 0;
            overflow += (hfl & MG_FLAG_OVERFLOW) != 0;
            if (got != want || mfl != hfl) {
                if (++bad <= 10)
                    print_error("%s %s %s: a=%04x b=%04x c=%04x route %04x fl %02x, model %04llx fl %02x\n", fmt,
                                op_names[op], modes[k].name, a, b, c, want, hfl, (unsigned long long)got, mfl);
            }
        }
    }
    printf("  %s %s: %d vectors x {rne, rtz}: inexact %lu, underflow %lu, overflow %lu\n", fmt, op_names[op],
           HALF_VECTORS, inexact, underflow, overflow);
    if (bad) {
        print_error("%s %s: %d results differ from the independent route\n", fmt, op_names[op], bad);
        fail();
    }
}

static const half_format FP16 = { 5, 10 };
static const half_format BF16 = { 8, 7 };

/* The libgcc conversion behaves as the fp16 route assumes. */
static void test_fp16_route_assumptions(void **state)
{
    (void)state;
    unsigned fl;
    /* 1 + 2^-11: a tie, to even 1.0 (rne) */
    assert_int_equal(host_fp16(OP_ADD, FE_TONEAREST, 0x3c00, 0x1000, 0, &fl), 0x3c00);
    assert_int_equal(fl, MG_FLAG_INEXACT);
    /* 1 + 3*2^-11 in rtz: 1 + 2^-10 */
    assert_int_equal(host_fp16(OP_ADD, FE_TOWARDZERO, 0x3c00, 0x1600, 0, &fl), 0x3c01);
    assert_int_equal(fl, MG_FLAG_INEXACT);
    /* (1 - 2^-11)(2^-14 + 2^-24) = 2^-14 + 2^-25 - 2^-35: below the tie, a
     * normal result: inexact only */
    assert_int_equal(host_fp16(OP_MUL, FE_TONEAREST, 0x3bff, 0x0401, 0, &fl), 0x0400);
    assert_int_equal(fl, MG_FLAG_INEXACT);
    /* 2^-13 * -2^-13 + 2^-14 = 2^-14 - 2^-26: tiny before rounding only (the
     * unbounded rounding reaches 2^-14): inexact, no underflow */
    assert_int_equal(host_fp16(OP_FMA, FE_TONEAREST, 0x0800, 0x8800, 0x0400, &fl), 0x0400);
    assert_int_equal(fl, MG_FLAG_INEXACT);
    /* 2^-14 - 2^-25: tiny after rounding too: underflow */
    assert_int_equal(host_fp16(OP_FMA, FE_TONEAREST, 0x0c00, 0x8800, 0x0400, &fl), 0x0400);
    assert_int_equal(fl, MG_FLAG_UNDERFLOW | MG_FLAG_INEXACT);
    /* sNaN operand: invalid */
    assert_int_equal(host_fp16(OP_ADD, FE_TONEAREST, 0x7c01, 0x3c00, 0, &fl) & 0x7e00, 0x7e00);
    assert_int_equal(fl, MG_FLAG_INVALID);
    /* 65520 rounds to Inf in rne, to 65504 without overflow in rtz */
    assert_int_equal(host_fp16(OP_ADD, FE_TONEAREST, 0x7bff, 0x4c00, 0, &fl), 0x7c00);
    assert_int_equal(fl, MG_FLAG_OVERFLOW | MG_FLAG_INEXACT);
    assert_int_equal(host_fp16(OP_ADD, FE_TOWARDZERO, 0x7bff, 0x4c00, 0, &fl), 0x7bff);
    assert_int_equal(fl, MG_FLAG_INEXACT);
}

/* The hand-written bf16 conversion on hand-derived cases. */
static void test_bf16_route_assumptions(void **state)
{
    (void)state;
    unsigned fl = 0;
    assert_int_equal(double_to_bf16(1.0 + 0x1p-8, true, &fl), 0x3f80); /* tie to even */
    assert_int_equal(fl, MG_FLAG_INEXACT);
    fl = 0;
    assert_int_equal(double_to_bf16(1.0 + 3 * 0x1p-8, true, &fl), 0x3f82); /* tie to even, up */
    fl = 0;
    assert_int_equal(double_to_bf16(1.0 + 0x1p-8 + 0x1p-40, true, &fl), 0x3f81); /* sticky below float */
    fl = 0;
    assert_int_equal(double_to_bf16(0x1.ffp127, true, &fl), 0x7f80); /* overflow tie */
    assert_int_equal(fl, MG_FLAG_OVERFLOW | MG_FLAG_INEXACT);
    fl = 0;
    assert_int_equal(double_to_bf16(-0x1p200, false, &fl), 0xff7f); /* rtz overflow: -max */
    assert_int_equal(fl, MG_FLAG_OVERFLOW | MG_FLAG_INEXACT);
    fl = 0;
    assert_int_equal(double_to_bf16(0x1p-126 - 0x1p-136, true, &fl), 0x0080); /* not tiny after rounding */
    assert_int_equal(fl, MG_FLAG_INEXACT);
    fl = 0;
    assert_int_equal(double_to_bf16(0x1p-126 - 0x1p-134, true, &fl), 0x0080); /* tiny after rounding */
    assert_int_equal(fl, MG_FLAG_UNDERFLOW | MG_FLAG_INEXACT);
    fl = 0;
    assert_int_equal(double_to_bf16(0x1p-134, true, &fl), 0x0000); /* half the smallest: to 0 */
    assert_int_equal(fl, MG_FLAG_UNDERFLOW | MG_FLAG_INEXACT);
    fl = 0;
    assert_int_equal(double_to_bf16(-0x1.8p-133, false, &fl), 0x8001);
    assert_int_equal(fl, MG_FLAG_UNDERFLOW | MG_FLAG_INEXACT);
}

static void test_fp16_add(void **state) { (void)state; run_half("fp16", &FP16, host_fp16, OP_ADD, 301); }
static void test_fp16_mul(void **state) { (void)state; run_half("fp16", &FP16, host_fp16, OP_MUL, 302); }
static void test_fp16_fma(void **state) { (void)state; run_half("fp16", &FP16, host_fp16, OP_FMA, 303); }
static void test_bf16_add(void **state) { (void)state; run_half("bf16", &BF16, host_bf16, OP_ADD, 401); }
static void test_bf16_mul(void **state) { (void)state; run_half("bf16", &BF16, host_bf16, OP_MUL, 402); }
static void test_bf16_fma(void **state) { (void)state; run_half("bf16", &BF16, host_bf16, OP_FMA, 403); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fp16_route_assumptions),
        cmocka_unit_test(test_bf16_route_assumptions),
        cmocka_unit_test(test_fp16_add),
        cmocka_unit_test(test_fp16_mul),
        cmocka_unit_test(test_fp16_fma),
        cmocka_unit_test(test_bf16_add),
        cmocka_unit_test(test_bf16_mul),
        cmocka_unit_test(test_bf16_fma),
    };
    return cmocka_run_group_tests_name("model_half", tests, NULL, NULL);
}
