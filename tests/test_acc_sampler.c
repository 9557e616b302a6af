/* The input sampler of `macgen accuracy` against probabilities derived by
 * hand: N(0, 1) rounded to lba8 (e3m4, fin, ftz, bias 3) with rne and
 * saturation.  Positive values v_j = (1 + f/16) 2^(e-3); between neighbours
 * the switch is the midpoint (ties have probability 0); below the smallest
 * normal 0.25, a real rounds (on its own binade's grid, step 2^-7 in
 * [0.125, 0.25)) up to 0.25 from 0.25 - 2^-8 on, else flushes to 0; above
 * 31 it saturates.  Probabilities come from the host's erfc. */
#include <math.h>

#include "acc_input.h"
#include "test_helpers.h"

enum { DRAWS = 2000000 };

static double phi(double x) { return 0.5 * erfc(-x / sqrt(2.0)); }

static void lba8_normal_frequencies(void **state)
{
    (void)state;
    double v[113]; /* 0, then the 112 positive values in order */
    int n = 0;
    v[n++] = 0;
    for (int e = 1; e <= 7; e++)
        for (int f = 0; f < 16; f++) v[n++] = (1 + f / 16.0) * ldexp(1, e - 3);
    double p_pos[113];
    for (int j = 0; j < n; j++) {
        double lo = j == 0 ? 0 : j == 1 ? 0.25 - ldexp(1, -8) : (v[j - 1] + v[j]) / 2;
        double hi = j == n - 1 ? INFINITY : j == 0 ? 0.25 - ldexp(1, -8) : (v[j] + v[j + 1]) / 2;
        p_pos[j] = phi(hi) - phi(lo); /* one sign; zero gets both halves below */
    }
    p_pos[0] *= 2;
    mg_format f = tf_format("lba8");
    mg_dist d = { MG_DIST_NORMAL, 1.0, 0.0 };
    mg_code_sampler *s = mg_code_sampler_new(&f, &d);
    assert_non_null(s);
    static uint16_t codes[DRAWS];
    mg_rng r;
    mg_rng_seed(&r, 11, 0, 0);
    mg_code_draw_n(s, &r, codes, DRAWS);
    static long count[256];
    for (int i = 0; i < DRAWS; i++) count[codes[i]]++;
    long zero = 0;
    for (int c = 0; c < 256; c++)
        if ((c & 0x70) == 0) zero += count[c]; /* exponent field 0: zero under ftz */
    int bad = 0;
    for (int j = 0; j < n; j++) {
        double want = j == 0 ? p_pos[0] : p_pos[j];
        long got[2] = { zero, 0 };
        if (j > 0) {
            int code = (int)((j - 1) / 16 + 1) << 4 | (int)((j - 1) % 16);
            got[0] = count[code];
            got[1] = count[code | 0x80];
        }
        for (int sgn = 0; sgn < (j == 0 ? 1 : 2); sgn++) {
            double mean = want * DRAWS, sd = sqrt(mean * (1 - want)) + 1;
            if (fabs((double)got[sgn] - mean) > 5 * sd + 2) {
                print_error("value %g sign %d: %ld draws, expected %.1f\n", v[j], sgn, got[sgn], mean);
                bad++;
            }
        }
    }
    assert_int_equal(bad, 0);
    mg_code_sampler_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(lba8_normal_frequencies) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
