/* `macgen cost` and `macgen sweep` as a user runs them (build/macgen): the
 * failure paths (yosys missing, yosys failing, an unreadable liberty file,
 * a point that cannot be costed) print one line, exit 2 (3 when Yosys is
 * missing or failing) and leave no report
 * file; reports are byte-identical across runs and their totals are the sums
 * of their blocks. */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "textfile.h"
#include "workdir.h"

#define MACGEN "build/macgen"
#define DATA "tests/data/cost/"

typedef struct {
    int status;
    char *out;   /* standard output */
    char *err;   /* standard error */
} run_result;

static char scratch[4096];   /* this test's temporary directory */

static char *path_in_scratch(const char *name)
{
    static char buf[8][4200];
    static int next;
    char *p = buf[next++ % 8];
    snprintf(p, 4200, "%s/%s", scratch, name);
    return p;
}

static char *slurp_or_empty(const char *path)
{
    char *text = NULL, why[256];
    if (mg_read_text_file(path, &text, NULL, why, sizeof why) != 0) {
        text = malloc(1);
        if (text) text[0] = '\0';
    }
    return text;
}

/* Runs build/macgen with args; env NULL keeps the environment. */
static run_result run(const char *const *args, char *const *env)
{
    const char *out_path = path_in_scratch("stdout"), *err_path = path_in_scratch("stderr");
    char *argv[32];
    int n = 0;
    argv[n++] = (char *)MACGEN;
    for (; *args && n < 31; args++) argv[n++] = (char *)*args;
    argv[n] = NULL;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int o = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        if (o < 0 || e < 0) _exit(126);
        dup2(o, 1);
        dup2(e, 2);
        if (env)
            execve(MACGEN, argv, env);
        else
            execv(MACGEN, argv);
        _exit(127);
    }
    int st;
    assert_true(waitpid(pid, &st, 0) == pid);
    run_result r = { WIFEXITED(st) ? WEXITSTATUS(st) : 128, slurp_or_empty(out_path),
                     slurp_or_empty(err_path) };
    return r;
}

static void run_free(run_result *r)
{
    free(r->out);
    free(r->err);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* No file at all whose name starts with the report's (in the scratch
 * directory, where every report goes): no temporary "<name>.tmp.<pid>"
 * left behind either. */
static void assert_no_report(const char *path)
{
    assert_false(exists(path));
    const char *base = strrchr(path, '/') + 1;
    DIR *d = opendir(scratch);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strncmp(e->d_name, base, strlen(base))) {
            print_error("left behind: %s\n", e->d_name);
            closedir(d);
            fail();
        }
    }
    closedir(d);
}

static void assert_one_line_containing(const run_result *r, const char *what)
{
    size_t len = strlen(r->err);
    if (!(len > 0 && r->err[len - 1] == '\n' && strchr(r->err, '\n') == r->err + len - 1 &&
          strstr(r->err, what))) {
        print_error("want one stderr line containing '%s', got:\n%s", what, r->err);
        fail();
    }
}

static int setup(void **state)
{
    (void)state;
    char err[256];
    if (access(MACGEN, X_OK) != 0) {
        print_error("%s is missing: run make\n", MACGEN);
        return -1;
    }
    return mg_workdir_create("test-cli", scratch, sizeof scratch, err, sizeof err);
}

static int teardown(void **state)
{
    (void)state;
    mg_workdir_remove(scratch);
    return 0;
}

static void test_help(void **state)
{
    (void)state;
    const char *cost[] = { "cost", "--help", NULL }, *sweep[] = { "sweep", "--help", NULL };
    run_result r = run(cost, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "--liberty"));
    run_free(&r);
    r = run(sweep, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "-j N"));
    run_free(&r);
}

static void test_yosys_missing(void **state)
{
    (void)state;
    char *json = path_in_scratch("missing.json"), *csv = path_in_scratch("missing.csv");
    const char *args[] = { "cost", "--rtl", DATA "adder8", "--top", "adder8", "--json", json, "--csv", csv, NULL };
    char *env[] = { (char *)"PATH=/nonexistent", NULL };
    run_result r = run(args, env);
    assert_int_equal(r.status, 3); /* a tool missing or failing */
    assert_one_line_containing(&r, "yosys not found");
    assert_string_equal(r.out, "");
    assert_no_report(json);
    assert_no_report(csv);
    run_free(&r);
}

static void test_yosys_failing(void **state)
{
    (void)state;
    char *json = path_in_scratch("broken.json");
    const char *args[] = { "cost", "--rtl", DATA "broken", "--top", "broken", "--json", json, NULL };
    run_result r = run(args, NULL);
    assert_int_equal(r.status, 3); /* a tool missing or failing */
    assert_one_line_containing(&r, "ERROR: syntax error");
    assert_no_report(json);
    run_free(&r);
    /* A top module that does not exist is Yosys' error too. */
    const char *no_top[] = { "cost", "--rtl", DATA "adder8", "--top", "nosuch", "--json", json, NULL };
    r = run(no_top, NULL);
    assert_int_equal(r.status, 3); /* a tool missing or failing */
    assert_one_line_containing(&r, "nosuch");
    assert_no_report(json);
    run_free(&r);
}

static void test_unreadable_liberty(void **state)
{
    (void)state;
    char *json = path_in_scratch("lib.json"), *csv = path_in_scratch("lib.csv");
    const char *missing[] = { "cost", "--rtl", DATA "adder8", "--top", "adder8", "--json", json,
                              "--csv", csv, "--liberty", DATA "no_such.lib", NULL };
    run_result r = run(missing, NULL);
    assert_int_equal(r.status, 2);
    assert_one_line_containing(&r, "unreadable liberty file");
    assert_no_report(json);
    assert_no_report(csv);
    run_free(&r);
    /* Readable but not a liberty file. */
    const char *not_lib[] = { "cost", "--rtl", DATA "adder8", "--top", "adder8", "--json", json,
                              "--liberty", DATA "adder8/adder8.v", NULL };
    r = run(not_lib, NULL);
    assert_int_equal(r.status, 2);
    assert_one_line_containing(&r, "not a liberty file");
    assert_no_report(json);
    run_free(&r);
}

static void test_bad_usage(void **state)
{
    (void)state;
    const char *cases[][6] = {
        { "cost", NULL },
        { "cost", "--rtl", DATA "adder8", NULL },                           /* no --top */
        { "cost", "--rtl", DATA "adder8", "--top", "a;b", NULL },           /* not a name */
        { "cost", "mac", "--bogus", NULL },
        { "sweep", NULL },
        { "sweep", "mac", "acc=lba12,,fp32", NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run_result r = run(cases[i], NULL);
        if (r.status != 2) print_error("case %zu: exit %d\n", i, r.status);
        assert_int_equal(r.status, 2);
        assert_one_line_containing(&r, "macgen");
        run_free(&r);
    }
}

static cJSON *load_json(const char *path)
{
    char *text = slurp_or_empty(path);
    cJSON *j = cJSON_Parse(text);
    free(text);
    assert_non_null(j);
    return j;
}

static double num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsNumber(v)) {
        print_error("JSON key %s missing\n", key);
        fail();
    }
    return v->valuedouble;
}

/* blocks_sum is the sum over the blocks; the headline totals are the flat
 * run's (not that sum: flattening shares logic across blocks); the keys
 * users rely on exist. */
static void check_report_json(const char *path)
{
    cJSON *top = load_json(path);
    (void)num(top, "gates");
    assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(top, "delay_ns")) ||
                num(top, "delay_ns") > 0);
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(top, "blocks_sum");
    assert_true(cJSON_IsObject(j));
    double gates = num(j, "gates"), nand2 = num(j, "nand2_eq"), flops = num(j, "flops");
    (void)num(top, "transistors");
    (void)num(top, "depth");
    assert_true(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(top, "yosys_version")));
    const cJSON *blocks = cJSON_GetObjectItemCaseSensitive(top, "blocks"), *b;
    assert_true(cJSON_IsArray(blocks));
    double g = 0, n = 0, f = 0;
    cJSON_ArrayForEach(b, blocks) {
        g += num(b, "gates");
        n += num(b, "nand2_eq");
        f += num(b, "flops");
    }
    assert_true(g == gates);
    assert_true(n == nand2);
    assert_true(f == flops);
    cJSON_Delete(top);
}

static void test_reports_are_deterministic(void **state)
{
    (void)state;
    char *j1 = path_in_scratch("a.json"), *j2 = path_in_scratch("b.json");
    char *c1 = path_in_scratch("a.csv"), *c2 = path_in_scratch("b.csv");
    const char *a1[] = { "cost", "--rtl", DATA "hier", "--top", "hier_top", "--json", j1, "--csv", c1, NULL };
    const char *a2[] = { "cost", "--rtl", DATA "hier", "--top", "hier_top", "--json", j2, "--csv", c2, NULL };
    run_result r1 = run(a1, NULL), r2 = run(a2, NULL);
    assert_int_equal(r1.status, 0);
    assert_int_equal(r2.status, 0);
    assert_string_equal(r1.out, r2.out);
    assert_non_null(strstr(r1.out, "mg_and4"));
    char *x1 = slurp_or_empty(j1), *x2 = slurp_or_empty(j2), *y1 = slurp_or_empty(c1), *y2 = slurp_or_empty(c2);
    assert_string_equal(x1, x2);
    assert_string_equal(y1, y2);
    /* header + 4 blocks + their sum + the flat total */
    size_t lines = 0;
    for (const char *p = y1; *p; p++) lines += *p == '\n';
    assert_int_equal(lines, 7);
    check_report_json(j1);
    free(x1);
    free(x2);
    free(y1);
    free(y2);
    run_free(&r1);
    run_free(&r2);
}

/* The default LBA MAC end to end (needs the RTL generator). */
static void test_lba_mac(void **state)
{
    (void)state;
    char *json = path_in_scratch("mac.json");
    const char *args[] = { "cost", "mac", "w=lba8", "a=lba8", "acc=lba12", "--json", json, NULL };
    run_result r = run(args, NULL);
    if (r.status != 0) print_error("%s", r.err);
    assert_int_equal(r.status, 0);
    /* The multiplier is mg_mul_sig in the fast structures, inside the
     * product front in the area-lean ones (arch=auto picks area here). */
    assert_non_null(strstr(r.out, "mg_fmul_front"));
    assert_non_null(strstr(r.out, "mg_round"));
    check_report_json(json);
    run_free(&r);
}

static void test_sweep_failing_point(void **state)
{
    (void)state;
    char *points = path_in_scratch("points.txt"), *csv = path_in_scratch("fail.csv");
    char *png = path_in_scratch("fail.png");
    FILE *f = fopen(points, "w");
    assert_non_null(f);
    fputs("# a point that cannot be generated stops the sweep before anything runs\n"
          "mac w=lba8 a=lba8 acc=nosuchformat label=bad\n"
          "mac w=lba8 a=lba8 acc=lba12 label=good\n",
          f);
    fclose(f);
    const char *args[] = { "sweep", "--points", points, "-j", "1", "--csv", csv, "--png", png, NULL };
    run_result r = run(args, NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "macgen sweep: point 'bad': acc=nosuchformat"));
    assert_no_report(csv);
    assert_no_report(png);
    run_free(&r);
}

/* A two-point grid: CSV rows whose totals are the sums of their block
 * columns, and a PNG. */
static void test_sweep_grid(void **state)
{
    (void)state;
    char *csv = path_in_scratch("grid.csv"), *png = path_in_scratch("grid.png");
    const char *args[] = { "sweep", "mac", "w=lba8", "a=lba8", "acc=lba12,e4m6,fin,ftz", "-j2",
                           "--csv", csv, "--png", png, NULL };
    run_result r = run(args, NULL);
    if (r.status != 0) print_error("%s", r.err);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "sweep [2/2]"));
    char *text = slurp_or_empty(csv);
    char *save = NULL;
    char *line = strtok_r(text, "\n", &save);
    assert_non_null(line);
    int gates_col = -1, first_block = -1, col = 0;
    for (char *p = line; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL, col++) {
        if (!strncmp(p, "gates,", 6)) gates_col = col;
        if (!strncmp(p, "gates:", 6) && first_block < 0) first_block = col;
    }
    assert_int_equal(gates_col, 3);
    assert_true(first_block > gates_col);
    int rows = 0;
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        rows++;
        /* Labels and params are quoted when they hold commas or spaces:
         * skip three fields, then read numbers. */
        const char *p = line;
        for (int field = 0; field < 3; field++) {
            if (*p == '"') p = strchr(p + 1, '"') + 1;
            else p += strcspn(p, ",");
            p++;
        }
        long values[64];
        int nv = 0;
        while (*p && nv < 64) {
            values[nv++] = strtol(p, NULL, 10);
            p += strcspn(p, ",");
            if (*p) p++;
        }
        /* The blocks' stand-alone gates add up to blocks_gates (column 6);
         * the flat total (column 0) is at most that. */
        long sum = 0;
        for (int i = first_block - 3; i < nv; i++) sum += values[i];
        assert_int_equal(sum, values[6]);
        assert_true(values[0] <= values[6]);
    }
    assert_int_equal(rows, 2);
    free(text);
    char *pic = slurp_or_empty(png);
    assert_memory_equal(pic + 1, "PNG", 3);
    free(pic);
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help),
        cmocka_unit_test(test_yosys_missing),
        cmocka_unit_test(test_yosys_failing),
        cmocka_unit_test(test_unreadable_liberty),
        cmocka_unit_test(test_bad_usage),
        cmocka_unit_test(test_reports_are_deterministic),
        cmocka_unit_test(test_lba_mac),
        cmocka_unit_test(test_sweep_failing_point),
        cmocka_unit_test(test_sweep_grid),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
