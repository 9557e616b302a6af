/* Runs an eval op in-process on a string of lines (shared by the eval tests). */
#ifndef MG_EVAL_TEST_HELPERS_H
#define MG_EVAL_TEST_HELPERS_H

#include <stdlib.h>

#include "test_helpers.h"

#include "cli.h"

typedef int (*eval_fn)(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen);

typedef struct {
    int rc;
    char out[4096];
    char err[512];
} eval_result;

/* Runs an eval op on `input` with parameters "k=v k=v ...". */
static eval_result run_eval(eval_fn fn, const char *params, const char *input)
{
    eval_result r;
    memset(&r, 0, sizeof r);
    char pbuf[256];
    char *argv[16];
    int argc = 0;
    snprintf(pbuf, sizeof pbuf, "%s", params);
    for (char *save = NULL, *p = strtok_r(pbuf, " ", &save); p && argc < 16; p = strtok_r(NULL, " ", &save))
        argv[argc++] = p;
    mg_kv_list kv;
    assert_int_equal(mg_kv_collect(argc, argv, &kv, r.err, sizeof r.err), 0);
    FILE *in = fmemopen((void *)input, strlen(input), "r");
    char *obuf = NULL;
    size_t olen = 0;
    FILE *out = open_memstream(&obuf, &olen);
    assert_non_null(in);
    assert_non_null(out);
    r.rc = fn(&kv, in, out, r.err, sizeof r.err);
    fclose(in);
    fclose(out);
    snprintf(r.out, sizeof r.out, "%s", obuf ? obuf : "");
    free(obuf);
    return r;
}

static void expect_ok(eval_fn fn, const char *params, const char *input, const char *want)
{
    eval_result r = run_eval(fn, params, input);
    if (r.rc != 0) fail_msg("%s: unexpected error: %s", params, r.err);
    assert_string_equal(r.out, want);
}

/* Expects an error whose message contains `why`, after `answered` output. */
static void expect_err(eval_fn fn, const char *params, const char *input, const char *answered, const char *why)
{
    eval_result r = run_eval(fn, params, input);
    assert_int_equal(r.rc, -1);
    assert_string_equal(r.out, answered);
    if (!strstr(r.err, why)) fail_msg("error '%s' should mention '%s'", r.err, why);
}

#endif
