/* The Accuracy Booster's arithmetic (docs/spec/hbfp.md section 7,
 * sim/model/hbfp_boost.c): the digit split q = 8h + l, the block sum
 * combined from the four digit pieces (against the host's integer
 * products, exhaustively for HBFP6 pairs), the bounds the array's join stage
 * is sized by, and the mixed-width matrix multiply against the host FPU. */
#include <fenv.h>
#include <stdlib.h>

#include "test_helpers.h"
#include "hbfp_host.h"

#include "hbfp.h"

/* ---- digits ------------------------------------------------------------ */

static void test_digits_hbfp6_exhaustive(void **state)
{
    (void)state;
    for (int32_t q = -31; q <= 31; q++) {
        int32_t hi, lo;
        mg_hbfp_boost_digits(q, 3, &hi, &lo);
        assert_true(lo >= 0 && lo <= 7);
        assert_true(hi >= -4 && hi <= 3);
        assert_int_equal(8 * hi + lo, q);
    }
}

static void test_digits_hand(void **state)
{
    (void)state;
    static const struct { int32_t q, hi, lo; } cases[] = {
        { 31, 3, 7 }, { -31, -4, 1 }, { -1, -1, 7 }, { 1, 0, 1 }, { -8, -1, 0 }, { 8, 1, 0 }, { -9, -2, 7 },
        { 0, 0, 0 }, { 24, 3, 0 }, { -25, -4, 7 },
    };
    for (size_t i = 0; i < TF_COUNT(cases); i++) {
        int32_t hi, lo;
        mg_hbfp_boost_digits(cases[i].q, 3, &hi, &lo);
        if (hi != cases[i].hi || lo != cases[i].lo)
            fail_msg("q=%d: digits (%d, %d), expected (%d, %d)", cases[i].q, hi, lo, cases[i].hi, cases[i].lo);
    }
}

/* Other digit widths: HBFP(2d) mantissas split into d-bit digits. */
static void test_digits_other_widths(void **state)
{
    (void)state;
    for (int d = 1; d <= 7; d++) {
        const int32_t qmax = (1 << (2 * d - 1)) - 1;
        for (int32_t q = -qmax; q <= qmax; q++) {
            int32_t hi, lo;
            mg_hbfp_boost_digits(q, d, &hi, &lo);
            assert_true(lo >= 0 && lo < (1 << d));
            assert_true(hi >= -(1 << (d - 1)) && hi < (1 << (d - 1)));
            assert_int_equal(hi * (1 << d) + lo, q);
        }
    }
}

/* ---- pieces ------------------------------------------------------------ */

static void test_pieces_hand(void **state)
{
    (void)state;
    /* 31 = (3, 7): hh 9, hl 21, lh 21, ll 49: 64*9 + 8*42 + 49 = 961. */
    int32_t a = 31, b = 31;
    mg_hbfp_boost_pieces p = mg_hbfp_boost_block_dot(&a, &b, 1, 3);
    assert_true(p.hh == 9 && p.hl == 21 && p.lh == 21 && p.ll == 49 && p.s == 961);
    /* -31 = (-4, 1): hh 16, hl -4, lh -4, ll 1: 1024 - 64 + 1 = 961. */
    a = -31, b = -31;
    p = mg_hbfp_boost_block_dot(&a, &b, 1, 3);
    assert_true(p.hh == 16 && p.hl == -4 && p.lh == -4 && p.ll == 1 && p.s == 961);
    /* 31 x -31: hh -12, hl 3, lh -28, ll 7: -768 - 200 + 7 = -961. */
    a = 31, b = -31;
    p = mg_hbfp_boost_block_dot(&a, &b, 1, 3);
    assert_true(p.hh == -12 && p.hl == 3 && p.lh == -28 && p.ll == 7 && p.s == -961);
}

/* Every pair of HBFP6 mantissas: S equals the integer product, and each
 * piece stays inside what the array's narrow parts hold: digit products
 * within an HBFP4 product's range (|.| <= 49), and the high column's
 * P = 8 hh + hl = h_a * q_b within 4 * 31 (mg_hbfp_boost_join's PartWidth). */
static void test_pieces_exhaustive(void **state)
{
    (void)state;
    for (int32_t a = -31; a <= 31; a++)
        for (int32_t b = -31; b <= 31; b++) {
            mg_hbfp_boost_pieces p = mg_hbfp_boost_block_dot(&a, &b, 1, 3);
            if (p.s != (int64_t)a * b) fail_msg("%d x %d: pieces give %lld", a, b, (long long)p.s);
            assert_true(llabs(p.hh) <= 16 && llabs(p.hl) <= 28 && llabs(p.lh) <= 28 && p.ll >= 0 && p.ll <= 49);
            assert_true(llabs(8 * p.hh + p.hl) <= 124);
        }
}

/* The largest block sums, B = 256: all -31 against all -31 (every h at
 * its most negative) and +31 against -31; |S| = 961 * 256 fits the edge
 * unit's 2*6 - 1 + log2(B) bits. */
static void test_saturated_blocks(void **state)
{
    (void)state;
    int32_t neg[256], pos[256];
    for (int i = 0; i < 256; i++) neg[i] = -31, pos[i] = 31;
    mg_hbfp_boost_pieces p = mg_hbfp_boost_block_dot(neg, neg, 256, 3);
    assert_true(p.s == 961 * 256 && p.hh == 16 * 256 && p.ll == 256);
    p = mg_hbfp_boost_block_dot(pos, neg, 256, 3);
    assert_true(p.s == -961 * 256 && p.s == mg_hbfp_block_dot(pos, neg, 256));
    assert_true(llabs(p.s) < (1ll << (2 * 6 - 2 + 8)));
}

static void test_random_blocks(void **state)
{
    (void)state;
    tf_rng rng = { 0x5eedb0057ull };
    int32_t a[64], b[64];
    for (int t = 0; t < 20000; t++) {
        for (int i = 0; i < 64; i++) {
            a[i] = (int32_t)tf_below(&rng, 63) - 31;
            b[i] = (int32_t)tf_below(&rng, 63) - 31;
        }
        mg_hbfp_boost_pieces p = mg_hbfp_boost_block_dot(a, b, 64, 3);
        int64_t want = 0;
        for (int i = 0; i < 64; i++) want += (int64_t)a[i] * b[i];
        assert_true(p.s == want);
    }
}

/* ---- the mixed-width matrix multiply -------------------------------------- */

static float random_value(tf_rng *r)
{
    if (tf_below(r, 10) == 0) return 0.0f;
    float f = ldexpf(1.0f + (float)(tf_next(r) & 0x7fffffu) / 8388608.0f, (int)tf_below(r, 12) - 6);
    return tf_below(r, 2) ? -f : f;
}

/* Column c in HBFP6 when boost_cols[c], else HBFP4: each column against the
 * host's matrix multiply of its width, flags against mg_hbfp_matmul's. */
static void test_boost_matmul_vs_host(void **state)
{
    (void)state;
    assert_int_equal(fegetround(), FE_TONEAREST);
    tf_rng rng = { 0xab0057ull };
    long checked = 0;
    static const int blocks[] = { 4, 16, 64 };
    for (int t = 0; t < 60; t++) {
        const int b = blocks[t % 3];
        const size_t rows = 1 + tf_below(&rng, 5), cols = 1 + tf_below(&rng, 6);
        const size_t k = 1 + tf_below(&rng, 3 * (uint64_t)b);
        float *xf = malloc(rows * k * sizeof *xf), *wf = malloc(k * cols * sizeof *wf);
        mg_bits *x = malloc(rows * k * sizeof *x), *w = malloc(k * cols * sizeof *w);
        mg_bits *y = malloc(rows * cols * sizeof *y), *y1 = malloc(rows * cols * sizeof *y1);
        unsigned *fl = malloc(rows * cols * sizeof *fl), *fl1 = malloc(rows * cols * sizeof *fl1);
        uint8_t modes[6];
        assert_true(xf && wf && x && w && y && y1 && fl && fl1);
        for (size_t i = 0; i < rows * k; i++) x[i] = tf_bits(tf_f32_bits(xf[i] = random_value(&rng)));
        for (size_t i = 0; i < k * cols; i++) w[i] = tf_bits(tf_f32_bits(wf[i] = random_value(&rng)));
        for (size_t c = 0; c < cols; c++) modes[c] = (uint8_t)tf_below(&rng, 2);
        mg_hbfp_boost_spec s = { { 4, b, MG_HBFP_EXP_FLOOR1, t % 2 ? MG_RTZ : MG_RNE, 8 }, 6, tf_format("fp32") };
        assert_int_equal(mg_hbfp_boost_matmul(&s, x, w, rows, k, cols, modes, NULL, NULL, y, fl), 0);
        for (size_t c = 0; c < cols; c++) {
            mg_hbfp_matmul_spec one = { s.quant, s.acc };
            one.quant.n = modes[c] ? 6 : 4;
            assert_int_equal(mg_hbfp_matmul(&one, x, w, rows, k, cols, NULL, NULL, y1, fl1), 0);
            for (size_t r = 0; r < rows; r++) {
                uint32_t want = host_output(&one.quant, HOST_FP32, xf + r * k, wf + c, cols, k);
                if (y[r * cols + c].bits != want)
                    fail_msg("n=%d B=%d Y[%zu][%zu]: %llx, host %x", one.quant.n, b, r, c,
                             (unsigned long long)y[r * cols + c].bits, want);
                assert_int_equal(fl[r * cols + c], fl1[r * cols + c]);
                checked++;
            }
        }
        /* No modes: every column HBFP4. */
        mg_hbfp_matmul_spec four = { s.quant, s.acc };
        assert_int_equal(mg_hbfp_boost_matmul(&s, x, w, rows, k, cols, NULL, NULL, NULL, y, NULL), 0);
        assert_int_equal(mg_hbfp_matmul(&four, x, w, rows, k, cols, NULL, NULL, y1, NULL), 0);
        for (size_t i = 0; i < rows * cols; i++) assert_true(y[i].bits == y1[i].bits);
        free(xf);
        free(wf);
        free(x);
        free(w);
        free(y);
        free(y1);
        free(fl);
        free(fl1);
    }
    assert_true(checked > 300);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digits_hbfp6_exhaustive),
        cmocka_unit_test(test_digits_hand),
        cmocka_unit_test(test_digits_other_widths),
        cmocka_unit_test(test_pieces_hand),
        cmocka_unit_test(test_pieces_exhaustive),
        cmocka_unit_test(test_saturated_blocks),
        cmocka_unit_test(test_random_blocks),
        cmocka_unit_test(test_boost_matmul_vs_host),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
