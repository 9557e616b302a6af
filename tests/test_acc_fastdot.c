/* The accuracy engine's tabulated fixed-point path against mg_dot itself
 * (R, bit for bit in value, and the three event counts), over inputs drawn
 * uniformly from every finite encoding, so saturation, underflow, ftz and
 * subnormals all occur; and its exact sum S against the host's double sum
 * where that is exact (products of 8-bit formats, short vectors). */
#include <math.h>
#include <stdlib.h>

#include "acc_dot_internal.h"
#include "acc_input.h"
#include "test_helpers.h"

typedef struct {
    const char *w, *a, *prod, *acc, *acc2;
    size_t chunk, k;
    mg_round_mode mode;
} fcase;

static const fcase cases[] = {
    { "lba8", "lba8", "lba12", "lba12", "lba12", 16, 200, MG_RTZ },
    { "lba8", "lba8", "lba12", "lba12", "lba12", 0, 300, MG_RNE },
    { "lba8", "lba8", "lba12,bias=4", "lba12,bias=4", "lba12,bias=4", 64, 130, MG_RTZ },
    { "e4m3", "e4m3", "fp16", "fp16", "fp32", 16, 100, MG_RNE },
    { "e4m3", "e4m3", "fp32", "fp32", "fp32", 0, 100, MG_RNE },
    { "e5m2", "e4m3", "bf16", "bf16", "fp32", 8, 64, MG_RTZ },
    { "e4m3fn", "e4m3fn", "e5m2", "e4m3", "fp16", 4, 40, MG_RNE },
    { "e2m1", "e2m1", "e3m2,fin,sub", "e3m2,fin,ftz", "e5m2", 3, 50, MG_RNE },
    { "e3m2,fin,sub", "e2m3,fin,sub", "e4m3,fin,sub", "e4m3,fin,sub", "e4m3,fin,ftz", 5, 70, MG_RTZ },
};

static uint16_t random_finite(const mg_format *f, mg_rng *r)
{
    for (;;) {
        uint64_t c = mg_rng_next(r) & mg_mask64(mg_format_width(f));
        mg_exact v = mg_decode(f, (mg_bits){ c });
        if (v.cls == MG_CLASS_ZERO || v.cls == MG_CLASS_FINITE) return (uint16_t)c;
    }
}

static void check_case(const fcase *c, int reps, int *fast_runs)
{
    mg_dot_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.mac.w = tf_format(c->w);
    spec.mac.a = tf_format(c->a);
    spec.mac.prod = tf_format(c->prod);
    spec.mac.acc = tf_format(c->acc);
    spec.acc2 = tf_format(c->acc2);
    spec.chunk = c->chunk;
    mg_rounding rnd = tf_round(c->mode);
    char err[200];
    mg_acc_dot_plan *p = mg_acc_dot_plan_new(&spec, &rnd, c->k, err, sizeof err);
    assert_non_null(p);
    *fast_runs += mg_acc_dot_plan_is_fast(p);
    uint16_t w[400], a[400];
    mg_bits wb[400], ab[400];
    mg_rng rng;
    mg_rng_seed(&rng, 7, (uint64_t)(c - cases), 0);
    for (int rep = 0; rep < reps; rep++) {
        for (size_t i = 0; i < c->k; i++) {
            /* Every fourth row small inputs only: long sums without saturation. */
            w[i] = random_finite(&spec.mac.w, &rng);
            a[i] = random_finite(&spec.mac.a, &rng);
            if (rep % 4 == 0) w[i] &= (uint16_t)~(1u << (mg_format_width(&spec.mac.w) - 2));
            wb[i].bits = w[i];
            ab[i].bits = a[i];
        }
        mg_acc_row row;
        mg_event_counts got = { 0, 0, 0 }, want = { 0, 0, 0 };
        mg_acc_dot_row(p, w, a, &rng, &row, &got);
        unsigned flags = 0;
        double r = mg_acc_value(&spec.acc2, mg_dot(&spec, wb, ab, c->k, &rnd, NULL, &flags, &want));
        if (!(r == row.r || (isnan(r) && isnan(row.r)))) {
            print_error("case %zu rep %d: fast R %.17g, mg_dot %.17g\n", (size_t)(c - cases), rep, row.r, r);
            fail();
        }
        assert_int_equal(got.overflow, want.overflow);
        assert_int_equal(got.underflow, want.underflow);
        assert_int_equal(got.swamping, want.swamping);
        if (mg_format_width(&spec.mac.w) <= 8 && mg_format_width(&spec.mac.a) <= 8 && c->k <= 300) {
            double s = 0; /* 8-bit products need < 40 bits: this double sum is exact */
            for (size_t i = 0; i < c->k; i++) s += mg_acc_value(&spec.mac.w, wb[i]) * mg_acc_value(&spec.mac.a, ab[i]);
            assert_true(s == row.s);
        }
    }
    mg_acc_dot_plan_free(p);
}

static void fast_path_matches_mg_dot(void **state)
{
    (void)state;
    int fast = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) check_case(&cases[i], 60, &fast);
    assert_true(fast >= 7); /* the cases above are meant for the fast path */
}

/* A wide-range sum where some S bits fall below double precision. */
static void exact_sum_keeps_low_bits(void **state)
{
    (void)state;
    mg_dot_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.mac.w = spec.mac.a = tf_format("fp16");
    spec.mac.prod = spec.mac.acc = spec.acc2 = tf_format("fp32");
    mg_rounding rnd = tf_round(MG_RNE);
    char err[200];
    mg_acc_dot_plan *p = mg_acc_dot_plan_new(&spec, &rnd, 2, err, sizeof err);
    assert_non_null(p);
    /* 2^15 * 2^15 + 2^-24 * 2^-24: S = 2^30 + 2^-48, R = 2^30 in fp32. */
    uint16_t w[2] = { 0x7800, 0x0001 }, a[2] = { 0x7800, 0x0001 };
    mg_acc_row row;
    mg_event_counts ev = { 0, 0, 0 };
    mg_rng rng;
    mg_rng_seed(&rng, 1, 0, 0);
    mg_acc_dot_row(p, w, a, &rng, &row, &ev);
    assert_true(row.r == 1073741824.0);
    assert_true(row.diff == -ldexp(1, -48));
    assert_true(row.cr == 1);
    mg_acc_dot_plan_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fast_path_matches_mg_dot),
        cmocka_unit_test(exact_sum_keeps_low_bits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
