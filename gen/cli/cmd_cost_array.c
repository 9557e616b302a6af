/* `macgen cost hbfp_array|mac_array ...`: the hierarchical estimate of
 * array_cost.h, printed like any cost report plus the per-block rows, gates
 * per MAC and density; --check-flat also synthesizes the whole array in one
 * run and prints the estimate's error. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array_cost.h"
#include "cost_write.h"
#include "fileio.h"
#include "liberty.h"
#include "run_tool.h"
#include "tech.h"
#include "unit.h"

#define CMD "cost"
/* --check-flat fails beyond this relative error (issue 6: within 2%). */
#define FLAT_TOLERANCE 0.02

static void usage(FILE *out)
{
    size_t n;
    const mg_unit_def *const *all = mg_unit_all(&n);
    fputs("usage: macgen cost ", out);
    const char *sep = "";
    for (size_t i = 0; i < n; i++)
        if (all[i]->cost_plan) {
            fprintf(out, "%s%s", sep, all[i]->name);
            sep = "|";
        }
    fputs(" key=value... [--json FILE] [--csv FILE] [--quiet]\n"
          "                  [--tech osu018 | --liberty FILE] [--check-flat]\n"
          "\n"
          "Arrays are costed hierarchically (docs/array_cost.md): each distinct block (PE,\n"
          "edge unit) is synthesized once, flat, with the fixed flow of 'macgen cost' and counted\n"
          "as many times as the grid instantiates it; the array module's own flip-flops\n"
          "(the valid_o delay line) come from the RTL.  So a 128 x 128 array costs in\n"
          "seconds.  The report has the usual rows per building block (all instances),\n"
          "then one row per distinct block with its count, and gates per MAC and MACs\n"
          "per cycle per gate (one MAC per PE per cycle; equal clocks assumed, depth\n"
          "beside it).  Depth is the deepest block's: every block output is a register,\n"
          "except hbfp_array pipe=0, whose acc chain crosses the G edge units of a column\n"
          "(then G x the edge unit's depth, a bound).\n"
          "\n"
          "  --tech osu018, --liberty FILE  also map each block to the library and time it\n"
          "                with OpenSTA: area_um2 (blocks x counts), delay_ns = the slowest\n"
          "                block's smallest clock period, fmax_mhz, um^2 per MAC and MACs per\n"
          "                second per mm^2 (relative pre-layout figures: no wires)\n"
          "  --check-flat  also synthesize the whole array in one Yosys run (same flow;\n"
          "                flattened; small arrays only) and print the estimate's error;\n"
          "                exit 1 when the gates differ by more than 2% (flip-flops may differ:\n"
          "                the flat array drops edge registers whose outputs go nowhere)\n"
          "  --json FILE   the report as JSON, with an \"array\" object (blocks, counts,\n"
          "                gates_per_mac, macs_per_cycle_per_gate, ...)\n"
          "  --csv FILE    one CSV row per building block and a total row\n"
          "  --quiet       no table on standard output\n"
          "  --tool-timeout SECONDS  stop each Yosys or OpenSTA run after that long\n"
          "                (default 3600; 0: never)\n"
          "\n",
          out);
    fputs("units:\n", out);
    for (size_t i = 0; i < n; i++)
        if (all[i]->cost_plan) {
            fprintf(out, "  %s  %s\n", all[i]->name, all[i]->summary);
            mg_unit_print_help(out, all[i], false, "      ");
        }
    mg_print_exit_help(out);
}

typedef struct {
    const char *unit, *json, *csv, *liberty, *tech, *timeout;
    bool quiet, check_flat;
} args;

static int parse(int argc, char **argv, args *a)
{
    memset(a, 0, sizeof *a);
    const mg_value_opt opts[] = { { "--json", &a->json }, { "--csv", &a->csv }, { "--liberty", &a->liberty },
                                  { "--tech", &a->tech }, { "--tool-timeout", &a->timeout }, { NULL, NULL } };
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        int taken = mg_take_value_opt(CMD, argc, argv, &i, opts);
        if (taken < 0) return -1;
        if (taken) continue;
        if (!strcmp(s, "--quiet")) {
            a->quiet = true;
        } else if (!strcmp(s, "--check-flat")) {
            a->check_flat = true;
        } else if (!strcmp(s, "--netlist") || !strcmp(s, "--rtl") || !strcmp(s, "--top")) {
            mg_error(CMD, "%s is not offered for the hierarchical array estimate", s);
            return -1;
        } else if (mg_take_unit_arg(CMD, s, &a->unit, "cost hbfp_array")) {
            return -1;
        }
    }
    if (a->liberty && a->tech) {
        mg_error(CMD, "give either --tech NAME or --liberty FILE, not both");
        return -1;
    }
    return 0;
}

static double per(double x, double n) { return n > 0 ? x / n : 0.0; }

/* MACs per second per mm^2 at fmax: one MAC per PE per cycle. */
static double macs_per_s_mm2(const mg_array_plan *p, const mg_cost_report *t)
{
    return per((double)p->macs_per_cycle * mg_cost_fmax_mhz(t) * 1e6, t->area * 1e-6);
}

/* The Accuracy Booster's effective throughput (docs/spec/hbfp.md section 7):
 * with a fraction f of the MACs in 6-bit passes, each s times slower, the
 * array keeps 1 / ((1 - f) + f*s) of its 4-bit rate. */
static const double boost_mix[2] = { 0.01, 0.1 };
static const char *const boost_mix_key[2] = { "f001", "f010" };
static double boost_factor(int s, double f) { return 1.0 / ((1.0 - f) + f * (double)s); }

static void print_boost(FILE *out, const mg_array_plan *p, const mg_cost_report *t)
{
    const mg_hbfp_array_cfg *c = &p->hbfp;
    const int s = c->boost.slowdown;
    fprintf(out, "6-bit passes    %ld MACs per cycle (boost_pe=%s: slowdown s = %d, streaming; docs/hbfp_array.md)\n",
            p->macs_per_cycle / s, mg_hbfp_boost_pe_name(c->boost.pe), s);
    for (int i = 0; i < 2; i++) {
        const double k = boost_factor(s, boost_mix[i]);
        fprintf(out, "effective, %2.0f%% 6-bit MACs: x%.4f of the 4-bit rate: %.4g MACs per cycle per 1000 gates",
                100 * boost_mix[i], k, per(1000.0 * (double)p->macs_per_cycle, (double)t->gates) * k);
        if (t->has_timing) fprintf(out, ", %.4g MACs per second per mm^2", macs_per_s_mm2(p, t) * k);
        fputc('\n', out);
    }
}

static void print_array(FILE *out, const mg_array_plan *p, const mg_array_estimate *e)
{
    fprintf(out, "\nhierarchical estimate (each distinct block synthesized once, times its count; %.1f s)\n",
            e->seconds);
    /* Columns as wide as the longest block and module names (at least 6 and 16). */
    int nw = 6, mw = 16;
    for (int i = 0; i < p->n_blocks; i++) {
        if ((int)strlen(p->blocks[i].name) > nw) nw = (int)strlen(p->blocks[i].name);
        if ((int)strlen(p->blocks[i].def.core) > mw) mw = (int)strlen(p->blocks[i].def.core);
    }
    if ((int)strlen(p->array_module) > mw) mw = (int)strlen(p->array_module);
    fprintf(out, "%-*s %-*s %8s %10s %8s %12s %6s %12s", nw, "block", mw, "module", "count", "gates each", "flops",
            "transistors", "depth", "gates total");
    if (e->total.has_timing) fprintf(out, " %10s %9s", "um^2 each", "period ns");
    fputc('\n', out);
    for (int i = 0; i < p->n_blocks; i++) {
        const mg_cost_report *r = &e->block[i];
        fprintf(out, "%-*s %-*s %8ld %10ld %8ld %12ld %6ld %12ld", nw, p->blocks[i].name, mw,
                p->blocks[i].def.core, p->blocks[i].count, r->gates, r->flops, r->transistors, r->depth,
                r->gates * p->blocks[i].count);
        if (e->total.has_timing) fprintf(out, " %10.0f %9.3f", r->area, r->delay_ns);
        fputc('\n', out);
    }
    fprintf(out, "%-*s %-*s %8d %10d %8ld %12ld %6s %12d   (%s, from the RTL)\n", nw, "array", mw,
            p->array_module, 1, 0, p->own_flops, p->own_flops * 20, "-", 0,
            p->hbfp.boost.width ? "valid_o delay line, mode register" : "valid_o delay line");
    const mg_cost_report *t = &e->total;
    fprintf(out, "\nMACs per cycle  %ld (%d x %d PEs)\n", p->macs_per_cycle, p->rows, p->cols);
    fprintf(out, "gates per MAC   %.1f (NAND2 eq per MAC %.1f, flops per MAC %.2f)\n",
            per((double)t->gates, (double)p->macs_per_cycle),
            per(mg_cost_nand2_eq(t->transistors), (double)p->macs_per_cycle),
            per((double)t->flops, (double)p->macs_per_cycle));
    fprintf(out, "density         %.4g MACs per cycle per 1000 gates (equal clock assumed)\n",
            per(1000.0 * (double)p->macs_per_cycle, (double)t->gates));
    if (t->has_timing)
        fprintf(out, "per MAC         %.1f um^2, fmax %.1f MHz: %.4g MACs per second per mm^2\n",
                per(t->area, (double)p->macs_per_cycle), mg_cost_fmax_mhz(t), macs_per_s_mm2(p, t));
    if (p->hbfp.boost.width) print_boost(out, p, t);
    fprintf(out, "depth           %ld gate levels (%s)\n", t->depth,
            p->depth_chain > 1 ? "bound: pipe=0 chains the edge units of a column" :
                                 "the deepest block: every block output is a register");
}

static cJSON *array_json(const mg_array_plan *p, const mg_array_estimate *e)
{
    cJSON *a = cJSON_CreateObject();
    const mg_cost_report *t = &e->total;
    cJSON_AddStringToObject(a, "estimate", "hierarchical");
    cJSON_AddStringToObject(a, "canonical", p->canonical);
    cJSON_AddNumberToObject(a, "rows", p->rows);
    cJSON_AddNumberToObject(a, "cols", p->cols);
    cJSON_AddNumberToObject(a, "macs_per_cycle", (double)p->macs_per_cycle);
    cJSON_AddNumberToObject(a, "gates_per_mac", per((double)t->gates, (double)p->macs_per_cycle));
    cJSON_AddNumberToObject(a, "nand2_eq_per_mac", per(mg_cost_nand2_eq(t->transistors), (double)p->macs_per_cycle));
    cJSON_AddNumberToObject(a, "macs_per_cycle_per_gate", per((double)p->macs_per_cycle, (double)t->gates));
    cJSON_AddBoolToObject(a, "depth_is_bound", p->depth_chain > 1);
    cJSON_AddNumberToObject(a, "own_flops", (double)p->own_flops);
    if (t->has_timing) {
        cJSON_AddNumberToObject(a, "area_um2_per_mac", per(t->area, (double)p->macs_per_cycle));
        cJSON_AddNumberToObject(a, "macs_per_s_per_mm2", macs_per_s_mm2(p, t));
    }
    if (p->hbfp.boost.width) { /* the Accuracy Booster: 6-bit slowdown and effective densities */
        const int s = p->hbfp.boost.slowdown;
        char key[64];
        cJSON_AddNumberToObject(a, "boost_width", p->hbfp.boost.width);
        cJSON_AddStringToObject(a, "boost_pe", mg_hbfp_boost_pe_name(p->hbfp.boost.pe));
        cJSON_AddNumberToObject(a, "slowdown_6bit", s);
        for (int i = 0; i < 2; i++) {
            const double k = boost_factor(s, boost_mix[i]);
            snprintf(key, sizeof key, "eff_macs_per_cycle_per_gate_%s", boost_mix_key[i]);
            cJSON_AddNumberToObject(a, key, per((double)p->macs_per_cycle, (double)t->gates) * k);
            if (!t->has_timing) continue;
            snprintf(key, sizeof key, "eff_macs_per_s_per_mm2_%s", boost_mix_key[i]);
            cJSON_AddNumberToObject(a, key, macs_per_s_mm2(p, t) * k);
        }
    }
    cJSON *blocks = cJSON_AddArrayToObject(a, "blocks");
    for (int i = 0; i < p->n_blocks; i++) {
        const mg_cost_report *r = &e->block[i];
        cJSON *b = cJSON_CreateObject();
        cJSON_AddStringToObject(b, "name", p->blocks[i].name);
        cJSON_AddStringToObject(b, "module", p->blocks[i].def.core);
        cJSON_AddNumberToObject(b, "count", (double)p->blocks[i].count);
        cJSON_AddNumberToObject(b, "gates", (double)r->gates);
        cJSON_AddNumberToObject(b, "inverters", (double)r->inverters);
        cJSON_AddNumberToObject(b, "flops", (double)r->flops);
        cJSON_AddNumberToObject(b, "transistors", (double)r->transistors);
        cJSON_AddNumberToObject(b, "depth", (double)r->depth);
        if (r->has_timing) {
            cJSON_AddNumberToObject(b, "area_um2", r->area);
            cJSON_AddNumberToObject(b, "delay_ns", r->delay_ns);
        }
        cJSON_AddItemToArray(blocks, b);
    }
    return a;
}

/* The cost model's JSON, plus the "array" object. */
static int write_json(const char *path, const mg_cost_label *label, const mg_array_plan *p,
                      const mg_array_estimate *e, char *err, size_t errlen)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int bad = mg_cost_write_json(mem, label, &e->total);
    fclose(mem);
    cJSON *root = bad ? NULL : cJSON_Parse(buf);
    free(buf);
    char *text = NULL;
    if (root) {
        cJSON_AddItemToObject(root, "array", array_json(p, e));
        text = cJSON_Print(root);
        cJSON_Delete(root);
    }
    if (!text) {
        snprintf(err, errlen, "out of memory writing %s", path);
        return -1;
    }
    mg_atomic_file af;
    int rc = mg_atomic_open(&af, path, err, errlen);
    if (rc == 0) {
        fprintf(af.fp, "%s\n", text);
        rc = mg_atomic_commit(&af, err, errlen);
    }
    free(text);
    return rc;
}

static double rel(long est, long flat) { return flat ? ((double)est - (double)flat) / (double)flat : (est ? 1.0 : 0.0); }

static int check_flat(const mg_array_plan *p, const mg_array_estimate *e)
{
    char err[1024];
    mg_cost_report *flat = malloc(sizeof *flat);
    if (!flat) {
        mg_error(CMD, "out of memory");
        return MG_EXIT_USAGE;
    }
    int frc = mg_array_flat_run(p, flat, err, sizeof err);
    if (frc) {
        free(flat);
        mg_error(CMD, "flat synthesis: %s", err);
        return mg_exit_for(frc);
    }
    const mg_cost_report *t = &e->total;
    double eg = rel(t->gates, flat->gates), ef = rel(t->flops, flat->flops);
    double et = rel(t->transistors, flat->transistors);
    /* The logic is the estimate's claim.  Flip-flops differ for a reason:
     * the flat whole array drops the pass-through registers of the edge PEs
     * whose outputs go nowhere (a few percent of a 4x4 array's, nothing at
     * 128x128), which the blocks costed on their own keep. */
    bool ok = fabs(eg) <= FLAT_TOLERANCE;
    printf("check-flat %s: estimate gates %ld flops %ld transistors %ld depth %ld; whole array (flat) "
           "gates %ld flops %ld transistors %ld depth %ld; error gates %+.3f%% (flops %+.3f%%, "
           "transistors %+.3f%%: unused edge registers kept by the blocks): %s\n",
           p->canonical, t->gates, t->flops, t->transistors, t->depth, flat->gates, flat->flops,
           flat->transistors, flat->depth, 100 * eg, 100 * ef, 100 * et,
           ok ? "PASS (gates within 2%)" : "FAIL (gates over 2%)");
    free(flat);
    return ok ? MG_EXIT_OK : MG_EXIT_MISMATCH;
}

/* The array module's own flip-flops (its valid_o delay line) are not
 * synthesized: with a library they count at its smallest flip-flop's area
 * (a cell named DFF*; a few hundred flops beside thousands of PEs). */
static int smallest_flop_area(const char *path, double *area, char *err, size_t errlen)
{
    mg_liberty lib;
    char why[600];
    if (mg_liberty_read(path, &lib, why, sizeof why) != 0) {
        snprintf(err, errlen, "unreadable liberty file: %s", why);
        return -1;
    }
    *area = 0;
    for (size_t i = 0; i < lib.n_cells; i++) {
        const mg_lib_cell *c = &lib.cells[i];
        if (c->sequential && c->has_area && !strncasecmp(c->name, "DFF", 3) && (*area == 0 || c->area < *area))
            *area = c->area;
    }
    mg_liberty_free(&lib);
    return 0;
}

/* The library into the plan (mg_array_plan_make clears it), then the
 * block-by-block estimate. */
static int estimate_with_library(const args *a, double flop_area, mg_array_plan *p,
                                 mg_array_estimate *e, char *err, size_t errlen)
{
    p->liberty = a->liberty;
    p->own_flop_area = flop_area;
    return mg_array_estimate_run(p, e, err, errlen);
}

int mg_array_cost_main(int argc, char **argv)
{
    if (mg_wants_help(argc, argv)) {
        usage(stdout);
        return MG_EXIT_OK;
    }
    args a;
    if (parse(argc, argv, &a)) return MG_EXIT_USAGE;
    unsigned timeout = MG_TOOL_TIMEOUT_DEFAULT;
    if (a.timeout && mg_tool_parse_timeout(CMD, a.timeout, &timeout)) return MG_EXIT_USAGE;
    mg_tool_set_default_timeout(timeout);
    char err[1024];
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
    const char *keys[64], *values[64];
    for (size_t i = 0; i < kv.count; i++) {
        keys[i] = kv.items[i].key;
        values[i] = kv.items[i].value;
    }
    mg_cost_label label = { a.unit, keys, values, kv.count, NULL };
    char lib_path[4096];
    if (a.tech) {
        int trc = mg_tech_liberty(a.tech, lib_path, sizeof lib_path, err, sizeof err);
        if (trc != 0) {
            mg_error(CMD, "%s", err);
            return trc == -2 ? MG_EXIT_TOOL : MG_EXIT_USAGE;
        }
        a.liberty = lib_path;
    }
    double flop_area = 0;
    if (a.liberty && smallest_flop_area(a.liberty, &flop_area, err, sizeof err)) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    mg_array_plan *p = malloc(sizeof *p);
    mg_array_estimate *e = malloc(sizeof *e);
    int rc = MG_EXIT_USAGE;
    if (!p || !e) {
        mg_error(CMD, "out of memory");
    } else if (mg_array_plan_make(a.unit, &kv, p, err, sizeof err)) {
        mg_error(CMD, "%s", err);
    } else if ((rc = estimate_with_library(&a, flop_area, p, e, err, sizeof err)) != 0) {
        mg_error(CMD, "%s", err);
        rc = mg_exit_for(rc);
    } else {
        rc = MG_EXIT_OK;
        label.canonical = p->canonical;
        if (a.json && write_json(a.json, &label, p, e, err, sizeof err)) rc = MG_EXIT_IO;
        if (rc == MG_EXIT_OK && a.csv) {
            mg_atomic_file af;
            if (mg_atomic_open(&af, a.csv, err, sizeof err)) {
                rc = MG_EXIT_IO;
            } else {
                mg_cost_write_csv(af.fp, &label, &e->total);
                if (mg_atomic_commit(&af, err, sizeof err)) rc = MG_EXIT_IO;
            }
        }
        if (rc != MG_EXIT_OK) {
            mg_error(CMD, "%s", err);
        } else {
            if (!a.quiet) {
                mg_cost_print_table(stdout, &label, &e->total);
                print_array(stdout, p, e);
            }
            if (a.check_flat) rc = check_flat(p, e);
        }
    }
    free(p);
    free(e);
    return rc;
}
