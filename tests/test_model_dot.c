/* The chunked dot product (docs/spec/operations.md section 4) on hand-built vectors where
 * the chunk size or the order changes the result through swamping, with the
 * LBA event counts.  Defaults: lba8 x lba8 + lba12 (rtz); lba12 has 7
 * fraction bits, so from 256 on its step is 2 and adding 1.0 is swamped.
 * Encodings: lba8 1.0=0x30 16=0x70 31=0x7f; lba12 256=0x780 300=0x796
 * (F=22) 344=0x7ac (F=44) 356=0x7b2 (F=50) 510=0x7ff. */
#include <stdlib.h>

#include "test_helpers.h"

enum { MAXK = 700 };

typedef struct {
    mg_bits w[MAXK], a[MAXK];
    size_t k;
} vec;

static void push(vec *v, uint64_t w, uint64_t a, size_t times)
{
    for (size_t i = 0; i < times; i++) {
        assert_true(v->k < MAXK);
        v->w[v->k] = tf_bits(w);
        v->a[v->k] = tf_bits(a);
        v->k++;
    }
}

static mg_dot_spec lba_dot(size_t chunk)
{
    mg_dot_spec s;
    memset(&s, 0, sizeof s);
    s.mac = mg_mac_spec_lba_default();
    s.acc2 = s.mac.acc;
    s.chunk = chunk;
    return s;
}

static mg_bits dot(const mg_dot_spec *s, const vec *v, mg_rounding rnd, const uint64_t *random, unsigned *flags,
                   mg_event_counts *counts)
{
    memset(counts, 0, sizeof *counts);
    *flags = 0;
    return mg_dot(s, v->w, v->a, v->k, &rnd, random, flags, counts);
}

static void expect_counts(const mg_event_counts *c, unsigned long long ovf, unsigned long long unf,
                          unsigned long long swamp)
{
    if (c->overflow != ovf || c->underflow != unf || c->swamping != swamp) {
        print_error("events: overflow %llu underflow %llu swamping %llu, want %llu %llu %llu\n", c->overflow,
                    c->underflow, c->swamping, ovf, unf, swamp);
        fail();
    }
}

static void test_chunk_size_changes_the_result(void **state)
{
    (void)state;
    static vec v; /* 300 products of 1.0 */
    memset(&v, 0, sizeof v);
    push(&v, 0x30, 0x30, 300);
    unsigned flags;
    mg_event_counts c;
    mg_rounding rtz = tf_round(MG_RTZ);

    /* sequential: 256 is reached after 256 steps, the other 44 are swamped */
    mg_dot_spec seq = lba_dot(1000);
    assert_int_equal(dot(&seq, &v, rtz, NULL, &flags, &c).bits, 0x780);
    assert_int_equal(flags, NX);
    expect_counts(&c, 0, 0, 44);
    mg_dot_spec exact_k = lba_dot(300); /* C = K is sequential too */
    assert_int_equal(dot(&exact_k, &v, rtz, NULL, &flags, &c).bits, 0x780);
    expect_counts(&c, 0, 0, 44);

    /* chunks of 16 (the default C): 18 sums of 16 and one of 12, all exact */
    mg_dot_spec c16 = lba_dot(16);
    assert_int_equal(dot(&c16, &v, rtz, NULL, &flags, &c).bits, 0x796);
    assert_int_equal(flags, 0);
    expect_counts(&c, 0, 0, 0);

    /* chunk 1: every product is its own chunk, the chunk adds swamp instead */
    mg_dot_spec c1 = lba_dot(1);
    assert_int_equal(dot(&c1, &v, rtz, NULL, &flags, &c).bits, 0x780);
    expect_counts(&c, 0, 0, 44);

    /* a wider second-level accumulator: 300.0 in fp32 */
    mg_dot_spec wide = lba_dot(16);
    wide.acc2 = tf_format("fp32");
    assert_int_equal(dot(&wide, &v, rtz, NULL, &flags, &c).bits, 0x43960000);
    assert_int_equal(flags, 0);
}

static void test_order_changes_the_result(void **state)
{
    (void)state;
    static vec big_first, big_last;
    memset(&big_first, 0, sizeof big_first);
    memset(&big_last, 0, sizeof big_last);
    push(&big_first, 0x70, 0x70, 1); /* 16 * 16 = 256 */
    push(&big_first, 0x30, 0x30, 100);
    push(&big_last, 0x30, 0x30, 100);
    push(&big_last, 0x70, 0x70, 1);
    unsigned flags;
    mg_event_counts c;
    mg_dot_spec seq = lba_dot(MAXK);
    mg_rounding rtz = tf_round(MG_RTZ);
    assert_int_equal(dot(&seq, &big_first, rtz, NULL, &flags, &c).bits, 0x780);
    expect_counts(&c, 0, 0, 100);
    assert_int_equal(dot(&seq, &big_last, rtz, NULL, &flags, &c).bits, 0x7b2); /* 100 + 256 */
    expect_counts(&c, 0, 0, 0);
    assert_int_equal(flags, 0);
}

static void test_overflow_and_underflow_counts(void **state)
{
    (void)state;
    static vec v;
    unsigned flags;
    mg_event_counts c;
    mg_rounding rtz = tf_round(MG_RTZ);

    /* 31*31 = 961 saturates each product; the 2nd and 3rd sums saturate and
     * leave the accumulator at 510 (swamped, by the definition) */
    memset(&v, 0, sizeof v);
    push(&v, 0x7f, 0x7f, 3);
    mg_dot_spec seq = lba_dot(16);
    assert_int_equal(dot(&seq, &v, rtz, NULL, &flags, &c).bits, 0x7ff);
    assert_int_equal(flags, OF | NX);
    expect_counts(&c, 3, 0, 2);

    /* 3 chunks of 200 ones: 200 + 200 + 200 saturates the lba12 sum (one
     * overflow event in the chunk additions); fp32 as acc2 holds 600 */
    memset(&v, 0, sizeof v);
    push(&v, 0x30, 0x30, 600);
    mg_dot_spec c200 = lba_dot(200);
    assert_int_equal(dot(&c200, &v, rtz, NULL, &flags, &c).bits, 0x7ff);
    assert_int_equal(flags, OF | NX);
    expect_counts(&c, 1, 0, 0);
    c200.acc2 = tf_format("fp32");
    assert_int_equal(dot(&c200, &v, rtz, NULL, &flags, &c).bits, 0x44160000);
    expect_counts(&c, 0, 0, 0);

    /* lba8,bias=6: 2^-5 * 2^-5 = 2^-10 flushes in lba12: 5 underflow events */
    memset(&v, 0, sizeof v);
    push(&v, 0x10, 0x10, 5);
    mg_dot_spec tiny = lba_dot(16);
    tiny.mac.w = tiny.mac.a = tf_format("lba8,bias=6");
    assert_int_equal(dot(&tiny, &v, rtz, NULL, &flags, &c).bits, 0x000);
    assert_int_equal(flags, UF | NX);
    expect_counts(&c, 0, 5, 0);
}

static void test_stochastic_rounding_words(void **state)
{
    (void)state;
    static vec v;
    memset(&v, 0, sizeof v);
    push(&v, 0x30, 0x30, 300);
    mg_dot_spec seq = lba_dot(1000);
    size_t n = mg_dot_random_words(&seq, v.k);
    assert_int_equal(n, 301); /* one per MAC step, one per chunk addition */
    uint64_t *words = calloc(n, sizeof *words);
    assert_non_null(words);
    unsigned flags;
    mg_event_counts c;
    /* r = 0 truncates: the rtz answer */
    assert_int_equal(dot(&seq, &v, tf_round_sr(8, 0), words, &flags, &c).bits, 0x780);
    /* r = 255/256: 256 + 1 (half a step) + r rounds up, so each of the last 44
     * products adds 2: 256 + 88 = 344 */
    for (size_t i = 0; i < n; i++) words[i] = 255;
    assert_int_equal(dot(&seq, &v, tf_round_sr(8, 0), words, &flags, &c).bits, 0x7ac);
    expect_counts(&c, 0, 0, 0);
    /* only the words of the last 44 steps matter */
    for (size_t i = 0; i < n; i++) words[i] = i >= 256 && i < 300 ? 128 : 0;
    assert_int_equal(dot(&seq, &v, tf_round_sr(8, 0), words, &flags, &c).bits, 0x7ac);
    words[299] = 127; /* the last step now truncates: 342 */
    assert_int_equal(dot(&seq, &v, tf_round_sr(8, 0), words, &flags, &c).bits, 0x7ab);
    free(words);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chunk_size_changes_the_result),
        cmocka_unit_test(test_order_changes_the_result),
        cmocka_unit_test(test_overflow_and_underflow_counts),
        cmocka_unit_test(test_stochastic_rounding_words),
    };
    return cmocka_run_group_tests_name("model_dot", tests, NULL, NULL);
}
