/* The eval line formats of hbfp_quant, hbfp_dot and hbfp_matmul (docs/spec/hbfp.md
 * section 6, docs/spec/hbfp.md): hand-derived lines, and the error paths. */
#include <stdlib.h>

#include "test_helpers.h"

#include "eval_hbfp.h"
#include "eval_test_helpers.h"

static void test_quant_lines(void **state)
{
    (void)state;
    /* 1, 2, -3, 0.25: E 2, t = 2x: 2, 4, -6 (a), 0.5 -> 0; inexact */
    expect_ok(mg_eval_hbfp_quant, "block=4", "3f800000 40000000 c0400000 3e800000\n",
              "3f800000 40000000 c0400000 3e800000 02 2 4 a 0 01\n");
    /* either case in, lower case and zero padding out; blank lines skipped */
    expect_ok(mg_eval_hbfp_quant, "block=4 n=6", "3F800000 0 80000000 BF800000\n\n  \n",
              "3f800000 00000000 80000000 bf800000 01 10 00 00 30 00\n");
    /* a zero block: E -128 = 80 */
    expect_ok(mg_eval_hbfp_quant, "block=4 n=8 exp=ceil round=rtz", "0 0 0 0\n",
              "00000000 00000000 00000000 00000000 80 00 00 00 00 00\n");
    /* ceil saturates a power-of-two maximum: 1 -> E 0, t = 8 -> 7 */
    expect_ok(mg_eval_hbfp_quant, "block=4 exp=ceil", "3f800000 3f800000 bf800000 0\n",
              "3f800000 3f800000 bf800000 00000000 00 7 7 9 0 05\n");
    /* NaN: invalid, zero block */
    expect_ok(mg_eval_hbfp_quant, "block=4", "3f800000 7fc00000 0 0\n",
              "3f800000 7fc00000 00000000 00000000 80 0 0 0 0 10\n");
    /* sr: 1, 0.375, 0.3125, -0.875 (t 4, 1.5, 1.25, -3.5) with r words */
    expect_ok(mg_eval_hbfp_quant, "block=4 round=sr", "3f800000 3ec00000 3ea00000 bf600000 ff 80 bf 7f\n",
              "3f800000 3ec00000 3ea00000 bf600000 ff 80 bf 7f 01 4 2 1 d 01\n");
    expect_ok(mg_eval_hbfp_quant, "block=4 round=sr rbits=1", "3f800000 3ec00000 3ea00000 0 1 1 1 0\n",
              "3f800000 3ec00000 3ea00000 00000000 1 1 1 0 01 4 2 1 0 01\n");
}

static void test_dot_lines(void **state)
{
    (void)state;
    /* S 28, Ep 1 + 1 - 6: 1.75 */
    expect_ok(mg_eval_hbfp_dot, "block=4", "01 7 7 7 7 01 1 1 1 1 00000000\n",
              "01 7 7 7 7 01 1 1 1 1 00000000 3fe00000 00\n");
    /* negative mantissas (9 = -7) and a running sum: 1 - 1.75 = -0.75 */
    expect_ok(mg_eval_hbfp_dot, "block=4", "1 9 9 9 9 1 1 1 1 1 3f800000\n",
              "01 9 9 9 9 01 1 1 1 1 3f800000 bf400000 00\n");
    /* n 8, E -128 = 80 and 127 = 7f: S 1, Ep -15 */
    expect_ok(mg_eval_hbfp_dot, "block=4 n=8", "80 01 0 0 0 7f 01 0 0 0 0\n",
              "80 01 00 00 00 7f 01 00 00 00 00000000 38000000 00\n");
    /* bf16: S 385 ties to 384: 6.0 */
    expect_ok(mg_eval_hbfp_dot, "block=8 acc=bf16", "0 7 7 7 7 7 7 7 7 0 7 7 7 7 7 7 7 6 0\n",
              "00 7 7 7 7 7 7 7 7 00 7 7 7 7 7 7 7 6 0000 40c0 01\n");
}

static void test_matmul_lines(void **state)
{
    (void)state;
    /* K 5, B 4 (padded): 4 + 0.5 */
    expect_ok(mg_eval_hbfp_matmul, "k=5 block=4",
              "3f800000 3f800000 3f800000 3f800000 3f800000 3f800000 3f800000 3f800000 3f800000 3f000000\n",
              "3f800000 3f800000 3f800000 3f800000 3f800000 3f800000 3f800000 3f800000 3f800000 3f000000 "
              "40900000 00\n");
    /* bf16 block order: 256 + 1 - 256 = 0 (257 ties to 256) */
    expect_ok(mg_eval_hbfp_matmul, "k=12 block=4 acc=bf16",
              "3f800000 0 0 0 3f800000 0 0 0 bf800000 0 0 0 43800000 0 0 0 3f800000 0 0 0 43800000 0 0 0\n",
              "3f800000 00000000 00000000 00000000 3f800000 00000000 00000000 00000000 bf800000 00000000 "
              "00000000 00000000 43800000 00000000 00000000 00000000 3f800000 00000000 00000000 00000000 "
              "43800000 00000000 00000000 00000000 0000 01\n");
    /* sr: x = 0.375 (t 1.5 in a block whose max is 1), w = 1; r for x lifts it */
    expect_ok(mg_eval_hbfp_matmul, "k=4 block=4 round=sr",
              "3f800000 3ec00000 0 0 0 3f800000 0 0 0 80 0 0 0 0 0 0\n",
              "3f800000 3ec00000 00000000 00000000 00000000 3f800000 00000000 00000000 00 80 00 00 00 00 00 00 "
              "3f000000 01\n");
}

static void test_malformed_lines(void **state)
{
    (void)state;
    const char *ok = "01 7 7 7 7 01 1 1 1 1 00000000\n";
    const char *ok_out = "01 7 7 7 7 01 1 1 1 1 00000000 3fe00000 00\n";
    char in[256];
    snprintf(in, sizeof in, "%s%s", ok, "01 7 7 7 7 01 1 1 1 1\n");
    expect_err(mg_eval_hbfp_dot, "block=4", in, ok_out, "line 2: expected 11 hex fields, got 10");
    snprintf(in, sizeof in, "%s%s", ok, "01 7 7 7 7 01 1 1 1 1 0 0\n");
    expect_err(mg_eval_hbfp_dot, "block=4", in, ok_out, "line 2: expected 11 hex fields, got more than 11");
    snprintf(in, sizeof in, "%s\n%s", ok, "01 7 7 7 8 01 1 1 1 1 0\n");
    expect_err(mg_eval_hbfp_dot, "block=4", in, ok_out, "line 3: mantissa '8' is -2^3");
    snprintf(in, sizeof in, "%s%s", ok, "01 7 7 7 17 01 1 1 1 1 0\n");
    expect_err(mg_eval_hbfp_dot, "block=4", in, ok_out, "line 2: field 5:");
    expect_err(mg_eval_hbfp_dot, "block=4 n=6", "01 40 0 0 0 01 1 1 1 1 0\n", "", "line 1: field 2:");
    expect_err(mg_eval_hbfp_dot, "block=4", "101 7 7 7 7 01 1 1 1 1 0\n", "", "line 1: field 1:");
    expect_err(mg_eval_hbfp_dot, "block=4 acc=bf16", "1 7 7 7 7 1 1 1 1 1 10000\n", "", "line 1: field 11:");
    expect_err(mg_eval_hbfp_quant, "block=4", "3f800000 x 0 0\n", "", "line 1: field 2: 'x' is not hexadecimal");
    expect_err(mg_eval_hbfp_quant, "block=4 round=sr", "0 0 0 0 100 0 0 0\n", "", "line 1: field 5:");
}

static void test_bad_parameters(void **state)
{
    (void)state;
    expect_err(mg_eval_hbfp_quant, "block=12", "", "", "block=12 must be a power of two");
    expect_err(mg_eval_hbfp_quant, "block=2", "", "", "block=2: out of range (4..256)");
    expect_err(mg_eval_hbfp_quant, "block=512", "", "", "block=512: out of range (4..256)");
    expect_err(mg_eval_hbfp_quant, "n=1", "", "", "n=1: out of range");
    expect_err(mg_eval_hbfp_quant, "exp=round", "", "", "exp=round: unknown exponent rule");
    expect_err(mg_eval_hbfp_quant, "round=up", "", "", "round=up: unknown rounding");
    expect_err(mg_eval_hbfp_quant, "acc=fp32", "", "", "unknown parameter 'acc'");
    expect_err(mg_eval_hbfp_dot, "round=rtz", "", "", "unknown parameter 'round'");
    expect_err(mg_eval_hbfp_dot, "acc=e9m99", "", "", "acc=");
    expect_err(mg_eval_hbfp_matmul, "block=4", "", "", "k= is required");
    expect_err(mg_eval_hbfp_matmul, "k=0", "", "", "k=0: out of range");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quant_lines),
        cmocka_unit_test(test_dot_lines),
        cmocka_unit_test(test_matmul_lines),
        cmocka_unit_test(test_malformed_lines),
        cmocka_unit_test(test_bad_parameters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
