/* FP32 -> MX block conversion (docs/spec/mx.md section 3): hand-derived
 * blocks of 8, and random blocks against a second route through the host
 * FPU (frexp / ldexp / nearbyint / trunc in double, all exact here). */
#include <fenv.h>
#include <math.h>

#include "test_helpers.h"

#include "mx.h"

#define E4M3 MG_MX_FP8_E4M3
#define E5M2 MG_MX_FP8_E5M2
#define E3M2 MG_MX_FP6_E3M2
#define E2M3 MG_MX_FP6_E2M3
#define E2M1 MG_MX_FP4_E2M1
#define INT8 MG_MX_INT8
#define FLOOR MG_MX_SCALE_FLOOR
#define CEIL MG_MX_SCALE_CEIL

/* One hand-derived block; elements past the listed ones are +0 inputs.
 * `why` carries the derivation (t = X - 127; e_i = Q(x_i / 2^t)). */
typedef struct {
    mg_mx_elem elem;
    mg_mx_scale_rule scale;
    mg_round_mode round;
    float x[8];
    uint64_t r[8];
    int want_x;
    uint32_t want_e[8];
    unsigned want_flags;
    const char *why;
} quant_case;

static const quant_case cases[] = {
    /* each element format's largest value, at t = 0 */
    { E4M3, FLOOR, MG_RNE, { 448, 1, -0.5f }, { 0 }, 127, { 0x7e, 0x38, 0xb0 }, 0,
      "448 = 1.75*2^8, emax 8 -> t 0; 1 = 0.0111.000, -0.5 = 1.0110.000" },
    { E5M2, FLOOR, MG_RNE, { 57344, -1, 2 }, { 0 }, 127, { 0x7b, 0xbc, 0x40 }, 0,
      "57344 = 1.75*2^15 = 0.11110.11" },
    { E3M2, FLOOR, MG_RNE, { 28, 0.25f, -3 }, { 0 }, 127, { 0x1f, 0x04, 0x32 }, 0,
      "28 = 1.75*2^4 = 0.111.11; 0.25 = 2^-2 = 0.001.00; -3 = 1.100.10 = 0x32" },
    { E2M3, FLOOR, MG_RNE, { 7.5f, 1, 0.125f }, { 0 }, 127, { 0x1f, 0x08, 0x01 }, 0,
      "7.5 = 1.875*2^2 = 0.11.111; 0.125 is the smallest subnormal 0.00.001" },
    { E2M1, FLOOR, MG_RNE, { 6, 1, 0.5f, -6 }, { 0 }, 127, { 0x7, 0x2, 0x1, 0xf }, 0,
      "6 = 1.5*2^2 = 0.11.1; 0.5 = subnormal 0.00.1" },
    { INT8, FLOOR, MG_RNE, { 1.984375f, 1, -0.5f }, { 0 }, 127, { 0x7f, 0x40, 0xe0 }, 0,
      "int8: 127/64, 64/64, -32/64" },
    /* a block that saturates under floor but not under ceil */
    { E4M3, FLOOR, MG_RNE, { 480, 1 }, { 0 }, 127, { 0x7e, 0x38 }, OF | NX, "480 > 448 saturates" },
    { E4M3, CEIL, MG_RNE, { 480, 1 }, { 0 }, 128, { 0x77, 0x30 }, 0, "ceil: t 1, 240 = 0.1110.111" },
    { E3M2, FLOOR, MG_RNE, { 30, 1 }, { 0 }, 127, { 0x1f, 0x0c }, OF | NX, "30 > 28 saturates" },
    { E3M2, CEIL, MG_RNE, { 30, 1 }, { 0 }, 128, { 0x1c, 0x08 }, NX,
      "ceil: t 1, 15 = 1.875*2^3 ties to 2^4 = 0.111.00; 0.5 = 0.010.00" },
    { E2M1, FLOOR, MG_RNE, { 7, 1 }, { 0 }, 127, { 0x7, 0x2 }, OF | NX, "7 -> 8 > 6 saturates" },
    { E2M1, CEIL, MG_RNE, { 7, 1 }, { 0 }, 128, { 0x6, 0x1 }, NX, "ceil: 3.5 ties to 4 = 0.11.0; 0.5" },
    { INT8, FLOOR, MG_RNE, { 1.9921875f }, { 0 }, 127, { 0x7f }, OF | NX, "127.5 -> 128 clamps to 127" },
    { INT8, FLOOR, MG_RTZ, { 1.9921875f }, { 0 }, 127, { 0x7f }, NX, "rtz: 127.5 -> 127, no clamp" },
    { INT8, CEIL, MG_RNE, { 1.9921875f, -1 }, { 0 }, 128, { 0x40, 0xe0 }, NX, "ceil: 63.75 -> 64; -32" },
    { E4M3, CEIL, MG_RNE, { 448, 3 }, { 0 }, 127, { 0x7e, 0x44 }, 0, "ceil = floor when amax fits exactly" },
    /* subnormal elements, rounding, sign of zero */
    { E4M3, FLOOR, MG_RNE, { 256, 0x1p-9f, 0x1.8p-9f, 0x1p-11f, -0x1p-11f }, { 0 }, 127,
      { 0x78, 0x01, 0x02, 0x00, 0x80 }, NX, "2^-9 is the smallest subnormal; 1.5 steps ties to 2; 2^-11 -> +-0" },
    { E4M3, FLOOR, MG_RTZ, { 256, 0x1.8p-9f, -0x1.cp-8f }, { 0 }, 127, { 0x78, 0x01, 0x83 }, NX,
      "rtz: 1.5 steps -> 1; -3.5 steps -> -3" },
    { E2M1, FLOOR, MG_RNE, { 4, 0.25f, 0.75f, -0.75f }, { 0 }, 127, { 0x6, 0x0, 0x2, 0xa }, NX,
      "step 0.5 below 1: 0.25 ties to 0, 0.75 ties to 1.0" },
    /* stochastic rounding, R = 8: floor(y/step + r/256) */
    { E2M1, FLOOR, MG_SR, { 4, 1.25f, 1.25f, 1.5f }, { 0xff, 0x7f, 0x80, 0xff }, 127, { 0x6, 0x2, 0x3, 0x3 }, NX,
      "1.25 = 2.5 steps of 0.5: r 127 keeps 1.0, r 128 lifts to 1.5; exact 1.5 never moves" },
    /* the scale at its limits */
    { E4M3, FLOOR, MG_RNE, { 0x1p-149f }, { 0 }, 0, { 0x00 }, NX, "t -30 clamps to -127; 2^-22 -> 0" },
    { E5M2, FLOOR, MG_RNE, { 0x1p-140f, 0x1p-127f, 0x1p-149f }, { 0 }, 0, { 0x08, 0x3c, 0x00 }, NX,
      "t -142 clamps to -127: 2^-13 = 0.00010.00, 1 = 0.01111.00; 2^-22 -> 0" },
    { INT8, CEIL, MG_RNE, { 0x1.fffffep127f }, { 0 }, 254, { 0x7f }, OF | NX,
      "ceil wants X 255: clamped to 254, 2^128 - 2^104 saturates" },
    { E2M3, FLOOR, MG_RNE, { 0x1.fffffep127f }, { 0 }, 252, { 0x1f }, OF | NX,
      "t 125: 1.99..*2^2 -> 8 > 7.5 saturates" },
    /* all-zero blocks: X = 0, every element +0 */
    { E4M3, FLOOR, MG_RNE, { 0, -0.0f, 0, -0.0f }, { 0 }, 0, { 0 }, 0, "all zeros" },
    { INT8, CEIL, MG_RTZ, { -0.0f }, { 0 }, 0, { 0 }, 0, "all zeros, int8" },
};

static void test_hand_blocks(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t c = 0; c < TF_COUNT(cases); c++) {
        const quant_case *t = &cases[c];
        mg_mx_quant_spec s = { t->elem, 8, t->scale, t->round, 8 };
        mg_bits x[8];
        uint32_t e[8];
        uint8_t scale = 99;
        unsigned flags = 0;
        for (int i = 0; i < 8; i++) x[i].bits = tf_f32_bits(t->x[i]);
        mg_mx_quant(&s, x, t->r, &scale, e, &flags);
        bool ok = scale == t->want_x && flags == t->want_flags;
        for (int i = 0; i < 8; i++) ok = ok && e[i] == t->want_e[i];
        if (!ok) {
            print_error("case %zu (%s): want X %d e0..3 %x %x %x %x fl %02x, got X %d e %x %x %x %x fl %02x\n", c,
                        t->why, t->want_x, t->want_e[0], t->want_e[1], t->want_e[2], t->want_e[3], t->want_flags,
                        scale, e[0], e[1], e[2], e[3], flags);
            bad++;
        }
    }
    if (bad) fail_msg("%d of %zu hand-derived blocks failed", bad, TF_COUNT(cases));
}

/* NaN or Inf anywhere: X = 255 (NaN), every element 0, invalid only. */
static void test_nan_inf_blocks(void **state)
{
    (void)state;
    static const uint32_t specials[] = { 0x7fc00000u, 0x7f800001u, 0xffc00000u, 0x7f800000u, 0xff800000u };
    for (size_t k = 0; k < TF_COUNT(specials); k++) {
        for (int el = 0; el < MG_MX_ELEM_COUNT; el++) {
            mg_mx_quant_spec s = { (mg_mx_elem)el, 8, FLOOR, MG_RNE, 8 };
            mg_bits x[8];
            for (int i = 0; i < 8; i++) x[i].bits = tf_f32_bits(1e30f * (float)(i - 3));
            x[(k + (size_t)el) % 8].bits = specials[k];
            uint32_t e[8];
            uint8_t scale = 0;
            unsigned flags = 0;
            mg_mx_quant(&s, x, NULL, &scale, e, &flags);
            assert_int_equal(scale, 255);
            assert_int_equal(flags, MG_FLAG_INVALID);
            for (int i = 0; i < 8; i++) assert_int_equal(e[i], 0);
        }
    }
}

/* The derived figures of the element table agree with the descriptors. */
static void test_element_table(void **state)
{
    (void)state;
    /* the largest magnitude an element code reads as (int8: -128 reads as -2) */
    static const double largest[] = { 448, 57344, 28, 7.5, 6, 2 };
    for (int el = 0; el < MG_MX_ELEM_COUNT; el++) {
        const mg_mx_elem_info *in = mg_mx_elem_get((mg_mx_elem)el);
        mg_mx_elem parsed;
        assert_int_equal(mg_mx_elem_parse(in->name, &parsed), 0);
        assert_int_equal(parsed, el);
        if (!in->is_int) assert_int_equal(in->bits, mg_format_width(&in->fmt));
        assert_int_equal(in->lsb, mg_emin(&in->fmt) - in->fmt.frac_bits);
        if (!in->is_int) assert_int_equal(in->emax, mg_emax(&in->fmt));
        double big = ldexp(1.0, in->max_mag_bits) * ldexp(1.0, in->lsb);
        assert_true(largest[el] < big && largest[el] >= big / 2);
        mg_exact top = mg_mx_elem_decode((mg_mx_elem)el, in->is_int ? 0x80 : (uint32_t)mg_max_finite(&in->fmt, 0).bits);
        assert_true(ldexp((double)(uint64_t)top.sig, top.exp) == largest[el]);
    }
    mg_mx_elem unused;
    assert_int_equal(mg_mx_elem_parse("fp8", &unused), -1);
}

/* ---- random blocks against the host FPU -------------------------------- */

/* The element value nearest y (rne) or toward zero (rtz) on the element's
 * grid, saturated: host double arithmetic, exact for these widths. */
static double host_element(const mg_mx_elem_info *in, double y, mg_round_mode round)
{
    double big = in->is_int ? 127.0 / 64 : ldexp((double)(2 * (1 << in->fmt.frac_bits) - 1 -
                                                          (in->fmt.specials == MG_SPECIALS_FN)),
                                                 in->emax - in->fmt.frac_bits);
    int k = y == 0 ? in->lsb : ilogb(y);
    int step = in->is_int ? in->lsb : (k < mg_emin(&in->fmt) ? mg_emin(&in->fmt) : k) - in->fmt.frac_bits;
    double q = ldexp(y, -step);
    q = round == MG_RNE ? nearbyint(q) : trunc(q);
    double v = ldexp(q, step);
    return fabs(v) > big ? copysign(big, y) : v;
}

static void test_random_against_host(void **state)
{
    (void)state;
    tf_rng rng = { 0x6d78u };
    fesetround(FE_TONEAREST);
    for (int trial = 0; trial < 20000; trial++) {
        mg_mx_quant_spec s = { (mg_mx_elem)(trial % MG_MX_ELEM_COUNT), 8, trial % 3 ? FLOOR : CEIL,
                               trial % 5 ? MG_RNE : MG_RTZ, 8 };
        const mg_mx_elem_info *in = mg_mx_elem_get(s.elem);
        int base = (int)tf_below(&rng, 200) - 100;
        float xf[8];
        mg_bits x[8];
        double amax = 0;
        for (int i = 0; i < 8; i++) {
            float m = (float)((int64_t)(tf_next(&rng) & 0xffffff) - 0x800000) / 8388608.0f;
            xf[i] = ldexpf(m, base + (int)tf_below(&rng, 12));
            x[i].bits = tf_f32_bits(xf[i]);
            if (fabs(xf[i]) > amax) amax = fabs(xf[i]);
        }
        uint8_t scale;
        uint32_t e[8];
        unsigned flags = 0;
        mg_mx_quant(&s, x, NULL, &scale, e, &flags);
        if (amax == 0) continue;
        /* host: floor rule from frexp; ceil bumps it when amax would saturate */
        int t = ilogb(amax) - in->emax;
        if (s.scale == CEIL && ldexp(amax, -t) > host_element(in, 1e300, MG_RTZ)) t++;
        assert_int_equal(scale, t + 127);
        for (int i = 0; i < 8; i++) {
            mg_exact v = mg_mx_elem_decode(s.elem, e[i]);
            double got = v.cls == MG_CLASS_ZERO ? 0 : ldexp((double)(uint64_t)v.sig, v.exp) * (v.sign ? -1 : 1);
            double want = host_element(in, ldexp((double)xf[i], -t), s.round);
            if (got != want) fail_msg("trial %d %s elem %d: x %a -> %a, host %a", trial, in->name, i, xf[i], got, want);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_blocks),
        cmocka_unit_test(test_nan_inf_blocks),
        cmocka_unit_test(test_element_table),
        cmocka_unit_test(test_random_against_host),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
