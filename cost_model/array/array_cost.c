/* The hierarchical cost estimate of the arrays (see array_cost.h). */
#include "array_cost.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cost_run.h"
#include "fileio.h"
#include "flow.h"
#include "textfile.h"
#include "rtl_emit.h"
#include "run_tool.h"
#include "workdir.h"

#define BLOCK_TOP "array_block_top"

mg_array_block *mg_array_new_block(mg_array_plan *p, const char *name, const char *module, long count)
{
    mg_array_block *b = &p->blocks[p->n_blocks++];
    memset(b, 0, sizeof *b);
    snprintf(b->name, sizeof b->name, "%s", name);
    b->templates[0] = module;
    b->templates[1] = NULL;
    b->def.name = b->name;
    b->def.core = module;
    b->def.templates = b->templates;
    b->unit.def = &b->def;
    snprintf(b->unit.top, sizeof b->unit.top, "%s", BLOCK_TOP);
    b->count = count;
    return b;
}

void mg_array_block_port(mg_array_block *b, const char *name, mg_port_dir dir, int width)
{
    mg_port_kind kind = !strcmp(name, "clk") ? MG_PORT_CLOCK : !strcmp(name, "rst") ? MG_PORT_RESET_N : MG_PORT_INT;
    mg_unit_add_port(&b->unit, name, dir, kind, width, NULL);
}

int mg_array_emit_hbfp_array(const mg_array_plan *p, const char *dir, const char *command_line,
                           mg_rtl_output *out, char *err, size_t errlen)
{
    return mg_hbfp_array_emit(&p->hbfp, dir, command_line, out, err, errlen);
}

void mg_array_edge_block(mg_array_plan *p, const char *name, int n, int sum_width, long count)
{
    const mg_hbfp_array_cfg *c = &p->hbfp;
    const int aw = mg_format_width(&c->acc);
    mg_array_block *edge = mg_array_new_block(p, name, "mg_hbfp_edge", count);
    snprintf(edge->unit.canonical, sizeof edge->unit.canonical, "array block edge");
    mg_array_block_port(edge, "clk", MG_PORT_IN, 1);
    mg_array_block_port(edge, "rst", MG_PORT_IN, 1);
    mg_array_block_port(edge, "load_e", MG_PORT_IN, 1);
    mg_array_block_port(edge, "eb", MG_PORT_IN, 8);
    mg_array_block_port(edge, "eb", MG_PORT_OUT, 8);
    mg_array_block_port(edge, "ea", MG_PORT_IN, 8);
    mg_array_block_port(edge, "ea", MG_PORT_OUT, 8);
    mg_array_block_port(edge, "en", MG_PORT_IN, 1);
    mg_array_block_port(edge, "en", MG_PORT_OUT, 1);
    mg_array_block_port(edge, "psum", MG_PORT_IN, sum_width + c->mx.spec_bits);
    mg_array_block_port(edge, "acc", MG_PORT_IN, aw);
    mg_array_block_port(edge, "flags", MG_PORT_IN, 5);
    mg_array_block_port(edge, "acc", MG_PORT_OUT, aw);
    mg_array_block_port(edge, "flags", MG_PORT_OUT, 5);
    const mg_format *f = &c->acc;
    mg_unit_add_param(&edge->unit, "N", n);
    mg_unit_add_param(&edge->unit, "SumWidth", sum_width);
    mg_unit_add_param(&edge->unit, "ExpBits", f->exp_bits);
    mg_unit_add_param(&edge->unit, "FracBits", f->frac_bits);
    mg_unit_add_param(&edge->unit, "Bias", f->bias);
    mg_unit_add_param(&edge->unit, "Specials",
                      f->specials == MG_SPECIALS_IEEE ? 0 : f->specials == MG_SPECIALS_FN ? 1 : 2);
    mg_unit_add_param(&edge->unit, "Sub", f->subnormals ? 1 : 0);
    mg_unit_add_param(&edge->unit, "Pipe", c->pipe);
    mg_unit_add_param(&edge->unit, "ExpWidth", c->exp_width);
    if (c->mx.on) { /* E8M0 scales */
        mg_unit_add_param(&edge->unit, "ScaleE8M0", 1);
        mg_unit_add_param(&edge->unit, "ExpOffset", c->mx.exp_offset);
        mg_unit_add_param(&edge->unit, "SpecBits", c->mx.spec_bits);
    }
}

int mg_array_plan_block_grid(mg_array_plan *p)
{
    p->emit_whole = mg_array_emit_hbfp_array;
    const mg_hbfp_array_cfg *c = &p->hbfp;
    mg_array_block *pe = mg_array_new_block(p, "pe", "mg_hbfp_pe", (long)c->rows * c->cols);
    snprintf(pe->unit.canonical, sizeof pe->unit.canonical, "array block pe");
    mg_array_block_port(pe, "clk", MG_PORT_IN, 1);
    mg_array_block_port(pe, "rst", MG_PORT_IN, 1);
    mg_array_block_port(pe, "load", MG_PORT_IN, 1);
    mg_array_block_port(pe, "w", MG_PORT_IN, c->n);
    mg_array_block_port(pe, "w", MG_PORT_OUT, c->n);
    mg_array_block_port(pe, "a", MG_PORT_IN, c->n);
    mg_array_block_port(pe, "a", MG_PORT_OUT, c->n);
    mg_array_block_port(pe, "psum", MG_PORT_IN, c->sum_width + c->mx.spec_bits);
    mg_array_block_port(pe, "psum", MG_PORT_OUT, c->sum_width + c->mx.spec_bits);
    mg_unit_add_param(&pe->unit, "N", c->n);
    mg_unit_add_param(&pe->unit, "SumWidth", c->sum_width);
    if (c->mx.on) { /* MX PEs: the element format, Inf/NaN bits beside the sum */
        mg_unit_add_param(&pe->unit, "ElemExp", c->mx.elem_exp);
        mg_unit_add_param(&pe->unit, "ElemFrac", c->mx.elem_frac);
        mg_unit_add_param(&pe->unit, "ElemSpecials", c->mx.elem_specials);
        mg_unit_add_param(&pe->unit, "MagWidth", c->mx.mag_width);
        mg_unit_add_param(&pe->unit, "SpecBits", c->mx.spec_bits);
    }

    mg_array_edge_block(p, "edge", c->n, c->sum_width, (long)c->groups * c->cols);

    snprintf(p->array_module, sizeof p->array_module, "mg_hbfp_array");
    /* mg_hbfp_array's valid delay line (mg_valid_delay): Lat + Cols - 1
     * flip-flops, nothing else. */
    p->own_flops = mg_hbfp_array_latency(c) + c->cols - 1;
    /* pipe=0: the acc chain runs through every group's edge unit in one cycle. */
    p->depth_chain = c->pipe == 0 ? c->groups : 1;
    p->rows = c->rows;
    p->cols = c->cols;
    snprintf(p->canonical, sizeof p->canonical, "%s", c->canonical);
    snprintf(p->top, sizeof p->top, "%s", c->top);
    return 0;
}

static int emit_mac_array(const mg_array_plan *p, const char *dir, const char *command_line,
                          mg_rtl_output *out, char *err, size_t errlen)
{
    return mg_mac_array_emit(&p->mac, dir, command_line, out, err, errlen);
}

int mg_array_plan_hbfp_array(mg_kv_list *kv, mg_array_plan *p, char *err, size_t errlen)
{
    if (mg_hbfp_array_configure(&p->hbfp, kv, err, errlen)) return -1;
    return p->hbfp.boost.width ? mg_array_plan_boost_grid(p) : mg_array_plan_block_grid(p);
}

int mg_array_plan_mac_array(mg_kv_list *kv, mg_array_plan *p, char *err, size_t errlen)
{
    if (mg_mac_array_configure(&p->mac, kv, err, errlen)) return -1;
    p->emit_whole = emit_mac_array;
    const mg_mac_array_cfg *c = &p->mac;
    const int ww = mg_format_width(mg_unit_format(&c->mac, "w")), aw = mg_format_width(mg_unit_format(&c->mac, "a"));
    const int cw = mg_format_width(mg_unit_format(&c->mac, "acc"));
    mg_array_block *pe = mg_array_new_block(p, "pe", "mg_mac_array_pe", (long)c->rows * c->cols);
    pe->unit.area = c->mac.area; /* arch=: the PE's blocks as the whole array emits them */
    snprintf(pe->unit.canonical, sizeof pe->unit.canonical, "array block pe");
    mg_array_block_port(pe, "clk", MG_PORT_IN, 1);
    mg_array_block_port(pe, "rst", MG_PORT_IN, 1);
    mg_array_block_port(pe, "load", MG_PORT_IN, 1);
    mg_array_block_port(pe, "w", MG_PORT_IN, ww);
    mg_array_block_port(pe, "w", MG_PORT_OUT, ww);
    mg_array_block_port(pe, "a", MG_PORT_IN, aw);
    mg_array_block_port(pe, "a", MG_PORT_OUT, aw);
    mg_array_block_port(pe, "psum", MG_PORT_IN, cw);
    mg_array_block_port(pe, "flags", MG_PORT_IN, 5);
    mg_array_block_port(pe, "events", MG_PORT_IN, 3);
    mg_array_block_port(pe, "psum", MG_PORT_OUT, cw);
    mg_array_block_port(pe, "flags", MG_PORT_OUT, 5);
    mg_array_block_port(pe, "events", MG_PORT_OUT, 3);
    mg_param params[MG_UNIT_MAX_PARAMS];
    int n = mg_mac_array_pe_params(c, params, MG_UNIT_MAX_PARAMS);
    for (int i = 0; i < n; i++) mg_unit_add_param(&pe->unit, params[i].name, params[i].value);
    snprintf(p->array_module, sizeof p->array_module, "mg_mac_array");
    p->own_flops = mg_mac_array_latency(c) + c->cols - 1;
    p->depth_chain = 1;
    p->rows = c->rows;
    p->cols = c->cols;
    snprintf(p->canonical, sizeof p->canonical, "%s", c->canonical);
    snprintf(p->top, sizeof p->top, "%s", c->top);
    return 0;
}

int mg_array_plan_make(const char *unit, mg_kv_list *kv, mg_array_plan *p, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    snprintf(p->unit, sizeof p->unit, "%s", unit);
    const mg_unit_def *def = mg_unit_find(unit);
    if (!def || !def->cost_plan) {
        snprintf(err, errlen, "'%s' is not an array unit (see macgen cost --help)", unit);
        return -1;
    }
    if (def->cost_plan(kv, p, err, errlen)) return -1;
    p->macs_per_cycle = (long)p->rows * p->cols;
    return 0;
}

/* An optional cache of block reports (MACGEN_ARRAY_CACHE=DIR; make report
 * sets it so that the 16x16 and 64x64 arrays share their blocks' runs),
 * keyed by every emitted file and the flow text.  The report is a plain
 * struct, stored as bytes: a cache for one build of macgen, not a format. */
static int cache_path(const mg_rtl_output *out, const char *p_liberty, char *path, size_t len)
{
    const char *dir = getenv("MACGEN_ARRAY_CACHE");
    if (!dir || !dir[0]) return -1;
    uint64_t h = 1469598103934665603ull;
    const char *flow = mg_flow_text(p_liberty != NULL);
    for (const char *q = flow; *q; q++) h = (h ^ (unsigned char)*q) * 1099511628211ull;
    for (const char *q = p_liberty ? p_liberty : ""; *q; q++) h = (h ^ (unsigned char)*q) * 1099511628211ull;
    h ^= sizeof(mg_cost_report);
    for (size_t i = 0; i < out->n_files; i++) {
        char *text = NULL, why[256];
        size_t n = 0;
        if (mg_read_text_file(out->files[i], &text, &n, why, sizeof why)) return -1;
        for (size_t k = 0; k < n; k++) h = (h ^ (unsigned char)text[k]) * 1099511628211ull;
        free(text);
    }
    snprintf(path, len, "%s/block-%016llx.bin", dir, (unsigned long long)h);
    return 0;
}

static int cache_read(const char *path, mg_cost_report *rep)
{
    char why[16];
    FILE *fp = mg_open_regular(path, why, sizeof why);
    if (!fp) return -1;
    int ok = fread(rep, sizeof *rep, 1, fp) == 1 && fgetc(fp) == EOF;
    fclose(fp);
    return ok ? 0 : -1;
}

static void cache_write(const char *path, const mg_cost_report *rep)
{
    char err[256], dir[4400];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    if (mg_make_dirs(dir, err, sizeof err)) return;
    mg_atomic_file af;
    if (mg_atomic_open(&af, path, err, sizeof err)) return;
    if (fwrite(rep, sizeof *rep, 1, af.fp) != 1) mg_atomic_abort(&af);
    else mg_atomic_commit(&af, err, sizeof err);
}

static int emit_whole(const mg_array_plan *p, int index, const char *dir, mg_rtl_output *out, char *err,
                      size_t errlen);

/* Emits `emit`'s Verilog into a fresh work directory and runs the flow. */
typedef int (*emit_fn)(const mg_array_plan *p, int index, const char *dir, mg_rtl_output *out, char *err,
                       size_t errlen);

static int synthesize(const mg_array_plan *p, int index, emit_fn emit, mg_cost_report *rep, char *err,
                      size_t errlen)
{
    char work[4096], rtl[4200];
    if (mg_workdir_create("array-cost", work, sizeof work, err, errlen)) return -1;
    snprintf(rtl, sizeof rtl, "%s/rtl", work);
    mg_rtl_output *out = calloc(1, sizeof *out);
    int rc = -1;
    if (!out) {
        snprintf(err, errlen, "out of memory");
    } else if (emit(p, index, rtl, out, err, errlen) == 0) {
        char files[MG_RTL_MAX_FILES][64];
        const char *ptrs[MG_RTL_MAX_FILES];
        for (size_t i = 0; i < out->n_files; i++) {
            const char *base = strrchr(out->files[i], '/');
            snprintf(files[i], sizeof files[i], "rtl/%s", base ? base + 1 : out->files[i]);
            ptrs[i] = files[i];
        }
        /* The whole array (--check-flat) needs only the flat totals. */
        bool whole = emit == emit_whole;
        mg_cost_input in = { .workdir = work, .top = out->top, .files = ptrs,
                             .n_files = out->n_files, .liberty = whole ? NULL : p->liberty,
                             .timeout_s = mg_tool_default_timeout(),
                             .timing = !whole && p->liberty != NULL, .flat_only = whole };
        char cached[4400] = "";
        if (cache_path(out, p->liberty, cached, sizeof cached) == 0 && cache_read(cached, rep) == 0) {
            rc = 0;
        } else {
            rc = mg_cost_run(&in, rep, err, errlen);
            if (rc == 0 && cached[0]) cache_write(cached, rep);
        }
    }
    free(out);
    mg_workdir_remove(work);
    return rc;
}

static int emit_block(const mg_array_plan *p, int index, const char *dir, mg_rtl_output *out, char *err,
                      size_t errlen)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "macgen cost %s (block %s, synthesized once)", p->canonical, p->blocks[index].name);
    return mg_rtl_emit_unit(&p->blocks[index].unit, dir, cmd, out, err, errlen);
}

static int emit_whole(const mg_array_plan *p, int index, const char *dir, mg_rtl_output *out, char *err,
                      size_t errlen)
{
    (void)index;
    char cmd[700];
    snprintf(cmd, sizeof cmd, "macgen cost %s --check-flat", p->canonical);
    return p->emit_whole(p, dir, cmd, out, err, errlen);
}


int mg_array_estimate_run(const mg_array_plan *p, mg_array_estimate *e, char *err, size_t errlen)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    memset(e, 0, sizeof *e);
    for (int i = 0; i < p->n_blocks; i++) {
        char why[900];
        int rc = synthesize(p, i, emit_block, &e->block[i], why, sizeof why);
        if (rc) {
            snprintf(err, errlen, "block %s: %s", p->blocks[i].name, why);
            return rc; /* MG_FAIL_TOOL when Yosys failed */
        }
    }
    if (mg_array_combine(p, e, err, errlen)) return -1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    e->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    return 0;
}

int mg_array_flat_run(const mg_array_plan *p, mg_cost_report *rep, char *err, size_t errlen)
{
    return synthesize(p, 0, emit_whole, rep, err, errlen);
}
