/* How a sweep turns its arguments into points: value lists that keep a
 * format's attributes together, the order of a grid, points files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sweep_plan.h"
#include "workdir.h"

static void test_split_keeps_format_attributes(void **state)
{
    (void)state;
    char v[8][160], err[256];
    size_t n;
    assert_int_equal(mg_sweep_split_values("lba12,e4m6,fin,ftz,bias=5,fp32", v, 8, &n, err, sizeof err), 0);
    assert_int_equal(n, 3);
    assert_string_equal(v[0], "lba12");
    assert_string_equal(v[1], "e4m6,fin,ftz,bias=5");
    assert_string_equal(v[2], "fp32");
    assert_int_equal(mg_sweep_split_values("rtz", v, 8, &n, err, sizeof err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(mg_sweep_split_values("e4m3,fn,sub,e5m2,ieee", v, 8, &n, err, sizeof err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(v[1], "e5m2,ieee");
    assert_int_equal(mg_sweep_split_values("a,,b", v, 8, &n, err, sizeof err), -1);
    assert_int_equal(mg_sweep_split_values("a,", v, 8, &n, err, sizeof err), -1);
    assert_int_equal(mg_sweep_split_values("a,b,c", v, 2, &n, err, sizeof err), -1);
}

static void test_grid_order_and_labels(void **state)
{
    (void)state;
    char k1[] = "w", v1[] = "lba8", k2[] = "acc", v2[] = "lba12,fp32", k3[] = "round", v3[] = "rtz,rne";
    mg_kv_list kv = { .count = 3 };
    kv.items[0] = (mg_kv){ k1, v1, false };
    kv.items[1] = (mg_kv){ k2, v2, false };
    kv.items[2] = (mg_kv){ k3, v3, false };
    mg_sweep_plan plan;
    char err[256];
    assert_int_equal(mg_sweep_grid("mac", &kv, &plan, err, sizeof err), 0);
    assert_int_equal(plan.n, 4);
    /* The last key varies fastest; constant keys stay out of labels. */
    assert_string_equal(plan.points[0].label, "acc=lba12 round=rtz");
    assert_string_equal(plan.points[1].label, "acc=lba12 round=rne");
    assert_string_equal(plan.points[2].label, "acc=fp32 round=rtz");
    assert_string_equal(plan.points[3].label, "acc=fp32 round=rne");
    assert_string_equal(plan.points[3].unit, "mac");
    assert_int_equal(plan.points[3].n, 3);
    assert_string_equal(plan.points[3].keys[0], "w");
    assert_string_equal(plan.points[3].values[0], "lba8");
    mg_sweep_plan_free(&plan);
    /* No key varies: the label is every parameter. */
    kv.count = 1;
    assert_int_equal(mg_sweep_grid("mac", &kv, &plan, err, sizeof err), 0);
    assert_int_equal(plan.n, 1);
    assert_string_equal(plan.points[0].label, "w=lba8");
    mg_sweep_plan_free(&plan);
}

static void test_points_file(void **state)
{
    (void)state;
    char dir[4096], err[512], path[4200];
    assert_int_equal(mg_workdir_create("test-sweep", dir, sizeof dir, err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/points.txt", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("# comment\n\n  mac w=lba8 a=lba8 acc=lba12 label=lba12\n"
          "imac\n"
          "mac w=e4m3fn a=e4m3fn acc=e4m7,fin,ftz\n",
          f);
    fclose(f);
    mg_sweep_plan plan;
    assert_int_equal(mg_sweep_read_points(path, &plan, err, sizeof err), 0);
    assert_int_equal(plan.n, 3);
    assert_string_equal(plan.points[0].label, "lba12");
    assert_int_equal(plan.points[0].n, 3);
    assert_string_equal(plan.points[1].unit, "imac");
    assert_string_equal(plan.points[1].label, "imac");
    assert_string_equal(plan.points[2].values[2], "e4m7,fin,ftz");
    assert_string_equal(plan.points[2].label, "w=e4m3fn a=e4m3fn acc=e4m7,fin,ftz");
    mg_sweep_plan_free(&plan);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("mac w=lba8\nmac acc\n", f);
    fclose(f);
    assert_int_equal(mg_sweep_read_points(path, &plan, err, sizeof err), -1);
    assert_non_null(strstr(err, "line 2"));
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("# nothing\n", f);
    fclose(f);
    assert_int_equal(mg_sweep_read_points(path, &plan, err, sizeof err), -1);
    assert_non_null(strstr(err, "no point"));
    mg_workdir_remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_keeps_format_attributes),
        cmocka_unit_test(test_grid_order_and_labels),
        cmocka_unit_test(test_points_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
