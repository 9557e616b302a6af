/* macgen rtl: determinism, refusals, and a lint matrix in all three tools
 * (verilator --lint-only -Wall, iverilog -g2005, yosys hierarchy -check)
 * with no warnings. */
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
#include "rtl.h"

static int emit(const char *spec, const char *dir, mg_rtl_output *out, char *err, size_t errlen)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", spec);
    char *argv[32];
    int argc = 0;
    for (char *tok = strtok(buf, " "); tok && argc < 32; tok = strtok(NULL, " ")) argv[argc++] = tok;
    mg_kv_list kv;
    if (mg_kv_collect(argc - 1, argv + 1, &kv, err, errlen)) return -1;
    return mg_rtl_emit(argv[0], &kv, dir, "macgen rtl (test)", out, err, errlen);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, fp);
    buf[*len] = '\0';
    fclose(fp);
    return buf;
}

static void test_emit_is_deterministic(void **state)
{
    (void)state;
    char err[256];
    mg_rtl_output a, b;
    assert_int_equal(emit("mac w=lba8 a=lba8 acc=lba12", "build/test_rtl/det1", &a, err, sizeof err), 0);
    assert_int_equal(emit("mac w=lba8 a=lba8 acc=lba12", "build/test_rtl/det2", &b, err, sizeof err), 0);
    assert_int_equal(a.n_files, b.n_files);
    assert_string_equal(a.top, "mg_mac_top");
    for (size_t i = 0; i < a.n_files; i++) {
        size_t la, lb;
        char *ta = slurp(a.files[i], &la), *tb = slurp(b.files[i], &lb);
        assert_non_null(ta);
        assert_non_null(tb);
        assert_int_equal(la, lb);
        assert_memory_equal(ta, tb, la);
        assert_non_null(strstr(ta, "// Command: macgen rtl (test)"));
        free(ta);
        free(tb);
    }
}

static void test_refusals_name_the_limit(void **state)
{
    (void)state;
    char err[256];
    mg_rtl_output o;
    assert_int_equal(emit("nosuch a=fp32", "build/test_rtl/x", &o, err, sizeof err), -1);
    assert_non_null(strstr(err, "unknown unit"));
    assert_int_equal(emit("mul a=e5m0,fin out=fp32", "build/test_rtl/x", &o, err, sizeof err), -1);
    assert_non_null(strstr(err, "M >= 1"));
    assert_int_equal(emit("mul a=fp32 out=fp64", "build/test_rtl/x", &o, err, sizeof err), -1);
    assert_non_null(strstr(err, "32 bits"));
    assert_int_equal(emit("mac acc=lba12 bogus=1", "build/test_rtl/x", &o, err, sizeof err), -1);
    assert_non_null(strstr(err, "unknown parameter"));
    assert_int_equal(emit("mac round=up", "build/test_rtl/x", &o, err, sizeof err), -1);
    assert_non_null(strstr(err, "rounding mode"));
    assert_int_equal(emit("mac pipe=2 acc_reg=1", "build/test_rtl/x", &o, err, sizeof err), -1);
    assert_non_null(strstr(err, "one cycle"));
    assert_int_equal(emit("mac pipe=99", "build/test_rtl/x", &o, err, sizeof err), -1);
    assert_int_equal(emit("imac acc=int64", "build/test_rtl/x", &o, err, sizeof err), -1);
    assert_non_null(strstr(err, "int32"));
    assert_int_equal(emit("imac pipe=1", "build/test_rtl/x", &o, err, sizeof err), -1);
    assert_int_equal(emit("dot acc2=fp64", "build/test_rtl/x", &o, err, sizeof err), -1);
    assert_non_null(strstr(err, "32 bits"));
}

/* Runs a tool; passes when it exits 0 and prints nothing. */
static void run_clean(const char *const argv[], const char *what)
{
    const char *log = "build/test_rtl/lint.log";
    unlink(log);
    int status = -1;
    char err[256];
    assert_int_equal(mg_run_tool(argv, NULL, log, &status, err, sizeof err), 0);
    size_t len = 0;
    char *text = slurp(log, &len);
    if (status != 0 || len != 0) fail_msg("%s: %s exit %d: %s", what, argv[0], status, text ? text : "");
    free(text);
}

static const char *const lint_matrix[] = {
    "mul a=e4m3fn b=e4m3fn out=lba12 round=rtz",
    "mul a=lba8 b=lba8 out=lba8 round=rne",
    "mul a=e5m2 b=e4m3 out=fp16 round=sr rbits=4",
    "mul a=fp32 b=fp32 out=fp32 round=rne ovf=sat",
    "add a=fp32 b=fp32 out=fp32 round=rne",
    "add a=fp16 b=bf16 out=e4m3fn round=sr",
    "add a=lba12 b=lba12 out=lba12 round=rtz",
    "mac w=lba8 a=lba8 acc=lba12 round=rtz",
    "mac w=lba8 a=lba8 acc=lba12 round=rtz fused=1",
    "mac w=e4m3fn a=e4m3fn acc=fp32 round=rne",
    "mac w=e4m3fn a=e4m3fn acc=fp16 round=rne fused=1",
    "mac w=bf16 a=bf16 acc=bf16 round=sr",
    "mac w=lba8,bias=5 a=e5m2 prod=e5m7,fin,ftz acc=lba12 round=rne",
    "mac w=lba8 a=lba8 acc=lba12 round=rtz pipe=1",
    "mac w=lba8 a=lba8 acc=lba12 round=rtz pipe=4",
    "mac w=e4m3fn a=e4m3fn acc=fp32 round=rne fused=1 pipe=2",
    "mac w=lba8 a=lba8 acc=lba12 round=sr acc_reg=1",
    "mac w=e4m3fn a=e4m3fn acc=fp16 round=rne fused=1 acc_reg=1",
    "imac",
    "imac sat=1",
    "imac w=int4 a=int6 acc=int12 sat=1 acc_reg=1",
    "imac acc_reg=1",
    "dot w=lba8 a=lba8 acc=lba12 round=rtz chunk=16",
    "dot w=lba8 a=lba8 acc=lba12 round=sr chunk=1 cbits=4",
    "dot w=e4m3fn a=e4m3fn acc=fp16 acc2=fp32 round=rne chunk=0 fused=1",
    "dot w=e4m3fn a=e4m3fn acc=bf16 acc2=fp32 round=rne chunk=5",
    "quant in=fp64 out=fp32 round=rne",
    "quant in=fp16 out=e4m3fn round=rtz",
    "quant in=fp32 out=bf16 round=sr rbits=5 ovf=sat",
    "quant in=lba8,bias=5 out=e5m7,fin,ftz round=rne",
    /* Lean units: the dropped outputs are sunk in the top wrapper. */
    "mul a=e4m3fn b=e4m3fn out=fp32 round=rne flags=0",
    "mac w=lba8 a=lba8 acc=lba12 round=rtz flags=0 events=0",
    "mac w=e4m3fn a=e4m3fn acc=fp32 round=rne pipe=2 events=0",
    "mac w=lba8 a=lba8 acc=lba12 round=rtz acc_reg=1 flags=0",
    "dot w=lba8 a=lba8 acc=lba12 round=rtz chunk=16 flags=0 events=0",
    "mac_array rows=2 cols=2 pe=lba flags=0 events=0 pipe=2",
    "mac_array rows=2 cols=3 pe=lba flags=0 pipe=1",
};

static void test_lint_matrix(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof lint_matrix / sizeof lint_matrix[0]; i++) {
        char dir[64], err[256];
        snprintf(dir, sizeof dir, "build/test_rtl/lint%zu", i);
        mg_rtl_output o;
        if (emit(lint_matrix[i], dir, &o, err, sizeof err)) fail_msg("%s: %s", lint_matrix[i], err);
        const char *argv[MG_RTL_MAX_FILES + 12];
        int n = 0;
        argv[n++] = "verilator";
        argv[n++] = "--lint-only";
        argv[n++] = "-Wall";
        argv[n++] = "--top-module";
        argv[n++] = o.top;
        for (size_t k = 0; k < o.n_files; k++) argv[n++] = o.files[k];
        argv[n] = NULL;
        run_clean(argv, lint_matrix[i]);
        n = 0;
        argv[n++] = "iverilog";
        argv[n++] = "-g2005";
        argv[n++] = "-Wall";
        /* A real output file, never the null device: this compiler marks
         * its output executable, which as root makes that device 0755
         * for everyone (issue 10). */
        char vvp[600];
        snprintf(vvp, sizeof vvp, "%s/lint.vvp", dir);
        argv[n++] = "-o";
        argv[n++] = vvp;
        for (size_t k = 0; k < o.n_files; k++) argv[n++] = o.files[k];
        argv[n] = NULL;
        run_clean(argv, lint_matrix[i]);
        char script[256];
        snprintf(script, sizeof script, "read_verilog %s/*.v; hierarchy -check -top %s", dir, o.top);
        const char *yargv[] = { "yosys", "-q", "-p", script, NULL };
        run_clean(yargv, lint_matrix[i]);
    }
}

int main(void)
{
    char err[256];
    if (mg_make_dirs("build/test_rtl", err, sizeof err)) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_emit_is_deterministic),
        cmocka_unit_test(test_refusals_name_the_limit),
        cmocka_unit_test(test_lint_matrix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
