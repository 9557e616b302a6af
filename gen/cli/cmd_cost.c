/* macgen cost: synthesize a unit with the fixed Yosys flow and report gates,
 * NAND2 equivalents, transistors, flip-flops, depth and, with a liberty file,
 * cell area; per building block and in total. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array_cost.h"
#include "cli.h"
#include "commands.h"
#include "cost_run.h"
#include "cost_write.h"
#include "fileio.h"
#include "flow.h"
#include "rtl.h"
#include "run_tool.h"
#include "tech.h"
#include "textfile.h"
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
    fputs("usage: macgen cost UNIT key=value... [--json FILE] [--csv FILE]\n"
          "                  [--tech osu018 | --liberty FILE] [--netlist FILE]\n"
          "       macgen cost --rtl DIR --top MODULE [same options]\n"
          "\n"
          "Emits UNIT (as 'macgen rtl' would) into a temporary directory, or takes every\n"
          "*.v file of DIR, and synthesizes it with one fixed Yosys flow: every register a\n"
          "plain D flip-flop, ABC to 2-input gates (AND NAND OR NOR XOR XNOR ANDNOT ORNOT)\n"
          "and inverters.  The totals come from a flat synthesis of the whole unit; the\n"
          "per-block rows from a second run with the hierarchy kept (each block's\n"
          "stand-alone cost, with their sum and its difference from the flat total):\n"
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
          "  --tech osu018   the OSU 0.18um library of Debian's qflow-tech-osu018 (make deps)\n"
          "  --liberty FILE  any other standard-cell library.  With a library the flat\n"
          "                  netlist is also mapped to its cells (area_um2, gate\n"
          "                  equivalents = area / its NAND2's area) and timed with OpenSTA\n"
          "                  (sta): delay_ns is the critical path inputs->outputs of a\n"
          "                  combinational unit, or the smallest clock period meeting setup\n"
          "                  of a clocked one (ports at zero external delay); fmax_mhz =\n"
          "                  1000 / delay_ns.  No wire load, placement or clock tree:\n"
          "                  relative pre-layout figures, not sign-off\n"
          "  --netlist FILE  with a library: write the mapped flat netlist (Verilog)\n"
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
    const char *json, *csv, *liberty, *tech, *netlist, *rtl_dir, *top, *timeout;
    bool quiet;
} cost_args;

static int parse_args(int argc, char **argv, cost_args *a)
{
    memset(a, 0, sizeof *a);
    const mg_value_opt opts[] = { { "--json", &a->json }, { "--csv", &a->csv }, { "--liberty", &a->liberty },
                                  { "--tech", &a->tech }, { "--netlist", &a->netlist },
                                  { "--rtl", &a->rtl_dir }, { "--top", &a->top },
                                  { "--tool-timeout", &a->timeout }, { NULL, NULL } };
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int taken = mg_take_value_opt(CMD, argc, argv, &i, opts);
        if (taken < 0) return -1;
        if (taken) continue;
        if (!strcmp(arg, "--quiet"))
            a->quiet = true;
        else if (mg_take_unit_arg(CMD, arg, &a->unit, "cost"))
            return -1;
    }
    if (a->tech && a->liberty) {
        mg_error(CMD, "give either --tech NAME or --liberty FILE, not both");
        return -1;
    }
    if (a->netlist && !a->tech && !a->liberty) {
        mg_error(CMD, "--netlist needs a library (--tech osu018 or --liberty FILE)");
        return -1;
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
static int emit_unit(const char *unit, mg_kv_list *kv, const char *workdir, char top[128], char canonical[512],
                     char files[][512], size_t *n, char *err, size_t errlen)
{
    char outdir[4200];
    snprintf(outdir, sizeof outdir, "%s/%s", workdir, RTL_SUBDIR);
    /* The header records the unit and its parameters, not the report
     * options: whole, however long (no cut comment). */
    size_t len = strlen("macgen cost ") + strlen(unit) + 1;
    for (size_t i = 0; i < kv->count; i++) len += strlen(kv->items[i].key) + strlen(kv->items[i].value) + 2;
    char *command = malloc(len);
    if (!command) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    size_t used = (size_t)snprintf(command, len, "macgen cost %s", unit);
    for (size_t i = 0; i < kv->count; i++)
        used += (size_t)snprintf(command + used, len - used, " %s=%s", kv->items[i].key, kv->items[i].value);
    mg_rtl_output out;
    memset(&out, 0, sizeof out);
    int rc = mg_rtl_emit(unit, kv, outdir, command, &out, err, errlen);
    free(command);
    if (rc != 0) return -1;
    snprintf(top, 128, "%s", out.top);
    snprintf(canonical, 512, "%s", out.canonical);
    for (size_t i = 0; i < out.n_files; i++) {
        const char *base = strrchr(out.files[i], '/');
        base = base ? base + 1 : out.files[i];
        snprintf(files[i], 512, "%s/%s", RTL_SUBDIR, base);
    }
    *n = out.n_files;
    return 0;
}

/* Each output is written whole into its temporary file first; only the
 * renames remain when all are complete, and a failed rename removes the
 * files already renamed. */
static int write_reports(const cost_args *a, const mg_cost_label *label, const mg_cost_report *rep,
                         const char *workdir, char *err, size_t errlen)
{
    const char *paths[3] = { a->json, a->csv, a->netlist };
    mg_atomic_file f[3];
    bool open[3] = { false, false, false };
    int rc = 0;
    char *netlist = NULL;
    size_t netlist_len = 0;
    if (a->netlist) {
        char src[4200], why[512];
        snprintf(src, sizeof src, "%s/%s", workdir, MG_FLOW_NETLIST);
        if (mg_read_text_file(src, &netlist, &netlist_len, why, sizeof why) != 0) {
            snprintf(err, errlen, "Yosys wrote no netlist (%s)", why);
            return -1;
        }
    }
    for (int i = 0; i < 3 && rc == 0; i++) {
        if (!paths[i]) continue;
        if (mg_atomic_open(&f[i], paths[i], err, errlen) != 0) {
            rc = -1;
            break;
        }
        open[i] = true;
        if (i == 0 && mg_cost_write_json(f[i].fp, label, rep) != 0) {
            snprintf(err, errlen, "out of memory writing %s", a->json);
            rc = -1;
        }
        if (i == 1) mg_cost_write_csv(f[i].fp, label, rep);
        if (i == 2) fwrite(netlist, 1, netlist_len, f[i].fp);
    }
    free(netlist);
    for (int i = 0; i < 3; i++) {
        if (!open[i]) continue;
        if (rc != 0) {
            mg_atomic_abort(&f[i]);
        } else if (mg_atomic_commit(&f[i], err, errlen) != 0) {
            rc = -1;
            for (int j = 0; j < i; j++)
                if (open[j]) remove(paths[j]);
        }
    }
    return rc;
}

/* --tech NAME into the liberty path it stands for. */
static int resolve_library(cost_args *a, char *path, size_t len)
{
    if (!a->tech) return 0;
    char err[600];
    int rc = mg_tech_liberty(a->tech, path, len, err, sizeof err);
    if (rc != 0) {
        mg_error(CMD, "%s", err);
        return rc == -2 ? MG_EXIT_TOOL : MG_EXIT_USAGE;
    }
    a->liberty = path;
    return 0;
}

/* Stages the Verilog (the unit emitted, or --rtl DIR) in workdir and runs
 * the flow; *rep is malloc'd (also on failure).  0 or an MG_FAIL_* code. */
static int synthesize(const cost_args *a, mg_kv_list *kv, const char *workdir, unsigned timeout,
                      char canonical[512], mg_cost_report **rep, char *err, size_t errlen)
{
    static char files[MG_RTL_MAX_FILES][512];
    size_t n_files = 0;
    char top[128];
    int rc;
    if (a->rtl_dir) {
        snprintf(top, sizeof top, "%s", a->top);
        rc = mg_verilog_dir_stage(a->rtl_dir, workdir, RTL_SUBDIR, files, MG_RTL_MAX_FILES, &n_files, err, errlen);
    } else {
        rc = emit_unit(a->unit, kv, workdir, top, canonical, files, &n_files, err, errlen);
    }
    if (rc != 0) return rc;
    const char *file_ptrs[MG_RTL_MAX_FILES];
    for (size_t i = 0; i < n_files; i++) file_ptrs[i] = files[i];
    mg_cost_input in = { .workdir = workdir, .top = top, .files = file_ptrs, .n_files = n_files,
                         .liberty = a->liberty, .timeout_s = timeout, .timing = a->liberty != NULL };
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
    static const char *const value_opts[] = { "--json", "--csv", "--liberty", "--tech", "--netlist",
                                              "--rtl", "--top", "--tool-timeout", NULL };
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
    char lib_path[4096];
    int lib_rc = resolve_library(&a, lib_path, sizeof lib_path);
    if (lib_rc != 0) return lib_rc;
    char err[1024];
    const char *outputs[] = { a.json, a.csv, a.netlist };
    if (mg_outputs_distinct(outputs, 3, err, sizeof err) != 0) {
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
    mg_cost_label label = { a.unit ? a.unit : "verilog", keys, values, kv.count, NULL };

    char workdir[4096];
    if (mg_workdir_create(CMD, workdir, sizeof workdir, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_IO;
    }
    mg_cost_report *rep = NULL;
    char canonical[512] = "";
    int rc = synthesize(&a, &kv, workdir, timeout, canonical, &rep, err, sizeof err);
    if (canonical[0]) label.canonical = canonical;
    if (rc == 0 && write_reports(&a, &label, rep, workdir, err, sizeof err) != 0) rc = MG_FAIL_IO;
    mg_workdir_remove(workdir);
    if (rc != 0) {
        free(rep);
        return report_error(&a, rc, err);
    }
    if (!a.quiet) mg_cost_print_table(stdout, &label, rep);
    free(rep);
    return MG_EXIT_OK;
}
