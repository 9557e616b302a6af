#define _XOPEN_SOURCE 700 /* realpath */
#include "energy_array.h"

#include <errno.h>
#include <unistd.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "array_cost.h"
#include "cost_run.h"
#include "energy_stim_array.h"
#include "energy_tb.h"
#include "fileio.h"
#include "flow.h"
#include "rtl_emit.h"
#include "textfile.h"

#define BLOCK_TOP "array_block_top"   /* the block wrapper's module (array_cost.c) */
#define TILE_DIR "tile"

_Static_assert(MG_ARRAY_MAX_BLOCKS <= MG_ENERGY_MAX_BLOCKS, "an array's blocks must fit the energy report");

/* ---- the tile: one column (and --tile-rows) ------------------------------ */

/* Columns of the simulated tile: one, but a column pair for the Accuracy
 * Booster array with 4x4 PEs, whose high- and low-digit columns have
 * different join stages and edge units (docs/hbfp_array.md). */
static int tile_cols(const mg_array_plan *full)
{
    return full->hbfp.boost.width && full->hbfp.boost.pe == MG_BOOST_PE_4X4 ? 2 : 1;
}

static int tile_plan(const char *unit, const mg_kv_list *kv, int rows, int cols, mg_array_plan *p, char *err,
                     size_t errlen)
{
    mg_kv_list t = *kv;
    char rows_text[16], cols_text[16];   /* the plan reads them before this returns */
    snprintf(rows_text, sizeof rows_text, "%d", rows);
    snprintf(cols_text, sizeof cols_text, "%d", cols);
    bool have_cols = false, have_rows = false;
    for (size_t i = 0; i < t.count; i++) {
        t.items[i].used = false;
        if (!strcmp(t.items[i].key, "cols")) {
            t.items[i].value = cols_text;
            have_cols = true;
        }
        if (rows > 0 && !strcmp(t.items[i].key, "rows")) {
            t.items[i].value = rows_text;
            have_rows = true;
        }
    }
    if (!have_cols && t.count < 64) t.items[t.count++] = (mg_kv){ "cols", cols_text, false };
    if (rows > 0 && !have_rows && t.count < 64) t.items[t.count++] = (mg_kv){ "rows", rows_text, false };
    char why[600];
    if (mg_array_plan_make(unit, &t, p, why, sizeof why)) {
        snprintf(err, errlen, "the simulated column (--tile-rows): %s", why);
        return -1;
    }
    return 0;
}

/* The tile's blocks must be the array's (same parameters and ports). */
static int same_blocks(const mg_array_plan *a, const mg_array_plan *b, char *err, size_t errlen)
{
    bool same = a->n_blocks == b->n_blocks;
    for (int i = 0; same && i < a->n_blocks; i++) {
        const mg_unit *x = &a->blocks[i].unit, *y = &b->blocks[i].unit;
        same = x->n_params == y->n_params && x->n_ports == y->n_ports;
        for (int k = 0; same && k < x->n_params; k++)
            same = !strcmp(x->params[k].name, y->params[k].name) && x->params[k].value == y->params[k].value;
        for (int k = 0; same && k < x->n_ports; k++) same = x->ports[k].width == y->ports[k].width;
    }
    if (!same) snprintf(err, errlen, "the simulated column's blocks differ from the array's (a bug)");
    return same ? 0 : -1;
}

/* ---- each block: synthesized, mapped, timed, read by OpenSTA ------------- */

static int block_netlist(const mg_array_plan *p, int i, const mg_energy_opts *o, const char *workdir,
                         mg_enetlist *nl, double *delay, char *err, size_t errlen)
{
    const mg_array_block *b = &p->blocks[i];
    char dir[4200], rtl[4300], cmd[700];
    snprintf(dir, sizeof dir, "%s/blk_%s", workdir, b->name);
    snprintf(rtl, sizeof rtl, "%s/rtl", dir);
    if (mg_make_dirs(dir, err, errlen)) return MG_FAIL_IO;
    snprintf(cmd, sizeof cmd, "macgen energy %s (block %s)", p->canonical, b->name);
    mg_rtl_output *out = calloc(1, sizeof *out);
    mg_cost_report *rep = calloc(1, sizeof *rep);
    char (*files)[64] = calloc(MG_RTL_MAX_FILES, sizeof *files);
    const char *ptrs[MG_RTL_MAX_FILES];
    int rc = -1;
    if (!out || !rep || !files) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    if ((rc = mg_rtl_emit_unit(&b->unit, rtl, cmd, out, err, errlen))) goto done;
    for (size_t k = 0; k < out->n_files; k++) {
        const char *base = strrchr(out->files[k], '/');
        snprintf(files[k], sizeof files[k], "rtl/%s", base ? base + 1 : out->files[k]);
        ptrs[k] = files[k];
    }
    mg_cost_input in = { .workdir = dir, .top = b->unit.top, .files = ptrs, .n_files = out->n_files,
                         .liberty = o->liberty, .timeout_s = o->timeout_s, .timing = true };
    if ((rc = mg_cost_run(&in, rep, err, errlen))) goto done;
    *delay = rep->delay_ns;
    mg_enet_options eo = { b->unit.top, rep->delay_ns > 0 ? rep->delay_ns : 10, 0, false };
    rc = mg_enetlist_run(dir, &eo, o->timeout_s, nl, err, errlen);
done:
    free(files);
    free(out);
    free(rep);
    return rc;
}

/* ---- the tile's Verilog: the array RTL, blocks as gates ------------------ */

/* The parameter names a template module declares: "parameter integer A = 1,
 * B = 2" lists included, comments skipped. */
static bool word_at(const char *p, const char *start, const char *w)
{
    size_t n = strlen(w);
    return strncmp(p, w, n) == 0 && !(isalnum((unsigned char)p[n]) || p[n] == '_') &&
           (p == start || !(isalnum((unsigned char)p[-1]) || p[-1] == '_'));
}

static int template_params(const char *text, char names[][32], int max)
{
    char *clean = strdup(text);
    if (!clean) return 0;
    /* Comments become spaces. */
    for (char *p = clean; *p; p++) {
        if (p[0] == '/' && p[1] == '/') {
            while (*p && *p != '\n') *p++ = ' ';
            if (!*p) break;
        } else if (p[0] == '/' && p[1] == '*') {
            char *e = strstr(p + 2, "*/");
            char *end = e ? e + 2 : p + strlen(p);
            while (p < end) *p++ = ' ';
            p--;
        }
    }
    int n = 0;
    for (const char *p = clean; *p && n < max; p++) {
        if (!word_at(p, clean, "parameter")) continue;
        p += 9;
        for (;;) {
            while (isspace((unsigned char)*p)) p++;
            if (word_at(p, clean, "integer")) p += 7;
            while (isspace((unsigned char)*p)) p++;
            size_t k = 0;
            while (isalnum((unsigned char)p[k]) || p[k] == '_') k++;
            if (k == 0 || k >= 32 || n >= max) break;
            snprintf(names[n++], 32, "%.*s", (int)k, p);
            p += k;
            int depth = 0;   /* the value: up to ',' ')' or ';' outside parentheses */
            while (*p && !(depth == 0 && (*p == ',' || *p == ')' || *p == ';'))) {
                depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
                p++;
            }
            if (*p != ',') break;
            p++;
            while (isspace((unsigned char)*p)) p++;
            if (word_at(p, clean, "parameter")) {
                p--;
                break;
            }
        }
        if (!*p) break;
    }
    free(clean);
    return n;
}

/* The block's mapped netlist, its top renamed mg_energy_gates_<block>. */
static int write_netlist(const mg_array_block *b, const char *workdir, FILE *fp, char *err, size_t errlen)
{
    char path[4300], *net = NULL;
    snprintf(path, sizeof path, "%s/blk_%s/%s", workdir, b->name, MG_FLOW_NETLIST);
    if (mg_read_text_file(path, &net, NULL, err, errlen)) return MG_FAIL_TOOL;
    const char *decl = "module " BLOCK_TOP "(";
    char *at = strstr(net, decl);
    if (!at || strstr(at + 1, decl)) {
        free(net);
        snprintf(err, errlen, "block %s: the mapped netlist has no single module %s", b->name, BLOCK_TOP);
        return MG_FAIL_TOOL;
    }
    fwrite(net, 1, (size_t)(at - net), fp);
    fprintf(fp, "module mg_energy_gates_%s(", b->name);
    fputs(at + strlen(decl), fp);
    free(net);
    return 0;
}

static void instantiate_gates(const mg_array_block *b, const char *indent, FILE *fp)
{
    const mg_unit *u = &b->unit;
    char pin[64];
    fprintf(fp, "%smg_energy_gates_%s u_gates (", indent, b->name);
    for (int i = 0; i < u->n_ports; i++) {
        mg_port_pin(&u->ports[i], pin, sizeof pin);
        fprintf(fp, "%s.%s(%s)", i ? ", " : "", pin, pin);
    }
    fputs(");\n", fp);
}

/* gates_<block>.v: the netlists of the blocks bs[0..n) (one template with
 * n parameter sets: the Accuracy Booster's join stages), and a module with
 * the template's name, parameters and ports around them, so the array's RTL
 * instantiates the gates where it instantiated the template; with several
 * blocks, each instance picks its netlist by its parameter values. */
static int write_gates(const mg_array_block *const *bs, int n, const char *workdir, const char *core_text, char *err,
                       size_t errlen)
{
    char path[4300];
    snprintf(path, sizeof path, "%s/" TILE_DIR "/gates_%s.v", workdir, bs[0]->name);
    mg_atomic_file f;
    if (mg_atomic_open(&f, path, err, errlen)) return MG_FAIL_IO;
    for (int k = 0; k < n; k++) {
        int rc = write_netlist(bs[k], workdir, f.fp, err, errlen);
        if (rc) {
            mg_atomic_abort(&f);
            return rc;
        }
    }
    const mg_unit *u = &bs[0]->unit;
    fprintf(f.fp, "\n// The template %s as its mapped gates (macgen energy).\nmodule %s (", bs[0]->def.core, bs[0]->def.core);
    char pin[64];
    for (int i = 0; i < u->n_ports; i++) {
        mg_port_pin(&u->ports[i], pin, sizeof pin);
        fprintf(f.fp, "%s%s", i ? ", " : "", pin);
    }
    fputs(");\n", f.fp);
    char names[64][32];
    int np = template_params(core_text, names, 64);
    for (int i = 0; i < np; i++) fprintf(f.fp, "  parameter integer %s = 0;\n", names[i]);
    for (int i = 0; i < u->n_ports; i++) {
        mg_port_pin(&u->ports[i], pin, sizeof pin);
        fprintf(f.fp, "  %s [%d:0] %s;\n", u->ports[i].dir == MG_PORT_IN ? "input" : "output", u->ports[i].width - 1,
                pin);
    }
    if (n == 1) instantiate_gates(bs[0], "  ", f.fp);
    for (int k = 0; n > 1 && k < n; k++) {
        const mg_unit *v = &bs[k]->unit;
        fprintf(f.fp, "  %sif (", k ? "else " : "generate\n  ");
        for (int i = 0; i < v->n_params; i++)
            fprintf(f.fp, "%s%s == %ld", i ? " && " : "", v->params[i].name, (long)v->params[i].value);
        fprintf(f.fp, ") begin : gen_%s\n", bs[k]->name);
        instantiate_gates(bs[k], "    ", f.fp);
        fputs("  end\n", f.fp);
    }
    if (n > 1) fputs("  endgenerate\n", f.fp);
    fputs("endmodule\n", f.fp);
    return mg_atomic_commit(&f, err, errlen) ? MG_FAIL_IO : 0;
}

typedef struct {
    char files[MG_RTL_MAX_FILES + MG_ARRAY_MAX_BLOCKS][80];
    const char *ptrs[MG_RTL_MAX_FILES + MG_ARRAY_MAX_BLOCKS];
    int n;
} file_list;

static int write_tile(const mg_array_plan *t, const char *workdir, file_list *fl, char *err, size_t errlen)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/" TILE_DIR, workdir);
    mg_rtl_output *out = calloc(1, sizeof *out);
    if (!out) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = t->emit_whole(t, dir, "macgen energy (the simulated column)", out, err, errlen);
    for (size_t k = 0; rc == 0 && k < out->n_files; k++) {
        const char *base = strrchr(out->files[k], '/');
        base = base ? base + 1 : out->files[k];
        const mg_array_block *same[MG_ARRAY_MAX_BLOCKS];
        int n_same = 0;
        for (int i = 0; i < t->n_blocks; i++) {
            char name[80];
            snprintf(name, sizeof name, "%s.v", t->blocks[i].def.core);
            if (!strcmp(base, name)) same[n_same++] = &t->blocks[i];
        }
        if (n_same > 0) {
            char *text = NULL;
            if (mg_read_text_file(out->files[k], &text, NULL, err, errlen)) rc = MG_FAIL_IO;
            else rc = write_gates(same, n_same, workdir, text, err, errlen);
            free(text);
            snprintf(fl->files[fl->n], sizeof fl->files[0], TILE_DIR "/gates_%s.v", same[0]->name);
        } else {
            snprintf(fl->files[fl->n], sizeof fl->files[0], TILE_DIR "/%s", base);
        }
        fl->ptrs[fl->n] = fl->files[fl->n];
        fl->n++;
    }
    free(out);
    return rc;
}

/* ---- counting and summing -------------------------------------------------- */

/* Hierarchical path of instance k of block b in the tile: PEs row by row
 * (k = row x cols + col), the units below the array one per group (in the
 * Accuracy Booster's column pair: _hi in column 0, the others in 1). */
static void instance_path(const mg_array_plan *t, int b, int k, char *out, size_t len)
{
    const char *name = t->blocks[b].name;
    const bool boost = t->hbfp.boost.width != 0;
    if (!strcmp(name, "pe")) {
        const char *pe = !boost ? "" : t->hbfp.boost.pe == MG_BOOST_PE_4X4 ? "gen_pe4." : "gen_pe64.";
        snprintf(out, len, "u_core.gen_row[%d].gen_col[%d].%su_pe.u_gates.", k / t->cols, k % t->cols, pe);
        return;
    }
    const bool hi = strstr(name, "_hi") != NULL;
    const int col = boost && t->cols == 2 && !hi ? 1 : 0;
    int sharing = 0;   /* blocks of one template: write_gates picks by parameters */
    for (int i = 0; i < t->n_blocks; i++) sharing += !strcmp(t->blocks[i].def.core, t->blocks[b].def.core);
    char pick[48] = "";
    if (sharing > 1) snprintf(pick, sizeof pick, "gen_%s.", name);
    if (!strncmp(name, "join", 4))
        snprintf(out, len, "u_core.gen_group[%d].gen_edge[%d].u_join.%su_gates.", k, col, pick);
    else
        snprintf(out, len, "u_core.gen_group[%d].gen_edge[%d].%su_edge.u_gates.", k, col,
                 !boost ? "" : hi ? "gen_edge4." : "gen_edge6.");
}

/* The nets counted per block: every instance's when they are few; else
 * evenly spaced instances (row (i + 1/2) x rows / n) up to this many nets,
 * so that a column of 64 large PEs (an FP32 PE is about 6,000 nets) keeps
 * the testbench small: the column is simulated whole either way. */
#define COUNT_BUDGET 40000
#define MAX_PICKS 1024

typedef struct {
    char **names;
    int n, cap;
    int first[MG_ENERGY_MAX_BLOCKS];   /* where block b's counted nets start */
    int per[MG_ENERGY_MAX_BLOCKS];     /* counted nets per instance */
    long inst[MG_ENERGY_MAX_BLOCKS];   /* instances in the column */
    long pick[MG_ENERGY_MAX_BLOCKS][MAX_PICKS];   /* the counted instances */
    int n_picks[MG_ENERGY_MAX_BLOCKS];
} net_list;

static int add_name(net_list *l, const char *a, const char *b)
{
    if (l->n == l->cap) {
        int c = l->cap ? l->cap * 2 : 1024;
        char **m = realloc(l->names, (size_t)c * sizeof *m);
        if (!m) return -1;
        l->names = m;
        l->cap = c;
    }
    size_t la = strlen(a), lb = strlen(b);
    char *s = malloc(la + lb + 1);
    if (!s) return -1;
    memcpy(s, a, la);
    memcpy(s + la, b, lb + 1);
    l->names[l->n++] = s;
    return 0;
}

static int list_nets(const mg_array_plan *t, const mg_energy_array *arr, net_list *l)
{
    for (int b = 0; b < t->n_blocks; b++) {
        const mg_enetlist *nl = &arr->nl[b];
        l->first[b] = l->n;
        l->inst[b] = t->blocks[b].count;
        l->per[b] = 0;
        for (int i = 0; i < nl->n_nets; i++) l->per[b] += nl->nets[i].drivers > 0 && !nl->nets[i].clock;
        long n = l->per[b] > 0 ? COUNT_BUDGET / l->per[b] : l->inst[b];
        if (n < 1) n = 1;
        if (n > l->inst[b]) n = l->inst[b];
        if (n > MAX_PICKS) n = MAX_PICKS;
        l->n_picks[b] = (int)n;
        for (long k = 0; k < n; k++)
            l->pick[b][k] = n == l->inst[b] ? k : (long)(((double)k + 0.5) * (double)l->inst[b] / (double)n);
        for (long k = 0; k < n; k++) {
            char path[160];
            instance_path(t, b, (int)l->pick[b][k], path, sizeof path);
            for (int i = 0; i < nl->n_nets; i++) {
                if (nl->nets[i].drivers == 0 || nl->nets[i].clock) continue;
                if (add_name(l, path, nl->nets[i].name)) return -1;
            }
        }
    }
    return 0;
}

/* Adds one instance's sum into the block's running mean (weight 1/n). */
static void accumulate(mg_energy_sum *acc, const mg_energy_sum *one, double w)
{
    acc->per_cycle.switching += w * one->per_cycle.switching;
    acc->per_cycle.internal += w * one->per_cycle.internal;
    acc->per_cycle.clock += w * one->per_cycle.clock;
    acc->per_cycle.leakage += w * one->per_cycle.leakage;
    acc->leakage_w = one->leakage_w;
    acc->period_s = one->period_s;
    acc->cells = one->cells;
    acc->counted_nets = one->counted_nets;
    for (int i = 0; i < one->n_nets; i++) {
        mg_net_energy *a = &acc->nets[i];
        const mg_net_energy *o = &one->nets[i];
        a->toggles += w * o->toggles;
        a->switching_j += w * o->switching_j;
        a->internal_j += w * o->internal_j;
        a->cap_f = o->cap_f;
        a->clock = o->clock;
        a->driver = o->driver;
    }
}

static int sum_blocks(const mg_array_plan *t, const mg_energy_opts *o, double period_ns, mg_energy_array *arr,
                      const net_list *l, const double *toggles, char *err, size_t errlen)
{
    for (int b = 0; b < t->n_blocks; b++) {
        const mg_enetlist *nl = &arr->nl[b];
        double *per = calloc((size_t)nl->n_nets + 1, sizeof *per);
        mg_energy_sum *acc = &arr->sum[b];
        memset(acc, 0, sizeof *acc);
        acc->nets = calloc((size_t)nl->n_nets + 1, sizeof *acc->nets);
        acc->n_nets = nl->n_nets;
        if (!per || !acc->nets) {
            free(per);
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        for (int k = 0; k < l->n_picks[b]; k++) {
            int at = l->first[b] + k * l->per[b];
            for (int i = 0, c = 0; i < nl->n_nets; i++) {
                if (nl->nets[i].drivers == 0) per[i] = 0;
                else if (nl->nets[i].clock) per[i] = 2.0;
                else per[i] = toggles[at + c++];
            }
            mg_energy_sum one;
            if (mg_energy_compute(o->lib, nl, per, period_ns * 1e-9, &one, err, errlen)) {
                free(per);
                return -1;
            }
            accumulate(acc, &one, 1.0 / (double)l->n_picks[b]);
            mg_energy_sum_free(&one);
        }
        free(per);
    }
    return 0;
}

/* The liberty beside the tile (Yosys writes cell models from it). */
static int link_liberty(const char *liberty, const char *workdir, char *err, size_t errlen)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", workdir, MG_FLOW_LIBERTY_LINK);
    char *abs = realpath(liberty, NULL);
    int rc = abs && symlink(abs, path) == 0 ? 0 : -1;
    if (rc) snprintf(err, errlen, "cannot link the liberty file into %.900s: %s", workdir, strerror(errno));
    free(abs);
    return rc;
}

/* ---- the whole run --------------------------------------------------------- */

static void fill_report(const mg_array_plan *full, const mg_array_plan *t, mg_energy_array *arr, double period_ns,
                        const mg_energy_opts *o, long warm, const net_list *l, mg_energy_report *r)
{
    snprintf(arr->top, sizeof arr->top, "%s", full->top);
    r->top = arr->top;
    r->period_ns = period_ns;
    snprintf(r->clock_from, sizeof r->clock_from, "%s",
             o->clock_ns > 0 ? "--clock" : "the slowest block's smallest period (OpenSTA), as macgen cost");
    mg_sim_describe(o->sim, o->cell_models, r->sim, sizeof r->sim);
    r->warm = warm;
    r->op = "MAC";
    r->ops_per_cycle = (double)full->rows * full->cols;
    r->is_array = true;
    char blocks[200] = "";
    if (t->n_blocks == 2)
        snprintf(blocks, sizeof blocks, "%ld PEs and %ld edge unit%s", t->blocks[0].count, t->blocks[1].count,
                 t->blocks[1].count == 1 ? "" : "s");
    else if (t->n_blocks == 1)
        snprintf(blocks, sizeof blocks, "%ld PEs", t->blocks[0].count);
    for (int b = 0; t->n_blocks > 2 && b < t->n_blocks; b++) {
        size_t at = strlen(blocks);
        snprintf(blocks + at, sizeof blocks - at, "%s%ld %s", b ? ", " : "", t->blocks[b].count, t->blocks[b].name);
    }
    char shape[40] = "1 column";
    if (t->cols > 1) snprintf(shape, sizeof shape, "%d columns", t->cols);
    snprintf(r->method, sizeof r->method,
             "%s simulated gate by gate (%d rows x %s: %s, each block's mapped netlist in the "
             "array's own wiring); each block's energy is the mean over its counted instances (all, or evenly "
             "spaced rows of a large PE), times its count in the %d x %d array; the array's valid_o delay line "
             "(%ld flip-flops) is left out%s",
             t->cols > 1 ? "one column pair" : "one column", t->rows, shape, blocks, full->rows, full->cols, full->own_flops,
             t->hbfp.boost.width ? "; the Accuracy Booster array in its 4-bit mode (boost_i = 0)" : "");
    for (int b = 0; b < t->n_blocks; b++) {
        mg_energy_block *blk = &r->blocks[r->n_blocks++];
        snprintf(blk->name, sizeof blk->name, "%s", t->blocks[b].name);
        blk->count = full->blocks[b].count;
        blk->simulated = t->blocks[b].count;
        blk->counted = l->n_picks[b];
        blk->nl = &arr->nl[b];
        blk->zero = arr->sum[b];
    }
}

int mg_energy_array_run(const char *unit, mg_kv_list *kv, const mg_energy_opts *o, const char *workdir,
                        mg_energy_array *arr, mg_energy_report *rep, char *err, size_t errlen)
{
    memset(arr, 0, sizeof *arr);
    if (o->glitch) {
        snprintf(err, errlen, "--glitch is not supported for arrays (the SDF-timed run is per netlist)");
        return -1;
    }
    mg_array_plan *full = calloc(1, sizeof *full), *t = calloc(1, sizeof *t);
    file_list *fl = calloc(1, sizeof *fl);
    net_list l = { 0 };
    double *toggles = NULL;
    int rc = -1;
    if (!full || !t || !fl) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    if (mg_array_plan_make(unit, kv, full, err, errlen)) goto out;
    if (tile_plan(unit, kv, o->tile_rows, tile_cols(full), t, err, errlen) || same_blocks(full, t, err, errlen)) goto out;
    double period = 0;
    for (int b = 0; b < t->n_blocks; b++) {
        double d = 0;
        char why[900];
        if ((rc = block_netlist(t, b, o, workdir, &arr->nl[b], &d, why, sizeof why))) {
            snprintf(err, errlen, "block %s: %s", t->blocks[b].name, why);
            goto out;
        }
        arr->n = b + 1;
        if (d > period) period = d;
    }
    if (o->clock_ns > 0) period = o->clock_ns;
    rc = -1;
    if (link_liberty(o->liberty, workdir, err, errlen) || write_tile(t, workdir, fl, err, errlen)) goto out;
    if (list_nets(t, arr, &l) || !(toggles = calloc((size_t)l.n + 1, sizeof *toggles))) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    mg_array_stim stim;
    if (mg_array_stim_init(&stim, t, o, err, errlen)) goto out;
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", workdir, MG_TB_STIM);
    rc = mg_stim_write(path, stim.bits, stim.warm + o->cycles, mg_array_stim_fill, &stim, err, errlen);
    if (rc == 0) {
        mg_tb_spec spec = { t->top, stim.ports, stim.n_ports, stim.bits, -1, (const char *const *)l.names, l.n,
                            stim.warm, o->cycles, period, MG_TB_SAMPLED, false };
        mg_energy_job j = { .workdir = workdir, .top = t->top, .lib = o->lib, .period_ns = period,
                            .cycles = o->cycles, .sim = o->sim, .cell_models = o->cell_models,
                            .timeout_s = o->timeout_s };
        rc = mg_energy_simulate(&j, &spec, fl->ptrs, fl->n, toggles, err, errlen);
    }
    long warm = stim.warm;
    mg_array_stim_free(&stim);
    if (rc == 0) rc = sum_blocks(t, o, period, arr, &l, toggles, err, errlen);
    if (rc == 0) fill_report(full, t, arr, period, o, warm, &l, rep);
out:
    for (int i = 0; i < l.n; i++) free(l.names[i]);
    free(l.names);
    free(toggles);
    free(full);
    free(t);
    free(fl);
    return rc;
}

void mg_energy_array_free(mg_energy_array *arr)
{
    for (int i = 0; i < arr->n; i++) {
        mg_enetlist_free(&arr->nl[i]);
        mg_energy_sum_free(&arr->sum[i]);
    }
    arr->n = 0;
}
