/* The eval line formats of mx_quant and mx_dot (docs/spec/mx.md section 6):
 * hand-derived lines (field widths, the random words of round=sr, fused),
 * and the error paths. */
#include "test_helpers.h"

#include "eval_mx.h"
#include "eval_test_helpers.h"
#include "unit.h"
#include "unit_mx.h"

/* eval mx_quant as `macgen eval` runs it: through the mx_quant unit record. */
static int mg_eval_mx_quant(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    mg_unit u;
    if (mg_unit_resolve(&u, &mg_unit_mx_quant, kv, true, err, errlen)) return -1;
    return mg_unit_mx_quant.eval(&u, in, out, err, errlen);
}

#define Q8 "40c00000 3f800000 3f000000 c0c00000 00000000 00000000 00000000 3f400000"

static void test_quant_lines(void **state)
{
    (void)state;
    /* fp4_e2m1: 6, 1, 0.5, -6, 0, 0, 0, 0.75: t = 0; 0.75 ties to 1.0; one digit per element */
    expect_ok(mg_eval_mx_quant, "elem=fp4_e2m1 block=8", Q8 "\n", Q8 " 7f 7 2 1 f 0 0 0 2 01\n");
    /* ceil keeps 6 (it fits): the same scale */
    expect_ok(mg_eval_mx_quant, "elem=fp4_e2m1 block=8 scale=ceil round=rtz", Q8 "\n",
              Q8 " 7f 7 2 1 f 0 0 0 1 01\n");
    /* sr: 0.75 = 1.5 steps of 0.5; r = 0x80 lifts it to 1.0, r = 0x7f does not */
    expect_ok(mg_eval_mx_quant, "elem=fp4_e2m1 block=8 round=sr", Q8 " 0 0 0 0 0 0 0 80\n",
              Q8 " 00 00 00 00 00 00 00 80 7f 7 2 1 f 0 0 0 2 01\n");
    expect_ok(mg_eval_mx_quant, "elem=fp4_e2m1 block=8 round=sr", Q8 " 0 0 0 0 0 0 0 7f\n",
              Q8 " 00 00 00 00 00 00 00 7f 7f 7 2 1 f 0 0 0 1 01\n");
    /* int8, two digits: 127/64 -> 7f, -1 -> c0 */
    expect_ok(mg_eval_mx_quant, "elem=int8 block=8",
              "3ffe0000 bf800000 0 0 0 0 0 0\n",
              "3ffe0000 bf800000 00000000 00000000 00000000 00000000 00000000 00000000 7f 7f c0 00 00 00 00 00 00 00\n");
}

#define A8 "7 7 7 7 7 7 7 7"

static void test_dot_lines(void **state)
{
    (void)state;
    /* 8 * 6 * 6 = 288 */
    expect_ok(mg_eval_mx_dot, "elem=fp4_e2m1 block=8", "7f " A8 " 7f " A8 " 0\n",
              "7f " A8 " 7f " A8 " 00000000 43900000 00\n");
    /* bf16, V = 1 + 2^-8 beside ACC = 2^-8: unfused ties twice to 1.0, fused is exact */
    expect_ok(mg_eval_mx_dot, "elem=fp8_e4m3 block=8 acc=bf16", "7f 38 18 0 0 0 0 0 0 7f 38 18 0 0 0 0 0 0 3b80\n",
              "7f 38 18 00 00 00 00 00 00 7f 38 18 00 00 00 00 00 00 3b80 3f80 01\n");
    expect_ok(mg_eval_mx_dot, "elem=fp8_e4m3 block=8 acc=bf16 fused=1",
              "7f 38 18 0 0 0 0 0 0 7f 38 18 0 0 0 0 0 0 3b80\n",
              "7f 38 18 00 00 00 00 00 00 7f 38 18 00 00 00 00 00 00 3b80 3f81 00\n");
}

static void test_errors(void **state)
{
    (void)state;
    expect_err(mg_eval_mx_quant, "elem=fp5", "", "", "elem");
    expect_err(mg_eval_mx_quant, "scale=round", "", "", "scale");
    expect_err(mg_eval_mx_quant, "pipe=1", "", "", "pipe");
    expect_err(mg_eval_mx_quant, "block=12", "", "", "power of two");
    expect_err(mg_eval_mx_dot, "fused=2", "", "", "fused");
    expect_err(mg_eval_mx_dot, "elem=fp4_e2m1 block=8", "7f " A8 " 7f " A8 " 0\n7f 17 " A8 "\n",
               "7f " A8 " 7f " A8 " 00000000 43900000 00\n", "line 2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quant_lines),
        cmocka_unit_test(test_dot_lines),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
