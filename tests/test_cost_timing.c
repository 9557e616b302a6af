/* Known-answer timing of the cost flow (OSU 0.18 um library + OpenSTA):
 * an n-bit ripple-carry adder's critical path is its carry chain, so its
 * delay grows with n (about linearly: each bit adds one carry stage); the
 * same adder between an input and an output register has a clock period of
 * clock-to-Q + the chain + setup, from register to register, not a path from
 * the input ports; and the parser takes the clock's worst path, never an
 * asynchronous reset's recovery check.  Skipped without the library or sta. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cost_run.h"
#include "fileio.h"
#include "run_tool.h"
#include "sta.h"
#include "tech.h"
#include "verilog_dir.h"
#include "workdir.h"

#define DATA "tests/data/timing/"

static char liberty[4096];

static mg_cost_report *time_dir(const char *dir, const char *top)
{
    char workdir[4096], err[1024], path[512];
    static char files[8][512];
    size_t n;
    snprintf(path, sizeof path, DATA "%s", dir);
    if (mg_workdir_create("test", workdir, sizeof workdir, err, sizeof err) != 0 ||
        mg_verilog_dir_stage(path, workdir, "rtl", files, 8, &n, err, sizeof err) != 0) {
        print_error("%s\n", err);
        fail();
    }
    const char *ptrs[8];
    for (size_t i = 0; i < n; i++) ptrs[i] = files[i];
    mg_cost_input in = { .workdir = workdir, .top = top, .files = ptrs, .n_files = n,
                         .liberty = liberty, .timeout_s = 600, .timing = true };
    mg_cost_report *r = malloc(sizeof *r);
    assert_non_null(r);
    int rc = mg_cost_run(&in, r, err, sizeof err);
    mg_workdir_remove(workdir);
    if (rc != 0) {
        print_error("cost %s: %s\n", top, err);
        free(r);
        fail();
    }
    assert_true(r->has_timing);
    return r;
}

static void test_ripple_delay_grows_with_width(void **state)
{
    (void)state;
    if (!liberty[0]) skip();
    mg_cost_report *r4 = time_dir("ripple", "ripple4"), *r8 = time_dir("ripple", "ripple8");
    mg_cost_report *r16 = time_dir("ripple", "ripple16");
    print_message("ripple 4/8/16: %.3f %.3f %.3f ns\n", r4->delay_ns, r8->delay_ns, r16->delay_ns);
    assert_false(r16->clocked);
    /* Doubling the chain at least 1.5x the delay (not a constant, not a log). */
    assert_true(r8->delay_ns > 1.5 * r4->delay_ns);
    assert_true(r16->delay_ns > 1.5 * r8->delay_ns);
    /* From an input port to a sum output bit. */
    assert_non_null(strstr(r16->path_start, "(input)"));
    assert_non_null(strstr(r16->path_end, "(output)"));
    assert_true(r16->path_end[0] == 's');
    free(r4);
    free(r8);
    free(r16);
}

static void test_registered_period_is_register_to_register(void **state)
{
    (void)state;
    if (!liberty[0]) skip();
    mg_cost_report *comb = time_dir("ripple", "ripple16");
    mg_cost_report *reg = time_dir("ripple", "regripple16");
    print_message("ripple16 %.3f ns, registered %.3f ns\n", comb->delay_ns, reg->delay_ns);
    assert_true(reg->clocked);
    assert_int_equal(reg->flops, 16 + 16 + 17);
    assert_non_null(strstr(reg->path_start, "(flip-flop)"));
    assert_non_null(strstr(reg->path_end, "(flip-flop)"));
    /* The chain plus clock-to-Q and setup (a fraction of a ns each in
     * 0.18 um), not the chain twice. */
    assert_true(reg->delay_ns > comb->delay_ns);
    assert_true(reg->delay_ns < comb->delay_ns + 1.5);
    free(comb);
    free(reg);
}

/* A recorded OpenSTA report with a reset recovery check first (slack 1000.1)
 * and the clock's path second (slack 988.841): the period is 11.159 ns. */
static void test_parser_skips_async_checks(void **state)
{
    (void)state;
    const char *log =
        "macgen-clocks: 1\n"
        "Startpoint: rst_ni (input port clocked by mg_clk)\n"
        "Endpoint: _1358_ (recovery check against rising-edge clock mg_clk)\n"
        "Path Group: **async_default**\n"
        "          1000.1172   data required time\n"
        "          1000.1172   slack (MET)\n"
        "Startpoint: w_i[6] (input port clocked by mg_clk)\n"
        "Endpoint: _1363_ (rising edge-triggered flip-flop clocked by mg_clk)\n"
        "Path Group: mg_clk\n"
        "   0.0000    0.0000 v w_i[6] (in)\n"
        "            11.0699   data arrival time\n"
        "           988.8410   slack (MET)\n";
    mg_sta_result r;
    char err[256];
    assert_int_equal(mg_sta_parse(log, &r, err, sizeof err), 0);
    assert_true(r.clocked);
    assert_true(r.delay_ns > 11.158 && r.delay_ns < 11.160);
    assert_string_equal(r.start, "w_i[6] (input)");
    assert_string_equal(r.end, "_1363_ (flip-flop)");
    assert_int_equal(mg_sta_parse("Error: netlist.v, line 5 syntax error\n", &r, err, sizeof err), -1);
    assert_non_null(strstr(err, "line 5 syntax error"));
    assert_int_equal(mg_sta_parse("macgen-clocks: 0\nNo paths found.\n", &r, err, sizeof err), -1);
}

int main(void)
{
    char err[600];
    if (mg_tech_liberty("osu018", liberty, sizeof liberty, err, sizeof err) != 0 ||
        !mg_tool_exists("sta") || !mg_tool_exists("yosys")) {
        print_message("OSU 0.18 liberty, sta or yosys missing (make deps): timing runs skipped\n");
        liberty[0] = '\0';
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ripple_delay_grows_with_width),
        cmocka_unit_test(test_registered_period_is_register_to_register),
        cmocka_unit_test(test_parser_skips_async_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
