/* The cost model's readers on recorded Yosys 0.23 output (tests/data/yosys,
 * see its README) and a hand-written liberty fragment.  Expected values are
 * read off the recorded files by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "breakdown.h"
#include "cell_class.h"
#include "liberty.h"
#include "textfile.h"
#include "yosys_stat.h"

#define DATA "tests/data/yosys/"

static char *slurp(const char *path)
{
    char *text = NULL, err[512];
    if (mg_read_text_file(path, &text, NULL, err, sizeof err) != 0) {
        print_error("%s\n", err);
        fail();
    }
    return text;
}

static const mg_ys_cell *cell_of(const mg_ys_module *m, const char *type)
{
    for (size_t i = 0; i < m->n_cells; i++)
        if (!strcmp(m->cells[i].type, type)) return &m->cells[i];
    return NULL;
}

static const mg_cost_block *block_of(const mg_cost_report *r, const char *name)
{
    for (size_t i = 0; i < r->n_blocks; i++)
        if (!strcmp(r->blocks[i].name, name)) return &r->blocks[i];
    return NULL;
}

#define AND4 "$paramod\\mg_and4\\W=s32'00000000000000000000000000000100"

static void test_stat_json_modules(void **state)
{
    (void)state;
    char *text = slurp(DATA "hier_generic_stat.json"), err[256];
    mg_ys_design d;
    assert_int_equal(mg_ys_read_stat_json(text, &d, err, sizeof err), 0);
    assert_string_equal(d.creator, "Yosys 0.23 (git sha1 7ce5011c24b)");
    assert_int_equal(d.n_mods, 3);
    const mg_ys_module *top = mg_ys_find(&d, "\\hier_top");
    const mg_ys_module *and4 = mg_ys_find(&d, AND4);
    assert_non_null(top);
    assert_non_null(and4);
    assert_int_equal(cell_of(top, "$_DFF_P_")->count, 4);
    assert_int_equal(cell_of(top, "$_OR_")->count, 4);
    assert_int_equal(cell_of(top, AND4)->count, 2);
    assert_int_equal(cell_of(and4, "$_AND_")->count, 4);
    /* An instance of a plain module is typed without the backslash. */
    assert_ptr_equal(mg_ys_find_instance(&d, "mg_xor2"), mg_ys_find(&d, "\\mg_xor2"));
    assert_ptr_equal(mg_ys_find_instance(&d, AND4), and4);
    assert_null(mg_ys_find_instance(&d, "$_AND_"));
    char v[64];
    mg_ys_version(d.creator, v, sizeof v);
    assert_string_equal(v, "0.23 (git sha1 7ce5011c24b)");
    mg_ys_design_free(&d);
    free(text);
}

static void test_stat_json_malformed(void **state)
{
    (void)state;
    char err[256];
    mg_ys_design d;
    assert_int_equal(mg_ys_read_stat_json("{ \"creator\": \"Yosys\", ", &d, err, sizeof err), -1);
    assert_non_null(strstr(err, "malformed"));
    assert_int_equal(mg_ys_read_stat_json("{ \"creator\": \"Yosys\" }", &d, err, sizeof err), -1);
    assert_int_equal(mg_ys_read_stat_json("{ \"creator\": \"Yosys\", \"modules\": "
                                          "{ \"\\\\m\": { \"num_cells_by_type\": { \"$_AND_\": \"x\" } } } }",
                                          &d, err, sizeof err),
                     -1);
}

/* Yosys 0.23 leaks hierarchy lines into stat -json on deep hierarchies
 * (recorded from a generated LBA MAC): they must not break the reader. */
static void test_stat_json_with_leaked_hierarchy(void **state)
{
    (void)state;
    char *text = slurp(DATA "mac_stat_leaky.json"), err[256];
    mg_ys_design d;
    assert_int_equal(mg_ys_read_stat_json(text, &d, err, sizeof err), 0);
    const mg_ys_module *top = mg_ys_find(&d, "\\mg_mac_top");
    assert_non_null(top);
    assert_int_equal(top->n_cells, 1);
    assert_int_equal(top->cells[0].count, 1);
    char base[64];
    mg_ys_base_name(top->cells[0].type, base, sizeof base);
    assert_string_equal(base, "mg_fmac");
    assert_non_null(mg_ys_find_instance(&d, top->cells[0].type));
    mg_ys_design_free(&d);
    free(text);
}

static void test_base_names(void **state)
{
    (void)state;
    char b[64];
    mg_ys_base_name("\\top", b, sizeof b);
    assert_string_equal(b, "top");
    mg_ys_base_name(AND4, b, sizeof b);
    assert_string_equal(b, "mg_and4");
    mg_ys_base_name("$paramod$1f3e0a9c2b\\mg_round", b, sizeof b);
    assert_string_equal(b, "mg_round");
    mg_ys_base_name("$paramod\\mg_round\\InW=s32'101\\OutW=s32'11", b, sizeof b);
    assert_string_equal(b, "mg_round");
    mg_ys_base_name("mg_lzc", b, sizeof b);
    assert_string_equal(b, "mg_lzc");
}

static void test_transistors_and_depth(void **state)
{
    (void)state;
    char *cmos = slurp(DATA "hier_generic_cmos.txt"), *regs = slurp(DATA "regs12_cmos.txt");
    char *ltp = slurp(DATA "hier_depth.txt"), err[256];
    long t;
    bool plus;
    /* The design-hierarchy total, not a module's "88+". */
    assert_int_equal(mg_ys_read_transistors(cmos, &t, &plus, err, sizeof err), 0);
    assert_int_equal(t, 160);
    assert_false(plus);
    /* One module, reset flip-flops without cost. */
    assert_int_equal(mg_ys_read_transistors(regs, &t, &plus, err, sizeof err), 0);
    assert_int_equal(t, 208);
    assert_true(plus);
    assert_int_equal(mg_ys_read_transistors("nothing here\n", &t, &plus, err, sizeof err), -1);
    assert_int_equal(mg_ys_read_ltp(ltp), 3);
    assert_int_equal(mg_ys_read_ltp("no path\n"), 0);
    /* Nonsense is no depth either (issue 10). */
    assert_int_equal(mg_ys_read_ltp("Longest topological path in x (length=-7):\n"), -1);
    assert_int_equal(mg_ys_read_ltp("Longest topological path in x (length=zz):\n"), -1);
    free(cmos);
    free(regs);
    free(ltp);
}

static void test_last_error(void **state)
{
    (void)state;
    char *log = slurp(DATA "broken.log"), line[256];
    mg_ys_last_error(log, line, sizeof line);
    assert_string_equal(line, "broken/broken.v:3: ERROR: syntax error, unexpected TOK_ASSIGN, expecting ';'");
    mg_ys_last_error("Warning: x\nERROR: first\nmore\nERROR: second\ntrailer\n\n", line, sizeof line);
    assert_string_equal(line, "ERROR: second");
    mg_ys_last_error("only a warning\n\n", line, sizeof line);
    assert_string_equal(line, "only a warning");
    mg_ys_last_error("", line, sizeof line);
    assert_string_equal(line, "");
    free(log);
}

/* The recorded generic netlist: 2 x mg_and4 (4 AND each), mg_xor2 (2 XOR),
 * top: 4 OR + 4 DFF.  Transistors by the cmos table: AND/OR 6, XOR 12,
 * DFF 16. */
static void test_breakdown_generic(void **state)
{
    (void)state;
    char *text = slurp(DATA "hier_generic_stat.json"), err[256];
    mg_ys_design d;
    assert_int_equal(mg_ys_read_stat_json(text, &d, err, sizeof err), 0);
    mg_cost_report *r = calloc(1, sizeof *r);
    assert_non_null(r);
    assert_int_equal(mg_cost_breakdown(&d, "hier_top", r, err, sizeof err), 0);
    assert_int_equal(r->n_blocks, 4);
    /* Order: unknown blocks alphabetically, then glue, then registers. */
    assert_string_equal(r->blocks[0].name, "mg_and4");
    assert_string_equal(r->blocks[1].name, "mg_xor2");
    assert_string_equal(r->blocks[2].name, "glue");
    assert_string_equal(r->blocks[3].name, "registers");
    const mg_cost_block *and4 = block_of(r, "mg_and4");
    assert_int_equal(and4->instances, 2);
    assert_int_equal(and4->gates, 8);
    assert_int_equal(and4->transistors, 8 * 6);
    assert_int_equal(block_of(r, "mg_xor2")->gates, 2);
    assert_int_equal(block_of(r, "glue")->gates, 4);
    assert_int_equal(block_of(r, "glue")->flops, 0);
    assert_int_equal(block_of(r, "registers")->flops, 4);
    assert_int_equal(block_of(r, "registers")->gates, 0);
    assert_int_equal(r->gates, 14);
    assert_int_equal(r->flops, 4);
    assert_int_equal(r->transistors, 8 * 6 + 2 * 12 + 4 * 6 + 4 * 16);
    assert_int_equal(r->n_cells, 4);
    assert_string_equal(r->cells[0].type, "$_AND_");
    assert_int_equal(r->cells[0].count, 8);
    assert_int_equal(mg_cost_breakdown(&d, "no_such_top", r, err, sizeof err), -1);
    free(r);
    mg_ys_design_free(&d);
    free(text);
}

/* Areas of the recorded OSU 0.18 run: AND2X1 32, OR2X1 32, XOR2X1 56,
 * DFFPOSX1 96. */
static void test_breakdown_liberty(void **state)
{
    (void)state;
    char *gj = slurp(DATA "hier_generic_stat.json"), *lj = slurp(DATA "hier_liberty_stat.json");
    char *area = slurp(DATA "hier_liberty_area.txt"), err[256];
    static const char lib_text[] =
        "library (osu_excerpt) { cell (AND2X1) { area : 32; } cell (OR2X1) { area : 32; }\n"
        "cell (XOR2X1) { area : 56; } cell (NAND2X1) { area : 24; }\n"
        "cell (DFFPOSX1) { area : 96; ff (DS0000,P0000) { next_state : \"D\"; clocked_on : \"CLK\"; } } }\n";
    mg_ys_design g, l;
    mg_liberty lib;
    assert_int_equal(mg_ys_read_stat_json(gj, &g, err, sizeof err), 0);
    assert_int_equal(mg_ys_read_stat_json(lj, &l, err, sizeof err), 0);
    assert_int_equal(mg_ys_read_areas(area, &l, err, sizeof err), 0);
    assert_true(mg_ys_find(&l, AND4)->area == 128.0);
    assert_true(mg_ys_find(&l, "\\hier_top")->area == 512.0);
    double top_area;
    assert_int_equal(mg_ys_read_top_area(area, &top_area), 0);
    assert_true(top_area == 880.0);
    assert_int_equal(mg_liberty_parse(lib_text, &lib, err, sizeof err), 0);
    mg_cost_report *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->nand2_area = 24;
    assert_int_equal(mg_cost_breakdown(&g, "hier_top", r, err, sizeof err), 0);
    assert_int_equal(mg_cost_breakdown_liberty(&l, &lib, "hier_top", r, err, sizeof err), 0);
    assert_true(block_of(r, "mg_and4")->area == 2 * 4 * 32.0);
    assert_true(block_of(r, "mg_xor2")->area == 2 * 56.0);
    assert_true(block_of(r, "registers")->area == 4 * 96.0);
    assert_true(block_of(r, "glue")->area == 4 * 32.0);
    assert_true(r->area == 880.0);
    assert_true(mg_cost_gate_eq(r, r->area) == 880.0 / 24.0);
    mg_liberty_free(&lib);
    /* A design whose report lacks a module's area is refused. */
    mg_ys_design l2;
    assert_int_equal(mg_ys_read_stat_json(lj, &l2, err, sizeof err), 0);
    assert_int_equal(mg_ys_read_areas("Chip area for module '\\hier_top': 1\n", &l2, err, sizeof err), -1);
    /* ... but a module of instances only has none and needs none. */
    mg_ys_design w;
    assert_int_equal(mg_ys_read_stat_json("{ \"creator\": \"Yosys\", \"modules\": {"
                                          " \"\\\\wrap\": { \"num_cells_by_type\": { \"leaf\": 2 } },"
                                          " \"\\\\leaf\": { \"num_cells_by_type\": { \"AND2X1\": 1 } } } }",
                                          &w, err, sizeof err),
                     0);
    assert_int_equal(mg_ys_read_areas("Chip area for module '\\leaf': 32.000000\n", &w, err, sizeof err), 0);
    assert_true(mg_ys_find(&w, "\\wrap")->has_area && mg_ys_find(&w, "\\wrap")->area == 0.0);
    mg_ys_design_free(&w);
    mg_ys_design_free(&l2);
    free(r);
    mg_ys_design_free(&g);
    mg_ys_design_free(&l);
    free(gj);
    free(lj);
    free(area);
}

static void test_liberty_reader(void **state)
{
    (void)state;
    mg_liberty lib;
    char err[512];
    assert_int_equal(mg_liberty_read(DATA "tiny.lib", &lib, err, sizeof err), 0);
    assert_int_equal(lib.n_cells, 6);   /* the commented-out FAKE is not a cell */
    assert_null(mg_liberty_find(&lib, "FAKE"));
    assert_true(mg_liberty_find(&lib, "INV_A")->area == 3.5);
    assert_true(mg_liberty_find(&lib, "nand2_x2")->area == 8.0);
    assert_true(mg_liberty_find(&lib, "NAND2_X1")->area == 5.25);   /* not the pin's 99 */
    assert_true(mg_liberty_find(&lib, "DFF_R")->sequential);
    assert_false(mg_liberty_find(&lib, "INV_A")->sequential);
    assert_false(mg_liberty_find(&lib, "NO_AREA")->has_area);
    const mg_lib_cell *nand2 = mg_liberty_nand2(&lib);
    assert_non_null(nand2);
    assert_string_equal(nand2->name, "NAND2_X1");   /* smaller than nand2_x2, NAND3 ignored */
    mg_liberty_free(&lib);
    assert_int_equal(mg_liberty_read(DATA "no_such.lib", &lib, err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot read"));
    assert_int_equal(mg_liberty_read(DATA "broken.log", &lib, err, sizeof err), -1);
    assert_non_null(strstr(err, "not a liberty file"));
}

/* The cells come from the one Liberty parser (lib_tree.h): a broken
 * library is refused with the line and what is wrong, never read in part. */
static void test_liberty_broken(void **state)
{
    (void)state;
    static const struct {
        const char *text, *words;
    } cases[] = {
        { "library (x) { cell (A) { area : 1; }\n", "line 2: missing '}'" },
        { "library (x) { cell (A, { area : 1; } }\n", "line 1: expected a value or ')'" },
        { "library (x) { cell (A) { area : 1; } } }\n", "after the library group's end" },
        { "library (x) { cell (A) { area : \"1 }\n", "unterminated string" },
        { "library (x) { cell (A) { area : 1x; } }\n", "cell A: " },
        { "library (x) { cell (A) { pin (Y) { area : 1; } } }\n", "no cell with an area" },
        { "module m; endmodule\n", "not a liberty file" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mg_liberty lib;
        char err[256];
        assert_int_equal(mg_liberty_parse(cases[i].text, &lib, err, sizeof err), -1);
        if (!strstr(err, cases[i].words)) {
            print_error("case %zu: '%s' lacks '%s'\n", i, err, cases[i].words);
            fail();
        }
        assert_null(lib.cells);
    }
}

static void test_cell_classes(void **state)
{
    (void)state;
    assert_int_equal(mg_cell_classify("$_NAND_").kind, MG_CELL_GATE2);
    assert_int_equal(mg_cell_classify("$_NAND_").transistors, 4);
    assert_int_equal(mg_cell_classify("$_XNOR_").transistors, 12);
    assert_int_equal(mg_cell_classify("$_NOT_").kind, MG_CELL_INV);
    assert_int_equal(mg_cell_classify("$_DFF_P_").kind, MG_CELL_FLOP);
    assert_true(mg_cell_classify("$_DFF_P_").yosys_costed);
    assert_int_equal(mg_cell_classify("$_DFF_PN0_").kind, MG_CELL_FLOP);
    assert_false(mg_cell_classify("$_DFF_PN0_").yosys_costed);
    assert_int_equal(mg_cell_classify("$_DFFE_PP_").kind, MG_CELL_FLOP);
    assert_int_equal(mg_cell_classify("$_MUX_").kind, MG_CELL_OTHER);
    assert_int_equal(mg_cell_classify("$mul").kind, MG_CELL_OTHER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stat_json_modules),
        cmocka_unit_test(test_stat_json_malformed),
        cmocka_unit_test(test_stat_json_with_leaked_hierarchy),
        cmocka_unit_test(test_base_names),
        cmocka_unit_test(test_transistors_and_depth),
        cmocka_unit_test(test_last_error),
        cmocka_unit_test(test_breakdown_generic),
        cmocka_unit_test(test_breakdown_liberty),
        cmocka_unit_test(test_liberty_reader),
        cmocka_unit_test(test_liberty_broken),
        cmocka_unit_test(test_cell_classes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
