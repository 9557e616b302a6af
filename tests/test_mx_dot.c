/* The exact MX block dot product, its accumulation step (docs/spec/mx.md
 * section 4) and the matrix multiply: hand-derived blocks of 8, and random
 * blocks against the host FPU (products and sums exact in double; one host
 * rounding to float, then a host float addition). */
#include <fenv.h>
#include <math.h>

#include "test_helpers.h"

#include "mx.h"

typedef struct {
    mg_mx_elem elem;
    const char *acc;
    bool fused;
    uint8_t xa, xb;
    uint32_t a[8], b[8];
    uint64_t acc_in, want;
    unsigned want_flags;
    const char *why;
} dot_case;

#define ALL8(v) { v, v, v, v, v, v, v, v }

static const dot_case cases[] = {
    { MG_MX_FP4_E2M1, "fp32", 0, 127, 127, ALL8(0x7), ALL8(0x7), 0, 0x43900000, 0, "8 * 6 * 6 = 288" },
    { MG_MX_FP4_E2M1, "fp32", 0, 130, 120, ALL8(0x7), ALL8(0xf), 0x41200000, 0xc1000000, 0,
      "-288 * 2^(130+120-254) = -18; 10 - 18 = -8" },
    { MG_MX_FP4_E2M1, "fp32", 0, 255, 127, ALL8(0x1), ALL8(0x1), 0, 0x7fc00000, 0, "NaN scale: NaN, no flag" },
    { MG_MX_FP8_E4M3, "fp32", 0, 127, 127, { 0x7f, 0x38 }, { 0x38, 0x38 }, 0, 0x7fc00000, 0,
      "e4m3 NaN element (quiet): NaN" },
    { MG_MX_FP8_E5M2, "fp32", 0, 127, 127, { 0x7c, 0x3c }, { 0x3c, 0x3c }, 0x3f800000, 0x7f800000, 0,
      "+Inf * 1 = +Inf; Inf + 1 = Inf" },
    { MG_MX_FP8_E5M2, "fp32", 0, 127, 127, { 0x7c, 0x3c }, { 0x00, 0x3c }, 0, 0x7fc00000, NV, "Inf * 0: invalid" },
    { MG_MX_FP8_E5M2, "fp32", 0, 127, 127, { 0x7c, 0xfc }, { 0x3c, 0x3c }, 0, 0x7fc00000, NV, "+Inf and -Inf: invalid" },
    { MG_MX_FP8_E5M2, "fp32", 1, 127, 127, { 0x7d }, { 0x3c }, 0, 0x7fc00000, NV, "signalling NaN element" },
    { MG_MX_FP8_E5M2, "fp32", 1, 127, 127, { 0xfc }, { 0x3c }, 0x7f800000, 0x7fc00000, NV, "fused: +Inf + -Inf" },
    { MG_MX_FP8_E5M2, "fp32", 0, 127, 127, { 0x7b, 0x7b, 0x7b, 0x7b }, { 0x7b, 0x7b, 0x7b, 0x7b }, 0,
      0x50440000, 0, "4 * 57344^2 = 4 * 1.53125 * 2^31 = 1.53125 * 2^33, exact in fp32" },
    { MG_MX_FP8_E4M3, "fp32", 0, 127, 127, ALL8(0x00), ALL8(0x80), 0x80000000, 0x00000000, 0,
      "zero block: +0; -0 + +0 = +0" },
    { MG_MX_FP8_E4M3, "fp32", 1, 127, 127, ALL8(0x00), ALL8(0x80), 0x80000000, 0x00000000, 0, "fused: same" },
    { MG_MX_FP8_E4M3, "bf16", 0, 127, 127, { 0x38, 0x18 }, { 0x38, 0x18 }, 0x3b80, 0x3f80, NX,
      "V = 1 + 2^-8 ties to 1.0 in bf16, then 1.0 + 2^-8 ties to 1.0" },
    { MG_MX_FP8_E4M3, "bf16", 1, 127, 127, { 0x38, 0x18 }, { 0x38, 0x18 }, 0x3b80, 0x3f81, 0,
      "fused: 2^-8 + 1 + 2^-8 = 1 + 2^-7 exactly" },
    { MG_MX_INT8, "fp32", 0, 127, 127, { 0x80 }, { 0x7f }, 0, 0xc07e0000, 0, "-2 * 127/64 = -3.96875" },
    { MG_MX_FP6_E3M2, "fp32", 0, 0, 0, { 0x01 }, { 0x01 }, 0, 0x00000000, UF | NX,
      "2^-4 * 2^-4 * 2^-254 underflows fp32 to +0" },
    { MG_MX_FP6_E2M3, "fp32", 0, 254, 254, ALL8(0x1f), ALL8(0x1f), 0, 0x7f800000, OF | NX,
      "8 * 56.25 * 2^254 overflows to +Inf" },
    { MG_MX_FP6_E2M3, "e4m3fn", 0, 127, 127, ALL8(0x1f), ALL8(0x1f), 0, 0x7e, NX,
      "450 rounds to 448 (step 32) in a fn accumulator: no overflow" },
    { MG_MX_FP6_E2M3, "e4m3fn", 0, 128, 127, ALL8(0x1f), ALL8(0x1f), 0, 0x7e, OF | NX,
      "900 > 448 saturates in a fn accumulator" },
};

static void test_hand_blocks(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t c = 0; c < TF_COUNT(cases); c++) {
        const dot_case *t = &cases[c];
        mg_mx_dot_spec s = { t->elem, 8, tf_format(t->acc), t->fused };
        unsigned flags = 0;
        mg_bits r = mg_mx_dot_step(&s, t->xa, t->a, t->xb, t->b, tf_bits(t->acc_in), &flags);
        if (r.bits != t->want || flags != t->want_flags) {
            print_error("case %zu (%s): want %llx fl %02x, got %llx fl %02x\n", c, t->why,
                        (unsigned long long)t->want, t->want_flags, (unsigned long long)r.bits, flags);
            bad++;
        }
    }
    if (bad) fail_msg("%d of %zu hand-derived blocks failed", bad, TF_COUNT(cases));
}

static double elem_value(mg_mx_elem e, uint32_t code)
{
    mg_exact v = mg_mx_elem_decode(e, code);
    double m = v.cls == MG_CLASS_ZERO ? 0 : ldexp((double)(uint64_t)v.sig, v.exp);
    return v.sign ? -m : m;
}

/* A random finite element code. */
static uint32_t random_code(tf_rng *rng, mg_mx_elem e)
{
    const mg_mx_elem_info *in = mg_mx_elem_get(e);
    for (;;) {
        uint32_t c = (uint32_t)tf_next(rng) & (uint32_t)mg_mask64(in->bits);
        if (mg_mx_elem_decode(e, c).cls <= MG_CLASS_FINITE) return c;
    }
}

/* fused = 0 and fp32: R = float(ACC) + float(V), V exact in double when the
 * sum fits 53 bits (every element format but fp8_e5m2, whose products reach
 * 2^64 in units of the LSB: it is left to the hand cases and the array). */
static void test_random_against_host(void **state)
{
    (void)state;
    tf_rng rng = { 0xd07u };
    const mg_format fp32 = tf_format("fp32");
    fesetround(FE_TONEAREST);
    for (int trial = 0; trial < 30000; trial++) {
        mg_mx_elem e = (mg_mx_elem)(trial % MG_MX_ELEM_COUNT);
        if (e == MG_MX_FP8_E5M2) e = MG_MX_FP8_E4M3;
        uint32_t a[32], b[32];
        double s = 0;
        for (int i = 0; i < 32; i++) {
            a[i] = random_code(&rng, e);
            b[i] = random_code(&rng, e);
            s += elem_value(e, a[i]) * elem_value(e, b[i]);
        }
        uint8_t xa = (uint8_t)(60 + tf_below(&rng, 140)), xb = (uint8_t)(60 + tf_below(&rng, 140));
        float acc = (float)ldexp((double)((int64_t)tf_below(&rng, 1 << 20) - (1 << 19)), (int)tf_below(&rng, 40) - 20);
        volatile float blk = (float)ldexp(s, xa + xb - 254);
        volatile float want = acc + blk;
        mg_mx_dot_spec spec = { e, 32, fp32, false };
        unsigned flags = 0;
        mg_bits r = mg_mx_dot_step(&spec, xa, a, xb, b, tf_bits(tf_f32_bits(acc)), &flags);
        if (r.bits != tf_f32_bits(want) && !(want == 0 && tf_f32_from((uint32_t)r.bits) == 0))
            fail_msg("trial %d elem %d: got %08llx want %08x", trial, e, (unsigned long long)r.bits,
                     tf_f32_bits(want));
    }
}

/* The matrix multiply of exactly representable inputs (conversion exact) is
 * the host's block sums, rounded to float and added in block order. */
static void test_matmul_against_host(void **state)
{
    (void)state;
    enum { R = 3, K = 40, C = 2, B = 8 };
    tf_rng rng = { 0x3a7u };
    mg_bits x[R * K], w[K * C], y[R * C];
    float xf[R * K], wf[K * C];
    /* fp6_e2m3 values k/8 with |k| <= 15 and a common block maximum of 7.5:
     * every element converts exactly under the floor rule (t = 0). */
    for (int i = 0; i < R * K; i++) xf[i] = i % B == 0 ? 7.5f : (float)((int)tf_below(&rng, 31) - 15) / 8;
    for (int i = 0; i < K * C; i++) wf[i] = (i / C) % B == 0 ? -7.5f : (float)((int)tf_below(&rng, 31) - 15) / 8;
    for (int i = 0; i < R * K; i++) x[i].bits = tf_f32_bits(xf[i]);
    for (int i = 0; i < K * C; i++) w[i].bits = tf_f32_bits(wf[i]);
    mg_mx_matmul_spec s = { { MG_MX_FP6_E2M3, B, MG_MX_SCALE_FLOOR, MG_RNE, 8 }, tf_format("fp32"), false };
    unsigned fl[R * C];
    assert_int_equal(mg_mx_matmul(&s, x, w, R, K, C, NULL, NULL, y, fl), 0);
    for (int r = 0; r < R; r++) {
        for (int c = 0; c < C; c++) {
            float acc = 0;
            for (int j = 0; j < K / B; j++) {
                double blk = 0;
                for (int i = j * B; i < (j + 1) * B; i++) blk += (double)xf[r * K + i] * wf[i * C + c];
                acc += (float)blk;
            }
            assert_int_equal(y[r * C + c].bits, tf_f32_bits(acc));
            assert_int_equal(fl[r * C + c], 0);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_blocks),
        cmocka_unit_test(test_random_against_host),
        cmocka_unit_test(test_matmul_against_host),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
