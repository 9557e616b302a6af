/* macgen verify end to end, through the real command (build/macgen):
 * exhaustive mul for e4m3fn and lba8, 10^6 vectors of the LBA mac and of the
 * fp32/fp16/bf16 baselines, and a unit with one rounder bit flipped, which
 * must be reported as a mismatch (exit 1).  The model and the RTL are
 * independent implementations of docs/spec/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fileio.h"
#include "run_tool.h"

#define MACGEN "build/macgen"
#define LOG "build/test_rtl/verify.log"

static int macgen(const char *args, char **output)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", args);
    const char *argv[40];
    int n = 0;
    argv[n++] = MACGEN;
    for (char *tok = strtok(buf, " "); tok && n < 39; tok = strtok(NULL, " ")) argv[n++] = tok;
    argv[n] = NULL;
    unlink(LOG);
    int status = -1;
    char err[256];
    assert_int_equal(mg_run_tool(argv, NULL, LOG, &status, err, sizeof err), 0);
    FILE *fp = fopen(LOG, "r");
    char *text = calloc(1, 65536);
    if (fp) {
        size_t got = fread(text, 1, 65535, fp);
        text[got] = '\0';
        fclose(fp);
    }
    if (output) *output = text;
    else free(text);
    return status;
}

static void expect_pass(const char *args)
{
    char *out;
    int st = macgen(args, &out);
    if (st != 0 || !strstr(out, "PASS")) fail_msg("macgen %s: exit %d\n%s", args, st, out);
    free(out);
}

static void test_mul_e4m3fn_exhaustive(void **s)
{
    (void)s;
    expect_pass("verify mul a=e4m3fn b=e4m3fn out=e4m3fn round=rne --exhaustive");
    expect_pass("verify mul a=e4m3fn b=e4m3fn out=lba12 round=rtz --exhaustive");
}

static void test_mul_lba8_exhaustive(void **s)
{
    (void)s;
    expect_pass("verify mul a=lba8 b=lba8 out=lba8 round=rtz --exhaustive");
    expect_pass("verify mul a=lba8 b=lba8 out=lba12 round=rne --exhaustive");
}

static void test_mac_lba_million(void **s)
{
    (void)s;
    expect_pass("verify mac w=lba8 a=lba8 acc=lba12 round=rtz --vectors 1000000");
    expect_pass("verify mac w=lba8 a=lba8 acc=lba12 round=rtz fused=1 --vectors 1000000");
    expect_pass("verify mac w=lba8 a=lba8 acc=lba12 round=sr --vectors 300000");
}

static void test_fp_baselines_million(void **s)
{
    (void)s;
    expect_pass("verify mac w=e4m3fn a=e4m3fn acc=fp32 round=rne --vectors 1000000");
    expect_pass("verify mac w=e4m3fn a=e4m3fn acc=fp16 round=rne --vectors 1000000");
    expect_pass("verify mac w=e4m3fn a=e4m3fn acc=bf16 round=rne --vectors 1000000");
    expect_pass("verify add a=fp32 b=fp32 out=fp32 round=rne --vectors 300000");
}

/* Clocked forms: random sequences of 1..4096 cycles with resets, clears and
 * enables mixed in, against mg_mac applied step by step (pipe=N: the same
 * results N cycles later). */
static void test_clocked_mac_sequences(void **s)
{
    (void)s;
    expect_pass("verify mac w=lba8 a=lba8 acc=lba12 round=rtz acc_reg=1 --vectors 300000");
    expect_pass("verify mac w=lba8 a=lba8 acc=lba12 round=sr acc_reg=1 --vectors 100000");
    expect_pass("verify mac w=lba8 a=lba8 acc=lba12 round=rtz pipe=3 --vectors 200000");
    expect_pass("verify mac w=e4m3fn a=e4m3fn acc=fp16 round=rne fused=1 pipe=2 --vectors 100000");
}

/* Lean units (flags=0, events=0): the ports are gone and verify compares
 * the rest; with flags=0 alone, events_o is the second output port but the
 * model's third slot (the map of unit.h).  The fp32 forms run in
 * tests/array_verify.sh full. */
static void test_lean_mac(void **s)
{
    (void)s;
    expect_pass("verify mac w=lba8 a=lba8 acc=lba12 round=rtz flags=0 events=0 --vectors 200000");
    expect_pass("verify mac w=lba8 a=lba8 acc=lba12 round=rtz pipe=2 flags=0 --vectors 100000");
}

/* imac: exhaustive on a small width (every saturation), 10^6 corner and
 * random vectors at int8 x int8 + int32 (wrapping), and the clocked form
 * (int20 so that 4096-step sequences do reach the limits). */
static void test_imac(void **s)
{
    (void)s;
    expect_pass("verify imac w=int4 a=int4 acc=int8 sat=1 --exhaustive");
    expect_pass("verify imac --vectors 1000000");
    expect_pass("verify imac acc=int20 sat=1 acc_reg=1 --vectors 200000");
}

/* dot: random sequences with random vector lengths against mg_dot. */
static void test_dot_sequences(void **s)
{
    (void)s;
    expect_pass("verify dot w=lba8 a=lba8 acc=lba12 round=rtz chunk=16 --vectors 300000");
    expect_pass("verify dot w=lba8 a=lba8 acc=lba12 round=sr chunk=3 --vectors 100000");
    expect_pass("verify dot w=e4m3fn a=e4m3fn acc=fp16 acc2=fp32 round=rne chunk=1 fused=1 --vectors 100000");
}

/* Breaks emitted RTL on purpose: replaces the first `good` in the file at
 * path with `bad` (the test fails when the file or the text is missing). */
static void edit_rtl(const char *path, const char *good, const char *bad)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    static char text[65536];
    size_t len = fread(text, 1, sizeof text - 1, fp);
    text[len] = '\0';
    fclose(fp);
    char *at = strstr(text, good);
    assert_non_null(at);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fwrite(text, 1, (size_t)(at - text), fp);
    fputs(bad, fp);
    fputs(at + strlen(good), fp);
    fclose(fp);
}

/* A dot unit that restarts the total at every chunk is caught. */
static void test_broken_dot_is_caught(void **s)
{
    (void)s;
    const char *path = "build/test_rtl/dot4/mg_dot.v";
    assert_int_equal(macgen("rtl dot w=lba8 a=lba8 acc=lba12 chunk=4 -o build/test_rtl/dot4", NULL), 0);
    edit_rtl(path, "pend_first_q <= first_q;", "pend_first_q <= 1'b1;");
    char *out;
    int st = macgen("verify dot w=lba8 a=lba8 acc=lba12 chunk=4 --vectors 20000 --rtl build/test_rtl/dot4", &out);
    if (st != 1 || !strstr(out, "mismatch at sequence")) fail_msg("broken dot not caught: exit %d\n%s", st, out);
    free(out);
}

/* A pipeline one stage short is caught: its results arrive a cycle early. */
static void test_wrong_latency_is_caught(void **s)
{
    (void)s;
    char *out;
    assert_int_equal(macgen("rtl mac w=lba8 a=lba8 acc=lba12 round=rtz pipe=2 -o build/test_rtl/pipe2", NULL), 0);
    int st = macgen("verify mac w=lba8 a=lba8 acc=lba12 round=rtz pipe=3 --vectors 20000 --rtl build/test_rtl/pipe2",
                    &out);
    if (st != 1 || !strstr(out, "mismatch at sequence")) fail_msg("short pipeline not caught: exit %d\n%s", st, out);
    free(out);
}

/* Flips one bit of the rounder's output (the inexact flag) in emitted RTL. */
static void test_broken_rounder_is_caught(void **s)
{
    (void)s;
    const char *dir = "build/test_rtl/broken";
    char *out;
    assert_int_equal(macgen("rtl mac w=lba8 a=lba8 acc=lba12 round=rtz -o build/test_rtl/broken", NULL), 0);
    char path[256];
    snprintf(path, sizeof path, "%s/mg_round.v", dir);
    edit_rtl(path, "{2'b00, ovf, underflow, inexact}", "{2'b00, ovf, underflow, ~inexact}");
    int st = macgen("verify mac w=lba8 a=lba8 acc=lba12 round=rtz --vectors 10000 --rtl build/test_rtl/broken", &out);
    if (st != 1 || !strstr(out, "mismatch at vector") || !strstr(out, "reproduce: macgen verify"))
        fail_msg("broken unit not caught: exit %d\n%s", st, out);
    free(out);
}

static void test_bad_input_exits_2(void **s)
{
    (void)s;
    assert_int_equal(macgen("verify mac acc=e4m7,nosuch", NULL), 2);
    assert_int_equal(macgen("verify mac --vectors lots", NULL), 2);
    assert_int_equal(macgen("verify mac --rtl build/test_rtl/does-not-exist", NULL), 2);
    assert_int_equal(macgen("verify mac acc_reg=1 --exhaustive", NULL), 2);
    assert_int_equal(macgen("verify mac acc_reg=1 pipe=2", NULL), 2);
}

int main(void)
{
    char err[256];
    if (mg_make_dirs("build/test_rtl", err, sizeof err)) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mul_e4m3fn_exhaustive),
        cmocka_unit_test(test_mul_lba8_exhaustive),
        cmocka_unit_test(test_mac_lba_million),
        cmocka_unit_test(test_fp_baselines_million),
        cmocka_unit_test(test_broken_rounder_is_caught),
        cmocka_unit_test(test_lean_mac),
        cmocka_unit_test(test_clocked_mac_sequences),
        cmocka_unit_test(test_wrong_latency_is_caught),
        cmocka_unit_test(test_imac),
        cmocka_unit_test(test_dot_sequences),
        cmocka_unit_test(test_broken_dot_is_caught),
        cmocka_unit_test(test_bad_input_exits_2),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
