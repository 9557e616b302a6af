/* Hand-derived cases for the special-value rules of docs/spec/operations.md
 * (section 1) and docs/spec/rounding.md (section 1): the sign of zero sums
 * and products, NaN propagation with canonical results, sNaN, Inf*0 and
 * Inf-Inf, canonical NaN per format (ieee vs fn), NaN into a fin format,
 * Inf into fn/fin formats.
 * fp32 encodings: 1.0=3f800000 2.0=40000000 Inf=7f800000 qNaN=7fc00000
 * (canonical), sNaN = exponent all ones with the fraction MSB clear. */
#include "test_helpers.h"

#define P_ZERO 0x00000000
#define N_ZERO 0x80000000
#define ONE 0x3f800000
#define M_ONE 0xbf800000
#define TWO 0x40000000
#define M_TWO 0xc0000000
#define INF 0x7f800000
#define M_INF 0xff800000
#define QNAN 0x7fc00000
#define QNAN_PAYLOAD 0x7fc12345
#define QNAN_NEG 0xffc00001
#define SNAN 0x7f800001
#define SNAN2 0xffa00000

#define ADD32(rnd, a, b, want, fl, why) { TF_ADD, "fp32", "fp32", NULL, "fp32", rnd, a, b, 0, want, fl, why }
#define MUL32(rnd, a, b, want, fl, why) { TF_MUL, "fp32", "fp32", NULL, "fp32", rnd, a, b, 0, want, fl, why }
#define FMA32(rnd, a, b, c, want, fl, why) { TF_FMA, "fp32", "fp32", "fp32", "fp32", rnd, a, b, c, want, fl, why }

static void test_sign_of_zero(void **state)
{
    (void)state;
    const tf_case cases[] = {
        ADD32(RNE, N_ZERO, N_ZERO, N_ZERO, 0, "(-0)+(-0) = -0 (rne)"),
        ADD32(RTZ, N_ZERO, N_ZERO, N_ZERO, 0, "(-0)+(-0) = -0 (rtz)"),
        ADD32(SR(8, 255), N_ZERO, N_ZERO, N_ZERO, 0, "(-0)+(-0) = -0 (sr)"),
        ADD32(RNE, P_ZERO, N_ZERO, P_ZERO, 0, "(+0)+(-0) = +0"),
        ADD32(RTZ, N_ZERO, P_ZERO, P_ZERO, 0, "(-0)+(+0) = +0"),
        ADD32(RNE, ONE, M_ONE, P_ZERO, 0, "x + (-x) = +0 (rne)"),
        ADD32(RTZ, M_ONE, ONE, P_ZERO, 0, "x + (-x) = +0 (rtz)"),
        ADD32(SR(8, 255), M_TWO, TWO, P_ZERO, 0, "x + (-x) = +0 (sr)"),
        ADD32(RNE, M_ONE, N_ZERO, M_ONE, 0, "x + (-0) = x"),
        ADD32(RNE, N_ZERO, 0x80000001, 0x80000001, 0, "-0 + -tiny = -tiny"),
        MUL32(RNE, M_ONE, P_ZERO, N_ZERO, 0, "-1 * +0 = -0"),
        MUL32(RNE, N_ZERO, N_ZERO, P_ZERO, 0, "-0 * -0 = +0"),
        MUL32(RTZ, N_ZERO, TWO, N_ZERO, 0, "-0 * 2 = -0"),
        MUL32(RNE, 0x80000001, 0x00000001, N_ZERO, UF | NX, "-tiny * tiny underflows to -0"),
        FMA32(RNE, M_ONE, P_ZERO, N_ZERO, N_ZERO, 0, "(-1*0) + (-0) = -0"),
        FMA32(RNE, P_ZERO, ONE, N_ZERO, P_ZERO, 0, "(0*1) + (-0) = +0"),
        FMA32(RTZ, ONE, ONE, M_ONE, P_ZERO, 0, "1*1 - 1 = +0"),
        FMA32(RNE, ONE, N_ZERO, 0x00000001, 0x00000001, 0, "-0 + tiny = tiny"),
        { TF_ADD, "e4m3fn", "e4m3fn", NULL, "e4m3fn", RNE, 0x80, 0x80, 0, 0x80, 0, "e4m3fn (-0)+(-0)" },
        { TF_ADD, "lba12", "lba12", NULL, "lba12", RTZ, 0x123, 0x923, 0, 0x000, 0, "lba12 x + (-x) = +0" },
    };
    tf_run_cases(cases, TF_COUNT(cases));
}

static void test_nan_and_invalid(void **state)
{
    (void)state;
    const tf_case cases[] = {
        ADD32(RNE, QNAN_PAYLOAD, ONE, QNAN, 0, "qNaN payload is not propagated"),
        ADD32(RNE, ONE, QNAN_NEG, QNAN, 0, "negative qNaN gives the canonical NaN"),
        ADD32(RTZ, SNAN, ONE, QNAN, NV, "sNaN raises invalid"),
        ADD32(RNE, QNAN, SNAN2, QNAN, NV, "qNaN + sNaN raises invalid"),
        ADD32(RNE, INF, M_INF, QNAN, NV, "Inf - Inf"),
        ADD32(RNE, M_INF, INF, QNAN, NV, "-Inf + Inf"),
        ADD32(RNE, INF, INF, INF, 0, "Inf + Inf"),
        ADD32(RTZ, M_INF, ONE, M_INF, 0, "-Inf + 1 (rtz keeps Inf)"),
        ADD32(RNE, QNAN, INF, QNAN, 0, "NaN + Inf"),
        MUL32(RNE, INF, P_ZERO, QNAN, NV, "Inf * 0"),
        MUL32(RNE, N_ZERO, M_INF, QNAN, NV, "-0 * -Inf"),
        MUL32(RNE, INF, M_TWO, M_INF, 0, "Inf * -2"),
        MUL32(RNE, M_INF, M_INF, INF, 0, "-Inf * -Inf"),
        MUL32(RNE, QNAN, P_ZERO, QNAN, 0, "qNaN * 0: no invalid"),
        MUL32(RNE, QNAN, INF, QNAN, 0, "qNaN * Inf: no invalid"),
        MUL32(RNE, SNAN, ONE, QNAN, NV, "sNaN * 1"),
        FMA32(RNE, INF, P_ZERO, ONE, QNAN, NV, "fma Inf*0 + 1"),
        FMA32(RNE, INF, ONE, M_INF, QNAN, NV, "fma Inf*1 - Inf"),
        FMA32(RNE, TWO, INF, INF, INF, 0, "fma 2*Inf + Inf"),
        FMA32(RNE, ONE, ONE, SNAN, QNAN, NV, "fma sNaN addend"),
        FMA32(RNE, QNAN_PAYLOAD, ONE, ONE, QNAN, 0, "fma qNaN"),
        FMA32(RNE, ONE, M_INF, ONE, M_INF, 0, "fma 1*-Inf + 1"),
        /* canonical NaN of each format */
        { TF_QUANT, "fp32", NULL, NULL, "e4m3", RNE, QNAN_PAYLOAD, 0, 0, 0x7c, 0, "e4m3 canonical NaN" },
        { TF_QUANT, "fp32", NULL, NULL, "e5m2", RNE, QNAN, 0, 0, 0x7e, 0, "e5m2 canonical NaN" },
        { TF_QUANT, "fp32", NULL, NULL, "fp16", RNE, QNAN_NEG, 0, 0, 0x7e00, 0, "fp16 canonical NaN" },
        { TF_QUANT, "fp32", NULL, NULL, "bf16", RTZ, QNAN, 0, 0, 0x7fc0, 0, "bf16 canonical NaN" },
        { TF_QUANT, "fp32", NULL, NULL, "fp64", RNE, QNAN_NEG, 0, 0, 0x7ff8000000000000ull, 0,
          "fp64 canonical NaN" },
        { TF_QUANT, "fp32", NULL, NULL, "e4m3fn", RNE, QNAN_NEG, 0, 0, 0x7f, 0, "e4m3fn: the one NaN, sign 0" },
        { TF_QUANT, "fp32", NULL, NULL, "e4m3fn", RNE, SNAN, 0, 0, 0x7f, NV, "sNaN into fn" },
        { TF_QUANT, "e4m3fn", NULL, NULL, "fp32", RNE, 0xff, 0, 0, QNAN, 0, "fn NaN (either sign) is quiet" },
        { TF_QUANT, "e4m3fn", NULL, NULL, "fp32", RNE, 0x7e, 0, 0, 0x43e00000, 0, "fn 0x7e is 448" },
        { TF_QUANT, "e4m3fn", NULL, NULL, "fp32", RNE, 0x78, 0, 0, 0x43800000, 0, "fn 0x78 is 256, not Inf" },
        { TF_QUANT, "e4m3", NULL, NULL, "fp32", RNE, 0x79, 0, 0, QNAN, NV, "e4m3 0x79 is a sNaN" },
        { TF_QUANT, "e4m3", NULL, NULL, "fp32", RNE, 0x7d, 0, 0, QNAN, 0, "e4m3 0x7d is a qNaN" },
        { TF_QUANT, "e4m3", NULL, NULL, "fp32", RNE, 0xf8, 0, 0, M_INF, 0, "e4m3 0xf8 is -Inf" },
        { TF_QUANT, "lba8", NULL, NULL, "fp32", RNE, 0x7f, 0, 0, 0x41f80000, 0, "fin all-ones is 31" },
        { TF_QUANT, "lba12", NULL, NULL, "fp32", RNE, 0xfff, 0, 0, 0xc3ff0000, 0, "fin all-ones is -510" },
        { TF_MUL, "e4m3fn", "e4m3fn", NULL, "e4m3fn", RNE, 0x7f, 0x38, 0, 0x7f, 0, "fn NaN * 1" },
        { TF_MUL, "e4m3fn", "e4m3fn", NULL, "e4m3fn", RNE, 0x7f, 0x00, 0, 0x7f, 0, "fn NaN * 0: quiet" },
        { TF_MUL, "fp32", "fp32", NULL, "e4m3fn", RNE, INF, P_ZERO, 0, 0x7f, NV, "Inf*0 into fn" },
        { TF_MUL, "fp32", "fp32", NULL, "e4m3", RTZ, INF, P_ZERO, 0, 0x7c, NV, "Inf*0 into e4m3" },
        /* fin formats have no NaN: +0 with invalid */
        { TF_MUL, "fp32", "fp32", NULL, "lba12", RNE, INF, P_ZERO, 0, 0x000, NV, "Inf*0 into fin: +0" },
        { TF_QUANT, "fp32", NULL, NULL, "lba12", RNE, QNAN_NEG, 0, 0, 0x000, NV, "qNaN into fin: +0, invalid" },
        { TF_QUANT, "fp32", NULL, NULL, "lba8", RTZ, SNAN, 0, 0, 0x00, NV, "sNaN into fin: +0, invalid" },
        { TF_ADD, "e4m3fn", "lba12", NULL, "lba12", RTZ, 0xff, 0x123, 0, 0x000, NV, "fn NaN operand into fin" },
        /* Inf into fn / fin: largest finite, overflow and inexact */
        { TF_MUL, "fp32", "fp32", NULL, "e4m3fn", RNE, INF, TWO, 0, 0x7e, OF | NX, "Inf into fn" },
        { TF_MUL, "fp32", "fp32", NULL, "e4m3fn", RTZ, M_INF, TWO, 0, 0xfe, OF | NX, "-Inf into fn" },
        { TF_ADD, "fp32", "fp32", NULL, "lba12", RNE, INF, ONE, 0, 0x7ff, OF | NX, "Inf into fin" },
        { TF_ADD, "fp32", "fp32", NULL, "lba8", RTZ, M_INF, ONE, 0, 0xff, OF | NX, "-Inf into fin" },
        { TF_QUANT, "fp32", NULL, NULL, "e4m3", RNE, INF, 0, 0, 0x78, 0, "Inf into ieee e4m3: kept" },
        { TF_QUANT, "fp32", NULL, NULL, "bf16", RTZ, M_INF, 0, 0, 0xff80, 0, "-Inf into bf16: kept" },
    };
    tf_run_cases(cases, TF_COUNT(cases));
}

/* Flags of ordinary finite operations, one at a time. */
static void test_each_flag(void **state)
{
    (void)state;
    const tf_case cases[] = {
        ADD32(RNE, ONE, TWO, 0x40400000, 0, "exact: no flag"),
        ADD32(RNE, ONE, 0x33000000, ONE, NX, "inexact only"),
        MUL32(RNE, 0x7f000000, TWO, INF, OF | NX, "overflow + inexact"),
        MUL32(RTZ, 0x7f000000, TWO, 0x7f7fffff, OF | NX, "rtz overflow: max finite"),
        MUL32(RNE, 0x00800000, 0x3f000000, 0x00400000, 0, "exact subnormal: no underflow"),
        MUL32(RNE, 0x00800001, 0x3f000000, 0x00400000, UF | NX, "inexact subnormal: underflow"),
        MUL32(RNE, INF, P_ZERO, QNAN, NV, "invalid alone"),
    };
    tf_run_cases(cases, TF_COUNT(cases));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sign_of_zero),
        cmocka_unit_test(test_nan_and_invalid),
        cmocka_unit_test(test_each_flag),
    };
    return cmocka_run_group_tests_name("model_specials", tests, NULL, NULL);
}
