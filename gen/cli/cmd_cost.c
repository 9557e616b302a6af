/* macgen cost: synthesize a unit with the fixed Yosys flow and report gates,
 * NAND2 equivalents, transistors, flip-flops, depth and, with a liberty file,
 * cell area; per building block and in total. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array_cost.h"
#include "cli.h"
#include "commands.h"
#include "cost_run.h"
#include "cost_write.h"
#include "fileio.h"
#include "flow.h"
#include "rtl.h"
#include "run_tool.h"
#include "unit.h"
#include "verilog_dir.h"
#include "workdir.h"

#define CMD "cost"
#define RTL_SUBDIR "rtl"

/* The arrays are costed by array_cost.h, with options of their own. */
static const char *hierarchical_note(const mg_unit_def *def)
{
    return def->cost_plan ? " (*)" : NULL;
}

static void usage(FILE *out)
{
    fputs("usage: macgen cost UNIT key=value... [--json FILE] [--csv FILE] [--liberty FILE]\n"
          "       macgen cost --rtl DIR --top MODULE [--json FILE] [--csv FILE] [--liberty FILE]\n"
          "\n"
          "Emits UNIT (as 'macgen rtl' would) into a temporary directory, or takes every\n"
          "*.v file of DIR, and synthesizes it with one fixed Yosys flow: synth with the\n"
          "hierarchy kept, every register a plain D flip-flop, ABC to 2-input gates\n"
          "(AND NAND OR NOR XOR XNOR ANDNOT ORNOT) and inverters.  It prints, per building\n"
          "block and in total:\n"
          "  gates        2-input gates + inverters, one each (an XOR is one gate; there\n"
          "               is no mux cell: ABC builds each mux from 2-3 gates)\n"
          "  NAND2 eq     transistors / 4\n"
          "  transistors  Yosys 'stat -tech cmos' weights; reset flip-flops, which Yosys\n"
          "               leaves uncosted, weighed 20 (the total is then an estimate)\n"
          "  flops        flip-flops\n"
          "  depth        gate levels on the longest path (flattened, flip-flops cut)\n"
          "and the Yosys version and a hash of the flow text.  The same command gives\n"
          "the same numbers.\n"
          "\n"
          "options:\n"
          "  --json FILE     also write the report as JSON (keys gates, nand2_eq,\n"
          "                  transistors, flops, depth, yosys_version, blocks, ...)\n"
          "  --csv FILE      also write one CSV row per block and a total row\n"
          "  --liberty FILE  also map to that standard-cell library: cell area and gate\n"
          "                  equivalents (area / the library's NAND2 area); relative\n"
          "                  figures, not sign-off (e.g. OSU 0.18um: scripts/get_liberty.sh)\n"
          "  --rtl DIR       cost the Verilog in DIR instead of a generated unit\n"
          "  --top MODULE    the top module of --rtl DIR\n"
          "  --quiet         no table on standard output\n"
          "  --tool-timeout SECONDS  stop Yosys after that long (default 3600; 0: never)\n"
          "\n"
          "example: macgen cost mac w=lba8 a=lba8 acc=lba12 --json lba12.json\n"
          "\n"
          "units (parameters: 'macgen rtl --help'):\n",
          out);
    mg_units_print_list(out, hierarchical_note);
    fputs("(*) costed hierarchically, with options of its own: 'macgen cost UNIT --help'\n", out);
    mg_print_exit_help(out);
}

typedef struct {
    const char *unit;
    const char *json, *csv, *liberty, *rtl_dir, *top, *timeout;
    bool quiet;
} cost_args;

static int parse_args(int argc, char **argv, cost_args *a)
{
    memset(a, 0, sizeof *a);
    const mg_value_opt opts[] = { { "--json", &a->json }, { "--csv", &a->csv }, { "--liberty", &a->liberty },
                                  { "--rtl", &a->rtl_dir }, { "--top", &a->top },
                                  { "--tool-timeout", &a->timeout }, { NULL, NULL } };
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int taken = mg_take_value_opt(CMD, argc, argv, &i, opts);
        if (taken < 0) return -1;
        if (taken) {
            continue;
        } else if (!strcmp(arg, "--quiet")) {
            a->quiet = true;
        } else if (arg[0] == '-') {
            mg_error(CMD, "unknown option %s (see macgen cost --help)", arg);
            return -1;
        } else if (mg_is_kv(arg)) {
            continue;
        } else if (!a->unit) {
            a->unit = arg;
        } else {
            mg_error(CMD, "unexpected argument '%s' (parameters are key=value)", arg);
            return -1;
        }
    }
    if (a->rtl_dir) {
        if (a->unit) {
            mg_error(CMD, "give either a UNIT or --rtl DIR, not both");
            return -1;
        }
        if (!a->top) {
            mg_error(CMD, "--rtl DIR needs --top MODULE");
            return -1;
        }
    } else if (!a->unit) {
        mg_error(CMD, "missing UNIT (e.g. macgen cost mac w=lba8 a=lba8 acc=lba12)");
        return -1;
    } else if (a->top) {
        mg_error(CMD, "--top goes with --rtl DIR");
        return -1;
    }
    return 0;
}

/* Emits the unit into workdir/rtl; files become relative to workdir. */
static int emit_unit(const char *unit, mg_kv_list *kv, const char *workdir,
                     char top[128], char files[][512], size_t *n, char *err, size_t errlen)
{
    char outdir[4200], command[2048] = "macgen cost";
    snprintf(outdir, sizeof outdir, "%s/%s", workdir, RTL_SUBDIR);
    /* The header records the unit and its parameters, not the report options. */
    size_t used = strlen(command);
    used += (size_t)snprintf(command + used, sizeof command - used, " %s", unit);
    for (size_t i = 0; i < kv->count && used < sizeof command; i++)
        used += (size_t)snprintf(command + used, sizeof command - used, " %s=%s", kv->items[i].key,
                                 kv->items[i].value);
    mg_rtl_output out;
    memset(&out, 0, sizeof out);
    if (mg_rtl_emit(unit, kv, outdir, command, &out, err, errlen) != 0) return -1;
    snprintf(top, 128, "%s", out.top);
    for (size_t i = 0; i < out.n_files; i++) {
        const char *base = strrchr(out.files[i], '/');
        base = base ? base + 1 : out.files[i];
        snprintf(files[i], 512, "%s/%s", RTL_SUBDIR, base);
    }
    *n = out.n_files;
    return 0;
}

static int write_reports(const cost_args *a, const mg_cost_label *label, const mg_cost_report *rep,
                         char *err, size_t errlen)
{
    mg_atomic_file json, csv;
    bool have_json = false, have_csv = false;
    if (a->json) {
        if (mg_atomic_open(&json, a->json, err, errlen) != 0) return -1;
        have_json = true;
        if (mg_cost_write_json(json.fp, label, rep) != 0) {
            snprintf(err, errlen, "out of memory writing %s", a->json);
            mg_atomic_abort(&json);
            return -1;
        }
    }
    if (a->csv) {
        if (mg_atomic_open(&csv, a->csv, err, errlen) != 0) {
            if (have_json) mg_atomic_abort(&json);
            return -1;
        }
        have_csv = true;
        mg_cost_write_csv(csv.fp, label, rep);
    }
    /* Both are complete in their temporary files; only the renames remain. */
    if (have_json && mg_atomic_commit(&json, err, errlen) != 0) {
        if (have_csv) mg_atomic_abort(&csv);
        return -1;
    }
    if (have_csv && mg_atomic_commit(&csv, err, errlen) != 0) {
        if (have_json) remove(a->json);
        return -1;
    }
    return 0;
}

/* Stages the Verilog (the unit emitted, or --rtl DIR) in workdir and runs
 * the flow; *rep is malloc'd (also on failure).  0 or an MG_FAIL_* code. */
static int synthesize(const cost_args *a, mg_kv_list *kv, const char *workdir, unsigned timeout,
                      mg_cost_report **rep, char *err, size_t errlen)
{
    static char files[MG_RTL_MAX_FILES][512];
    size_t n_files = 0;
    char top[128];
    int rc;
    if (a->rtl_dir) {
        snprintf(top, sizeof top, "%s", a->top);
        rc = mg_verilog_dir_stage(a->rtl_dir, workdir, RTL_SUBDIR, files, MG_RTL_MAX_FILES, &n_files, err, errlen);
    } else {
        rc = emit_unit(a->unit, kv, workdir, top, files, &n_files, err, errlen);
    }
    if (rc != 0) return rc;
    const char *file_ptrs[MG_RTL_MAX_FILES];
    for (size_t i = 0; i < n_files; i++) file_ptrs[i] = files[i];
    mg_cost_input in = { workdir, top, file_ptrs, n_files, a->liberty, timeout };
    *rep = malloc(sizeof **rep);
    if (!*rep) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return mg_cost_run(&in, *rep, err, errlen);
}

/* One line on stderr; the exit status of failure rc. */
static int report_error(const cost_args *a, int rc, const char *err)
{
    /* Yosys names a file as the flow staged it ("rtl/x.v"): say DIR/x.v. */
    const char *staged = a->rtl_dir ? strstr(err, RTL_SUBDIR "/") : NULL;
    if (staged)
        mg_error(CMD, "%.*s%s/%s", (int)(staged - err), err, a->rtl_dir, staged + strlen(RTL_SUBDIR "/"));
    else
        mg_error(CMD, "%s", err);
    return mg_exit_for(rc);
}

int cmd_cost(int argc, char **argv)
{
    /* Arrays are costed hierarchically (cost_model/array/array_cost.c), wherever the unit
     * name stands among the options. */
    static const char *const value_opts[] = { "--json", "--csv", "--liberty", "--rtl", "--top",
                                              "--tool-timeout", NULL };
    const char *unit = mg_first_positional(argc, argv, value_opts);
    const mg_unit_def *def = unit ? mg_unit_find(unit) : NULL;
    if (def && def->cost_plan) return mg_array_cost_main(argc, argv);
    if (mg_wants_help(argc, argv)) {
        usage(stdout);
        return MG_EXIT_OK;
    }
    cost_args a;
    if (parse_args(argc, argv, &a) != 0) return MG_EXIT_USAGE;
    unsigned timeout = MG_TOOL_TIMEOUT_DEFAULT;
    if (a.timeout && mg_tool_parse_timeout(CMD, a.timeout, &timeout) != 0) return MG_EXIT_USAGE;
    char err[1024];
    const char *outputs[] = { a.json, a.csv };
    if (mg_outputs_distinct(outputs, 2, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    mg_kv_list kv;
    if (mg_kv_collect(argc - 1, argv + 1, &kv, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    if (a.rtl_dir && kv.count) {
        mg_error(CMD, "--rtl DIR takes no key=value parameters (got %s=...)", kv.items[0].key);
        return MG_EXIT_USAGE;
    }
    if (a.rtl_dir && !mg_flow_valid_module(a.top)) {
        mg_error(CMD, "--top %s is not a plain Verilog module name", a.top);
        return MG_EXIT_USAGE;
    }
    /* The label keeps the parameters in command-line order. */
    const char *keys[64], *values[64];
    for (size_t i = 0; i < kv.count; i++) {
        keys[i] = kv.items[i].key;
        values[i] = kv.items[i].value;
    }
    mg_cost_label label = { a.unit ? a.unit : "verilog", keys, values, kv.count };

    char workdir[4096];
    if (mg_workdir_create(CMD, workdir, sizeof workdir, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_IO;
    }
    mg_cost_report *rep = NULL;
    int rc = synthesize(&a, &kv, workdir, timeout, &rep, err, sizeof err);
    if (rc == 0 && write_reports(&a, &label, rep, err, sizeof err) != 0) rc = MG_FAIL_IO;
    mg_workdir_remove(workdir);
    if (rc != 0) {
        free(rep);
        return report_error(&a, rc, err);
    }
    if (!a.quiet) mg_cost_print_table(stdout, &label, rep);
    free(rep);
    return MG_EXIT_OK;
}
