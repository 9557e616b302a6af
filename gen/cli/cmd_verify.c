/* macgen verify UNIT key=value... [--exhaustive] [--vectors N] [--seed S]
 * [--rtl DIR]: the unit's Verilog, Verilated, against the golden model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "eval_unit.h"
#include "run_tool.h"
#include "unit.h"
#include "verify_run.h"

#define DEFAULT_VECTORS 1000000ull
#define EXHAUSTIVE_LIMIT_BITS 24

/* The units with drivers and options of their own. */
static const char *own_options_note(const mg_unit_def *def)
{
    return def->verify ? " (*)" : NULL;
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: macgen verify UNIT key=value... [--exhaustive] [--vectors N] [--seed S]\n"
            "                     [--rtl DIR] [--lanes L] [--threads T]\n\n"
            "Compiles the unit's Verilog with Verilator (cached in build/verilator/<hash>,\n"
            "or $MACGEN_CACHE), loads it beside the golden model and compares every output\n"
            "bit and flag.  Exhaustive with --exhaustive or when the inputs have at most\n"
            "%d bits; otherwise the corner-case cross product plus N seeded random\n"
            "vectors (default %llu, one operand in four an edge value).\n\n"
            "  --rtl DIR     verify the Verilog in DIR (e.g. hand-edited output of\n"
            "                'macgen rtl' with the same parameters) instead of fresh RTL\n"
            "  --lanes L     copies of the unit per evaluation (default 1)\n"
            "  --threads T   worker threads (default: online CPUs)\n"
            "  --timing      after a passing run, time the golden model alone and the\n"
            "                Verilated unit alone over the same vectors (for benchmarks)\n"
            "  --tool-timeout SECONDS  stop a Verilator build (or any tool run) after\n"
            "                that long (default %u; 0: never); every unit takes it\n"
            "  --seed S      decimal or 0x hex (other numbers are decimal only)\n\n"
            "The cache path must not hold a space, tab, ':', '#', '$' or '%%' (GNU Make\n"
            "builds there).  An array whose cold build would take more memory than\n"
            "MACGEN_MEM_LIMIT (bytes, K/M/G/T suffix, 0: no limit; default half the RAM)\n"
            "is refused before the build starts.\n"
            "A mismatch prints the first differences with a command that reproduces them.\n"
            "Units and parameters: see 'macgen rtl --help'.\n\n"
            "units:\n",
            EXHAUSTIVE_LIMIT_BITS, DEFAULT_VECTORS, MG_TOOL_TIMEOUT_DEFAULT);
    mg_units_print_list(out, own_options_note);
    fputs("(*) a driver with options of its own: 'macgen verify UNIT --help'\n", out);
    mg_print_exit_help(out);
}

static int parse_u64(const char *opt, const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    unsigned long long v;
    /* A seed is a 64-bit word: 0x hex as well (the --help says so). */
    unsigned flags = !strcmp(opt, "--seed") ? MG_NUM_HEX : 0;
    if (mg_parse_option_u64("verify", opt, s, lo, hi, flags, &v)) return -1;
    *out = v;
    return 0;
}

static void print_port_values(const mg_unit *u, mg_port_dir dir, const uint64_t *v)
{
    int n = mg_unit_count_ports(u, dir);
    for (int k = 0; k < n; k++) {
        const mg_port *p = mg_unit_port(u, dir, k);
        printf(" %s=%0*llx", p->name, (p->width + 3) / 4, (unsigned long long)v[k]);
    }
}

/* The model-only reproduction: the same inputs through `macgen eval`, with
 * the unit's eval parameters (the same record, so the same model). */
static void print_eval_line(const mg_unit *u, const mg_verify_mismatch *m)
{
    if (!mg_unit_has_eval(u->def)) return;
    char cmd[1024];
    mg_eval_unit_command(u, m->in, cmd, sizeof cmd);
    printf("  model alone: %s\n", cmd);
}

/* The model alone, then the RTL alone, over the same vectors. */
static int print_timing(const mg_unit *u, const char *so_path, const mg_verify_options *base)
{
    const char *names[] = { "golden model alone", "Verilated RTL alone" };
    for (int pass = 0; pass < 2; pass++) {
        mg_verify_options opt = *base;
        opt.only = pass == 0 ? MG_VERIFY_MODEL_ONLY : MG_VERIFY_RTL_ONLY;
        opt.progress = false;
        mg_verify_result res;
        char err[1024];
        if (mg_verify_run(u, so_path, &opt, &res, err, sizeof err)) {
            mg_error("verify", "%s", err);
            return MG_EXIT_USAGE;
        }
        printf("timing %s: %llu vectors, %d thread(s), %.2f s (%.1f M vectors/s)\n", names[pass],
               (unsigned long long)res.checked, opt.threads, res.seconds,
               (double)res.checked / (res.seconds > 0 ? res.seconds : 1) / 1e6);
    }
    return MG_EXIT_OK;
}

typedef struct {
    const char *unit_name, *rtl_dir;
    mg_verify_options opt;
    bool exhaustive_flag, vectors_given, timing;
} verify_args;

/* One option of argv[*i] (advancing *i past its value); -1 on an error
 * (printed), 1 when argv[*i] is not an option. */
static int parse_option(int argc, char **argv, int *i, verify_args *a)
{
    const char *o = argv[*i], *next = *i + 1 < argc ? argv[*i + 1] : NULL;
    uint64_t v;
    if (!strcmp(o, "--exhaustive")) a->exhaustive_flag = true;
    else if (!strcmp(o, "--timing")) a->timing = true;
    else if (!strcmp(o, "--vectors")) {
        if (parse_u64(o, next, 0, 1ull << 40, &a->opt.vectors)) return -1;
        a->vectors_given = true;
        ++*i;
    } else if (!strcmp(o, "--seed")) {
        if (parse_u64(o, next, 0, UINT64_MAX, &a->opt.seed)) return -1;
        ++*i;
    } else if (!strcmp(o, "--lanes") || !strcmp(o, "--threads")) {
        if (parse_u64(o, next, 1, 64, &v)) return -1;
        *(!strcmp(o, "--lanes") ? &a->opt.lanes : &a->opt.threads) = (int)v;
        ++*i;
    } else if (!strcmp(o, "--rtl")) {
        if (!next) {
            mg_error("verify", "--rtl needs a directory of Verilog files");
            return -1;
        }
        a->rtl_dir = next;
        ++*i;
    } else {
        return 1;
    }
    return 0;
}

static int parse_args(int argc, char **argv, verify_args *a)
{
    memset(a, 0, sizeof *a);
    /* One lane: Verilator 5 emits every lane's logic separately, so L lanes
     * cost L times the C++ compile (fp32-acc MAC: 37 s cold with 1 lane,
     * 70 s with 8), and with the model compared beside it more lanes were
     * not faster (lba12 MAC, 4 M vectors: 2.9 M/s with 1 lane, 2.3 M/s
     * with 8; tests/bench_rtl.sh measures both). */
    a->opt = (mg_verify_options){ false, DEFAULT_VECTORS, 1, 1, 0, true, MG_VERIFY_BOTH };
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    a->opt.threads = ncpu > 0 ? (int)ncpu : 1;
    for (int i = 1; i < argc; i++) {
        int rc = parse_option(argc, argv, &i, a);
        if (rc <= 0) {
            if (rc < 0) return -1;
        } else if (mg_is_kv(argv[i])) {
            continue;
        } else if (argv[i][0] == '-') {
            mg_error("verify", "unknown option '%s' (see macgen verify --help)", argv[i]);
            return -1;
        } else if (!a->unit_name) {
            a->unit_name = argv[i];
        } else {
            mg_error("verify", "unexpected argument '%s' (one UNIT, then key=value pairs)", argv[i]);
            return -1;
        }
    }
    if (!a->unit_name) {
        mg_error("verify", "missing UNIT (e.g. macgen verify mac w=lba8 a=lba8 acc=lba12)");
        return -1;
    }
    return 0;
}

/* Exhaustive or random, from the flags and the unit's input bits. */
static int choose_mode(const mg_unit *u, verify_args *a)
{
    int in_bits = mg_unit_input_bits(u);
    bool clocked = mg_unit_is_clocked(u);
    if (clocked && a->exhaustive_flag) {
        mg_error("verify", "--exhaustive: %s is clocked and is checked with random step sequences; use --vectors N (steps)",
                 u->canonical);
        return -1;
    }
    a->opt.exhaustive = !clocked && (a->exhaustive_flag || (in_bits <= EXHAUSTIVE_LIMIT_BITS && !a->vectors_given));
    if (a->opt.exhaustive && in_bits > 40) {
        mg_error("verify", "--exhaustive: %d input bits is too many (limit 40); use --vectors N", in_bits);
        return -1;
    }
    return 0;
}

static int report_pass(const mg_unit *u, const verify_args *a, const mg_verify_artifact *art,
                       const mg_verify_result *res)
{
    const mg_verify_options *opt = &a->opt;
    double rate = (double)res->checked / (res->seconds > 0 ? res->seconds : 1) / 1e6;
    const char *how = art->cached ? "cached, load" : "built in";
    if (mg_unit_is_clocked(u)) {
        printf("verify %s: PASS, %llu steps in %llu random sequences of 1..%d steps (seeded), %d lane%s x %d thread%s, "
               "%.2f s (%.1f M steps/s); model %s %.1f s\n",
               u->canonical, (unsigned long long)res->checked, (unsigned long long)res->sequences, MG_VERIFY_MAX_SEQ,
               opt->lanes, opt->lanes == 1 ? "" : "s", opt->threads, opt->threads == 1 ? "" : "s", res->seconds, rate, how, art->build_seconds);
        return MG_EXIT_OK;
    }
    printf("verify %s: PASS, %llu vectors (%s%s), %d lane%s x %d thread%s, %.2f s (%.1f M vectors/s); "
           "model %s %.1f s\n",
           u->canonical, (unsigned long long)res->checked, opt->exhaustive ? "exhaustive" : "corner cases + random",
           opt->exhaustive ? "" : ", seeded", opt->lanes, opt->lanes == 1 ? "" : "s", opt->threads,
           opt->threads == 1 ? "" : "s", res->seconds, rate, how, art->build_seconds);
    return a->timing ? print_timing(u, art->so_path, opt) : MG_EXIT_OK;
}

static void sort_mismatches(mg_verify_result *res)
{
    /* Lowest vector numbers first. */
    for (int i = 0; i < res->n_first; i++)
        for (int j = i + 1; j < res->n_first; j++)
            if (res->first[j].index < res->first[i].index ||
                (res->first[j].index == res->first[i].index && res->first[j].step < res->first[i].step)) {
                mg_verify_mismatch t = res->first[i];
                res->first[i] = res->first[j];
                res->first[j] = t;
            }
}

static int report_fail(const mg_unit *u, const verify_args *a, mg_verify_result *res)
{
    const mg_verify_options *opt = &a->opt;
    bool clocked = mg_unit_is_clocked(u);
    sort_mismatches(res);
    printf("verify %s: FAIL, %llu mismatching %s among %llu checked (%s, seed %llu)%s\n", u->canonical,
           (unsigned long long)res->mismatches, clocked ? "step(s)" : "vector(s)", (unsigned long long)res->checked,
           clocked ? "random step sequences" : opt->exhaustive ? "exhaustive" : "corner cases + random",
           (unsigned long long)opt->seed, res->mismatches >= 64 ? "; stopped early" : "");
    for (int i = 0; i < res->n_first; i++) {
        const mg_verify_mismatch *m = &res->first[i];
        if (clocked)
            printf("mismatch at sequence %llu, cycle %llu (0 = the reset cycle):", (unsigned long long)m->index,
                   (unsigned long long)m->step);
        else
            printf("mismatch at vector %llu:", (unsigned long long)m->index);
        print_port_values(u, MG_PORT_IN, m->in);
        printf("\n  expected (model):");
        print_port_values(u, MG_PORT_OUT, m->expected);
        printf("\n  actual   (RTL):  ");
        print_port_values(u, MG_PORT_OUT, m->actual);
        printf("\n");
        if (!clocked) print_eval_line(u, m);
    }
    printf("reproduce: macgen verify %s", u->canonical);
    if (a->rtl_dir) printf(" --rtl %s", a->rtl_dir);
    if (opt->exhaustive) printf(" --exhaustive\n");
    else printf(" --vectors %llu --seed %llu\n", (unsigned long long)opt->vectors, (unsigned long long)opt->seed);
    return MG_EXIT_MISMATCH;
}

/* Takes "--tool-timeout S" out of argv (every driver accepts it that way)
 * and makes S the time limit of the tool runs.  -1 after an error line. */
static int take_tool_timeout(int *argc, char **argv)
{
    int out = 0;
    for (int i = 0; i < *argc; i++) {
        if (strcmp(argv[i], "--tool-timeout") != 0) {
            argv[out++] = argv[i];
            continue;
        }
        unsigned t;
        if (mg_tool_parse_timeout("verify", i + 1 < *argc ? argv[i + 1] : NULL, &t)) return -1;
        mg_tool_set_default_timeout(t);
        i++;
    }
    *argc = out;
    argv[out] = NULL;
    return 0;
}

int cmd_verify(int argc, char **argv)
{
    if (take_tool_timeout(&argc, argv)) return MG_EXIT_USAGE;
    /* A unit with a driver of its own takes over, wherever its name stands
     * among the options (those of every verify driver that take a value). */
    static const char *const value_opts[] = { "--vectors", "--seed", "--lanes", "--threads", "--rtl",
                                              "--matrices", "--blocks", "--xrows", "--k", NULL };
    const char *first = mg_first_positional(argc, argv, value_opts);
    const mg_unit_def *def = first ? mg_unit_find(first) : NULL;
    if (def && def->verify) return def->verify(argc, argv);
    if (mg_wants_help(argc, argv)) {
        usage(stdout);
        return MG_EXIT_OK;
    }
    verify_args a;
    if (parse_args(argc, argv, &a)) return MG_EXIT_USAGE;
    char err[1024];
    mg_kv_list kv;
    mg_unit u;
    if (mg_kv_collect(argc, argv, &kv, err, sizeof err) || mg_unit_configure(&u, a.unit_name, &kv, err, sizeof err)) {
        mg_error("verify", "%s", err);
        return MG_EXIT_USAGE;
    }
    if (choose_mode(&u, &a)) return MG_EXIT_USAGE;
    mg_verify_artifact art;
    mg_verify_result res;
    /* sim/verify returns MG_FAIL_TOOL when Verilator or the compiler fails. */
    int rc = mg_verify_lanes_build(&u, a.rtl_dir, a.opt.lanes, &art, err, sizeof err);
    if (rc == 0) rc = mg_verify_run(&u, art.so_path, &a.opt, &res, err, sizeof err);
    if (rc) {
        mg_error("verify", "%s", err);
        return mg_exit_for(rc);
    }
    return res.mismatches == 0 ? report_pass(&u, &a, &art, &res) : report_fail(&u, &a, &res);
}
