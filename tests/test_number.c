/* The one number parser (sim/util/number.h), against hand-written cases:
 * what a user types, what it must mean, and the reason when it means
 * nothing (issue 18: 064 read as octal 52, 99999999999999999999 clamped to
 * 2^63 - 1, "+3", " 5", hex floats and inf taken for numbers). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "number.h"

static void int_ok(const char *text, long long lo, long long hi, long long want)
{
    char err[256] = "";
    long long v = 12345;
    if (mg_parse_int("n", text, lo, hi, &v, err, sizeof err) != 0) fail_msg("'%s' refused: %s", text, err);
    assert_int_equal(v, want);
}

static void int_bad(const char *text, long long lo, long long hi, const char *why)
{
    char err[256] = "";
    long long v = 12345;
    assert_int_equal(mg_parse_int("n", text, lo, hi, &v, err, sizeof err), -1);
    assert_int_equal(v, 12345); /* untouched */
    if (!strstr(err, why)) fail_msg("'%s': '%s' lacks '%s'", text, err, why);
}

static void test_decimal(void **state)
{
    (void)state;
    int_ok("0", 0, 10, 0);
    int_ok("64", 1, 1024, 64);
    int_ok("1024", 1, 1024, 1024);
    int_ok("-3", -10, 10, -3);
    int_ok("-0", -10, 10, 0);
    int_ok("9223372036854775807", INT64_MIN, INT64_MAX, INT64_MAX);
    int_ok("-9223372036854775808", INT64_MIN, INT64_MAX, INT64_MIN);
}

static void test_refused(void **state)
{
    (void)state;
    int_bad("064", 1, 1024, "n=064: a leading zero is not allowed (numbers are decimal: write 64)");
    int_bad("-08", -10, 10, "write -8");
    int_bad("00", 0, 10, "write 0");
    int_bad("0x40", 1, 1024, "hexadecimal is not accepted here");
    int_bad("+3", 0, 10, "expected a decimal integer in 0..10");
    int_bad(" 5", 0, 10, "expected a decimal integer");
    int_bad("5 ", 0, 10, "expected a decimal integer");
    int_bad("", 0, 10, "n=: expected a decimal integer");
    int_bad("-", 0, 10, "expected a decimal integer");
    int_bad("1e3", 0, 10000, "expected a decimal integer");
    int_bad("2.0", 0, 10, "expected a decimal integer");
    int_bad("1025", 1, 1024, "n=1025: out of range (1..1024)");
    int_bad("0", 1, 1024, "out of range (1..1024)");
    int_bad("-1", 0, 10, "out of range (0..10)");
    int_bad("9223372036854775808", INT64_MIN, INT64_MAX, "out of range");
    int_bad("99999999999999999999", 0, 4095, "n=99999999999999999999: out of range (0..4095)");
    int_bad("-9223372036854775809", INT64_MIN, INT64_MAX, "out of range");
}

static void test_unsigned_and_hex(void **state)
{
    (void)state;
    char err[256];
    unsigned long long v;
    assert_int_equal(mg_parse_uint("--seed", "18446744073709551615", 0, UINT64_MAX, 0, &v, err, sizeof err), 0);
    assert_true(v == UINT64_MAX);
    assert_int_equal(mg_parse_uint("--seed", "0x10", 0, UINT64_MAX, MG_NUM_HEX, &v, err, sizeof err), 0);
    assert_int_equal(v, 16);
    assert_int_equal(mg_parse_uint("--seed", "0XfF", 0, UINT64_MAX, MG_NUM_HEX, &v, err, sizeof err), 0);
    assert_int_equal(v, 255);
    assert_int_equal(mg_parse_uint("--seed", "18446744073709551616", 0, UINT64_MAX, 0, &v, err, sizeof err), -1);
    assert_non_null(strstr(err, "--seed 18446744073709551616: out of range"));
    assert_int_equal(mg_parse_uint("--seed", "0x", 0, UINT64_MAX, MG_NUM_HEX, &v, err, sizeof err), -1);
    assert_int_equal(mg_parse_uint("--seed", "0x1g", 0, UINT64_MAX, MG_NUM_HEX, &v, err, sizeof err), -1);
    assert_int_equal(mg_parse_uint("-j", "-1", 1, 256, 0, &v, err, sizeof err), -1);
    assert_non_null(strstr(err, "-j -1: expected a decimal integer in 1..256"));
    assert_int_equal(mg_parse_uint("-j", "010", 1, 256, 0, &v, err, sizeof err), -1);
    /* A control character in the text is shown escaped, and a long text cut. */
    assert_int_equal(mg_parse_uint("k", "1\n2", 0, 9, 0, &v, err, sizeof err), -1);
    assert_non_null(strstr(err, "k=1\\x0a2: "));
    char big[300];
    memset(big, '7', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(mg_parse_uint("k", big, 0, 9, 0, &v, err, sizeof err), -1);
    assert_non_null(strstr(err, "...: out of range (0..9)"));
}

static void test_real(void **state)
{
    (void)state;
    char err[256];
    double v;
    assert_int_equal(mg_parse_real("scale", "0.5", 0, 1e300, &v, err, sizeof err), 0);
    assert_true(v == 0.5);
    assert_int_equal(mg_parse_real("mean", "-2", -1e300, 1e300, &v, err, sizeof err), 0);
    assert_true(v == -2);
    assert_int_equal(mg_parse_real("scale", "1e-3", 0, 1e300, &v, err, sizeof err), 0);
    assert_true(v == 1e-3);
    assert_int_equal(mg_parse_real("scale", ".25", 0, 1e300, &v, err, sizeof err), 0);
    assert_true(v == 0.25);
    static const char *const bad[] = { "0x1p3", "inf", "nan", "+1", " 1", "1 ", "", ".", "1e", "1e+", "--1", "1,5" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (mg_parse_real("scale", bad[i], 0, 1e300, &v, err, sizeof err) != -1) fail_msg("'%s' accepted", bad[i]);
    assert_int_equal(mg_parse_real("scale", "1e400", 0, 1e300, &v, err, sizeof err), -1);
    assert_non_null(strstr(err, "scale=1e400: out of range"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimal),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_unsigned_and_hex),
        cmocka_unit_test(test_real),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
