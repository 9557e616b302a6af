/* The HBFP block dot product, its accumulation step and the matrix multiply
 * (docs/spec/hbfp.md section 3): hand-derived steps, and random matrix multiplies
 * against the host FPU (fp32 and, via _Float16, fp16 accumulation). */
#include <fenv.h>
#include <math.h>
#include <stdlib.h>

#include "test_helpers.h"
#include "hbfp_host.h"

#include "hbfp.h"

/* ---- one accumulation step ------------------------------------------- */

typedef struct {
    int n, block;
    const char *acc;
    int ea;
    int32_t qa[8];
    int eb;
    int32_t qb[8];
    uint64_t acc_in, want;
    unsigned want_flags;
    const char *why;
} step_case;

static const step_case steps[] = {
    { 4, 4, "fp32", 0, { 7, 7, 7, 7 }, 0, { 7, 7, 7, 7 }, 0x00000000, 0x40440000, 0,
      "S 196, Ep -6: 3.0625" },
    { 4, 4, "fp32", 1, { 7, 7, 7, 7 }, 1, { 1, 1, 1, 1 }, 0x3f800000, 0x40300000, 0,
      "1 + 28 * 2^-4 = 2.75" },
    { 4, 4, "fp32", 0, { -7, 7, -7, 7 }, 0, { 7, 7, 7, 7 }, 0x80000000, 0x00000000, 0,
      "S = 0 is +0; -0 + +0 = +0" },
    { 4, 4, "fp32", 0, { 7, 7, 7, 7 }, 0, { 7, 7, 7, 7 }, 0xc0440000, 0x00000000, 0,
      "-3.0625 + 3.0625 = +0" },
    { 8, 4, "fp32", -3, { -127, -127, -127, -127 }, 2, { 127, 127, 127, 127 }, 0, 0xbffc0400, 0,
      "S -64516, Ep -15: -1.968872... exact" },
    { 4, 8, "bf16", 0, { 7, 7, 7, 7, 7, 7, 7, 7 }, 0, { 7, 7, 7, 7, 7, 7, 7, 6 }, 0x0000, 0x40c0, NX,
      "S 385 (9 bits) ties to 384 in bf16: 6.0" },
    { 4, 8, "bf16", 0, { 7, 7, 7, 7, 7, 7, 7, 7 }, 0, { 7, 7, 7, 7, 7, 7, 7, 5 }, 0x0000, 0x40bd, 0,
      "S 378 = 189 * 2 fits bf16: 5.90625" },
    { 4, 4, "bf16", 2, { 1, 0, 0, 0 }, 0, { 1, 0, 0, 0 }, 0x4380, 0x4380, NX,
      "256 + 2^-4: swamped in bf16" },
    { 4, 4, "fp32", 127, { 7, 7, 7, 7 }, 127, { 7, 7, 7, 7 }, 0x00000000, 0x7f800000, OF | NX,
      "196 * 2^248 overflows to +Inf (rne)" },
    { 4, 4, "fp32", 127, { 7, 7, 7, 7 }, 127, { -7, -7, -7, -7 }, 0x7f800000, 0x7fc00000, OF | NX | NV,
      "block result -Inf, +Inf + -Inf: canonical NaN, invalid" },
    { 4, 4, "fp32", -128, { 1, 0, 0, 0 }, -128, { 1, 0, 0, 0 }, 0x3f800000, 0x3f800000, UF | NX,
      "2^-262 underflows to +0; 1 + 0 = 1" },
    { 4, 4, "fp32", -70, { 1, 0, 0, 0 }, -70, { 1, 0, 0, 0 }, 0x00000000, 0x00000008, 0,
      "2^-146 is an exact fp32 subnormal" },
    { 4, 4, "fp32", -72, { 3, 0, 0, 0 }, -72, { 1, 0, 0, 0 }, 0x00000000, 0x00000002, UF | NX,
      "3 * 2^-150 = 1.5 ulp ties to 2 ulp" },
    { 4, 4, "fp32", 0, { 1, 0, 0, 0 }, 0, { 1, 0, 0, 0 }, 0x7fc00000, 0x7fc00000, 0, "NaN acc stays NaN" },
    { 4, 4, "fp32", 0, { 1, 0, 0, 0 }, 0, { 1, 0, 0, 0 }, 0xff800000, 0xff800000, 0, "-Inf + finite" },
    { 4, 4, "lba12", 0, { 7, 7, 7, 7 }, 0, { 7, 7, 7, 7 }, 0x000, 0x444, 0,
      "lba12 (e4m7 fin ftz, bias 7): 3.0625 = 2^1 * 1.53125" },
};

static void test_hand_steps(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t c = 0; c < TF_COUNT(steps); c++) {
        const step_case *t = &steps[c];
        mg_format acc = tf_format(t->acc);
        unsigned flags = 0;
        mg_bits r = mg_hbfp_dot_step(t->n, t->block, &acc, t->ea, t->qa, t->eb, t->qb, tf_bits(t->acc_in), &flags);
        if (r.bits != t->want || flags != t->want_flags) {
            print_error("step %zu (%s): want %llx fl %02x, got %llx fl %02x\n", c, t->why,
                        (unsigned long long)t->want, t->want_flags, (unsigned long long)r.bits, flags);
            bad++;
        }
    }
    if (bad) fail_msg("%d of %zu hand-derived steps failed", bad, TF_COUNT(steps));
}

/* The largest possible S: B = 256, n = 16, every product (2^15 - 1)^2. */
static void test_block_dot_extremes(void **state)
{
    (void)state;
    int32_t a[256], b[256];
    for (int i = 0; i < 256; i++) {
        a[i] = 32767;
        b[i] = i % 2 ? -32767 : 32767;
    }
    assert_true(mg_hbfp_block_dot(a, b, 256) == 0);
    for (int i = 0; i < 256; i++) b[i] = -32767;
    assert_true(mg_hbfp_block_dot(a, b, 256) == -(int64_t)256 * 32767 * 32767);
}

/* ---- the matrix multiply, by hand ------------------------------------ */

static void fill_f32(mg_bits *dst, const float *src, size_t n)
{
    for (size_t i = 0; i < n; i++) dst[i].bits = tf_f32_bits(src[i]);
}

/* K = 5, B = 4: the second block is padded with zeros (its E is that of 1). */
static void test_matmul_padding(void **state)
{
    (void)state;
    mg_hbfp_matmul_spec s = { { 4, 4, MG_HBFP_EXP_FLOOR1, MG_RNE, 8 }, tf_format("fp32") };
    const float xf[5] = { 1, 1, 1, 1, 1 }, wf[5] = { 1, 1, 1, 1, 0.5f };
    mg_bits x[5], w[5], y;
    unsigned fl;
    fill_f32(x, xf, 5);
    fill_f32(w, wf, 5);
    assert_int_equal(mg_hbfp_matmul(&s, x, w, 1, 5, 1, NULL, NULL, &y, &fl), 0);
    /* block 0: q 4,4,4,4 (E 1) x 4,4,4,4 (E 1): S 64 * 2^-4 = 4;
     * block 1: 4 (E 1) x 4 (E 0): S 16 * 2^(1+0-6) = 0.5 */
    assert_int_equal(y.bits, tf_f32_bits(4.5f));
    assert_int_equal(fl, 0);
}

/* Block order is part of the contract: in bf16, 256 + 1 - 256 is 0 (257
 * ties to 256), while any other order would give 1. */
static void test_matmul_block_order(void **state)
{
    (void)state;
    mg_hbfp_matmul_spec s = { { 4, 4, MG_HBFP_EXP_FLOOR1, MG_RNE, 8 }, tf_format("bf16") };
    const float xf[12] = { 1, 0, 0, 0, 1, 0, 0, 0, -1, 0, 0, 0 };
    const float wf[12] = { 256, 0, 0, 0, 1, 0, 0, 0, 256, 0, 0, 0 };
    mg_bits x[12], w[12], y;
    unsigned fl;
    fill_f32(x, xf, 12);
    fill_f32(w, wf, 12);
    assert_int_equal(mg_hbfp_matmul(&s, x, w, 1, 12, 1, NULL, NULL, &y, &fl), 0);
    assert_int_equal(y.bits, 0x0000);
    assert_int_equal(fl, NX);
    s.acc = tf_format("fp32");
    assert_int_equal(mg_hbfp_matmul(&s, x, w, 1, 12, 1, NULL, NULL, &y, &fl), 0);
    assert_int_equal(y.bits, tf_f32_bits(1.0f));
    assert_int_equal(fl, 0);
}

/* Per-output flags: the conversions of row r and column c, and its steps. */
static void test_matmul_flags_per_output(void **state)
{
    (void)state;
    mg_hbfp_matmul_spec s = { { 4, 4, MG_HBFP_EXP_FLOOR1, MG_RNE, 8 }, tf_format("fp32") };
    /* X 2 x 4: row 0 exact, row 1 holds a NaN.  W 4 x 2: column 0 exact,
     * column 1 needs rounding (0.1). */
    const float xf[8] = { 1, 2, 3, 4, 1, 1, 1, 1 };
    const float wf[8] = { 1, 0.1f, 1, 1, 1, 1, 1, 1 };
    mg_bits x[8], w[8], y[4];
    unsigned fl[4];
    fill_f32(x, xf, 8);
    fill_f32(w, wf, 8);
    x[5].bits = 0x7fc00000;
    assert_int_equal(mg_hbfp_matmul(&s, x, w, 2, 4, 2, NULL, NULL, y, fl), 0);
    /* row 0: E 3, q 1 2 3 4; column 0: E 1, q 4 4 4 4: S 40 * 2^-2 = 10 */
    assert_int_equal(y[0].bits, tf_f32_bits(10.0f));
    assert_int_equal(fl[0], 0);
    /* column 1: 0.1 * 4 = 0.4 rounds to 0: q 0 4 4 4: S 36 * 2^-2 = 9 */
    assert_int_equal(y[1].bits, tf_f32_bits(9.0f));
    assert_int_equal(fl[1], NX);
    /* row 1 is the zero block: 0, flagged invalid */
    assert_int_equal(y[2].bits, 0);
    assert_int_equal(fl[2], NV);
    assert_int_equal(y[3].bits, 0);
    assert_int_equal(fl[3], NV | NX);
}

/* ---- the matrix multiply against the host FPU -------------------------- */

/* Random matrix values: exponents in [lo, lo + spread], zeros, powers of
 * two, whole zero blocks. */
static float random_value(tf_rng *r, int lo, int spread)
{
    if (tf_below(r, 12) == 0) return 0.0f;
    int e = lo + (int)tf_below(r, (uint64_t)spread + 1);
    uint32_t frac = (uint32_t)tf_next(r) & 0x7fffffu;
    if (tf_below(r, 6) == 0) frac = 0;
    float f = ldexpf(1.0f + (float)frac / 8388608.0f, e);
    return tf_below(r, 2) ? -f : f;
}

static void run_random_matmuls(host_acc acc, int lo, int spread, uint64_t seed, long *checked)
{
    tf_rng rng = { seed };
    static const int ns[] = { 4, 6, 8 }, blocks[] = { 4, 16, 64 };
    static const mg_round_mode modes[] = { MG_RNE, MG_RTZ };
    for (size_t ni = 0; ni < TF_COUNT(ns); ni++)
        for (size_t bi = 0; bi < TF_COUNT(blocks); bi++)
            for (int rule = 0; rule < 2; rule++)
                for (size_t mi = 0; mi < TF_COUNT(modes); mi++) {
                    mg_hbfp_matmul_spec s = { { ns[ni], blocks[bi], (mg_hbfp_exp_rule)rule, modes[mi], 8 },
                                              tf_format(acc == HOST_FP32 ? "fp32" : "fp16") };
                    size_t rows = 1 + tf_below(&rng, 6), cols = 1 + tf_below(&rng, 6);
                    size_t k = 1 + tf_below(&rng, 4 * (uint64_t)blocks[bi]);
                    float *xf = malloc(rows * k * sizeof *xf), *wf = malloc(k * cols * sizeof *wf);
                    mg_bits *x = malloc(rows * k * sizeof *x), *w = malloc(k * cols * sizeof *w);
                    mg_bits *y = malloc(rows * cols * sizeof *y);
                    assert_non_null(xf);
                    assert_non_null(wf);
                    assert_non_null(x);
                    assert_non_null(w);
                    assert_non_null(y);
                    for (size_t i = 0; i < rows * k; i++) xf[i] = random_value(&rng, lo, spread);
                    for (size_t i = 0; i < k * cols; i++) wf[i] = random_value(&rng, lo, spread);
                    /* sometimes a whole zero block in X */
                    if (tf_below(&rng, 3) == 0 && k >= (size_t)blocks[bi])
                        for (int i = 0; i < blocks[bi]; i++) xf[i] = 0.0f;
                    fill_f32(x, xf, rows * k);
                    fill_f32(w, wf, k * cols);
                    assert_int_equal(mg_hbfp_matmul(&s, x, w, rows, k, cols, NULL, NULL, y, NULL), 0);
                    for (size_t r = 0; r < rows; r++)
                        for (size_t c = 0; c < cols; c++) {
                            uint32_t want = host_output(&s.quant, acc, xf + r * k, wf + c, cols, k);
                            if (y[r * cols + c].bits != want)
                                fail_msg("%s n %d B %d %s %s, %zux%zux%zu, Y[%zu][%zu]: model %llx, host %x",
                                         acc == HOST_FP32 ? "fp32" : "fp16", s.quant.n, s.quant.block,
                                         mg_hbfp_exp_rule_name(s.quant.exp_rule), mg_round_mode_name(s.quant.round),
                                         rows, k, cols, r, c, (unsigned long long)y[r * cols + c].bits, want);
                            (*checked)++;
                        }
                    free(xf);
                    free(wf);
                    free(x);
                    free(w);
                    free(y);
                }
}

static void test_random_matmul_fp32_vs_host(void **state)
{
    (void)state;
    assert_int_equal(fegetround(), FE_TONEAREST);
    long checked = 0;
    for (int round = 0; round < 12; round++)
        run_random_matmuls(HOST_FP32, -10 + round, 3 + round, 0x6b7f0000u + (uint64_t)round, &checked);
    assert_true(checked > 1000);
}

/* fp16 accumulation: values near 1 so sums stay mostly in range (an
 * overflow to Inf is the same on both sides anyway). */
static void test_random_matmul_fp16_vs_host(void **state)
{
    (void)state;
    long checked = 0;
    for (int round = 0; round < 12; round++)
        run_random_matmuls(HOST_FP16, -8, 2 + round / 2, 0x6b7f1000u + (uint64_t)round, &checked);
    assert_true(checked > 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_steps),
        cmocka_unit_test(test_block_dot_extremes),
        cmocka_unit_test(test_matmul_padding),
        cmocka_unit_test(test_matmul_block_order),
        cmocka_unit_test(test_matmul_flags_per_output),
        cmocka_unit_test(test_random_matmul_fp32_vs_host),
        cmocka_unit_test(test_random_matmul_fp16_vs_host),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
