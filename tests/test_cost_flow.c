/* The Yosys flow end to end on small circuits whose cost is known by hand
 * (tests/data/cost): an 8-bit adder, a 16-bit parity tree, 12 registers, a
 * small hierarchy.  Needs yosys in PATH (make deps). */
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
#include "liberty.h"
#include "verilog_dir.h"
#include "workdir.h"

#define DATA "tests/data/cost/"
#define OSU_LIB_SYSTEM "/usr/share/qflow/tech/osu018/osu018_stdcells.lib"
#define OSU_LIB_LOCAL "build/liberty/usr/share/qflow/tech/osu018/osu018_stdcells.lib"

/* Costs every *.v file of DATA/dir with top module top. */
static mg_cost_report *cost_dir(const char *dir, const char *top, const char *liberty)
{
    char workdir[4096], err[1024], path[512];
    static char files[16][512];
    size_t n;
    snprintf(path, sizeof path, DATA "%s", dir);
    if (mg_workdir_create("test", workdir, sizeof workdir, err, sizeof err) != 0 ||
        mg_verilog_dir_stage(path, workdir, "rtl", files, 16, &n, err, sizeof err) != 0) {
        print_error("%s\n", err);
        fail();
    }
    const char *ptrs[16];
    for (size_t i = 0; i < n; i++) ptrs[i] = files[i];
    mg_cost_input in = { .workdir = workdir, .top = top, .files = ptrs, .n_files = n,
                         .liberty = liberty, .timeout_s = 600, .timing = liberty != NULL };
    mg_cost_report *r = malloc(sizeof *r);
    assert_non_null(r);
    int rc = mg_cost_run(&in, r, err, sizeof err);
    mg_workdir_remove(workdir);
    if (rc != 0) {
        print_error("cost %s: %s\n", dir, err);
        free(r);
        fail();
    }
    return r;
}

static const mg_cost_block *block_of(const mg_cost_report *r, const char *name)
{
    for (size_t i = 0; i < r->n_blocks; i++)
        if (!strcmp(r->blocks[i].name, name)) return &r->blocks[i];
    print_error("no block %s\n", name);
    fail();
    return NULL;
}

/* Yosys' own transistor figure is the independent check of macgen's cell
 * weights wherever Yosys costs every cell. */
static void assert_weights_agree(const mg_cost_report *r)
{
    assert_false(r->transistors_estimate);
    assert_int_equal(r->transistors, r->yosys_transistors);
}

static int setup(void **state)
{
    (void)state;
    if (!mg_tool_exists("yosys")) {
        print_error("yosys is not in PATH: run make deps\n");
        return -1;
    }
    return 0;
}

/* A ripple-carry adder is 8 full adders of 5 gates (2 XOR, 2 AND, 1 OR) = 40
 * 2-input gates, less where the carry-in is 0; faster adders cost more but
 * not 1.5x.  Its depth lies between log2(16 inputs) = 4 and the ripple's
 * 2 per bit + 1. */
static void test_adder_gates_in_known_range(void **state)
{
    (void)state;
    mg_cost_report *r = cost_dir("adder8", "adder8", NULL);
    assert_in_range(r->gates, 30, 60);
    assert_in_range(r->depth, 4, 17);
    assert_int_equal(r->flops, 0);
    assert_weights_agree(r);
    assert_string_equal(r->top, "adder8");
    assert_int_equal(r->n_blocks, 1);
    assert_string_equal(r->blocks[0].name, "glue");
    assert_non_null(strstr(r->yosys_version, "0."));
    assert_int_equal(strlen(r->flow_hash), 16);
    free(r);
}

/* 16-input parity: exactly 15 two-input XOR/XNOR gates (each gate merges
 * two partial parities), ceil(log2 16) = 4 levels when balanced. */
static void test_parity_tree_exact(void **state)
{
    (void)state;
    mg_cost_report *r = cost_dir("xor16", "xor16", NULL);
    assert_int_equal(r->gates, 15);
    assert_int_equal(r->depth, 4);
    long xors = 0;
    for (size_t i = 0; i < r->n_cells; i++)
        if (!strcmp(r->cells[i].type, "$_XOR_") || !strcmp(r->cells[i].type, "$_XNOR_"))
            xors += r->cells[i].count;
    assert_int_equal(xors, 15);
    assert_weights_agree(r);
    free(r);
}

/* 12 registers are 12 flip-flops: 4 with asynchronous reset (no Yosys cost,
 * so the transistor total is an estimate), 8 plain ones whose synchronous
 * reset and enable cost a gate or two each. */
static void test_registers_are_flops(void **state)
{
    (void)state;
    mg_cost_report *r = cost_dir("regs", "regs12", NULL);
    assert_int_equal(r->flops, 12);
    assert_int_equal(block_of(r, "registers")->flops, 12);
    assert_in_range(r->gates, 8, 16);
    assert_in_range(r->depth, 1, 2);
    assert_true(r->transistors_estimate);
    /* Yosys costs the 8 plain flops and the gates; macgen adds 20 per
     * reset flop. */
    assert_int_equal(r->transistors, r->yosys_transistors + 4 * 20);
    free(r);
}

/* tests/data/cost/hier: 2 x mg_and4 (4 AND), mg_xor2 (2 XOR), a wrapper
 * with 4 OR gates and 4 flip-flops; longest path AND, AND, OR = 3. */
static void test_hierarchy_breakdown(void **state)
{
    (void)state;
    mg_cost_report *r = cost_dir("hier", "hier_top", NULL);
    assert_int_equal(r->n_blocks, 4);
    assert_int_equal(block_of(r, "mg_and4")->instances, 2);
    assert_int_equal(block_of(r, "mg_and4")->gates, 8);
    assert_int_equal(block_of(r, "mg_xor2")->gates, 2);
    assert_int_equal(block_of(r, "glue")->gates, 4);
    assert_int_equal(block_of(r, "registers")->flops, 4);
    assert_int_equal(r->gates, 14);
    assert_int_equal(r->depth, 3);
    assert_weights_agree(r);
    free(r);
}

static void test_same_numbers_every_run(void **state)
{
    (void)state;
    mg_cost_report *a = cost_dir("adder8", "adder8", NULL);
    mg_cost_report *b = cost_dir("adder8", "adder8", NULL);
    assert_memory_equal(a, b, sizeof *a);
    free(a);
    free(b);
}

/* With the OSU 0.18 library (if scripts/get_liberty.sh or the package put it
 * here): its NAND2X1 is 24 um^2 and the flat design maps to AND2X1 (32),
 * OR2X1 (32), XOR2X1 (56) and DFFPOSX1 (96); the area is the flat run's
 * total (blocks have gate counts only). */
static void test_liberty_area(void **state)
{
    (void)state;
    FILE *f = fopen(OSU_LIB_LOCAL, "r");
    const char *lib = OSU_LIB_LOCAL;
    if (!f) {
        f = fopen(OSU_LIB_SYSTEM, "r");
        lib = OSU_LIB_SYSTEM;
    }
    if (!f) {
        print_message("OSU liberty not present (scripts/get_liberty.sh): skipped\n");
        skip();
    }
    fclose(f);
    mg_cost_report *r = cost_dir("hier", "hier_top", lib);
    assert_true(r->has_liberty);
    assert_string_equal(r->nand2_cell, "NAND2X1");
    assert_true(r->nand2_area == 24.0);
    /* Yosys' area is the cells' areas as the liberty file gives them: the
     * four DFFPOSX1 (96 each) and the two XOR2X1 (56) the XORs need, plus
     * the AND/OR logic in whatever cells ABC chose. */
    mg_liberty lib_cells;
    char err[512];
    assert_int_equal(mg_liberty_read(lib, &lib_cells, err, sizeof err), 0);
    double sum = 0;
    for (size_t i = 0; i < r->n_lib_cells; i++)
        sum += (double)r->lib_cells[i].count * mg_liberty_find(&lib_cells, r->lib_cells[i].type)->area;
    mg_liberty_free(&lib_cells);
    assert_true(r->area == sum);
    assert_true(r->area >= 4 * 96.0 + 2 * 56.0 + 4 * 24.0);
    assert_true(r->has_timing);
    assert_true(r->clocked);
    assert_true(r->delay_ns > 0.1 && r->delay_ns < 5.0);
    free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_adder_gates_in_known_range),
        cmocka_unit_test(test_parity_tree_exact),
        cmocka_unit_test(test_registers_are_flops),
        cmocka_unit_test(test_hierarchy_breakdown),
        cmocka_unit_test(test_same_numbers_every_run),
        cmocka_unit_test(test_liberty_area),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
