/* The unit table (gen/units/unit.h): one record per unit, so eval, rtl and
 * verify must resolve the same defaults, and every "model alone" line that
 * verify prints must run.  Checked against:
 *   - hand-derived results through the real binary (build/macgen eval),
 *   - the canonical spelling rtl writes into the Verilog ("// Unit: ..."),
 *   - verify's own model adapter on corner-case vectors, with the command
 *     line verify prints run by /bin/sh against build/macgen.
 * Run from the repository root. */
#include <stdlib.h>
#include <unistd.h>

#include "eval_unit.h"
#include "test_helpers.h"
#include "unit.h"

#define MACGEN "build/macgen"

/* Parameter sets: every unit with an eval op appears at least once.  eval
 * carries the parameters only eval takes (dot's vector length). */
static const struct {
    const char *unit, *params, *eval;
} cases[] = {
    { "mul", "", "" },
    { "mul", "a=lba8 b=lba8 out=lba12", "" },
    { "mul", "a=e5m2 b=e4m3 out=fp16 round=sr rbits=4", "" },
    { "mul", "a=fp32 b=fp32 out=fp32 ovf=sat", "" },
    { "add", "", "" },
    { "add", "a=lba12", "" },
    { "add", "a=fp16 b=bf16 out=e4m3fn round=sr", "" },
    { "mac", "", "" },
    { "mac", "w=e4m3fn a=e4m3fn acc=fp32", "" },
    { "mac", "w=e4m3fn a=e4m3fn acc=fp16 fused=1", "" },
    { "mac", "w=bf16 a=bf16 acc=bf16 round=sr", "" },
    { "mac", "w=lba8,bias=5 a=e5m2 prod=e5m7,fin,ftz acc=lba12", "" },
    { "mac", "w=lba8 a=lba8 acc=fp32 pipe=2", "" },
    { "mac", "acc=fp16 acc_reg=1", "" },
    { "imac", "", "" },
    { "imac", "w=int4 a=int6 acc=int12 sat=1", "" },
    { "quant", "", "" },
    { "quant", "in=fp32 out=e4m3fn", "" },
    { "quant", "in=fp16 out=lba8 round=sr rbits=3", "" },
    { "dot", "", "k=5" },
    { "dot", "w=e4m3fn a=e4m3fn acc=fp16 acc2=fp32 chunk=0", "k=3" },
    { "dot", "round=sr cbits=4 chunk=2", "k=4" },
    { "hbfp_quant", "", "" },
    { "hbfp_quant", "n=6 block=16 exp=ceil round=sr rbits=4 pipe=2", "" },
    { "mx_quant", "", "" },
    { "mx_quant", "elem=fp4_e2m1 block=8 scale=ceil round=sr rbits=3 pipe=1", "" },
    { "mx_quant", "elem=int8 block=64 round=rtz", "" },
};
#define N_CASES (sizeof cases / sizeof cases[0])

/* Splits "k=v k=v" (copied into buf) into kv. */
static void parse_kv(const char *text, char *buf, size_t len, mg_kv_list *kv)
{
    snprintf(buf, len, "%s", text);
    char *argv[32];
    int argc = 0;
    for (char *tok = strtok(buf, " "); tok && argc < 32; tok = strtok(NULL, " ")) argv[argc++] = tok;
    char err[256];
    if (mg_kv_collect(argc, argv, kv, err, sizeof err)) fail_msg("%s: %s", text, err);
}

static void configure_rtl(size_t i, mg_unit *u)
{
    char buf[256], err[512];
    mg_kv_list kv;
    parse_kv(cases[i].params, buf, sizeof buf, &kv);
    if (mg_unit_configure(u, cases[i].unit, &kv, err, sizeof err)) fail_msg("rtl %s %s: %s", cases[i].unit,
                                                                           cases[i].params, err);
}

static void configure_eval(size_t i, mg_unit *u)
{
    char text[256], buf[256], err[512];
    snprintf(text, sizeof text, "%s %s", cases[i].params, cases[i].eval);
    mg_kv_list kv;
    parse_kv(text, buf, sizeof buf, &kv);
    /* The hardware-only parameters are not eval's: drop them, as a user would. */
    mg_kv_list model = { .count = 0 };
    const mg_unit_def *def = mg_unit_find(cases[i].unit);
    for (size_t k = 0; k < kv.count; k++) {
        bool rtl_only = false;
        for (int p = 0; def->params[p].key; p++)
            rtl_only |= !strcmp(def->params[p].key, kv.items[k].key) && def->params[p].scope == MG_FOR_RTL;
        if (!rtl_only) model.items[model.count++] = kv.items[k];
    }
    if (mg_unit_configure_eval(u, def, &model, err, sizeof err)) fail_msg("eval %s %s: %s", cases[i].unit, text, err);
}

/* The canonical spelling without the words of hardware-only parameters. */
static void model_words(const mg_unit *u, char *out, size_t len)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", u->canonical);
    out[0] = '\0';
    for (char *w = strtok(buf, " "); w; w = strtok(NULL, " ")) {
        char key[32];
        snprintf(key, sizeof key, "%.*s", (int)strcspn(w, "="), w);
        bool rtl_only = !strcmp(key, "top");
        for (int p = 0; u->def->params[p].key; p++)
            rtl_only |= !strcmp(u->def->params[p].key, key) && u->def->params[p].scope == MG_FOR_RTL;
        if (rtl_only) continue;
        size_t used = strlen(out);
        snprintf(out + used, len - used, "%s%s", used ? " " : "", w);
    }
}

static void test_every_eval_unit_is_covered(void **state)
{
    (void)state;
    size_t n;
    const mg_unit_def *const *all = mg_unit_all(&n);
    for (size_t i = 0; i < n; i++) {
        bool seen = false;
        for (size_t c = 0; c < N_CASES; c++) seen |= !strcmp(cases[c].unit, all[i]->name);
        if (mg_unit_has_eval(all[i]) && !seen) fail_msg("unit %s has an eval op but no case here", all[i]->name);
    }
}

/* rtl/verify (mg_unit_configure) and eval (mg_unit_configure_eval) resolve
 * the same parameters; and the canonical spelling is what rtl writes into
 * the Verilog it emits. */
static void test_eval_rtl_verify_defaults_agree(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_CASES; i++) {
        mg_unit r, e;
        configure_rtl(i, &r);
        configure_eval(i, &e);
        char rtl_words[512], eval_words[512];
        model_words(&r, rtl_words, sizeof rtl_words);
        mg_unit_eval_params(&e, eval_words, sizeof eval_words);
        if (strcmp(rtl_words, eval_words))
            fail_msg("%s %s: rtl resolves '%s', eval '%s'", cases[i].unit, cases[i].params, rtl_words, eval_words);

        char cmd[1024], want[600], line[1024];
        snprintf(cmd, sizeof cmd, "%s rtl %s %s -o build/test_units/rtl%zu > /dev/null && grep -h '^// Unit: ' "
                 "build/test_units/rtl%zu/%s.v", MACGEN, cases[i].unit, cases[i].params, i, i, r.top);
        FILE *p = popen(cmd, "r");
        assert_non_null(p);
        if (!fgets(line, sizeof line, p)) line[0] = '\0';
        pclose(p);
        snprintf(want, sizeof want, "// Unit: %s\n", r.canonical);
        if (strcmp(line, want)) fail_msg("%s: the Verilog says '%s', want '%s'", cmd, line, want);
    }
}

/* The case, derived by hand: 1.875 * 1.875 = 3.515625 (exact in
 * fp32), plus 1 + 3*2^-23 is 4.515625 + 3*2^-23; at exponent 2 an fp32 ulp
 * is 2^-21, so the tail is 0.75 ulp: rne rounds up (40908001), rtz would
 * give 40908000; inexact. */
static void test_eval_mac_rounds_like_rtl(void **state)
{
    (void)state;
    FILE *p = popen("printf '3f 3f 3f800003\\n' | " MACGEN " eval mac w=e4m3fn a=e4m3fn acc=fp32", "r");
    assert_non_null(p);
    char line[256] = "";
    if (!fgets(line, sizeof line, p)) line[0] = '\0';
    assert_int_equal(pclose(p), 0);
    assert_string_equal(line, "3f 3f 3f800003 40908001 01\n");
}

/* Runs verify's model-alone line for vector in[] with build/ first on PATH;
 * returns the answer's fields after the operands. */
static void run_repro(const mg_unit *u, const uint64_t *in, uint64_t *got, int n_got)
{
    char dir[512], line[1024], cmd[1200], shell[1600];
    assert_non_null(getcwd(dir, sizeof dir - 8));
    strcat(dir, "/build");
    mg_eval_unit_command(u, in, line, sizeof line);
    snprintf(shell, sizeof shell, "PATH='%s':\"$PATH\"; %s", dir, line);
    snprintf(cmd, sizeof cmd, "%s", line);
    FILE *p = popen(shell, "r");
    assert_non_null(p);
    char out[1024] = "";
    if (!fgets(out, sizeof out, p)) out[0] = '\0';
    if (pclose(p) != 0) fail_msg("'%s' failed: %s", cmd, out);
    char *tok[40];
    int n = 0;
    for (char *t = strtok(out, " \n"); t && n < 40; t = strtok(NULL, " \n")) tok[n++] = t;
    int n_in = mg_unit_count_ports(u, MG_PORT_IN);
    if (n != n_in + n_got) fail_msg("'%s': %d fields, want %d", cmd, n, n_in + n_got);
    for (int k = 0; k < n_got; k++) got[k] = strtoull(tok[n_in + k], NULL, 16);
}

/* Every unclocked unit whose mismatches verify reports with a model-alone
 * line: that line runs and answers what verify's model adapter expects. */
static void test_reproduction_lines_run(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_CASES; i++) {
        mg_unit u;
        configure_rtl(i, &u);
        if (mg_unit_is_clocked(&u) || !mg_unit_has_eval(u.def) || u.def->eval) continue;
        int n_in = mg_unit_count_ports(&u, MG_PORT_IN), n_out = u.def->eval_outputs;
        uint64_t corners[MG_UNIT_MAX_PORTS][64];
        size_t n_corners[MG_UNIT_MAX_PORTS];
        for (int k = 0; k < n_in; k++)
            n_corners[k] = mg_unit_port_corners(&u, mg_unit_port(&u, MG_PORT_IN, k), corners[k], 64);
        mg_model_state *st = u.def->model_new ? u.def->model_new(&u) : NULL;
        for (size_t v = 0; v < 6; v++) {
            uint64_t in[MG_UNIT_MAX_PORTS], want[MG_UNIT_MAX_PORTS], got[MG_UNIT_MAX_PORTS];
            for (int k = 0; k < n_in; k++) in[k] = corners[k][(v * 7 + (size_t)k * 3) % n_corners[k]];
            u.def->model(&u, st, in, want);
            run_repro(&u, in, got, n_out);
            for (int k = 0; k < n_out; k++)
                if (got[k] != want[k])
                    fail_msg("%s: output %d is %llx, verify's model says %llx", u.canonical, k,
                             (unsigned long long)got[k], (unsigned long long)want[k]);
        }
        if (st) u.def->model_free(st);
    }
}

/* The example unit of docs/adding_a_unit.md, on hand-derived values: 1.0 is
 * exact; 1.0625 lies halfway between 1.0 and 1.125 (3 fraction bits) and
 * rne picks the even 1.0; 512 exceeds e4m3fn's 448 and saturates to 0x7e
 * (overflow | inexact, as fn formats do, docs/spec/rounding.md section 4). */
static void test_quant_example_unit(void **state)
{
    (void)state;
    static const struct {
        const char *cmd, *want;
    } runs[] = {
        { "printf '3f800000\\n' | " MACGEN " eval quant in=fp32 out=e4m3fn", "3f800000 38 00\n" },
        { "printf '3ff1000000000000\\n' | " MACGEN " eval quant out=e4m3", "3ff1000000000000 38 01\n" },
        { "printf '4080000000000000\\n' | " MACGEN " eval quant out=e4m3fn", "4080000000000000 7e 05\n" },
    };
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        FILE *p = popen(runs[i].cmd, "r");
        assert_non_null(p);
        char line[256] = "";
        if (!fgets(line, sizeof line, p)) line[0] = '\0';
        assert_int_equal(pclose(p), 0);
        if (strcmp(line, runs[i].want)) fail_msg("%s: got '%s', want '%s'", runs[i].cmd, line, runs[i].want);
    }
}

static int have_macgen(void **state)
{
    (void)state;
    if (access(MACGEN, X_OK)) {
        print_error("%s is not built (make first)\n", MACGEN);
        return -1;
    }
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_eval_unit_is_covered),
        cmocka_unit_test(test_eval_rtl_verify_defaults_agree),
        cmocka_unit_test(test_eval_mac_rounds_like_rtl),
        cmocka_unit_test(test_reproduction_lines_run),
        cmocka_unit_test(test_quant_example_unit),
    };
    return cmocka_run_group_tests_name("units", tests, have_macgen, NULL);
}
