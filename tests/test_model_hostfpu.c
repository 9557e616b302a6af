/* fp32 and fp64 add, mul and fma against the host FPU (x86-64 SSE/FMA3 or
 * whatever the machine has), on seeded random, edge-biased vectors: 10^6 per
 * operation and format, each checked under rne and rtz (bits and flags), and
 * stochastic rounding checked against the host's directed roundings.
 *
 * How the host is made trustworthy:
 * - every host operation runs in a noinline helper through volatile
 *   variables, between feclearexcept and fetestexcept, so the compiler can
 *   neither fold it nor move it across the rounding-mode change (GCC ignores
 *   the FENV_ACCESS pragma below; it is there for compilers that honour it);
 * - fma uses the FMA3 instruction when the CPU has it (exact single
 *   rounding, hardware flags) and libm's correctly rounded fma otherwise;
 * - x86 detects tininess after rounding and raises underflow only for a tiny
 *   inexact result when the exception is masked, which is docs/spec/rounding.md's rule;
 *   the test of a value just below 2^emin below pins that down on this host.
 * NaN results are compared as the canonical NaN.  One case is skipped: fma
 * with Inf*0 and a quiet NaN addend, where IEEE 754 leaves the invalid flag
 * to the implementation (the model raises it, as SoftFloat does). */
#pragma GCC diagnostic ignored "-Wunknown-pragmas"
#pragma STDC FENV_ACCESS ON

#include <fenv.h>
#include <math.h>

#include "test_helpers.h"

enum { VECTORS_PER_OP = 1000000 };

typedef enum { OP_ADD, OP_MUL, OP_FMA } host_op;

static unsigned host_flags(void)
{
    int e = fetestexcept(FE_INVALID | FE_OVERFLOW | FE_UNDERFLOW | FE_INEXACT);
    return ((e & FE_INVALID) ? MG_FLAG_INVALID : 0) | ((e & FE_OVERFLOW) ? MG_FLAG_OVERFLOW : 0) |
           ((e & FE_UNDERFLOW) ? MG_FLAG_UNDERFLOW : 0) | ((e & FE_INEXACT) ? MG_FLAG_INEXACT : 0);
}

__attribute__((target("fma"), noinline)) static float fma3_f32(float a, float b, float c)
{
    return __builtin_fmaf(a, b, c);
}

__attribute__((target("fma"), noinline)) static double fma3_f64(double a, double b, double c)
{
    return __builtin_fma(a, b, c);
}

static bool have_fma3(void) { return __builtin_cpu_supports("fma"); }

/* One host operation in rounding mode `mode`; returns the result bits. */
__attribute__((noinline)) static uint64_t host32(host_op op, int mode, uint64_t a, uint64_t b, uint64_t c,
                                                 unsigned *flags)
{
    volatile float x = tf_f32_from((uint32_t)a), y = tf_f32_from((uint32_t)b), z = tf_f32_from((uint32_t)c);
    volatile float r;
    fesetround(mode);
    feclearexcept(FE_ALL_EXCEPT);
    switch (op) {
    case OP_ADD: r = x + y; break;
    case OP_MUL: r = x * y; break;
    default: r = have_fma3() ? fma3_f32(x, y, z) : fmaf(x, y, z); break;
    }
    *flags = host_flags();
    fesetround(FE_TONEAREST);
    return tf_f32_bits(r);
}

__attribute__((noinline)) static uint64_t host64(host_op op, int mode, uint64_t a, uint64_t b, uint64_t c,
                                                 unsigned *flags)
{
    volatile double x = tf_f64_from(a), y = tf_f64_from(b), z = tf_f64_from(c);
    volatile double r;
    fesetround(mode);
    feclearexcept(FE_ALL_EXCEPT);
    switch (op) {
    case OP_ADD: r = x + y; break;
    case OP_MUL: r = x * y; break;
    default: r = have_fma3() ? fma3_f64(x, y, z) : fma(x, y, z); break;
    }
    *flags = host_flags();
    fesetround(FE_TONEAREST);
    return tf_f64_bits(r);
}

/* ---- edge-biased operands (a generator only: it decides nothing) ------ */

typedef struct {
    int e, m; /* exponent and fraction widths */
    const char *name;
} host_format;

static uint64_t pack(const host_format *f, uint64_t sign, uint64_t exp, uint64_t frac)
{
    return (sign << (f->e + f->m)) | (exp << f->m) | (frac & mg_mask64(f->m));
}

static uint64_t exp_max(const host_format *f) { return (1ull << f->e) - 1; }

static int64_t clamp_exp(const host_format *f, int64_t x)
{
    if (x < 0) return 0;
    if (x > (int64_t)exp_max(f) - 1) return (int64_t)exp_max(f) - 1;
    return x;
}

/* A fraction with a random number of trailing zeros (short significands make
 * exact results and ties common), or all ones, or near zero. */
static uint64_t gen_frac(tf_rng *r, const host_format *f)
{
    uint64_t bits = tf_next(r) & mg_mask64(f->m);
    switch (tf_below(r, 6)) {
    case 0: return 0;
    case 1: return mg_mask64(f->m) - tf_below(r, 4);
    case 2: return tf_below(r, 4);
    case 3: return bits & ~mg_mask64((int)tf_below(r, (uint64_t)f->m + 1));
    default: return bits;
    }
}

static uint64_t gen_operand(tf_rng *r, const host_format *f)
{
    uint64_t sign = tf_next(r) & 1;
    uint64_t bias = exp_max(f) >> 1;
    switch (tf_below(r, 16)) {
    case 0:
    case 1:
    case 2: return tf_next(r) & mg_mask64(1 + f->e + f->m);
    case 3: return pack(f, sign, 0, 0);
    case 4: return pack(f, sign, exp_max(f), 0);
    case 5: { /* NaN: quiet or signalling, any payload */
        uint64_t frac = tf_next(r) & mg_mask64(f->m);
        if (frac == 0) frac = 1;
        return pack(f, sign, exp_max(f), frac);
    }
    case 6: return pack(f, sign, 0, gen_frac(r, f));
    case 7: return pack(f, sign, 1 + tf_below(r, 3), gen_frac(r, f));
    case 8: return pack(f, sign, exp_max(f) - 1 - tf_below(r, 3), gen_frac(r, f));
    default: { /* a value of moderate size */
        int64_t e = (int64_t)bias + (int64_t)tf_below(r, 2 * (uint64_t)f->m + 1) - f->m;
        return pack(f, sign, (uint64_t)clamp_exp(f, e), gen_frac(r, f));
    }
    }
}

/* A finite value whose encoding is `near` (a magnitude a few ulps away) and a
 * random sign: close to it (cancellation) or far from it (exponent gaps). */
static uint64_t gen_near(tf_rng *r, const host_format *f, uint64_t near)
{
    uint64_t sign_bit = 1ull << (f->e + f->m);
    uint64_t mag = near & (sign_bit - 1);
    uint64_t e = mag >> f->m;
    if (e == exp_max(f)) return gen_operand(r, f);
    uint64_t sign = tf_next(r) & 1;
    switch (tf_below(r, 4)) {
    case 0: { /* a few encodings away */
        int64_t d = (int64_t)tf_below(r, 9) - 4;
        int64_t m2 = (int64_t)mag + d;
        if (m2 < 0) m2 = 0;
        if ((uint64_t)m2 >= (exp_max(f) << f->m)) m2 = (int64_t)(exp_max(f) << f->m) - 1;
        return (sign << (f->e + f->m)) | (uint64_t)m2;
    }
    case 1: /* close exponent, any fraction */
        return pack(f, sign, (uint64_t)clamp_exp(f, (int64_t)e + (int64_t)tf_below(r, 5) - 2), gen_frac(r, f));
    case 2: { /* a large exponent gap, around the precision */
        int64_t gap = f->m - 3 + (int64_t)tf_below(r, 8);
        if (tf_next(r) & 1) gap = (int64_t)tf_below(r, 200);
        return pack(f, sign, (uint64_t)clamp_exp(f, (int64_t)e - gap), gen_frac(r, f));
    }
    default: /* just the same magnitude */
        return (sign << (f->e + f->m)) | mag;
    }
}

/* For mul: an operand whose exponent puts the product near overflow,
 * underflow or the subnormal range. */
static uint64_t gen_mul_partner(tf_rng *r, const host_format *f, uint64_t a)
{
    int64_t bias = (int64_t)(exp_max(f) >> 1);
    int64_t ea = (int64_t)((a >> f->m) & exp_max(f));
    if (ea == 0 || ea == (int64_t)exp_max(f) || tf_below(r, 2)) return gen_operand(r, f);
    int64_t target; /* biased exponent wanted for the product */
    switch (tf_below(r, 3)) {
    case 0: target = (int64_t)exp_max(f) - 1 - (int64_t)tf_below(r, 3); break;
    case 1: target = 1 - (int64_t)tf_below(r, (uint64_t)f->m + 3); break;
    default: target = 1 + (int64_t)tf_below(r, 3); break;
    }
    int64_t eb = target - ea + bias;
    return pack(f, tf_next(r) & 1, (uint64_t)clamp_exp(f, eb), gen_frac(r, f));
}

/* ---- the comparison ---------------------------------------------------- */

typedef struct {
    const host_format *hf;
    mg_format f;
    uint64_t (*host)(host_op, int, uint64_t, uint64_t, uint64_t, unsigned *);
    uint64_t canonical_nan;
    int mismatches;
    unsigned long flag_count[5]; /* rne results with invalid, overflow, underflow, inexact; exact */
} host_check;

static bool is_nan_bits(const host_format *f, uint64_t x)
{
    uint64_t mag = x & mg_mask64(f->e + f->m);
    return mag > (exp_max(f) << f->m);
}

static uint64_t model_op(host_check *hc, host_op op, const mg_rounding *rnd, uint64_t a, uint64_t b, uint64_t c,
                         unsigned *flags)
{
    *flags = 0;
    switch (op) {
    case OP_ADD: return mg_add(&hc->f, tf_bits(a), &hc->f, tf_bits(b), &hc->f, rnd, flags).bits;
    case OP_MUL: return mg_mul(&hc->f, tf_bits(a), &hc->f, tf_bits(b), &hc->f, rnd, flags).bits;
    default: return mg_fma(&hc->f, tf_bits(a), &hc->f, tf_bits(b), &hc->f, tf_bits(c), &hc->f, rnd, flags).bits;
    }
}

static const char *const op_names[] = { "add", "mul", "fma" };

static void report(host_check *hc, host_op op, const char *mode, uint64_t a, uint64_t b, uint64_t c,
                   uint64_t want, unsigned want_fl, uint64_t got, unsigned got_fl)
{
    if (++hc->mismatches > 10) return;
    print_error("%s %s %s: a=%llx b=%llx c=%llx host %llx fl %02x, model %llx fl %02x\n", hc->hf->name,
                op_names[op], mode, (unsigned long long)a, (unsigned long long)b, (unsigned long long)c,
                (unsigned long long)want, want_fl, (unsigned long long)got, got_fl);
}

/* Inf*0 beside a quiet NaN addend: the invalid flag is implementation-defined. */
static bool flags_unspecified(const host_format *f, host_op op, uint64_t a, uint64_t b, uint64_t c)
{
    if (op != OP_FMA || !is_nan_bits(f, c)) return false;
    uint64_t ma = a & mg_mask64(f->e + f->m), mb = b & mg_mask64(f->e + f->m), inf = exp_max(f) << f->m;
    return (ma == inf && mb == 0) || (ma == 0 && mb == inf);
}

static void check_vector(host_check *hc, host_op op, uint64_t a, uint64_t b, uint64_t c, bool with_sr, tf_rng *rng)
{
    static const struct { int host; mg_round_mode mode; const char *name; } modes[] = {
        { FE_TONEAREST, MG_RNE, "rne" },
        { FE_TOWARDZERO, MG_RTZ, "rtz" },
    };
    bool skip_flags = flags_unspecified(hc->hf, op, a, b, c);
    uint64_t rtz_host = 0;
    unsigned rtz_flags = 0;
    for (size_t i = 0; i < 2; i++) {
        unsigned hfl, mfl;
        uint64_t want = hc->host(op, modes[i].host, a, b, c, &hfl);
        if (is_nan_bits(hc->hf, want)) want = hc->canonical_nan;
        mg_rounding rnd = tf_round(modes[i].mode);
        uint64_t got = model_op(hc, op, &rnd, a, b, c, &mfl);
        if (skip_flags) hfl = mfl;
        if (got != want || mfl != hfl) report(hc, op, modes[i].name, a, b, c, want, hfl, got, mfl);
        if (modes[i].mode == MG_RNE) {
            hc->flag_count[0] += (hfl & MG_FLAG_INVALID) != 0;
            hc->flag_count[1] += (hfl & MG_FLAG_OVERFLOW) != 0;
            hc->flag_count[2] += (hfl & MG_FLAG_UNDERFLOW) != 0;
            hc->flag_count[3] += (hfl & MG_FLAG_INEXACT) != 0;
            hc->flag_count[4] += hfl == 0;
        }
        if (modes[i].mode == MG_RTZ) {
            rtz_host = want;
            rtz_flags = hfl;
        }
    }
    if (!with_sr || skip_flags) return;

    /* sr: the result is the truncated one or the next one away from zero (the
     * host's directed rounding away from zero); with r = 0 it is the
     * truncated one, except that an overflow gives Inf (sr is not rtz there). */
    unsigned afl, mfl;
    uint64_t sign_bit = 1ull << (hc->hf->e + hc->hf->m);
    bool negative = (rtz_host & sign_bit) != 0;
    uint64_t away = hc->host(op, negative ? FE_DOWNWARD : FE_UPWARD, a, b, c, &afl);
    if (is_nan_bits(hc->hf, away)) away = hc->canonical_nan;
    mg_rounding sr0 = tf_round_sr(8, 0);
    uint64_t got = model_op(hc, op, &sr0, a, b, c, &mfl);
    uint64_t want0 = (rtz_flags & MG_FLAG_OVERFLOW) ? away : rtz_host;
    unsigned want0_fl = (rtz_flags & MG_FLAG_OVERFLOW) ? afl : rtz_flags;
    if (got != want0 || mfl != want0_fl) report(hc, op, "sr r=0", a, b, c, want0, want0_fl, got, mfl);
    mg_rounding srr = tf_round_sr(1 + (int)tf_below(rng, MG_RBITS_MAX), 0);
    srr.random = tf_next(rng) & mg_mask64(srr.rbits);
    got = model_op(hc, op, &srr, a, b, c, &mfl);
    if ((got != rtz_host && got != away) || (mfl & (MG_FLAG_INEXACT | MG_FLAG_INVALID)) !=
                                                (rtz_flags & (MG_FLAG_INEXACT | MG_FLAG_INVALID)))
        report(hc, op, "sr r=random (result must be rtz or away)", a, b, c, away, afl, got, mfl);
}

static uint64_t host_product_near(host_check *hc, tf_rng *r, uint64_t a, uint64_t b)
{
    unsigned fl;
    uint64_t p = hc->host(OP_MUL, FE_TONEAREST, a, b, 0, &fl);
    uint64_t sign_bit = 1ull << (hc->hf->e + hc->hf->m);
    uint64_t c = gen_near(r, hc->hf, p);
    if (tf_below(r, 2)) c = (c & ~sign_bit) | ((p & sign_bit) ^ sign_bit); /* opposite sign: cancellation */
    return c;
}

static void run_op(const host_format *hf, const char *fmt, uint64_t (*host)(host_op, int, uint64_t, uint64_t,
                                                                             uint64_t, unsigned *),
                   host_op op, uint64_t seed)
{
    host_check hc = { hf, tf_format(fmt), host, 0, 0, { 0 } };
    hc.canonical_nan = pack(hf, 0, exp_max(hf), 1ull << (hf->m - 1));
    tf_rng rng = { seed };
    for (long i = 0; i < VECTORS_PER_OP; i++) {
        uint64_t a = gen_operand(&rng, hf), b, c = 0;
        if (op == OP_MUL) b = gen_mul_partner(&rng, hf, a);
        else b = tf_below(&rng, 3) ? gen_near(&rng, hf, a) : gen_operand(&rng, hf);
        if (op == OP_FMA) {
            if (tf_below(&rng, 2)) b = gen_mul_partner(&rng, hf, a);
            c = tf_below(&rng, 4) ? host_product_near(&hc, &rng, a, b) : gen_operand(&rng, hf);
        }
        check_vector(&hc, op, a, b, c, i % 4 == 0, &rng);
    }
    /* What the vectors covered (rne), so that a weak generator shows. */
    printf("  %s %s: %d vectors, rne flags: invalid %lu, overflow %lu, underflow %lu, inexact %lu, none %lu\n",
           hf->name, op_names[op], VECTORS_PER_OP, hc.flag_count[0], hc.flag_count[1], hc.flag_count[2],
           hc.flag_count[3], hc.flag_count[4]);
    if (hc.mismatches) {
        print_error("%s %s: %d of %d vectors differ from the host (first 10 shown)\n", hf->name, op_names[op],
                    hc.mismatches, VECTORS_PER_OP);
        fail();
    }
}

static const host_format F32 = { 8, 23, "fp32" };
static const host_format F64 = { 11, 52, "fp64" };

/* The host facts the comparison relies on, checked on this machine. */
static void test_host_behaves_as_assumed(void **state)
{
    (void)state;
    unsigned fl;
    /* 2^-126 - 2^-152: tiny before rounding, 2^-126 after (rne on an unbounded
     * exponent range rounds it up): a before-rounding host would say underflow */
    assert_int_equal(host32(OP_FMA, FE_TONEAREST, tf_f32_bits(0x1p-76f), tf_f32_bits(-0x1p-76f),
                            tf_f32_bits(0x1p-126f), &fl),
                     0x00800000);
    assert_int_equal(fl, MG_FLAG_INEXACT);
    /* 2^-126 - 2^-150: rounds to 2^-126 on the subnormal grid but is tiny after
     * rounding on the unbounded one: underflow */
    assert_int_equal(host32(OP_FMA, FE_TONEAREST, tf_f32_bits(0x1p-75f), tf_f32_bits(-0x1p-75f),
                            tf_f32_bits(0x1p-126f), &fl),
                     0x00800000);
    assert_int_equal(fl, MG_FLAG_UNDERFLOW | MG_FLAG_INEXACT);
    assert_int_equal(host32(OP_ADD, FE_TOWARDZERO, tf_f32_bits(1.0f), tf_f32_bits(0x1p-30f), 0, &fl), 0x3f800000);
    assert_int_equal(fl, MG_FLAG_INEXACT);
    assert_int_equal(host32(OP_ADD, FE_TONEAREST, 0x00800000, 0x80000001, 0, &fl), 0x007fffff);
    assert_int_equal(fl, 0); /* an exact subnormal result: no underflow */
}

/* quant fp64 -> fp32 against the host's conversion: operands biased to the
 * fp32 range edges (overflow, subnormals, values that round into 2^-126). */
__attribute__((noinline)) static uint32_t host_narrow(int mode, uint64_t x, unsigned *flags)
{
    volatile double d = tf_f64_from(x);
    volatile float f;
    fesetround(mode);
    feclearexcept(FE_ALL_EXCEPT);
    f = (float)d;
    *flags = host_flags();
    fesetround(FE_TONEAREST);
    return tf_f32_bits(f);
}

static void test_fp64_to_fp32_quant(void **state)
{
    (void)state;
    mg_format f64 = tf_format("fp64"), f32 = tf_format("fp32");
    tf_rng rng = { 301 };
    int bad = 0;
    for (long i = 0; i < VECTORS_PER_OP; i++) {
        uint64_t x = gen_operand(&rng, &F64);
        if (tf_below(&rng, 2)) { /* an fp64 exponent around fp32's edges */
            static const int edges[] = { 127, 128, -126, -127, -149, -150, -151, 0 };
            int e = edges[tf_below(&rng, TF_COUNT(edges))] + (int)tf_below(&rng, 5) - 2;
            x = (x & ~(0x7ffull << 52)) | ((uint64_t)(1023 + e) << 52);
        }
        for (int k = 0; k < 2; k++) {
            unsigned hfl, mfl = 0;
            uint32_t want = host_narrow(k ? FE_TOWARDZERO : FE_TONEAREST, x, &hfl);
            if ((want & 0x7fffffff) > 0x7f800000) want = 0x7fc00000;
            mg_rounding rnd = tf_round(k ? MG_RTZ : MG_RNE);
            uint64_t got = mg_quant(&f64, tf_bits(x), &f32, &rnd, &mfl).bits;
            if ((got != want || mfl != hfl) && ++bad <= 10)
                print_error("quant fp64 -> fp32 %s: x=%016llx host %08x fl %02x, model %08llx fl %02x\n",
                            k ? "rtz" : "rne", (unsigned long long)x, want, hfl, (unsigned long long)got, mfl);
        }
    }
    if (bad) {
        print_error("quant fp64 -> fp32: %d results differ from the host\n", bad);
        fail();
    }
}

static void test_fp32_add(void **state) { (void)state; run_op(&F32, "fp32", host32, OP_ADD, 101); }
static void test_fp32_mul(void **state) { (void)state; run_op(&F32, "fp32", host32, OP_MUL, 102); }
static void test_fp32_fma(void **state) { (void)state; run_op(&F32, "fp32", host32, OP_FMA, 103); }
static void test_fp64_add(void **state) { (void)state; run_op(&F64, "fp64", host64, OP_ADD, 201); }
static void test_fp64_mul(void **state) { (void)state; run_op(&F64, "fp64", host64, OP_MUL, 202); }
static void test_fp64_fma(void **state) { (void)state; run_op(&F64, "fp64", host64, OP_FMA, 203); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_host_behaves_as_assumed),
        cmocka_unit_test(test_fp32_add),
        cmocka_unit_test(test_fp32_mul),
        cmocka_unit_test(test_fp32_fma),
        cmocka_unit_test(test_fp64_add),
        cmocka_unit_test(test_fp64_mul),
        cmocka_unit_test(test_fp64_fma),
        cmocka_unit_test(test_fp64_to_fp32_quant),
    };
    return cmocka_run_group_tests_name("model_hostfpu", tests, NULL, NULL);
}
