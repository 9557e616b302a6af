/* The base library's defences (issue 10), against hand-worked answers:
 * escaping of echoed input, Verilog names (IEEE 1364-2005 3.7 and Annex B),
 * the tool runner's outcomes (exit, signal, time limit, missing tool), and
 * output files that are devices, directories or links. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli.h"
#include "fileio.h"
#include "run_tool.h"
#include "verilog_name.h"

static void test_escape(void **s)
{
    (void)s;
    char out[64];
    assert_string_equal(mg_escape_text("a\nb\tc", out, sizeof out), "a\\nb\\tc");
    assert_string_equal(mg_escape_bytes("\x1b[0m\0z", 6, out, sizeof out), "\\x1b[0m\\x00z");
    assert_string_equal(mg_escape_text("\x7f", out, sizeof out), "\\x7f");
    /* 20 characters into 10 bytes: 6 of them, "...", the NUL. */
    assert_string_equal(mg_escape_text("abcdefghijklmnopqrst", out, 10), "abcdef...");
    /* Exactly fitting: no cut. */
    assert_string_equal(mg_escape_text("abcdefghi", out, 10), "abcdefghi");
}

static void test_verilog_names(void **s)
{
    (void)s;
    char why[256];
    assert_int_equal(mg_verilog_check_name("module", why, sizeof why), -1);
    assert_non_null(strstr(why, "keyword"));
    assert_int_equal(mg_verilog_check_name("endmodule", why, sizeof why), -1);
    assert_int_equal(mg_verilog_check_name("uwire", why, sizeof why), -1); /* new in 2005 */
    assert_int_equal(mg_verilog_check_name("Module", why, sizeof why), 0);  /* case matters */
    assert_int_equal(mg_verilog_check_name("_x$1", why, sizeof why), 0);
    assert_int_equal(mg_verilog_check_name("1x", why, sizeof why), -1);
    assert_int_equal(mg_verilog_check_name("$x", why, sizeof why), -1);
    assert_int_equal(mg_verilog_check_name("", why, sizeof why), -1);
    assert_int_equal(mg_verilog_check_name("a-b", why, sizeof why), -1);
}

static mg_tool_result run_sh(const char *script, unsigned timeout, int *rc)
{
    const char *argv[] = { "sh", "-c", script, NULL };
    mg_tool_cmd cmd = { argv, NULL, NULL, timeout };
    mg_tool_result r;
    char err[512];
    *rc = mg_tool_run(&cmd, &r, err, sizeof err);
    return r;
}

static void test_tool_outcomes(void **s)
{
    (void)s;
    int rc;
    mg_tool_result r = run_sh("echo one; echo two >&2; echo; echo three; exit 3", 0, &rc);
    assert_int_equal(rc, -1);
    assert_int_equal(r.how, MG_TOOL_EXITED);
    assert_int_equal(r.code, 3);
    assert_string_equal(r.tail, "one; two; three");
    r = run_sh("exit 0", 0, &rc);
    assert_int_equal(rc, 0);
    r = run_sh("kill -9 $$", 0, &rc);
    assert_int_equal(r.how, MG_TOOL_SIGNALLED);
    assert_int_equal(r.code, 9);
    time_t t0 = time(NULL);
    r = run_sh("sleep 30", 1, &rc);
    assert_int_equal(r.how, MG_TOOL_TIMED_OUT);
    assert_true(time(NULL) - t0 < 10);
    const char *argv[] = { "macgen-no-such-tool", NULL };
    mg_tool_cmd cmd = { argv, NULL, NULL, 0 };
    char err[256];
    assert_int_equal(mg_tool_run(&cmd, &r, err, sizeof err), -1);
    assert_int_equal(r.how, MG_TOOL_NOT_FOUND);
    assert_non_null(strstr(err, "not found"));
}

static void test_outputs(void **s)
{
    (void)s;
    char err[512];
    mg_atomic_file f;
    /* A character device is written directly and stays what it is. */
    assert_int_equal(mg_atomic_open(&f, "/dev/null", err, sizeof err), 0);
    assert_null(f.tmp);
    fputs("x", f.fp);
    assert_int_equal(mg_atomic_commit(&f, err, sizeof err), 0);
    struct stat st;
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    /* A full device is an error at commit. */
    assert_int_equal(mg_atomic_open(&f, "/dev/full", err, sizeof err), 0);
    fputs("x", f.fp);
    assert_int_equal(mg_atomic_commit(&f, err, sizeof err), -1);
    /* A directory is refused. */
    assert_int_equal(mg_atomic_open(&f, "/tmp", err, sizeof err), -1);
    assert_non_null(strstr(err, "directory"));
    const char *same[] = { "/tmp/x.json", "/tmp/./x.json" };
    assert_int_equal(mg_outputs_distinct(same, 2, err, sizeof err), -1);
    const char *devs[] = { "/dev/null", "/dev/null", NULL };
    assert_int_equal(mg_outputs_distinct(devs, 3, err, sizeof err), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_verilog_names),
        cmocka_unit_test(test_tool_outcomes),
        cmocka_unit_test(test_outputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
