/* The energy model's pieces against hand-derived answers (docs/energy.md,
 * "Known answers"): the liberty power reader and its table lookup, the
 * energy sum on netlists given as OpenSTA would print them, the reading of
 * OpenSTA's report and of the testbench's counts.  Expected values are
 * worked out by hand in the comments, from the table entries of the OSU
 * 0.18 um liberty (Debian's qflow-tech-osu018; those tests are skipped
 * without it) or of the small liberty written here. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli.h"
#include "energy_netlist.h"
#include "energy_stim.h"
#include "energy_sum.h"
#include "energy_tb.h"
#include "lib_power.h"

#define OSU "/usr/share/qflow/tech/osu018/osu018_stdcells.lib"

static void near(double got, double want, double rel)
{
    if (fabs(got - want) > rel * fabs(want)) {
        print_error("got %.9g, want %.9g (within %g)\n", got, want, rel);
        fail();
    }
}

/* A small library of our own: units 1ps, 1ff, 1mV, 1pW; 1200 mV. */
static const char small_lib[] =
    "library (tiny) {\n"
    "  time_unit : \"1ps\";\n"
    "  voltage_unit : \"1mV\";\n"
    "  leakage_power_unit : \"1pW\";\n"
    "  capacitive_load_unit (1, ff);\n"
    "  nom_voltage : 1200;\n"
    "  power_lut_template (e2) {\n"
    "    variable_1 : total_output_net_capacitance;\n"
    "    variable_2 : input_transition_time;\n"
    "    index_1 (\"10, 20\");\n"
    "    index_2 (\"100, 300\");\n"
    "  }\n"
    "  cell (INV) {\n"
    "    area : 1;\n"
    "    cell_leakage_power : 50;\n"
    "    pin (A) { direction : input; capacitance : 2; }\n"
    "    pin (Y) {\n"
    "      direction : output; function : \"!A\";\n"
    "      internal_power () {\n"
    "        related_pin : \"A\";\n"
    "        rise_power (e2) { values (\"1, 3\", \\\n \"5, 7\"); }\n"
    "        fall_power (e2) { values (\"0, 0\", \"0, 0\"); }\n"
    "      }\n"
    "    }\n"
    "  }\n"
    "}\n";

static void test_small_library_units(void **state)
{
    (void)state;
    mg_power_lib l;
    char err[256];
    assert_int_equal(mg_power_lib_parse(small_lib, &l, err, sizeof err), 0);
    near(l.time_s, 1e-12, 1e-12);
    near(l.cap_f, 1e-15, 1e-12);
    near(l.volt_v, 1e-3, 1e-12);
    near(l.leak_w, 1e-12, 1e-12);
    near(l.voltage, 1.2, 1e-12);                /* 1200 x 1 mV */
    near(l.energy_j, 1e-15 * 1e-6, 1e-12);      /* 1 fF x (1 mV)^2 = 1e-21 J */
    const mg_pwr_cell *c = mg_power_lib_cell(&l, "INV");
    assert_non_null(c);
    const mg_pwr_arc *a = &c->pins[mg_pwr_cell_pin(c, "Y")].arcs[0];
    /* Corners, then the middle: (1 + 3 + 5 + 7) / 4 = 4; along one axis at
     * load 15, slew 100: (1 + 5) / 2 = 3; clamped beyond the edges. */
    near(mg_lut_lookup(&a->rise, 10, 100), 1, 1e-12);
    near(mg_lut_lookup(&a->rise, 20, 300), 7, 1e-12);
    near(mg_lut_lookup(&a->rise, 15, 200), 4, 1e-12);
    near(mg_lut_lookup(&a->rise, 15, 100), 3, 1e-12);
    near(mg_lut_lookup(&a->rise, 0, 0), 1, 1e-12);
    near(mg_lut_lookup(&a->rise, 99, 999), 7, 1e-12);
    near(mg_lut_lookup(&a->rise, 12.5, 250), 1 + 0.25 * 4 + 0.75 * 2, 1e-12);
    assert_int_equal(a->related, mg_pwr_cell_pin(c, "A"));
    mg_power_lib_free(&l);
}

static void expect_refused(const char *from, const char *to, const char *words)
{
    char text[sizeof small_lib + 200], err[300];
    const char *at = strstr(small_lib, from);
    assert_non_null(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - small_lib), small_lib, to, at + strlen(from));
    mg_power_lib l;
    assert_int_equal(mg_power_lib_parse(text, &l, err, sizeof err), -1);
    if (!strstr(err, words)) {
        print_error("message '%s' lacks '%s'\n", err, words);
        fail();
    }
}

static void test_bad_libraries(void **state)
{
    (void)state;
    expect_refused("capacitive_load_unit (1, ff);", "", "capacitive_load_unit");
    expect_refused("\"1ps\"", "\"1 fortnight\"", "time_unit");
    expect_refused("nom_voltage : 1200;", "", "voltage");
    expect_refused("\"1, 3\", \\\n \"5, 7\"", "\"1, 3\"", "2 values where its indices make 4");
    expect_refused("\"5, 7\"", "\"5, seven\"", "not a number");
    expect_refused("total_output_net_capacitance", "constrained_pin_transition", "not supported");
    expect_refused("rise_power (e2)", "rise_power (e9)", "not defined");
    expect_refused("related_pin : \"A\"", "related_pin : \"Z\"", "not a pin");
    expect_refused("library (tiny) {", "library (tiny) { /* unterminated", "unterminated");
    expect_refused("  }\n}\n", "  }\n", "missing '}'");
    expect_refused("index_1 (\"10, 20\")", "index_1 (\"20, 10\")", "not increasing");
}

/* ---- the OSU 0.18 um library ------------------------------------------ */

static int have_osu(void **state)
{
    (void)state;
    return access(OSU, R_OK) == 0 ? 0 : -1;
}

static mg_power_lib osu;

static int load_osu(void **state)
{
    (void)state;
    char err[512];
    if (access(OSU, R_OK) != 0) return 0;
    return mg_power_lib_read(OSU, &osu, err, sizeof err);
}

static int free_osu(void **state)
{
    (void)state;
    mg_power_lib_free(&osu);
    return 0;
}

static void test_osu_units(void **state)
{
    if (have_osu(state)) skip();
    /* time_unit "1ns", capacitive_load_unit (1,pf), voltage_unit "1V",
     * leakage_power_unit "1nW", operating_conditions typical: 1.8 V. */
    near(osu.time_s, 1e-9, 1e-12);
    near(osu.cap_f, 1e-12, 1e-12);
    near(osu.energy_j, 1e-12, 1e-12);
    near(osu.leak_w, 1e-9, 1e-12);
    near(osu.voltage, 1.8, 1e-12);
    const mg_pwr_cell *dff = mg_power_lib_cell(&osu, "DFFPOSX1");
    assert_non_null(dff);
    assert_true(dff->sequential);
    assert_true(dff->pins[mg_pwr_cell_pin(dff, "CLK")].clock);
}

/* A netlist as the energy script prints it, parsed. */
static void parse_netlist(const char *text, mg_enetlist *nl)
{
    char err[300];
    if (mg_enetlist_parse(text, nl, err, sizeof err) != 0) {
        print_error("%s\n", err);
        fail();
    }
}

/* INVX1 driving 25 fF, its input toggling 0.5 times a 10 ns cycle:
 *   switching of Y: 0.5 x 1/2 x 25 fF x (1.8 V)^2 = 20.25 fJ
 *   switching of A: 0.5 x 1/2 x (9.32196 + 9.32456)/2 fF x 3.24 = 7.553 fJ
 *   internal: A's slew is 0 (a primary input), clamped to the table's
 *     first index 0.06 ns; load 0.025 pF is on the grid: rise_power 0.023574
 *     pJ, fall_power 0.008669 pJ, mean 0.0161215 pJ, x 0.5 = 8.06075 fJ
 *   leakage: 0.0221741 nW x 10 ns = 0.221741 aJ. */
static const char inv_text[] = "macgen-clocks: 0\n"
                               "T a_i input\nT y_o output\n"
                               "N a_i 9.32196e-15 9.32456e-15 1\n"
                               "N y_o 2.5e-14 2.5e-14 1\n"
                               "I u0 INVX1\nP A a_i\nP Y y_o 8.7e-11 9.2e-11\n"
                               "macgen-end\n";

static void test_inverter_known_answer(void **state)
{
    if (have_osu(state)) skip();
    mg_enetlist nl;
    parse_netlist(inv_text, &nl);
    double toggles[2] = { 0.5, 0.5 };
    mg_energy_sum s;
    char err[300];
    assert_int_equal(mg_energy_compute(&osu, &nl, toggles, 10e-9, &s, err, sizeof err), 0);
    int y = mg_enetlist_find(&nl, "y_o"), a = mg_enetlist_find(&nl, "a_i");
    near(s.nets[y].switching_j, 20.25e-15, 1e-9);
    near(s.nets[a].switching_j, 0.5 * 0.5 * (9.32196 + 9.32456) / 2 * 3.24 * 1e-15, 1e-9);
    near(s.nets[y].internal_j, 8.06075e-15, 1e-9);
    near(s.per_cycle.internal, 8.06075e-15, 1e-9);
    near(s.per_cycle.leakage, 0.0221741e-9 * 10e-9, 1e-9);
    assert_true(s.per_cycle.clock == 0);
    /* Twice the toggles, twice the switching and internal energy. */
    double twice[2] = { 1.0, 1.0 };
    mg_energy_sum d;
    assert_int_equal(mg_energy_compute(&osu, &nl, twice, 10e-9, &d, err, sizeof err), 0);
    near(d.per_cycle.switching, 2 * s.per_cycle.switching, 1e-12);
    near(d.per_cycle.internal, 2 * s.per_cycle.internal, 1e-12);
    near(d.per_cycle.leakage, s.per_cycle.leakage, 1e-12);
    /* No toggles: leakage only. */
    double none[2] = { 0, 0 };
    mg_energy_sum z;
    assert_int_equal(mg_energy_compute(&osu, &nl, none, 10e-9, &z, err, sizeof err), 0);
    assert_true(z.per_cycle.switching == 0 && z.per_cycle.internal == 0 && z.per_cycle.clock == 0);
    near(mg_energy_total(&z.per_cycle), 0.0221741e-9 * 10e-9, 1e-9);
    mg_energy_sum_free(&s);
    mg_energy_sum_free(&d);
    mg_energy_sum_free(&z);
    mg_enetlist_free(&nl);
}

/* DFFPOSX1 with its D and Q still, the clock toggling twice a cycle:
 *   CLK pin: rise_power 0.006865 + fall_power 0.110340 pJ (slew 0 clamped
 *     to 0.06 ns) = 0.117205 pJ per cycle
 *   the clock net: 2 x 1/2 x (27.9235 + 27.4634)/2 fF x 3.24 = 89.7268 fJ
 * both in the clock network; nothing else but leakage. */
static void test_flip_flop_clock_known_answer(void **state)
{
    if (have_osu(state)) skip();
    mg_enetlist nl;
    parse_netlist("macgen-clocks: 1\nK clk_i\n"
                  "T clk_i input\nT d_i input\nT q_o output\n"
                  "N clk_i 2.79235e-14 2.74634e-14 1\nN d_i 8.82947e-15 8.81001e-15 1\nN q_o 0 0 1\n"
                  "I u0 DFFPOSX1\nP CLK clk_i\nP D d_i\nP Q q_o 3e-11 3e-11\nmacgen-end\n",
                  &nl);
    int clk = mg_enetlist_find(&nl, "clk_i");
    assert_true(nl.nets[clk].clock);
    assert_true(nl.ports[0].clock);
    double toggles[3] = { 0 };
    toggles[clk] = 2.0;
    mg_energy_sum s;
    char err[300];
    assert_int_equal(mg_energy_compute(&osu, &nl, toggles, 10e-9, &s, err, sizeof err), 0);
    near(s.nets[clk].internal_j, 0.117205e-12, 1e-9);
    near(s.nets[clk].switching_j, 2 * 0.5 * (27.9235 + 27.4634) / 2 * 3.24 * 1e-15, 1e-9);
    near(s.per_cycle.clock, 0.117205e-12 + 89.72678e-15, 1e-6);
    assert_true(s.per_cycle.switching == 0 && s.per_cycle.internal == 0);
    mg_energy_sum_free(&s);
    mg_enetlist_free(&nl);
}

/* A two-input cell: the output's internal energy weighs each related
 * input's table by how often that input toggled.  NAND2X1 output at load
 * 0.005 pF (the first index), slews 0 (clamped to 0.06): from the liberty,
 * A: rise 0.044515 fall 0.010032 (mean 0.0272735); B: rise 0.03356 fall
 * 0.009782 (mean 0.021671).  A toggling 3x as often as B: (3 x 0.0272735 +
 * 1 x 0.021671) / 4 = 0.025872875 pJ per output toggle, x 0.5 toggles. */
static void test_related_pin_weights(void **state)
{
    if (have_osu(state)) skip();
    const mg_pwr_cell *c = mg_power_lib_cell(&osu, "NAND2X1");
    const mg_pwr_pin *y = &c->pins[mg_pwr_cell_pin(c, "Y")];
    double ea = 0, eb = 0;
    for (int i = 0; i < y->n_arcs; i++) {
        double e = (mg_lut_lookup(&y->arcs[i].rise, 0.005, 0) + mg_lut_lookup(&y->arcs[i].fall, 0.005, 0)) / 2;
        if (y->arcs[i].related == mg_pwr_cell_pin(c, "A")) ea = e;
        else eb = e;
    }
    near(ea, (0.044515 + 0.010032) / 2, 1e-9);
    near(eb, (0.03356 + 0.009782) / 2, 1e-9);
    mg_enetlist nl;
    parse_netlist("macgen-clocks: 0\nT a_i input\nT b_i input\nT y_o output\n"
                  "N a_i 1e-14 1e-14 1\nN b_i 1e-14 1e-14 1\nN y_o 5e-15 5e-15 1\n"
                  "I u0 NAND2X1\nP A a_i\nP B b_i\nP Y y_o 2e-11 2e-11\nmacgen-end\n",
                  &nl);
    double toggles[3];
    toggles[mg_enetlist_find(&nl, "a_i")] = 0.75;
    toggles[mg_enetlist_find(&nl, "b_i")] = 0.25;
    toggles[mg_enetlist_find(&nl, "y_o")] = 0.5;
    mg_energy_sum s;
    char err[300];
    assert_int_equal(mg_energy_compute(&osu, &nl, toggles, 10e-9, &s, err, sizeof err), 0);
    near(s.per_cycle.internal, 0.5 * 0.025872875e-12, 1e-9);
    mg_energy_sum_free(&s);
    mg_enetlist_free(&nl);
}

static void test_unknown_cell(void **state)
{
    if (have_osu(state)) skip();
    mg_enetlist nl;
    parse_netlist("macgen-clocks: 0\nT a_i input\nN a_i 1e-14 1e-14 1\nI u0 NOSUCH\nP A a_i\nmacgen-end\n", &nl);
    double t[1] = { 0.5 };
    mg_energy_sum s;
    char err[300];
    assert_int_equal(mg_energy_compute(&osu, &nl, t, 1e-8, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "NOSUCH"));
    mg_enetlist_free(&nl);
}

/* ---- reading OpenSTA and the simulator ---------------------------------- */

static void test_netlist_report(void **state)
{
    (void)state;
    mg_enetlist nl;
    parse_netlist("Warning: something\nmacgen-clocks: 1\nK clk_i\n"
                  "T clk_i input\nT a_i[2] input\nT a_i[1] input\nT a_i[0] input\nT y_o output\n"
                  "N clk_i 1e-14 1e-14 1\nN a_i[2] 0 0 1\nN zero_ 0 0 0\nmacgen-end\n",
                  &nl);
    assert_int_equal(nl.n_ports, 3);
    assert_string_equal(nl.ports[1].name, "a_i");
    assert_true(nl.ports[1].bus && nl.ports[1].msb == 2 && nl.ports[1].lsb == 0);
    assert_true(nl.ports[0].clock && !nl.ports[1].clock);
    assert_int_equal(nl.nets[mg_enetlist_find(&nl, "zero_")].drivers, 0);
    mg_enetlist_free(&nl);
    char err[300];
    assert_int_equal(mg_enetlist_parse("Error: netlist.v line 3, syntax error\n", &nl, err, sizeof err), MG_FAIL_TOOL);
    assert_non_null(strstr(err, "syntax error"));
    assert_int_equal(mg_enetlist_parse("macgen-clocks: 0\nN a 1 1 1\n", &nl, err, sizeof err), MG_FAIL_TOOL);
    assert_int_equal(mg_enetlist_parse("N a nan 1 1\nmacgen-end\n", &nl, err, sizeof err), MG_FAIL_TOOL);
    assert_int_equal(mg_enetlist_parse("N a.b 1 1 1\nmacgen-end\n", &nl, err, sizeof err), -1);
    assert_true(mg_enet_plain_name("_0447_") && mg_enet_plain_name("a_i[12]"));
    assert_false(mg_enet_plain_name("a.b") || mg_enet_plain_name("a[") || mg_enet_plain_name("1a") ||
                 mg_enet_plain_name("a[1]x"));
}

static void test_plain_names(void **state)
{
    (void)state;
    char path[] = "/tmp/macgen-test-energy-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char text[] = "/* \\not a name */\nmodule t(a);\n  wire [1:0] \\u_core.x ;\n"
                        "  INVX1 u (.A(\\u_core.x [0]), .Y(\\u_core.x [1]));\nendmodule\n";
    assert_true(write(fd, text, sizeof text - 1) == (ssize_t)(sizeof text - 1));
    close(fd);
    mg_name_map m;
    char err[300];
    assert_int_equal(mg_netlist_plain_names(path, &m, err, sizeof err), 0);
    FILE *fp = fopen(path, "r");
    char got[400] = "";
    size_t n = fread(got, 1, sizeof got - 1, fp);
    got[n] = '\0';
    fclose(fp);
    remove(path);
    assert_string_equal(got, "/* \\not a name */\nmodule t(a);\n  wire [1:0] mg_n0_;\n"
                             "  INVX1 u (.A(mg_n0_[0]), .Y(mg_n0_[1]));\nendmodule\n");
    assert_int_equal(m.n, 1);
    assert_string_equal(m.orig[0], "u_core.x");
    mg_name_map_free(&m);
}

/* Bit-sliced counts: 5 nets, 3 cycles, 2 slices.  Slice 0 = 0x16 =
 * 1 0110, slice 1 = 0x0a = 0 1010: net 1 = 1 + 2 = 3, net 2 = 1, net 3 = 2,
 * net 4 = 1, net 0 = 0. */
static void test_count_reading(void **state)
{
    (void)state;
    char path[] = "/tmp/macgen-test-counts-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_true(write(fd, "16\n0a\n", 6) == 6);
    close(fd);
    const char *nets[5] = { "n0", "n1", "n2", "n3", "n4" };
    mg_tb_spec s = { .top = "t", .nets = nets, .n_nets = 5, .cycles = 3, .mode = MG_TB_SAMPLED };
    assert_int_equal(mg_tb_slices(3), 2);
    uint64_t c[5];
    char err[300];
    assert_int_equal(mg_tb_read_counts(path, &s, c, err, sizeof err), 0);
    assert_true(c[0] == 0 && c[1] == 3 && c[2] == 1 && c[3] == 2 && c[4] == 1);
    fd = open(path, O_WRONLY | O_TRUNC);
    assert_true(write(fd, "1x\n0a\n", 6) == 6);
    close(fd);
    assert_int_equal(mg_tb_read_counts(path, &s, c, err, sizeof err), -1);
    assert_non_null(strstr(err, "net n0 was undefined"));
    remove(path);
}

static void test_stimulus_bits(void **state)
{
    (void)state;
    uint64_t line[3] = { 0, 0, 0 };
    mg_stim_put(line, 60, 10, 0x3ff);
    mg_stim_put(line, 130, 3, 5);
    assert_true(line[0] == 0xf000000000000000ull && line[1] == 0x3f && line[2] == 0x14);
    assert_true(mg_stim_get(line, 60, 10) == 0x3ff && mg_stim_get(line, 130, 3) == 5);
    mg_vectors v;
    char err[300];
    assert_int_equal(mg_vectors_parse("gaussian", 1, 0, 0.5, &v, err, sizeof err), -1);
    assert_int_equal(mg_vectors_parse("/nonexistent.npy", 1, 0, 0.5, &v, err, sizeof err), -1);
    assert_int_equal(mg_vectors_parse("uniform", 2, 0, 0.5, &v, err, sizeof err), 0);
    near(mg_vectors_int_range(&v), 2, 1e-12);   /* a uniform on [-2, 2] spans the integer range */
    assert_int_equal(mg_vectors_parse("normal", 2, 1, 0.5, &v, err, sizeof err), 0);
    near(mg_vectors_int_range(&v), 7, 1e-12);   /* |mean| + 3 scales */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_library_units),
        cmocka_unit_test(test_bad_libraries),
        cmocka_unit_test(test_osu_units),
        cmocka_unit_test(test_inverter_known_answer),
        cmocka_unit_test(test_flip_flop_clock_known_answer),
        cmocka_unit_test(test_related_pin_weights),
        cmocka_unit_test(test_unknown_cell),
        cmocka_unit_test(test_netlist_report),
        cmocka_unit_test(test_plain_names),
        cmocka_unit_test(test_count_reading),
        cmocka_unit_test(test_stimulus_bits),
    };
    return cmocka_run_group_tests(tests, load_osu, free_osu);
}
