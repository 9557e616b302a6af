/* The exact fp32 dot-product accumulator of the block accuracy runs, against
 * the host's double sum where that is exact (12-bit significands in a narrow
 * exponent range), and hand-built extremes that no double sum could keep. */
#include <math.h>

#include "acc_rng.h"
#include "acc_superacc.h"
#include "test_helpers.h"

static mg_exact exact_of(double x)
{
    mg_exact e = { MG_CLASS_ZERO, x < 0, false, 0, 0 };
    if (x == 0) return e;
    int ex;
    double f = frexp(fabs(x), &ex);
    e.cls = MG_CLASS_FINITE;
    e.sig = (uint64_t)ldexp(f, 53);
    e.exp = ex - 53;
    return e;
}

static double value(mg_exact v)
{
    if (v.cls == MG_CLASS_ZERO) return 0;
    double d = ldexp((double)v.sig, v.exp); /* only used where sig < 2^53 after trimming */
    return v.sign ? -d : d;
}

static void matches_exact_double_sums(void **state)
{
    (void)state;
    mg_rng r;
    mg_rng_seed(&r, 3, 0, 0);
    for (int rep = 0; rep < 200; rep++) {
        mg_superacc s;
        mg_superacc_clear(&s);
        double host = 0;
        for (int i = 0; i < 64; i++) {
            /* 12-bit significands, exponents in [-8, 8): products of 24 bits,
             * their sum below 2^53 units of the smallest: exact in double. */
            double x = ldexp((double)(mg_rng_next(&r) % 4096), (int)(mg_rng_next(&r) % 16) - 8 - 12);
            double y = ldexp((double)(mg_rng_next(&r) % 4096), (int)(mg_rng_next(&r) % 16) - 8 - 12);
            if (mg_rng_next(&r) & 1) x = -x;
            host += x * y;
            assert_int_equal(mg_superacc_add(&s, exact_of(x * y), false), 0);
        }
        mg_exact v = mg_superacc_value(&s);
        if (v.cls == MG_CLASS_FINITE) {
            while (!(v.sig & 1) && v.sig > 1) { /* trim trailing zeros for the double */
                v.sig >>= 1;
                v.exp++;
            }
        }
        assert_true(value(v) == host);
    }
}

static void keeps_extremes(void **state)
{
    (void)state;
    mg_superacc s;
    mg_superacc_clear(&s);
    /* 2^254 + 2^-298 - 2^254 = 2^-298: the tiny term survives. */
    mg_exact big = { MG_CLASS_FINITE, false, false, 254, 1 }, tiny = { MG_CLASS_FINITE, false, false, -298, 1 };
    assert_int_equal(mg_superacc_add(&s, big, false), 0);
    assert_int_equal(mg_superacc_add(&s, tiny, false), 0);
    assert_int_equal(mg_superacc_add(&s, big, true), 0);
    mg_exact v = mg_superacc_value(&s);
    assert_int_equal(v.cls, MG_CLASS_FINITE);
    assert_false(v.sign);
    assert_true((v.sig & (v.sig - 1)) == 0 && v.exp + mg_msb128(v.sig) == -298); /* exactly 2^-298 */
    /* Negative results: -(2^254) + 2^-298 keeps the sticky low part. */
    mg_superacc_clear(&s);
    mg_superacc_add(&s, big, true);
    mg_superacc_add(&s, tiny, false);
    v = mg_superacc_value(&s);
    assert_true(v.sign);
    assert_true((v.sig & 1) == 1);                 /* jammed: inexact below */
    assert_int_equal(v.exp + mg_msb128(v.sig), 253); /* just below 2^254 in magnitude */
    /* Out of range: refused, not wrapped. */
    mg_exact huge = { MG_CLASS_FINITE, false, false, 400, 1 };
    assert_int_equal(mg_superacc_add(&s, huge, false), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(matches_exact_double_sums),
        cmocka_unit_test(keeps_extremes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
