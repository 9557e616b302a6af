/* The LBA MAC step (docs/spec/operations.md section 3): the paper's defaults (lba8 x lba8
 * + lba12, rtz), its two roundings versus fused=1, one random word for both
 * roundings under sr, and the overflow / underflow / swamping events.
 * Encodings:  lba8 (e3m4, bias 3): 1.0=0x30 29/16=0x3d 31/16=0x3f 0.25=0x10
 *             0.28125=0x12 2.0=0x40 16=0x70 31=0x7f
 *             lba12 (e4m7, bias 7): 3.5=0x460 (X=8, F=96) 2^-6=0x080
 *             1.75*2^-6=0x0e0 -2^-4=0x980 256=0x780 510=0x7ff */
#include "test_helpers.h"

typedef struct {
    bool fused;
    const char *w_fmt; /* NULL: lba8 */
    mg_rounding rnd;
    uint64_t w, a, acc;
    uint64_t want;
    unsigned flags, events;
    const char *why;
} mac_case;

static void run_mac_cases(const mac_case *cases, size_t n)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        const mac_case *c = &cases[i];
        mg_mac_spec spec = mg_mac_spec_lba_default();
        spec.fused = c->fused;
        if (c->w_fmt) spec.w = spec.a = tf_format(c->w_fmt);
        unsigned flags = 0, events = 0;
        mg_bits got = mg_mac(&spec, tf_bits(c->w), tf_bits(c->a), tf_bits(c->acc), &c->rnd, &flags, &events);
        if (got.bits != c->want || flags != c->flags || events != c->events) {
            print_error("mac case %zu (%s): w=%llx a=%llx acc=%llx: want %03llx fl %02x ev %x, got %03llx fl %02x "
                        "ev %x\n",
                        i, c->why, (unsigned long long)c->w, (unsigned long long)c->a, (unsigned long long)c->acc,
                        (unsigned long long)c->want, c->flags, c->events, (unsigned long long)got.bits, flags,
                        events);
            bad++;
        }
    }
    if (bad) fail();
}

static void test_lba_defaults(void **state)
{
    (void)state;
    mg_mac_spec s = mg_mac_spec_lba_default();
    assert_int_equal(s.w.exp_bits, 3);
    assert_int_equal(s.w.frac_bits, 4);
    assert_int_equal(s.w.bias, 3);
    assert_int_equal(s.w.specials, MG_SPECIALS_FIN);
    assert_false(s.w.subnormals);
    assert_memory_equal(&s.a, &s.w, sizeof s.w);
    assert_int_equal(s.acc.exp_bits, 4);
    assert_int_equal(s.acc.frac_bits, 7);
    assert_int_equal(s.acc.bias, 7);
    assert_int_equal(s.acc.specials, MG_SPECIALS_FIN);
    assert_false(s.acc.subnormals);
    assert_memory_equal(&s.prod, &s.acc, sizeof s.acc);
    assert_false(s.fused);
}

static void test_two_roundings_and_fused(void **state)
{
    (void)state;
    const mac_case cases[] = {
        /* (31/16)(29/16) = 899/256 = 224.75 * 2^-6 */
        { false, NULL, RTZ, 0x3f, 0x3d, 0x000, 0x460, NX, 0, "product truncated to 224/64" },
        { false, NULL, RNE, 0x3f, 0x3d, 0x000, 0x461, NX, 0, "product rounded to 225/64" },
        { false, NULL, RTZ, 0xbf, 0x3d, 0x800, 0xc60, NX, 0, "negative product, -0 accumulator" },
        /* (31/16)^2 = 240.25/64, plus 1.75/64 */
        { false, NULL, RTZ, 0x3f, 0x3f, 0x0e0, 0x471, NX, 0, "two truncations: 240 + 1.75 -> 241" },
        { true, NULL, RTZ, 0x3f, 0x3f, 0x0e0, 0x472, 0, 0, "fused: 240.25 + 1.75 = 242 exactly" },
        { false, NULL, RNE, 0x3f, 0x3f, 0x0e0, 0x472, NX, 0, "rne: 240 + 1.75 -> 242" },
        { true, NULL, RNE, 0x3f, 0x3f, 0x0e0, 0x472, 0, 0, "fused rne: exact" },
        /* sr: the same r for both roundings (224.75 + r, then + 1.75 + r) */
        { false, NULL, SR(8, 64), 0x3f, 0x3d, 0x0e0, 0x463, NX, 0, "sr r=1/4: 225, then 226.75 -> 227" },
        { false, NULL, SR(8, 63), 0x3f, 0x3d, 0x0e0, 0x461, NX, 0, "sr r<1/4: 224, then 225.75 -> 225" },
        { true, NULL, SR(8, 64), 0x3f, 0x3d, 0x0e0, 0x462, NX, 0, "fused sr: 226.5 + 1/4 -> 226" },
        { true, NULL, SR(8, 128), 0x3f, 0x3d, 0x0e0, 0x463, NX, 0, "fused sr: 226.5 + 1/2 -> 227" },
        { false, NULL, RTZ, 0x30, 0x30, 0x100, 0x384, 0, 0, "1 + 2^-5 exactly" },
    };
    run_mac_cases(cases, TF_COUNT(cases));
}

static void test_events(void **state)
{
    (void)state;
    const mac_case cases[] = {
        { false, NULL, RTZ, 0x7f, 0x7f, 0x000, 0x7ff, OF | NX, MG_EVENT_OVERFLOW, "961 saturates the product" },
        { false, NULL, RTZ, 0x70, 0x70, 0x780, 0x7ff, OF | NX, MG_EVENT_OVERFLOW, "256 + 256 saturates" },
        { false, NULL, RNE, 0xf0, 0x70, 0xf80, 0xfff, OF | NX, MG_EVENT_OVERFLOW, "-256 - 256 saturates" },
        { false, NULL, RTZ, 0x30, 0x30, 0x780, 0x780, NX, MG_EVENT_SWAMP, "256 + 1 = 256: swamped" },
        { false, NULL, RNE, 0x30, 0x30, 0x780, 0x780, NX, MG_EVENT_SWAMP, "256 + 1: tie to even 256" },
        { false, NULL, RTZ, 0x30, 0x40, 0x780, 0x781, 0, 0, "256 + 2 = 258 exactly" },
        { false, NULL, RTZ, 0x00, 0x30, 0x780, 0x780, 0, 0, "a zero addend is not swamping" },
        { false, NULL, RTZ, 0x12, 0x10, 0x980, 0x000, UF | NX, MG_EVENT_UNDERFLOW,
          "4.5/64 - 4/64 = 2^-7: flushed" },
        { false, NULL, RTZ, 0x12, 0x10, 0x190, 0x210, 0, 0, "4.5/64 + 4.5/64 = 9/64 exactly" },
        /* lba8,bias=6: 0x10 = 2^-5, the product 2^-10 is below lba12's 2^-6 */
        { false, "lba8,bias=6", RTZ, 0x10, 0x10, 0x000, 0x000, UF | NX, MG_EVENT_UNDERFLOW, "product flushed" },
        { false, "lba8,bias=6", RTZ, 0x90, 0x10, 0x800, 0x800, UF | NX, MG_EVENT_UNDERFLOW,
          "-2^-10 flushed to -0, plus -0" },
        { true, "lba8,bias=6", RTZ, 0x10, 0x10, 0x080, 0x088, 0, 0, "fused keeps 2^-6 + 2^-10" },
        /* by the letter of docs/spec/lba_events.md, 0 + 2^-10 rounding to 0 is also swamping:
         * the (exact, fused) addend is nonzero and the sum is unchanged */
        { true, "lba8,bias=6", RTZ, 0x10, 0x10, 0x000, 0x000, UF | NX, MG_EVENT_UNDERFLOW | MG_EVENT_SWAMP,
          "fused: 2^-10 flushed" },
    };
    run_mac_cases(cases, TF_COUNT(cases));

    /* unfused with the product flushed beside a nonzero accumulator: the
     * underflow event is raised (the swamping event is not pinned here) */
    mg_mac_spec spec = mg_mac_spec_lba_default();
    spec.w = spec.a = tf_format("lba8,bias=6");
    mg_rounding rtz = tf_round(MG_RTZ);
    unsigned flags = 0, events = 0;
    mg_bits r = mg_mac(&spec, tf_bits(0x10), tf_bits(0x10), tf_bits(0x080), &rtz, &flags, &events);
    assert_int_equal(r.bits, 0x080);
    assert_int_equal(flags, UF | NX);
    assert_int_equal(events & (MG_EVENT_UNDERFLOW | MG_EVENT_OVERFLOW), MG_EVENT_UNDERFLOW);
}

/* A MAC with other formats: e4m3fn x e4m3fn + fp32 (rne). */
static void test_fp8_with_fp32_accumulator(void **state)
{
    (void)state;
    mg_mac_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.w = spec.a = tf_format("e4m3fn");
    spec.prod = spec.acc = tf_format("fp32");
    mg_rounding rne = tf_round(MG_RNE);
    unsigned flags = 0, events = 0;
    /* 1.875^2 + 1 = 4.515625 = 2^2 * 1.12890625 */
    mg_bits r = mg_mac(&spec, tf_bits(0x3f), tf_bits(0x3f), tf_bits(0x3f800000), &rne, &flags, &events);
    assert_int_equal(r.bits, 0x40908000);
    assert_int_equal(flags, 0);
    assert_int_equal(events, 0);
    /* e4m3fn NaN operand: canonical fp32 NaN, quiet (no invalid) */
    r = mg_mac(&spec, tf_bits(0x7f), tf_bits(0x38), tf_bits(0x3f800000), &rne, &flags, &events);
    assert_int_equal(r.bits, 0x7fc00000);
    assert_int_equal(flags, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lba_defaults),
        cmocka_unit_test(test_two_roundings_and_fused),
        cmocka_unit_test(test_events),
        cmocka_unit_test(test_fp8_with_fp32_accumulator),
    };
    return cmocka_run_group_tests_name("model_mac", tests, NULL, NULL);
}
