/* Hand-derived cases for docs/spec/rounding.md: rtz, rne (ties, carries into the
 * exponent), sr with explicit random words, overflow to Inf or saturation,
 * flush-to-zero ("round as if unbounded, then flush"), subnormal results and
 * the underflow flag with tininess detected after rounding.
 *
 * Inputs are fp64 values built by the host (exact), so most cases go through
 * quant fp64 -> small format, which exercises the one rounding step alone.
 * Encodings used below (s | exponent | fraction):
 *   e4m3   (bias 7, ieee): 1.0=0x38 1.125=0x39 1.25=0x3a 1.875=0x3f 2.0=0x40
 *                          240 (max)=0x77 Inf=0x78; subnormal step 2^-9
 *   e4m3fn (bias 7, fn):   448 (max)=0x7e NaN=0x7f
 *   lba12  (e4m7 fin ftz, bias 7): max 510 = 0x7ff, min normal 2^-6
 *   lba8   (e3m4 fin ftz, bias 3): max 31 = 0x7f, min normal 0.25 = 0x10 */
#include "test_helpers.h"

#define D(x) tf_f64_bits(x)
#define Q(from, to, rnd, x, want, fl, why) { TF_QUANT, from, NULL, NULL, to, rnd, D(x), 0, 0, want, fl, why }
/* Quant with the input given as raw bits of its format. */
#define QB(from, to, rnd, x, want, fl, why) { TF_QUANT, from, NULL, NULL, to, rnd, x, 0, 0, want, fl, why }

static void test_rtz_rne_ties_and_carries(void **state)
{
    (void)state;
    const tf_case cases[] = {
        Q("fp64", "e4m3", RTZ, 1.0625, 0x38, NX, "rtz drops half an ulp"),
        Q("fp64", "e4m3", RTZ, 1.1875, 0x39, NX, "rtz drops half an ulp (odd below)"),
        Q("fp64", "e4m3", RTZ, 1.9375, 0x3f, NX, "rtz never carries"),
        Q("fp64", "e4m3", RTZ, -1.1875, 0xb9, NX, "rtz truncates the magnitude"),
        Q("fp64", "e4m3", RTZ, 1.125, 0x39, 0, "exact value: no flag"),
        Q("fp64", "e4m3", RNE, 1.0625, 0x38, NX, "tie to even (down)"),
        Q("fp64", "e4m3", RNE, 1.1875, 0x3a, NX, "tie to even (up)"),
        Q("fp64", "e4m3", RNE, 1.0625 + 0x1p-20, 0x39, NX, "just above the tie"),
        Q("fp64", "e4m3", RNE, 1.1875 - 0x1p-20, 0x39, NX, "just below the tie"),
        Q("fp64", "e4m3", RNE, 1.9375, 0x40, NX, "tie carries into the exponent"),
        Q("fp64", "e4m3", RNE, -1.1875, 0xba, NX, "negative tie to even"),
        Q("fp64", "e4m3", RNE, -1.9375, 0xc0, NX, "negative carry into the exponent"),
        Q("fp64", "e4m3", RNE, 1.125, 0x39, 0, "exact value: no flag"),
        /* sr: add r/2^R of a step, then truncate */
        Q("fp64", "e4m3", SR(8, 127), 1.0625, 0x38, NX, "sr: .5 + 127/256 < 1"),
        Q("fp64", "e4m3", SR(8, 128), 1.0625, 0x39, NX, "sr: .5 + 128/256 = 1 rounds up"),
        Q("fp64", "e4m3", SR(8, 128), 1.9375, 0x40, NX, "sr carry into the exponent"),
        Q("fp64", "e4m3", SR(8, 128), -1.0625, 0xb9, NX, "sr rounds the magnitude"),
        Q("fp64", "e4m3", SR(8, 255), 1.125, 0x39, 0, "sr on an exact value adds nothing"),
        Q("fp64", "e4m3", SR(8, 0), 1.1240234375, 0x38, NX, "sr with r=0 is rtz"),
        Q("fp64", "e4m3", SR(4, 10), 1.0 + 5.0 / 128, 0x38, NX, "R=4: 5/16 + 10/16 < 1"),
        Q("fp64", "e4m3", SR(4, 11), 1.0 + 5.0 / 128, 0x39, NX, "R=4: 5/16 + 11/16 = 1"),
        Q("fp64", "e4m3", SR(4, 10), 1.0 + 5.0 / 128 + 0x1p-13, 0x38, NX, "R=4: bits below R cannot carry"),
        Q("fp64", "e4m3", SR(4, 11), 1.0 + 5.0 / 128 + 0x1p-13, 0x39, NX, "R=4: above 1 rounds up"),
        Q("fp64", "e4m3", SR(1, 1), 1.0625, 0x39, NX, "R=1: half + half"),
        Q("fp64", "e4m3", SR(1, 0), 1.0625 + 0x1p-9, 0x38, NX, "R=1, r=0: truncate"),
        Q("fp64", "e4m3", SR(32, 0x7fffffe0), 1.0625 + 0x1p-30, 0x39, NX, "R=32: exactly one step"),
        Q("fp64", "e4m3", SR(32, 0x7fffffdf), 1.0625 + 0x1p-30, 0x38, NX, "R=32: one unit short"),
        /* fp32 targets */
        Q("fp64", "fp32", RNE, 1.0 + 0x1p-24, 0x3f800000, NX, "fp32 tie to even"),
        Q("fp64", "fp32", RNE, 1.0 + 0x1p-24 + 0x1p-50, 0x3f800001, NX, "fp32 sticky far below"),
        Q("fp64", "fp32", RTZ, 2.0 - 0x1p-30, 0x3fffffff, NX, "fp32 rtz below 2"),
        Q("fp64", "fp32", RNE, 2.0 - 0x1p-25, 0x40000000, NX, "fp32 carry into the exponent"),
    };
    tf_run_cases(cases, TF_COUNT(cases));
}

/* The same rules seen through add/mul/fma (the sum or product is exact first). */
static void test_rounding_through_operations(void **state)
{
    (void)state;
    const tf_case cases[] = {
        { TF_ADD, "fp32", "fp32", NULL, "fp32", RNE, 0x3f800000, 0x33800000, 0, 0x3f800000, NX,
          "1 + 2^-24: tie to even" },
        { TF_ADD, "fp32", "fp32", NULL, "fp32", RNE, 0x3f800000, 0x34400000, 0, 0x3f800002, NX,
          "1 + 3*2^-24 rounds up" },
        { TF_ADD, "fp32", "fp32", NULL, "fp32", RNE, 0x3fffffff, 0x33800000, 0, 0x40000000, NX,
          "(2-2^-23) + 2^-24: carry into exponent" },
        { TF_ADD, "fp32", "fp32", NULL, "fp32", RTZ, 0x3fffffff, 0x33800000, 0, 0x3fffffff, NX,
          "rtz keeps 2-2^-23" },
        { TF_ADD, "fp32", "fp32", NULL, "fp32", RTZ, 0x3f800000, 0xb3000000, 0, 0x3f7fffff, NX,
          "1 - 2^-25 truncates below 1" },
        { TF_ADD, "fp32", "fp32", NULL, "fp32", RNE, 0x3f800000, 0xb3000000, 0, 0x3f800000, NX,
          "1 - 2^-25: tie between 1-2^-24 (odd) and 1" },
        { TF_MUL, "e4m3fn", "e4m3fn", NULL, "lba12", RTZ, 0x3f, 0x3f, 0, 0x461, 0,
          "1.875^2 = 3.515625 is exact in lba12" },
        { TF_MUL, "lba8", "lba8", NULL, "lba12", RTZ, 0x3f, 0x3d, 0, 0x460, NX,
          "(31/16)(29/16) = 224.75/64 -> 224/64" },
        { TF_MUL, "lba8", "lba8", NULL, "lba12", RNE, 0x3f, 0x3d, 0, 0x461, NX,
          "(31/16)(29/16) = 224.75/64 -> 225/64" },
        { TF_MUL, "lba8", "lba8", NULL, "lba12", SR(2, 1), 0x3f, 0x3d, 0, 0x461, NX,
          "remainder 3/4 + 1/4 = 1 step" },
        { TF_MUL, "lba8", "lba8", NULL, "lba12", SR(2, 0), 0x3f, 0x3d, 0, 0x460, NX,
          "remainder 3/4 + 0 truncates" },
        /* fused: (1+2^-12)^2 = 1 + 2^-11 + 2^-24, a tie that c decides */
        { TF_FMA, "fp32", "fp32", "fp32", "fp32", RNE, 0x3f800800, 0x3f800800, 0x00000000, 0x3f801000, NX,
          "fma tie to even" },
        { TF_FMA, "fp32", "fp32", "fp32", "fp32", RNE, 0x3f800800, 0x3f800800, 0x2b800000, 0x3f801001, NX,
          "fma: c = 2^-40 breaks the tie (one rounding)" },
        { TF_FMA, "fp32", "fp32", "fp32", "fp32", RNE, 0x3f800001, 0x3f7ffffe, 0xbf800000, 0xa8800000, 0,
          "(1+2^-23)(1-2^-23) - 1 = -2^-46 exactly" },
    };
    tf_run_cases(cases, TF_COUNT(cases));
}

static void test_overflow_inf_or_saturate(void **state)
{
    (void)state;
    const double inf = __builtin_inf();
    const tf_case cases[] = {
        Q("fp64", "e4m3", RNE, 247.0, 0x77, NX, "below the tie: max"),
        Q("fp64", "e4m3", RNE, 248.0, 0x78, OF | NX, "tie rounds to 256: Inf"),
        Q("fp64", "e4m3", RNE, 1e6, 0x78, OF | NX, "far above: Inf"),
        Q("fp64", "e4m3", RNE, -248.0, 0xf8, OF | NX, "negative: -Inf"),
        Q("fp64", "e4m3", RTZ, 248.0, 0x77, NX, "rtz to 240 is no overflow"),
        Q("fp64", "e4m3", RTZ, 255.9, 0x77, NX, "rtz to 240 is no overflow"),
        Q("fp64", "e4m3", RTZ, 256.0, 0x77, OF | NX, "rtz overflow gives max finite"),
        Q("fp64", "e4m3", RTZ, -1e6, 0xf7, OF | NX, "rtz overflow, negative"),
        Q("fp64", "e4m3", RNE_SAT, 248.0, 0x77, OF | NX, "ovf=sat saturates ieee"),
        Q("fp64", "e4m3", RNE_SAT, -256.0, 0xf7, OF | NX, "ovf=sat saturates ieee (neg)"),
        Q("fp64", "e4m3", RNE_SAT, 247.0, 0x77, NX, "ovf=sat: no overflow below the tie"),
        Q("fp64", "e4m3", RTZ_SAT, 256.0, 0x77, OF | NX, "ovf=sat with rtz"),
        Q("fp64", "e4m3", SR(8, 128), 248.0, 0x78, OF | NX, "sr rounds up past max: Inf"),
        Q("fp64", "e4m3", SR(8, 127), 248.0, 0x77, NX, "sr rounds down to max"),
        Q("fp64", "e4m3", SR(8, 255), 240.0, 0x77, 0, "sr: max is exact"),
        Q("fp64", "e4m3", RNE, inf, 0x78, 0, "ieee keeps Inf without a flag"),
        Q("fp64", "e4m3", RTZ, -inf, 0xf8, 0, "ieee keeps -Inf under rtz"),
        Q("fp64", "e4m3", RNE_SAT, inf, 0x78, 0, "ovf=sat does not touch an Inf operand"),
        Q("fp64", "fp32", RNE, 0x1p128, 0x7f800000, OF | NX, "fp32 overflow to Inf"),
        Q("fp64", "fp32", RTZ, -0x1p128, 0xff7fffff, OF | NX, "fp32 rtz overflow"),
        Q("fp64", "fp32", RNE, 0x1.fffffefffffffp127, 0x7f7fffff, NX, "just below the overflow tie"),
        Q("fp64", "fp32", RNE, 0x1.ffffffp127, 0x7f800000, OF | NX, "the overflow tie"),
        /* fn: the grid above 448 continues with 480 (the NaN pattern), 512 */
        Q("fp64", "e4m3fn", RNE, 464.0, 0x7e, NX, "tie to even 448"),
        Q("fp64", "e4m3fn", RNE, 465.0, 0x7e, OF | NX, "rounds to 480 > max: saturate"),
        Q("fp64", "e4m3fn", RNE, 480.0, 0x7e, OF | NX, "480 exceeds max: saturate"),
        Q("fp64", "e4m3fn", RNE, -1e9, 0xfe, OF | NX, "far below: -max"),
        Q("fp64", "e4m3fn", RTZ, 479.0, 0x7e, NX, "rtz to 448"),
        Q("fp64", "e4m3fn", RTZ, 480.0, 0x7e, OF | NX, "rtz overflow"),
        Q("fp64", "e4m3fn", RNE, inf, 0x7e, OF | NX, "Inf into fn: max, OF|NX"),
        Q("fp64", "e4m3fn", RTZ, -inf, 0xfe, OF | NX, "-Inf into fn: -max, OF|NX"),
        /* fin */
        Q("fp64", "lba12", RTZ, 511.0, 0x7ff, NX, "rtz to max 510"),
        Q("fp64", "lba12", RTZ, 512.0, 0x7ff, OF | NX, "rtz overflow saturates"),
        Q("fp64", "lba12", RNE, 511.0, 0x7ff, OF | NX, "tie rounds to 512: saturate"),
        Q("fp64", "lba12", RNE, 510.5, 0x7ff, NX, "below the tie"),
        Q("fp64", "lba12", RNE, -1e30, 0xfff, OF | NX, "saturate negative"),
        Q("fp64", "lba12", RNE, inf, 0x7ff, OF | NX, "Inf into fin"),
        Q("fp64", "lba12", RTZ, -inf, 0xfff, OF | NX, "-Inf into fin"),
        Q("fp64", "lba8", RTZ, 31.5, 0x7f, NX, "lba8 max 31"),
        Q("fp64", "lba8", RTZ, 32.0, 0x7f, OF | NX, "lba8 overflow"),
        Q("fp64", "lba8", RNE, 31.5, 0x7f, OF | NX, "lba8 tie above max"),
        Q("fp64", "lba8", RNE, 31.4, 0x7f, NX, "lba8 below the tie"),
    };
    tf_run_cases(cases, TF_COUNT(cases));
}

static void test_flush_to_zero(void **state)
{
    (void)state;
    /* lba8: emin = -2; below 2^-2 the ftz grid keeps step 2^(k-4), e.g. 2^-7
     * for k = -3, so 63/256 = 31.5 steps is a tie that rne rounds up to the
     * smallest normal 0.25 (no flush, not tiny after rounding). */
    const tf_case cases[] = {
        Q("fp64", "lba8", RNE, 63.0 / 256, 0x10, NX, "rounds up to 2^emin: kept"),
        Q("fp64", "lba8", RNE, -63.0 / 256, 0x90, NX, "rounds up to -2^emin: kept"),
        Q("fp64", "lba8", RTZ, 63.0 / 256, 0x00, UF | NX, "rtz stays below 2^emin: +0"),
        Q("fp64", "lba8", RTZ, -63.0 / 256, 0x80, UF | NX, "flush keeps the sign: -0"),
        Q("fp64", "lba8", RNE, 63.0 / 256 - 0x1p-20, 0x00, UF | NX, "below the tie: flushed"),
        Q("fp64", "lba8", RNE, 0.125, 0x00, UF | NX, "exact on the unbounded grid, still flushed"),
        Q("fp64", "lba8", RNE, -0.125, 0x80, UF | NX, "flushed to -0"),
        Q("fp64", "lba8", RNE, 0x1p-40, 0x00, UF | NX, "far below"),
        Q("fp64", "lba8", SR(8, 128), 63.0 / 256, 0x10, NX, "sr rounds up to 2^emin"),
        Q("fp64", "lba8", SR(8, 127), 63.0 / 256, 0x00, UF | NX, "sr truncates, then flush"),
        Q("fp64", "lba8", RNE, 0.25, 0x10, 0, "2^emin exactly"),
        Q("fp64", "lba12", RNE, 0x1p-7, 0x000, UF | NX, "lba12 below 2^-6"),
        Q("fp64", "lba12", RNE, -0x1p-6, 0x880, 0, "lba12 -2^-6 exactly"),
        Q("fp64", "e4m3,ftz", RNE, 0x1p-9, 0x00, UF | NX, "an ieee,ftz format flushes too"),
        Q("fp64", "e4m3,ftz", RNE, 0x1p-6 - 0x1p-11, 0x08, NX, "e4m3,ftz: tie up to 2^emin"),
        /* ftz inputs: exponent field 0 reads as +-0 whatever the fraction */
        QB("lba8", "fp32", RNE, 0x05, 0x00000000, 0, "lba8 0x05 reads as +0"),
        QB("lba8", "fp32", RNE, 0x8f, 0x80000000, 0, "lba8 0x8f reads as -0"),
        QB("lba12", "fp64", RTZ, 0x07f, 0, 0, "lba12 0x07f reads as +0"),
        { TF_MUL, "lba8", "lba8", NULL, "lba12", RTZ, 0x85, 0x30, 0, 0x800, 0, "(-0) * 1 = -0" },
        { TF_ADD, "lba12", "lba12", NULL, "lba12", RTZ, 0x87f, 0x801, 0, 0x800, 0, "(-0)+(-0) read from ftz" },
    };
    tf_run_cases(cases, TF_COUNT(cases));
}

static void test_subnormals_and_tininess_after_rounding(void **state)
{
    (void)state;
    /* e4m3: emin = -6, subnormal step 2^-9, smallest normal 0x08 = 2^-6. */
    const tf_case cases[] = {
        Q("fp64", "e4m3", RNE, 0x1p-9, 0x01, 0, "smallest subnormal, exact: no underflow"),
        Q("fp64", "e4m3", RNE, 5 * 0x1p-9, 0x05, 0, "exact subnormal"),
        Q("fp64", "e4m3", RNE, 0x1p-10, 0x00, UF | NX, "half the smallest: tie to even 0"),
        Q("fp64", "e4m3", RNE, -0x1p-10, 0x80, UF | NX, "rounds to -0"),
        Q("fp64", "e4m3", RNE, 3 * 0x1p-11, 0x01, UF | NX, "0.75 step rounds up"),
        Q("fp64", "e4m3", RNE, 3 * 0x1p-10, 0x02, UF | NX, "1.5 steps: tie to even 2"),
        Q("fp64", "e4m3", RTZ, 0x1.fcp-9, 0x01, UF | NX, "rtz subnormal"),
        Q("fp64", "e4m3", RTZ, 0x1p-12, 0x00, UF | NX, "rtz to +0"),
        /* 2^-6 - 2^-11: 7.75 subnormal steps -> 2^-6; unbounded (step 2^-10):
         * 15.5 -> 16 = 2^-6, so the result is not tiny: no underflow. */
        Q("fp64", "e4m3", RNE, 0x1p-6 - 0x1p-11, 0x08, NX, "tiny before, not after rounding"),
        /* 2^-6 - 2^-10: 7.5 steps -> 8 = 2^-6; unbounded it is 15 * 2^-10 < 2^-6:
         * tiny after rounding and inexact: underflow. */
        Q("fp64", "e4m3", RNE, 0x1p-6 - 0x1p-10, 0x08, UF | NX, "tiny after rounding"),
        Q("fp64", "e4m3", RTZ, 0x1p-6 - 0x1p-11, 0x07, UF | NX, "rtz stays subnormal"),
        Q("fp64", "fp32", RNE, 0x1.8p-149, 0x00000002, UF | NX, "fp32 subnormal tie to even"),
        Q("fp64", "fp32", RNE, 0x1p-150, 0x00000000, UF | NX, "fp32 half the smallest"),
        Q("fp64", "fp32", RNE, -0x1.000001p-150, 0x80000001, UF | NX, "fp32 above half the smallest"),
        Q("fp64", "fp32", RTZ, 0x1.8p-149, 0x00000001, UF | NX, "fp32 rtz subnormal"),
        Q("fp64", "fp32", RNE, 0x1.fffffffp-127, 0x00800000, NX, "fp32 rounds up to 2^-126: not tiny"),
        Q("fp64", "fp32", RNE, 0x1.fffffep-127, 0x00800000, UF | NX, "fp32 tiny after rounding"),
        { TF_ADD, "e4m3", "e4m3", NULL, "e4m3", RNE, 0x08, 0x87, 0, 0x01, 0,
          "2^-6 - 7*2^-9: exact subnormal difference" },
        { TF_MUL, "fp32", "fp32", NULL, "e4m3", RNE, 0xb5800000, 0x3f800000, 0, 0x80, UF | NX,
          "-2^-20 into e4m3: -0" },
        /* biased formats */
        Q("fp64", "e3m4,fin,ftz,bias=5", RNE, 1.0, 0x50, 0, "lba8,bias=5: 1.0 has X=5"),
        Q("fp64", "lba8,bias=5", RTZ, 8.0, 0x7f, OF | NX, "lba8,bias=5: max 7.75"),
        Q("fp64", "lba8,bias=5", RTZ, 0x1p-4, 0x10, 0, "lba8,bias=5: min normal 2^-4"),
        Q("fp64", "e2m1,fin,bias=-4", RNE, 32.0, 0x2, 0, "negative bias: X=1 is 2^5"),
        Q("fp64", "e2m1,fin,bias=-4", RNE, 192.0, 0x7, 0, "negative bias: max 192"),
        Q("fp64", "e2m1,fin,bias=-4", RNE, 16.0, 0x1, 0, "negative bias: subnormal 16"),
        Q("fp64", "e2m1,fin,bias=-4", RNE, 8.0, 0x0, UF | NX, "negative bias: tie to 0"),
    };
    tf_run_cases(cases, TF_COUNT(cases));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rtz_rne_ties_and_carries),
        cmocka_unit_test(test_rounding_through_operations),
        cmocka_unit_test(test_overflow_inf_or_saturate),
        cmocka_unit_test(test_flush_to_zero),
        cmocka_unit_test(test_subnormals_and_tininess_after_rounding),
    };
    return cmocka_run_group_tests_name("model_rounding", tests, NULL, NULL);
}
