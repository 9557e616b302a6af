#define _XOPEN_SOURCE 700 /* realpath */
/* macgen energy: energy per operation of a unit (or an array, or a netlist)
 * from its mapped cells, the liberty's energy tables and the switching of a
 * simulation over seeded operand streams (docs/energy.md).  A command of its
 * own rather than `cost --energy`: it simulates (minutes, not seconds), has
 * options of its own (vectors, cycles, clock, simulator) and its report is
 * about activity, while `cost` stays a fast, deterministic synthesis. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "number.h"
#include "commands.h"
#include "cost_run.h"
#include "energy_array.h"
#include "energy_report.h"
#include "energy_run.h"
#include "fileio.h"
#include "flow.h"
#include "rtl.h"
#include "run_tool.h"
#include "sta.h"
#include "tech.h"
#include "textfile.h"
#include "unit.h"
#include "verilog_dir.h"
#include "workdir.h"

#define CMD "energy"
#define RTL_SUBDIR "rtl"
#define UNIT_CYCLES 10000L
#define ARRAY_CYCLES 1000L

static void usage(FILE *out)
{
    fputs("usage: macgen energy UNIT key=value... (--tech osu018 | --liberty FILE) [options]\n"
          "       macgen energy --rtl DIR --top MODULE (--tech osu018 | --liberty FILE) [options]\n"
          "       macgen energy --netlist FILE --top MODULE (--tech osu018 | --liberty FILE) [options]\n"
          "\n"
          "Energy per operation from the mapped cells, the liberty's energy tables and real\n"
          "switching (docs/energy.md).  The unit is synthesized and mapped as 'macgen cost\n"
          "--tech' does; OpenSTA gives every net's capacitance and slew; a zero-delay\n"
          "simulation of the mapped netlist (Icarus Verilog with the library's cell models)\n"
          "over seeded operand streams counts every net's toggles; then\n"
          "  E = sum over nets  toggles x (1/2 C V^2  +  the driving cell's internal energy\n"
          "      at that load and input slew, rise and fall averaged)  +  leakage x clock\n"
          "per operation (one per cycle; an array: rows x cols MACs a cycle), split into\n"
          "switching, internal, the clock network (clock nets and flip-flop clock pins) and\n"
          "leakage, with operations per joule and the nets that cost most.  Units with an\n"
          "accumulator input (mac) take it from their own result, as in use.\n"
          "\n"
          "options:\n"
          "  --vectors V       operand streams: normal, uniform, laplace (the accuracy engine's\n"
          "                    distributions, quantized to each port's format), bits (every\n"
          "                    data bit flips with probability --toggle-rate a cycle) or\n"
          "                    FILE.npy (its elements in order, quantized); default normal\n"
          "                    (bits for --rtl and --netlist)\n"
          "  --scale S, --mean M  the distribution's scale and mean (default 1 and 0)\n"
          "  --toggle-rate P   with bits: 0..1 (default 0.5: fresh random bits)\n"
          "  --cycles N        counted cycles (default 10000; arrays 1000; at most 1000000)\n"
          "  --clock NS        clock period for leakage and the SDF-timed run (default: the\n"
          "                    design's smallest period by OpenSTA, 1 / fmax)\n"
          "  --dot-length K    the accumulator restarts every K steps (default 256; 0: never)\n"
          "  --seed S          the operand streams' seed (decimal or 0x hex; default 1)\n"
          "  --output-load FF  every output drives FF femtofarads (default 0)\n"
          "  --glitch          also an SDF-timed simulation (OpenSTA's delays, Icarus with\n"
          "                    the library's specify blocks): glitches counted, both reported\n"
          "  --sim icarus|verilator  the zero-delay simulator (default icarus, arrays\n"
          "                    verilator; verilator uses cell models Yosys writes from the\n"
          "                    liberty; both count the same toggles)\n"
          "  --cell-models FILE  the library's Verilog cell models for Icarus (default with\n"
          "                    --tech osu018: osu018_stdcells.v; otherwise written by Yosys)\n"
          "  --tile-rows N     arrays: rows of the simulated column (default: all)\n"
          "  --json FILE       the report as JSON (per_op, ops_per_joule, blocks, every net's\n"
          "                    toggles_per_cycle, load_ff and energy)\n"
          "  --csv FILE        per_op rows, then one row per net (record,block,name,driver,\n"
          "                    toggles_per_cycle,load_ff,switching_pj,internal_pj,clock_pj,\n"
          "                    leakage_pj,total_pj; a net's energies are per cycle)\n"
          "  --quiet           no table on standard output\n"
          "  --tool-timeout SECONDS  each tool run's limit (default 3600; 0: never)\n"
          "\n"
          "example: macgen energy mac w=lba8 a=lba8 acc=lba12 round=rtz --tech osu018 --vectors normal\n"
          "\n"
          "Pre-layout figures: pin capacitances only (no wires), no clock tree, no glitches\n"
          "unless --glitch.  Units: those of 'macgen cost' with a port table, and the arrays\n"
          "(mac_array, hbfp_array, mx_array: a simulated column of PEs and edge units,\n"
          "scaled by their counts; hbfp_array n=4 boost=6 in its 4-bit mode, a column\n"
          "pair with 4x4 PEs).\n",
          out);
    mg_print_exit_help(out);
}

typedef struct {
    const char *unit;
    const char *json, *csv, *liberty, *tech, *netlist, *rtl_dir, *top, *timeout;
    const char *vectors, *scale, *mean, *toggle, *cycles, *clock, *dot, *seed, *load, *sim, *models, *tile;
    bool quiet, glitch;
} args;

static int parse_args(int argc, char **argv, args *a)
{
    memset(a, 0, sizeof *a);
    const mg_value_opt opts[] = {
        { "--json", &a->json }, { "--csv", &a->csv }, { "--liberty", &a->liberty }, { "--tech", &a->tech },
        { "--netlist", &a->netlist }, { "--rtl", &a->rtl_dir }, { "--top", &a->top },
        { "--tool-timeout", &a->timeout }, { "--vectors", &a->vectors }, { "--scale", &a->scale },
        { "--mean", &a->mean }, { "--toggle-rate", &a->toggle }, { "--cycles", &a->cycles },
        { "--clock", &a->clock }, { "--dot-length", &a->dot }, { "--seed", &a->seed },
        { "--output-load", &a->load }, { "--sim", &a->sim }, { "--cell-models", &a->models },
        { "--tile-rows", &a->tile }, { NULL, NULL } };
    for (int i = 1; i < argc; i++) {
        int taken = mg_take_value_opt(CMD, argc, argv, &i, opts);
        if (taken < 0) return -1;
        if (taken) continue;
        if (!strcmp(argv[i], "--quiet")) a->quiet = true;
        else if (!strcmp(argv[i], "--glitch")) a->glitch = true;
        else if (mg_take_unit_arg(CMD, argv[i], &a->unit, CMD)) return -1;
    }
    int sources = (a->unit != NULL) + (a->rtl_dir != NULL) + (a->netlist != NULL);
    if (sources != 1) {
        mg_error(CMD, sources ? "give one of UNIT, --rtl DIR or --netlist FILE"
                              : "missing UNIT (e.g. macgen energy mac w=lba8 a=lba8 acc=lba12 --tech osu018)");
        return -1;
    }
    if ((a->rtl_dir || a->netlist) && !a->top) {
        mg_error(CMD, "%s needs --top MODULE", a->rtl_dir ? "--rtl DIR" : "--netlist FILE");
        return -1;
    }
    if (a->unit && a->top) {
        mg_error(CMD, "--top goes with --rtl DIR or --netlist FILE");
        return -1;
    }
    if (!a->tech == !a->liberty) {
        mg_error(CMD, a->tech ? "give either --tech NAME or --liberty FILE, not both"
                              : "energy needs a cell library: --tech osu018 or --liberty FILE");
        return -1;
    }
    return 0;
}

/* A whole number and a real, through the one strict parser (number.h:
 * decimal only, no leading zero, range-checked). */
static int parse_count(const char *opt, const char *s, unsigned long long lo, unsigned long long hi,
                       unsigned long long *out)
{
    return mg_parse_option_u64(CMD, opt, s, lo, hi, 0, out);
}

static int parse_real(const char *opt, const char *s, double lo, double hi, double *out)
{
    char err[256];
    if (mg_parse_real(opt, s, lo, hi, out, err, sizeof err) == 0) return 0;
    mg_error(CMD, "%s", err);
    return -1;
}

/* An input file read whole: a regular file (a FIFO or device would block
 * or never end). */
static int regular_file(const char *opt, const char *path)
{
    struct stat st;
    char esc[300];
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        mg_error(CMD, "%s %s: %s", opt, mg_escape_text(path, esc, sizeof esc),
                 stat(path, &st) != 0 ? strerror(errno) : "not a regular file");
        return -1;
    }
    return 0;
}

typedef struct {
    char liberty[4096], models[4096];
    mg_power_lib lib;
    mg_vectors vec;
    mg_energy_opts o;
} setup;

/* The library (--tech or --liberty), its power tables and the cell models
 * for Icarus (the library's own, or --cell-models). */
static int pick_library(const args *a, setup *s)
{
    char err[600];
    if (a->tech) {
        int rc = mg_tech_liberty(a->tech, s->liberty, sizeof s->liberty, err, sizeof err);
        if (rc != 0) {
            mg_error(CMD, "%s", err);
            return rc == -2 ? MG_EXIT_TOOL : MG_EXIT_USAGE;
        }
        /* The library's own models sit beside it (osu018_stdcells.v). */
        snprintf(s->models, sizeof s->models, "%s", s->liberty);
        size_t n = strlen(s->models);
        if (n > 4 && !strcmp(s->models + n - 4, ".lib")) strcpy(s->models + n - 4, ".v");
        if (access(s->models, R_OK) != 0) s->models[0] = '\0';
    } else {
        if (regular_file("--liberty", a->liberty)) return MG_EXIT_USAGE;
        snprintf(s->liberty, sizeof s->liberty, "%s", a->liberty);
    }
    if (a->models) {
        if (regular_file("--cell-models", a->models)) return MG_EXIT_USAGE;
        char *abs = realpath(a->models, NULL);
        snprintf(s->models, sizeof s->models, "%s", abs ? abs : a->models);
        free(abs);
    }
    if (mg_power_lib_read(s->liberty, &s->lib, err, sizeof err)) {
        mg_error(CMD, "unreadable liberty file: %s", err);
        return MG_EXIT_USAGE;
    }
    if (a->glitch && !s->models[0]) {
        mg_error(CMD, "--glitch needs the library's Verilog cell models with specify blocks (--cell-models FILE)");
        return MG_EXIT_USAGE;
    }
    return 0;
}

static int setup_options(const args *a, bool is_array, setup *s)
{
    memset(s, 0, sizeof *s);
    mg_energy_opts *o = &s->o;
    unsigned long long v;
    o->cycles = is_array ? ARRAY_CYCLES : UNIT_CYCLES;
    o->dot_length = 256;
    o->seed = 1;
    o->timeout_s = MG_TOOL_TIMEOUT_DEFAULT;
    if (a->timeout && mg_tool_parse_timeout(CMD, a->timeout, &o->timeout_s)) return MG_EXIT_USAGE;
    if (a->cycles) {
        if (parse_count("--cycles", a->cycles, 1, MG_ENERGY_CYCLES_MAX, &v)) return MG_EXIT_USAGE;
        o->cycles = (long)v;
    }
    if (a->dot) {
        if (parse_count("--dot-length", a->dot, 0, MG_ENERGY_CYCLES_MAX, &v)) return MG_EXIT_USAGE;
        o->dot_length = (long)v;
    }
    if (a->seed) {
        if (mg_parse_option_u64(CMD, "--seed", a->seed, 0, UINT64_MAX, MG_NUM_HEX, &v)) return MG_EXIT_USAGE;
        o->seed = v;
    }
    if (a->tile) {
        if (parse_count("--tile-rows", a->tile, 1, 1024, &v)) return MG_EXIT_USAGE;
        o->tile_rows = (int)v;
    }
    if (a->clock && parse_real("--clock", a->clock, 1e-3, 1e6, &o->clock_ns)) return MG_EXIT_USAGE;
    double scale = 1, mean = 0, toggle = 0.5, load = 0;
    if (a->scale && parse_real("--scale", a->scale, 1e-30, 1e30, &scale)) return MG_EXIT_USAGE;
    if (a->mean && parse_real("--mean", a->mean, -1e30, 1e30, &mean)) return MG_EXIT_USAGE;
    if (a->toggle && parse_real("--toggle-rate", a->toggle, 0, 1, &toggle)) return MG_EXIT_USAGE;
    if (a->load && parse_real("--output-load", a->load, 0, 1e6, &load)) return MG_EXIT_USAGE;
    if (a->sim && strcmp(a->sim, "icarus") && strcmp(a->sim, "verilator")) {
        char esc[80];
        mg_error(CMD, "--sim %s: expected icarus or verilator", mg_escape_text(a->sim, esc, sizeof esc));
        return MG_EXIT_USAGE;
    }
    /* Arrays default to Verilator: a column of 64 PEs is tens of thousands
     * of cells, which Icarus steps at a few microseconds each a cycle. */
    o->sim = a->sim ? (!strcmp(a->sim, "verilator") ? MG_SIM_VERILATOR : MG_SIM_ICARUS)
                    : is_array ? MG_SIM_VERILATOR : MG_SIM_ICARUS;
    o->glitch = a->glitch;
    const char *vectors = a->vectors ? a->vectors : a->unit ? "normal" : "bits";
    bool bits = !strcmp(vectors, "bits");
    if (a->toggle && !bits) {
        mg_error(CMD, "--toggle-rate goes with --vectors bits");
        return MG_EXIT_USAGE;
    }
    if ((a->scale || a->mean) && (bits || strstr(vectors, ".npy"))) {
        mg_error(CMD, "--scale and --mean describe a distribution, not --vectors %s", bits ? "bits" : "FILE.npy");
        return MG_EXIT_USAGE;
    }
    if (!a->unit && !bits) {
        mg_error(CMD, "--vectors %s needs a unit's formats: --rtl and --netlist take --vectors bits", vectors);
        return MG_EXIT_USAGE;
    }
    char err[600];
    if (mg_vectors_parse(vectors, scale, mean, toggle, &s->vec, err, sizeof err)) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    o->vec = &s->vec;
    int rc = pick_library(a, s);
    if (rc) return rc;
    o->liberty = s->liberty;
    o->lib = &s->lib;
    o->cell_models = s->models[0] ? s->models : NULL;
    o->output_load = load * 1e-15 / s->lib.cap_f;
    return 0;
}

/* ---- one netlist: a unit, a Verilog directory or a mapped netlist ------ */

static int emit_unit(const char *unit, mg_kv_list *kv, const char *workdir, char *top, size_t toplen,
                     char files[][512], size_t *n, char *err, size_t errlen)
{
    char outdir[4200], command[2048] = "macgen energy";
    snprintf(outdir, sizeof outdir, "%s/%s", workdir, RTL_SUBDIR);
    size_t used = strlen(command);
    used += (size_t)snprintf(command + used, sizeof command - used, " %s", unit);
    for (size_t i = 0; i < kv->count && used < sizeof command; i++)
        used += (size_t)snprintf(command + used, sizeof command - used, " %s=%s", kv->items[i].key, kv->items[i].value);
    mg_rtl_output *out = calloc(1, sizeof *out);
    if (!out) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = mg_rtl_emit(unit, kv, outdir, command, out, err, errlen);
    if (rc == 0) {
        snprintf(top, toplen, "%s", out->top);
        for (size_t i = 0; i < out->n_files; i++) {
            const char *base = strrchr(out->files[i], '/');
            snprintf(files[i], 512, "%s/%s", RTL_SUBDIR, base ? base + 1 : out->files[i]);
        }
        *n = out->n_files;
    }
    free(out);
    return rc;
}

/* The mapped netlist of --netlist FILE, copied into the work directory with
 * the liberty linked beside it, timed by OpenSTA for the default clock. */
static int stage_netlist(const args *a, const setup *s, const char *workdir, double *delay_ns, char *err,
                         size_t errlen)
{
    char *text = NULL, path[4200];
    size_t len = 0;
    if (mg_read_file_checked(a->netlist, true, &text, &len, err, errlen)) return -1;
    snprintf(path, sizeof path, "%s/%s", workdir, MG_FLOW_NETLIST);
    mg_atomic_file f;
    int rc = mg_atomic_open(&f, path, err, errlen);
    if (rc == 0) {
        fwrite(text, 1, len, f.fp);
        rc = mg_atomic_commit(&f, err, errlen);
    }
    free(text);
    if (rc) return MG_FAIL_IO;
    char *abs = realpath(s->liberty, NULL);
    snprintf(path, sizeof path, "%s/%s", workdir, MG_FLOW_LIBERTY_LINK);
    rc = abs && symlink(abs, path) == 0 ? 0 : -1;
    free(abs);
    if (rc) {
        snprintf(err, errlen, "cannot link the liberty file into %.900s: %s", workdir, strerror(errno));
        return MG_FAIL_IO;
    }
    mg_sta_result sta;
    if (mg_sta_run(workdir, a->top, s->o.timeout_s, &sta, err, errlen)) return MG_FAIL_TOOL;
    *delay_ns = sta.delay_ns;
    return 0;
}

static int prepare_files(const args *a, mg_kv_list *kv, const setup *s, const char *workdir, char *top,
                         size_t toplen, char (*files)[512], double *delay_ns, char *err, size_t errlen);

/* Synthesizes and maps (unit or --rtl), or stages --netlist; the period. */
static int prepare(const args *a, mg_kv_list *kv, const setup *s, const char *workdir, char *top, size_t toplen,
                   double *delay_ns, char *err, size_t errlen)
{
    if (a->netlist) {
        snprintf(top, toplen, "%s", a->top);
        return stage_netlist(a, s, workdir, delay_ns, err, errlen);
    }
    char (*files)[512] = calloc(MG_RTL_MAX_FILES, sizeof *files);
    if (!files) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = prepare_files(a, kv, s, workdir, top, toplen, files, delay_ns, err, errlen);
    free(files);
    return rc;
}

/* prepare's Verilog cases: stage or emit, then map and time. */
static int prepare_files(const args *a, mg_kv_list *kv, const setup *s, const char *workdir, char *top,
                         size_t toplen, char (*files)[512], double *delay_ns, char *err, size_t errlen)
{
    size_t n = 0;
    int rc;
    if (a->rtl_dir) {
        snprintf(top, toplen, "%s", a->top);
        rc = mg_verilog_dir_stage(a->rtl_dir, workdir, RTL_SUBDIR, files, MG_RTL_MAX_FILES, &n, err, errlen);
    } else {
        rc = emit_unit(a->unit, kv, workdir, top, toplen, files, &n, err, errlen);
    }
    if (rc) return rc;
    const char *ptrs[MG_RTL_MAX_FILES];
    for (size_t i = 0; i < n; i++) ptrs[i] = files[i];
    mg_cost_input in = { .workdir = workdir, .top = top, .files = ptrs, .n_files = n, .liberty = s->liberty,
                         .timeout_s = s->o.timeout_s, .timing = true };
    mg_cost_report *rep = malloc(sizeof *rep);
    if (!rep) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    rc = mg_cost_run(&in, rep, err, errlen);
    *delay_ns = rep->delay_ns;
    free(rep);
    return rc;
}

static void fill_label(const args *a, const mg_kv_list *kv, char *params, size_t len)
{
    size_t used = 0;
    params[0] = '\0';
    for (size_t i = 0; i < kv->count && used < len; i++)
        used += (size_t)snprintf(params + used, len - used, "%s%s=%s", i ? " " : "", kv->items[i].key,
                                 kv->items[i].value);
    (void)a;
}

static int write_outputs(const args *a, const mg_energy_report *r, char *err, size_t errlen)
{
    const char *paths[2] = { a->json, a->csv };
    mg_atomic_file f[2];
    bool open[2] = { false, false };
    int rc = 0;
    for (int i = 0; i < 2 && rc == 0; i++) {
        if (!paths[i]) continue;
        if (mg_atomic_open(&f[i], paths[i], err, errlen)) {
            rc = -1;
            break;
        }
        open[i] = true;
        if (i == 0 && mg_energy_write_json(f[i].fp, r)) {
            snprintf(err, errlen, "out of memory writing %s", a->json);
            rc = -1;
        }
        if (i == 1) mg_energy_write_csv(f[i].fp, r);
    }
    for (int i = 0; i < 2; i++) {
        if (!open[i]) continue;
        if (rc) {
            mg_atomic_abort(&f[i]);
        } else if (mg_atomic_commit(&f[i], err, errlen)) {
            rc = -1;
            for (int k = 0; k < i; k++)
                if (open[k]) remove(paths[k]);
        }
    }
    return rc;
}

static void fill_report_common(const setup *s, mg_energy_report *r)
{
    const char *base = strrchr(s->liberty, '/');
    snprintf(r->liberty, sizeof r->liberty, "%.255s", base ? base + 1 : s->liberty);
    r->voltage = s->lib.voltage;
    snprintf(r->voltage_from, sizeof r->voltage_from, "%s", s->lib.voltage_from);
    snprintf(r->vectors, sizeof r->vectors, "%s", s->vec.label);
    r->seed = s->o.seed;
    r->cycles = s->o.cycles;
}

static int run_single(const args *a, mg_kv_list *kv, setup *s, const char *workdir, mg_energy_report *r,
                      mg_energy_result *res, mg_unit *u, char *top, size_t toplen, char *err, size_t errlen)
{
    if (a->unit) {
        const mg_unit_def *def = mg_unit_find(a->unit);
        if (def && def->emit) {
            snprintf(err, errlen, "energy of %s is not supported (units with a port table and the arrays are)",
                     a->unit);
            return -1;
        }
        if (mg_unit_configure(u, a->unit, kv, err, errlen)) return -1;
    }
    double delay = 0;
    int rc = prepare(a, kv, s, workdir, top, toplen, &delay, err, errlen);
    if (rc) return rc;
    double period = s->o.clock_ns > 0 ? s->o.clock_ns : delay;
    if (!(period > 0)) {
        snprintf(err, errlen, "OpenSTA found no timing path to set the clock: give --clock NS");
        return MG_FAIL_TOOL;
    }
    mg_energy_job j = { workdir, top, &s->lib, period, s->o.output_load, s->o.cycles, s->o.sim, s->o.cell_models,
                        s->o.glitch, s->o.timeout_s, a->unit ? u : NULL, &s->vec, s->o.seed,
                        a->unit ? s->o.dot_length : 0 };
    rc = mg_energy_run(&j, res, err, errlen);
    if (rc) return rc;
    fill_report_common(s, r);
    r->top = top;
    r->period_ns = period;
    snprintf(r->clock_from, sizeof r->clock_from, "%s",
             s->o.clock_ns > 0 ? "--clock" : res->clocked ? "the smallest period meeting setup (OpenSTA)"
                                                          : "the critical path, inputs to outputs (OpenSTA)");
    snprintf(r->sim, sizeof r->sim, "%s", res->sim_desc);
    r->warm = res->warm;
    r->feedback = res->feedback;
    r->dot_length = res->feedback ? j.dot_length : 0;
    bool mac = a->unit && (!strcmp(a->unit, "mac") || !strcmp(a->unit, "imac") || !strcmp(a->unit, "dot"));
    r->op = mac ? "MAC" : "operation";
    r->ops_per_cycle = 1;
    mg_energy_block *b = &r->blocks[r->n_blocks++];
    snprintf(b->name, sizeof b->name, "unit");
    b->count = b->simulated = b->counted = 1;
    b->nl = &res->nl;
    b->zero = res->zero;
    b->timed = res->timed;
    r->has_timed = res->has_timed;
    return 0;
}

int cmd_energy(int argc, char **argv)
{
    static const char *const value_opts[] = { "--json", "--csv", "--liberty", "--tech", "--netlist", "--rtl",
                                              "--top", "--tool-timeout", "--vectors", "--scale", "--mean",
                                              "--toggle-rate", "--cycles", "--clock", "--dot-length", "--seed",
                                              "--output-load", "--sim", "--cell-models", "--tile-rows", NULL };
    if (mg_wants_help(argc, argv)) {
        usage(stdout);
        return MG_EXIT_OK;
    }
    const char *first = mg_first_positional(argc, argv, value_opts);
    const mg_unit_def *def = first ? mg_unit_find(first) : NULL;
    args a;
    if (parse_args(argc, argv, &a)) return MG_EXIT_USAGE;
    if (a.unit && !def) {
        char esc[80];
        mg_error(CMD, "unknown unit '%s' (see macgen rtl --help)", mg_escape_text(a.unit, esc, sizeof esc));
        return MG_EXIT_USAGE;
    }
    char err[1200];
    const char *outputs[] = { a.json, a.csv };
    if (mg_outputs_distinct(outputs, 2, err, sizeof err)) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    mg_kv_list kv;
    if (mg_kv_collect(argc - 1, argv + 1, &kv, err, sizeof err)) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    if (!a.unit && kv.count) {
        mg_error(CMD, "--rtl and --netlist take no key=value parameters (got %s=...)", kv.items[0].key);
        return MG_EXIT_USAGE;
    }
    if (a.rtl_dir || a.netlist) {
        if (!mg_flow_valid_module(a.top)) {
            char esc[80];
            mg_error(CMD, "--top %s is not a plain Verilog module name", mg_escape_text(a.top, esc, sizeof esc));
            return MG_EXIT_USAGE;
        }
        if (a.netlist && regular_file("--netlist", a.netlist)) return MG_EXIT_USAGE;
    }
    /* An output that cannot be written is found now, not after the run. */
    for (int i = 0; i < 2; i++) {
        struct stat st;
        if (outputs[i] && stat(outputs[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            char esc[300];
            mg_error(CMD, "cannot write %s: it is a directory", mg_escape_text(outputs[i], esc, sizeof esc));
            return MG_EXIT_IO;
        }
    }
    bool is_array = def && def->cost_plan;
    setup *s = calloc(1, sizeof *s);
    mg_energy_report *r = calloc(1, sizeof *r);
    mg_energy_result *res = calloc(1, sizeof *res);
    mg_unit *u = calloc(1, sizeof *u);
    mg_energy_array *arr = calloc(1, sizeof *arr);
    int rc = MG_EXIT_USAGE;
    char workdir[4096] = "", params[1024], top[128] = "";
    if (!s || !r || !res || !u || !arr) {
        mg_error(CMD, "out of memory");
        goto out;
    }
    rc = setup_options(&a, is_array, s);
    if (rc) goto out;
    fill_label(&a, &kv, params, sizeof params);
    r->unit = a.unit ? a.unit : a.netlist ? "netlist" : "verilog";
    r->params = params;
    char made[4096];
    if (mg_workdir_create(CMD, made, sizeof made, err, sizeof err)) {
        mg_error(CMD, "%s", err);
        rc = MG_EXIT_IO;
        goto out;
    }
    char *abs = realpath(made, NULL);
    snprintf(workdir, sizeof workdir, "%s", abs ? abs : made);
    free(abs);
    int fail = is_array ? mg_energy_array_run(a.unit, &kv, &s->o, workdir, arr, r, err, sizeof err)
                        : run_single(&a, &kv, s, workdir, r, res, u, top, sizeof top, err, sizeof err);
    if (is_array && fail == 0) fill_report_common(s, r);
    if (fail == 0 && write_outputs(&a, r, err, sizeof err)) fail = MG_FAIL_IO;
    /* MACGEN_ENERGY_KEEP=1 keeps the work directory (netlist, testbench,
     * stimulus, counts, tool logs) for inspection (docs/energy.md). */
    const char *keep = getenv("MACGEN_ENERGY_KEEP");
    if (keep && !strcmp(keep, "1")) fprintf(stderr, "macgen energy: kept the work directory %s\n", made);
    else mg_workdir_remove(made);
    if (fail) {
        mg_error(CMD, "%s", err);
        rc = mg_exit_for(fail);
        goto out;
    }
    if (!a.quiet) mg_energy_print_table(stdout, r);
    rc = MG_EXIT_OK;
out:
    if (res) mg_energy_result_free(res);
    if (arr) mg_energy_array_free(arr);
    if (s) {
        mg_power_lib_free(&s->lib);
        mg_vectors_free(&s->vec);
    }
    free(s);
    free(r);
    free(res);
    free(u);
    free(arr);
    return rc;
}
