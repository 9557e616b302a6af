/* Format parsing (docs/spec/formats.md): aliases, attributes, defaults,
 * conflicts, out-of-range widths and biases, and the largest finite and
 * smallest normal values of the named formats, read back through quant into
 * fp64 and compared with hand-computed numbers. */
#include "test_helpers.h"

typedef struct {
    const char *text;
    int e, m, bias;
    mg_specials specials;
    bool sub;
} parse_case;

static void test_aliases_and_attributes(void **state)
{
    (void)state;
    const parse_case cases[] = {
        { "fp64", 11, 52, 1023, MG_SPECIALS_IEEE, true },
        { "fp32", 8, 23, 127, MG_SPECIALS_IEEE, true },
        { "fp16", 5, 10, 15, MG_SPECIALS_IEEE, true },
        { "bf16", 8, 7, 127, MG_SPECIALS_IEEE, true },
        { "e4m3fn", 4, 3, 7, MG_SPECIALS_FN, true },
        { "e4m3", 4, 3, 7, MG_SPECIALS_IEEE, true },
        { "e5m2", 5, 2, 15, MG_SPECIALS_IEEE, true },
        { "lba12", 4, 7, 7, MG_SPECIALS_FIN, false },
        { "lba8", 3, 4, 3, MG_SPECIALS_FIN, false },
        { "e4m7,fin,ftz", 4, 7, 7, MG_SPECIALS_FIN, false },
        { "e4m7,fin,ftz,bias=9", 4, 7, 9, MG_SPECIALS_FIN, false },
        { "e3m4,bias=-2,fin", 3, 4, -2, MG_SPECIALS_FIN, true },
        { "lba8,bias=5", 3, 4, 5, MG_SPECIALS_FIN, false },
        { "lba12,ftz", 4, 7, 7, MG_SPECIALS_FIN, false },
        { "lba12,fin,ftz,bias=7", 4, 7, 7, MG_SPECIALS_FIN, false },
        { "e4m3,ftz", 4, 3, 7, MG_SPECIALS_IEEE, false },
        { "e5m2,fn", 5, 2, 15, MG_SPECIALS_FN, true },
        { "e4m3,fin", 4, 3, 7, MG_SPECIALS_FIN, true },
        { "e4m3,ieee,ieee", 4, 3, 7, MG_SPECIALS_IEEE, true },
        { "e2m1,fin", 2, 1, 1, MG_SPECIALS_FIN, true },
        { "e2m1", 2, 1, 1, MG_SPECIALS_IEEE, true },
        { "e2m0,fin", 2, 0, 1, MG_SPECIALS_FIN, true },
        { "e11m52", 11, 52, 1023, MG_SPECIALS_IEEE, true },
        { "e8m0,fin", 8, 0, 127, MG_SPECIALS_FIN, true },
        { "e5m10,bias=65535", 5, 10, 65535, MG_SPECIALS_IEEE, true },
        { "e5m10,bias=-65535", 5, 10, -65535, MG_SPECIALS_IEEE, true },
    };
    for (size_t i = 0; i < TF_COUNT(cases); i++) {
        const parse_case *c = &cases[i];
        mg_format f = tf_format(c->text);
        if (f.exp_bits != c->e || f.frac_bits != c->m || f.bias != c->bias || f.specials != c->specials ||
            f.subnormals != c->sub) {
            print_error("'%s': got e%dm%d bias %d specials %d sub %d\n", c->text, f.exp_bits, f.frac_bits,
                        f.bias, (int)f.specials, (int)f.subnormals);
            fail();
        }
    }
}

static void test_rejected_formats(void **state)
{
    (void)state;
    const char *bad[] = {
        "", "fp33", "float", "e1m3", "e12m3", "e0m3", "e4m53", "e11m53", "e4m-1", "e4", "m3", "4m3",
        "e4m3,ieee,fn", "e4m3,fn,fin", "e4m3,sub,ftz", "e4m3fn,ieee", "e4m3fn,fin", "lba8,ieee", "lba8,sub",
        "lba12,fn", "e4m3,bias=65536", "e4m3,bias=-65536", "e4m3,bias=", "e4m3,bias=1x", "e4m3,bias=5,bias=6",
        "e4m3,foo", "e4m3,", "e4m3,,ieee", "e4m0", "e4m0,fn", "e4m0,ieee", "e4m3 ", "e4m3x", "E4M3?",
    };
    for (size_t i = 0; i < TF_COUNT(bad); i++) {
        mg_format f;
        char err[MG_FORMAT_ERR_LEN];
        err[0] = '\0';
        if (mg_format_parse(bad[i], &f, err) == 0) {
            print_error("'%s' should be rejected\n", bad[i]);
            fail();
        }
        if (strlen(err) < 10 || strchr(err, '\n')) {
            print_error("'%s': the error should be one clear line, got '%s'\n", bad[i], err);
            fail();
        }
    }
}

/* Extremes: largest finite and smallest normal of the named formats, as
 * hand-computed doubles, and the hand-written encoding of the largest. */
typedef struct {
    const char *text;
    uint64_t max_bits;
    double max_value, min_normal;
} extreme_case;

static void test_largest_finite_and_smallest_normal(void **state)
{
    (void)state;
    const extreme_case cases[] = {
        { "e4m3fn", 0x7e, 448.0, 0x1p-6 },
        { "e4m3", 0x77, 240.0, 0x1p-6 },
        { "e5m2", 0x7b, 57344.0, 0x1p-14 },
        { "lba12", 0x7ff, 510.0, 0x1p-6 },
        { "lba8", 0x7f, 31.0, 0.25 },
        { "lba8,bias=5", 0x7f, 7.75, 0x1p-4 },
        { "e4m7,fin,ftz,bias=9", 0x7ff, 127.5, 0x1p-8 },
        { "fp16", 0x7bff, 65504.0, 0x1p-14 },
        { "bf16", 0x7f7f, 0x1.fep127, 0x1p-126 },
        { "fp32", 0x7f7fffff, 0x1.fffffep127, 0x1p-126 },
        { "e2m1,fin", 0x7, 6.0, 1.0 },
        { "e2m1", 0x5, 3.0, 1.0 },
    };
    mg_format f64 = tf_format("fp64");
    mg_rounding rne = tf_round(MG_RNE);
    for (size_t i = 0; i < TF_COUNT(cases); i++) {
        const extreme_case *c = &cases[i];
        mg_format f = tf_format(c->text);
        unsigned flags = 0;
        mg_bits max = mg_max_finite(&f, false);
        mg_bits as_double = mg_quant(&f, tf_bits(c->max_bits), &f64, &rne, &flags);
        /* smallest normal: exponent field 1, fraction 0 */
        mg_bits min_normal = mg_quant(&f, tf_bits(1ull << f.frac_bits), &f64, &rne, &flags);
        mg_bits neg_max = mg_max_finite(&f, true);
        uint64_t sign_bit = 1ull << (f.exp_bits + f.frac_bits);
        if (max.bits != c->max_bits || neg_max.bits != (c->max_bits | sign_bit) ||
            as_double.bits != tf_f64_bits(c->max_value) || min_normal.bits != tf_f64_bits(c->min_normal) ||
            flags != 0 || tf_to_double(&f, c->max_bits) != c->max_value) {
            print_error("%s: max %llx (want %llx) = %a (want %a), min normal %a (want %a), flags %x\n",
                        c->text, (unsigned long long)max.bits, (unsigned long long)c->max_bits,
                        tf_f64_from(as_double.bits), c->max_value, tf_f64_from(min_normal.bits),
                        c->min_normal, flags);
            fail();
        }
        /* the largest finite value goes back into its own format exactly */
        mg_bits back = mg_quant(&f64, as_double, &f, &rne, &flags);
        assert_int_equal(back.bits, c->max_bits);
        assert_int_equal(flags, 0);
    }
}

static void test_predicates(void **state)
{
    (void)state;
    mg_format e4m3 = tf_format("e4m3"), fn = tf_format("e4m3fn"), fin = tf_format("lba8");
    mg_format fp32 = tf_format("fp32"), lba12 = tf_format("lba12");
    assert_int_equal(mg_canonical_nan(&e4m3).bits, 0x7c);
    assert_int_equal(mg_canonical_nan(&fn).bits, 0x7f);
    assert_int_equal(mg_canonical_nan(&fp32).bits, 0x7fc00000);
    assert_int_equal(mg_infinity(&e4m3, true).bits, 0xf8);
    assert_int_equal(mg_zero(&lba12, true).bits, 0x800);
    assert_true(mg_is_nan(&e4m3, tf_bits(0xf9)));
    assert_false(mg_is_nan(&e4m3, tf_bits(0x78)));
    assert_true(mg_is_inf(&e4m3, tf_bits(0x78)));
    assert_true(mg_is_nan(&fn, tf_bits(0xff)));
    assert_false(mg_is_nan(&fn, tf_bits(0x7e)));
    assert_false(mg_is_inf(&fn, tf_bits(0x78)));
    assert_false(mg_is_nan(&fin, tf_bits(0x7f)));
    assert_true(mg_is_zero(&fin, tf_bits(0x0f)));  /* ftz: exponent field 0 is zero */
    assert_false(mg_is_zero(&e4m3, tf_bits(0x01))); /* sub: a subnormal */
    assert_true(mg_same_value(&fp32, tf_bits(0), tf_bits(0x80000000)));
    assert_false(mg_same_value(&fp32, tf_bits(0x7fc00000), tf_bits(0x7fc00000)));
    assert_true(mg_same_value(&fin, tf_bits(0x03), tf_bits(0x85)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_aliases_and_attributes),
        cmocka_unit_test(test_rejected_formats),
        cmocka_unit_test(test_largest_finite_and_smallest_normal),
        cmocka_unit_test(test_predicates),
    };
    return cmocka_run_group_tests_name("model_format", tests, NULL, NULL);
}
