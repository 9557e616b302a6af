/* FP32 -> HBFP block conversion (docs/spec/hbfp.md section 2): hand-derived blocks, and
 * random blocks against the host FPU (frexpf / ldexpf / nearbyintf). */
#include <fenv.h>
#include <math.h>

#include "test_helpers.h"

#include "hbfp.h"

/* One hand-derived block of 4.  Values are exact float literals; the
 * derivation is in `why` (M = n - 1; t = x * 2^(M-E)). */
typedef struct {
    int n;
    mg_hbfp_exp_rule exp;
    mg_round_mode round;
    int rbits;
    float x[4];
    uint64_t r[4];
    int want_e;
    int32_t want_q[4];
    unsigned want_flags;
    const char *why;
} quant_case;

#define FLOOR1 MG_HBFP_EXP_FLOOR1
#define CEIL MG_HBFP_EXP_CEIL

static const quant_case cases[] = {
    /* powers of two at the maximum */
    { 4, FLOOR1, MG_RNE, 8, { 4.0f, 1.0f, -2.0f, 0.5f }, { 0 }, 3, { 4, 1, -2, 0 }, NX,
      "floor1: amax 4 -> E 3, t = x; 0.5 ties to even 0" },
    { 4, CEIL, MG_RNE, 8, { 4.0f, 1.0f, -2.0f, 0.5f }, { 0 }, 2, { 7, 2, -4, 1 }, OF | NX,
      "ceil: amax 4 -> E 2, t = 2x; 8 saturates to 7" },
    { 4, CEIL, MG_RNE, 8, { 3.0f, 1.0f, -2.0f, 0.5f }, { 0 }, 2, { 6, 2, -4, 1 }, 0,
      "ceil of a non-power 3 is 2 = floor1: exact" },
    { 8, FLOOR1, MG_RNE, 8, { -1.0f, 0.0f, 0.0f, 0.0f }, { 0 }, 1, { -64, 0, 0, 0 }, 0,
      "n 8: -1 -> E 1, t = -1 * 2^6" },
    { 8, CEIL, MG_RNE, 8, { -1.0f, 0.0f, 0.0f, 0.0f }, { 0 }, 0, { -127, 0, 0, 0 }, OF | NX,
      "n 8, ceil: -1 -> E 0, t = -128, clamped symmetrically to -127" },
    /* ties and truncation */
    { 4, FLOOR1, MG_RNE, 8, { 1.0f, 0.375f, 0.625f, -0.875f }, { 0 }, 1, { 4, 2, 2, -4 }, NX,
      "E 1, t = 4x: 1.5 -> 2, 2.5 -> 2, -3.5 -> -4 (ties to even)" },
    { 4, FLOOR1, MG_RTZ, 8, { 1.0f, 0.375f, 0.625f, -0.875f }, { 0 }, 1, { 4, 1, 2, -3 }, NX,
      "rtz truncates magnitudes: 1.5 -> 1, 2.5 -> 2, -3.5 -> -3" },
    { 4, FLOOR1, MG_RNE, 8, { 1.0f, 0.40625f, 0.59375f, -0.84375f }, { 0 }, 1, { 4, 2, 2, -3 }, NX,
      "not ties: 1.625 -> 2, 2.375 -> 2, -3.375 -> -3" },
    /* saturation of the largest element */
    { 4, FLOOR1, MG_RNE, 8, { 1.9375f, 0.0f, 0.0f, 0.0f }, { 0 }, 1, { 7, 0, 0, 0 }, OF | NX,
      "E 1, t = 7.75 rounds to 8 and saturates to 7" },
    { 4, FLOOR1, MG_RTZ, 8, { 1.9375f, 0.0f, 0.0f, 0.0f }, { 0 }, 1, { 7, 0, 0, 0 }, NX,
      "rtz: 7.75 truncates to 7, no overflow" },
    { 4, FLOOR1, MG_RNE, 8, { -1.9375f, 1.75f, 0.0f, 0.0f }, { 0 }, 1, { -7, 7, 0, 0 }, OF | NX,
      "-7.75 -> -8 saturates to -7 (symmetric); 7 exact" },
    /* all-negative blocks */
    { 4, FLOOR1, MG_RNE, 8, { -1.0f, -0.5f, -0.25f, -3.0f }, { 0 }, 2, { -2, -1, 0, -6 }, NX,
      "amax 3 -> E 2, t = 2x: -0.5 ties to 0" },
    { 4, FLOOR1, MG_RNE, 8, { -1.0f, -2.0f, -3.0f, -4.0f }, { 0 }, 3, { -1, -2, -3, -4 }, 0,
      "amax 4 -> E 3, t = x, exact" },
    /* E at its limits */
    { 4, FLOOR1, MG_RNE, 8, { 0x1.8p126f, 0x1p125f, 0.0f, 0.0f }, { 0 }, 127, { 6, 2, 0, 0 }, 0,
      "amax 1.5*2^126 -> E 127 unclamped" },
    { 4, FLOOR1, MG_RNE, 8, { 0x1p127f, -0x1p126f, 0.0f, 0.0f }, { 0 }, 127, { 7, -4, 0, 0 }, OF | NX,
      "amax 2^127 -> E 128 clamped to 127; t = 8 saturates" },
    { 4, CEIL, MG_RNE, 8, { 0x1p127f, -0x1p126f, 0.0f, 0.0f }, { 0 }, 127, { 7, -4, 0, 0 }, OF | NX,
      "ceil: E 127 fits, t = 8 saturates anyway" },
    { 4, FLOOR1, MG_RTZ, 8, { 0x1.fffffep127f, 1.0f, 0.0f, 0.0f }, { 0 }, 127, { 7, 0, 0, 0 }, OF | NX,
      "max float: E clamped to 127, t ~ 16 saturates" },
    { 4, FLOOR1, MG_RNE, 8, { 0x1p-129f, -0x1p-131f, 0x1.8p-130f, 0.0f }, { 0 }, -128, { 4, -1, 3, 0 }, 0,
      "subnormal amax 2^-129 -> E -128 exactly, t = x * 2^131" },
    { 4, FLOOR1, MG_RNE, 8, { 0x1p-140f, 0x1p-149f, 0.0f, 0.0f }, { 0 }, -128, { 0, 0, 0, 0 }, NX,
      "E -139 clamped to -128; t = 2^-9, 2^-18 round to 0" },
    { 4, FLOOR1, MG_RNE, 8, { 0x1p-132f, 0x1p-130f, 0.0f, 0.0f }, { 0 }, -128, { 0, 2, 0, 0 }, NX,
      "E -129 clamped to -128; t = x * 2^131: 0.5 ties to 0, 2 exact" },
    /* zero blocks: E = -128, no flags (the sign of -0 is not kept) */
    { 4, FLOOR1, MG_RNE, 8, { 0.0f, -0.0f, 0.0f, -0.0f }, { 0 }, -128, { 0, 0, 0, 0 }, 0, "all zeros" },
    { 6, CEIL, MG_RTZ, 8, { 0.0f, 0.0f, 0.0f, 0.0f }, { 0 }, -128, { 0, 0, 0, 0 }, 0, "all zeros, ceil" },
    /* stochastic rounding: floor(|t| + r/2^R) */
    { 4, FLOOR1, MG_SR, 8, { 1.0f, 0.375f, 0.3125f, -0.875f }, { 0xff, 0x7f, 0xbf, 0x7f }, 1, { 4, 1, 1, -3 },
      NX, "t 4, 1.5, 1.25, -3.5: r just below the carrying threshold" },
    { 4, FLOOR1, MG_SR, 8, { 1.0f, 0.375f, 0.3125f, -0.875f }, { 0xff, 0x80, 0xc0, 0x80 }, 1, { 4, 2, 2, -4 },
      NX, "r at the threshold carries; an exact t never moves" },
    { 4, FLOOR1, MG_SR, 1, { 1.0f, 0.375f, 0.3125f, 0.0f }, { 1, 1, 1, 1 }, 1, { 4, 2, 1, 0 }, NX,
      "R 1: r/2 = 0.5 lifts 1.5 to 2 but not 1.25" },
    { 4, FLOOR1, MG_SR, 8, { 1.9375f, 0.0f, 0.0f, 0.0f }, { 0x40, 0, 0, 0 }, 1, { 7, 0, 0, 0 }, OF | NX,
      "7.75 + 0.25 = 8 saturates" },
    { 4, FLOOR1, MG_SR, 8, { 0x1p-140f, 0.0f, 0.0f, 0.0f }, { 0xff, 0, 0, 0 }, -128, { 0, 0, 0, 0 }, NX,
      "t = 2^-9: even r = 255 (255/256 < 1 - 2^-9) does not reach 1" },
    { 4, FLOOR1, MG_SR, 8, { 0x1p-136f, 0.0f, 0.0f, 0.0f }, { 0xff, 0, 0, 0 }, -128, { 1, 0, 0, 0 }, NX,
      "t = 2^-5 = 8/256: 8 + 255 >= 256 carries to 1" },
};

static void test_hand_blocks(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t c = 0; c < TF_COUNT(cases); c++) {
        const quant_case *t = &cases[c];
        mg_hbfp_quant_spec s = { t->n, 4, t->exp, t->round, t->rbits };
        mg_bits x[4];
        int32_t q[4];
        int e = 999;
        unsigned flags = 0;
        for (int i = 0; i < 4; i++) x[i].bits = tf_f32_bits(t->x[i]);
        mg_hbfp_quant(&s, x, t->r, &e, q, &flags);
        bool ok = e == t->want_e && flags == t->want_flags;
        for (int i = 0; i < 4; i++) ok = ok && q[i] == t->want_q[i];
        if (!ok) {
            print_error("case %zu (%s): want E %d q %d %d %d %d fl %02x, got E %d q %d %d %d %d fl %02x\n", c,
                        t->why, t->want_e, t->want_q[0], t->want_q[1], t->want_q[2], t->want_q[3],
                        t->want_flags, e, q[0], q[1], q[2], q[3], flags);
            bad++;
        }
    }
    if (bad) fail_msg("%d of %zu hand-derived blocks failed", bad, TF_COUNT(cases));
}

/* NaN or Inf anywhere: invalid, E = -128, every q = 0 (ours). */
static void test_nan_inf_blocks(void **state)
{
    (void)state;
    static const uint32_t specials[] = { 0x7fc00000u, 0x7f800001u, 0xffc00000u, 0x7f800000u, 0xff800000u };
    for (size_t k = 0; k < TF_COUNT(specials); k++) {
        for (int pos = 0; pos < 4; pos++) {
            mg_hbfp_quant_spec s = { 6, 4, MG_HBFP_EXP_FLOOR1, MG_RNE, 8 };
            mg_bits x[4] = { { tf_f32_bits(3.0f) }, { tf_f32_bits(-1e30f) }, { tf_f32_bits(0.1f) },
                             { tf_f32_bits(2.0f) } };
            x[pos].bits = specials[k];
            int32_t q[4] = { 9, 9, 9, 9 };
            int e = 0;
            unsigned flags = 0;
            mg_hbfp_quant(&s, x, NULL, &e, q, &flags);
            assert_int_equal(e, -128);
            assert_int_equal(flags, MG_FLAG_INVALID);
            for (int i = 0; i < 4; i++) assert_int_equal(q[i], 0);
        }
    }
}

/* Flags are ORed into *flags, never cleared. */
static void test_flags_accumulate(void **state)
{
    (void)state;
    mg_hbfp_quant_spec s = { 4, 4, MG_HBFP_EXP_FLOOR1, MG_RNE, 8 };
    mg_bits x[4] = { { tf_f32_bits(1.0f) }, { 0 }, { 0 }, { 0 } };
    int32_t q[4];
    int e;
    unsigned flags = MG_FLAG_UNDERFLOW;
    mg_hbfp_quant(&s, x, NULL, &e, q, &flags);
    assert_int_equal(flags, MG_FLAG_UNDERFLOW);
    assert_int_equal(e, 1);
    assert_int_equal(q[0], 4);
}

/* ---- random blocks against the host FPU -------------------------------- */

/* A float with a random sign and significand and an exponent in [lo, hi];
 * a quarter of them have few significand bits (powers of two and ties). */
static float random_float(tf_rng *r, int lo, int hi)
{
    int e = lo + (int)tf_below(r, (uint64_t)(hi - lo + 1));
    uint32_t frac = (uint32_t)tf_next(r) & 0x7fffffu;
    if (tf_below(r, 4) == 0) frac &= 0x7c0000u; /* short significand */
    if (tf_below(r, 8) == 0) frac = 0;          /* power of two */
    float f = ldexpf(1.0f + (float)frac / 8388608.0f, e);
    return tf_below(r, 2) ? -f : f;
}

/* The host's conversion of one block, with frexpf for the exponent (amax =
 * f * 2^e, f in [0.5, 1), so floor(log2 amax) + 1 = e) and ldexpf for the
 * exact scaling.  Values are normal and E stays far from its clamps. */
static void host_quant(const mg_hbfp_quant_spec *s, const float *x, const uint64_t *rnd, int *e_out,
                       int32_t *q)
{
    float amax = 0.0f;
    for (int i = 0; i < s->block; i++) amax = fmaxf(amax, fabsf(x[i]));
    if (amax == 0.0f) {
        *e_out = -128;
        for (int i = 0; i < s->block; i++) q[i] = 0;
        return;
    }
    int e;
    float f = frexpf(amax, &e);
    if (s->exp_rule == MG_HBFP_EXP_CEIL && f == 0.5f) e -= 1;
    int m = s->n - 1;
    float qmax = (float)((1 << m) - 1);
    for (int i = 0; i < s->block; i++) {
        float t = ldexpf(fabsf(x[i]), m - e), v;
        if (s->round == MG_RNE) v = nearbyintf(t); /* the default mode: ties to even */
        else if (s->round == MG_RTZ) v = truncf(t);
        else v = (float)floor((double)t + ldexp((double)rnd[i], -s->rbits)); /* exact in double */
        v = fminf(v, qmax);
        q[i] = (int32_t)(x[i] < 0 ? -v : v);
    }
    *e_out = e;
}

static void test_random_blocks_vs_host(void **state)
{
    (void)state;
    assert_int_equal(fegetround(), FE_TONEAREST);
    tf_rng rng = { 0x4b1f0001 };
    static const int ns[] = { 4, 6, 8 }, blocks[] = { 4, 16, 64, 256 };
    static const mg_round_mode modes[] = { MG_RNE, MG_RTZ, MG_SR };
    long checked = 0;
    for (size_t ni = 0; ni < TF_COUNT(ns); ni++)
        for (size_t bi = 0; bi < TF_COUNT(blocks); bi++)
            for (int rule = 0; rule < 2; rule++)
                for (size_t mi = 0; mi < TF_COUNT(modes); mi++)
                    for (int trial = 0; trial < 40; trial++) {
                        mg_hbfp_quant_spec s = { ns[ni], blocks[bi], (mg_hbfp_exp_rule)rule, modes[mi], 8 };
                        float x[MG_HBFP_BLOCK_MAX];
                        uint64_t rnd[MG_HBFP_BLOCK_MAX];
                        mg_bits xb[MG_HBFP_BLOCK_MAX];
                        /* a spread of 2^0 .. 2^12 inside a block keeps every t
                         * exact in a float and far from subnormals */
                        int lo = -6 + (int)tf_below(&rng, 12);
                        int spread = (int)tf_below(&rng, 13);
                        for (int i = 0; i < s.block; i++) {
                            x[i] = tf_below(&rng, 10) == 0 ? 0.0f : random_float(&rng, lo, lo + spread);
                            rnd[i] = tf_below(&rng, 256);
                            xb[i].bits = tf_f32_bits(x[i]);
                        }
                        int e_host, e_model;
                        int32_t q_host[MG_HBFP_BLOCK_MAX], q_model[MG_HBFP_BLOCK_MAX];
                        unsigned flags = 0;
                        host_quant(&s, x, rnd, &e_host, q_host);
                        mg_hbfp_quant(&s, xb, rnd, &e_model, q_model, &flags);
                        assert_int_equal(e_model, e_host);
                        for (int i = 0; i < s.block; i++) {
                            if (q_model[i] != q_host[i])
                                fail_msg("n %d B %d %s %s: x[%d] = %a: model %d, host %d", s.n, s.block,
                                         mg_hbfp_exp_rule_name(s.exp_rule), mg_round_mode_name(s.round), i,
                                         (double)x[i], q_model[i], q_host[i]);
                            checked++;
                        }
                        assert_int_equal(flags & ~(unsigned)(MG_FLAG_INEXACT | MG_FLAG_OVERFLOW), 0);
                    }
    assert_true(checked > 100000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_blocks),
        cmocka_unit_test(test_nan_inf_blocks),
        cmocka_unit_test(test_flags_accumulate),
        cmocka_unit_test(test_random_blocks_vs_host),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
