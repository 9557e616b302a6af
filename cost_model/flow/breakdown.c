#include "breakdown.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cell_class.h"

/* Blocks in datapath order; anything else follows alphabetically, then the
 * top wrapper's rows. */
static const struct {
    const char *name;
    const char *role;
} known_blocks[] = {
    { "mg_unpack", "unpack (fields, hidden bit, class)" },
    { "mg_mul_sig", "significand multiplier" },
    { "mg_fmul_front", "exact half of a multiplication (exponent add)" },
    { "mg_fmul", "multiply wrapper" },
    { "mg_align", "aligner (shift with sticky)" },
    { "mg_add_sig", "significand adder" },
    { "mg_lzc", "leading-zero count" },
    { "mg_normalize", "normaliser (left shift)" },
    { "mg_fadd_core", "adder core (compare, swap, signs)" },
    { "mg_fadd", "add wrapper (subnormal prep)" },
    { "mg_round", "rounder" },
    { "mg_pack", "pack (overflow, specials)" },
    { "mg_events", "LBA event flags" },
    { "mg_fadd_front", "exact half of an addition" },
    { "mg_round_pack", "rounding and packing" },
    { "mg_fmac", "MAC wrapper (flags, product path)" },
    { "mg_pipe_reg", "pipeline registers" },
    { "mg_fmac_acc", "clocked accumulator" },
    { "mg_imac", "integer MAC" },
    { "mg_imac_acc", "clocked integer accumulator" },
    { "mg_dot", "chunked dot-product control" },
    { "mg_hbfp_quant", "HBFP converter (shared exponent)" },
    { "mg_hbfp_quant_exp", "HBFP block exponent (max tree)" },
    { "mg_hbfp_quant_elem", "HBFP element (shift, round, clamp)" },
    { "mg_hbfp_pe", "HBFP processing element" },
    { "mg_hbfp_edge", "HBFP edge unit (convert, accumulate)" },
    { "mg_hbfp_array", "HBFP array glue" },
    { "mg_hbfp_edge_add", "edge unit's accumulation" },
    { "mg_hbfp_boost_pe", "6x4 boost PE" },
    { "mg_hbfp_boost_join", "boost join (digits to a sum)" },
    { "mg_hbfp_boost_edge", "boost edge unit (sign, magnitude)" },
    { "mg_hbfp_boost_array", "boost array glue" },
    { "mg_mac_array_pe", "float MAC processing element" },
    { "mg_mac_array", "MAC array glue" },
    { "mg_valid_delay", "array valid delay line" },
};
static const char glue_block[] = "glue";
static const char registers_block[] = "registers";

const char *mg_cost_block_role(const char *name)
{
    for (size_t i = 0; i < sizeof known_blocks / sizeof known_blocks[0]; i++)
        if (!strcmp(known_blocks[i].name, name)) return known_blocks[i].role;
    if (!strcmp(name, glue_block)) return "top wrapper logic";
    if (!strcmp(name, registers_block)) return "top wrapper flip-flops";
    return "";
}

int mg_cost_block_rank(const char *name)
{
    for (size_t i = 0; i < sizeof known_blocks / sizeof known_blocks[0]; i++)
        if (!strcmp(known_blocks[i].name, name)) return (int)i;
    if (!strcmp(name, glue_block)) return 1000;
    if (!strcmp(name, registers_block)) return 1001;
    return 100;
}

static int compare_blocks(const void *a, const void *b)
{
    const mg_cost_block *x = a, *y = b;
    int rx = mg_cost_block_rank(x->name), ry = mg_cost_block_rank(y->name);
    if (rx != ry) return rx < ry ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int compare_cells(const void *a, const void *b)
{
    const mg_cost_cell_count *x = a, *y = b;
    return strcmp(x->type, y->type);
}

static mg_cost_block *find_block(mg_cost_report *rep, const char *name, char *err, size_t errlen)
{
    for (size_t i = 0; i < rep->n_blocks; i++)
        if (!strcmp(rep->blocks[i].name, name)) return &rep->blocks[i];
    if (rep->n_blocks == MG_COST_MAX_BLOCKS) {
        snprintf(err, errlen, "more than %d distinct building blocks", MG_COST_MAX_BLOCKS);
        return NULL;
    }
    mg_cost_block *b = &rep->blocks[rep->n_blocks++];
    memset(b, 0, sizeof *b);
    snprintf(b->name, sizeof b->name, "%s", name);
    return b;
}

static int add_cells(mg_cost_cell_count *list, size_t *n, const char *type, long count, char *err,
                     size_t errlen)
{
    for (size_t i = 0; i < *n; i++) {
        if (!strcmp(list[i].type, type)) {
            list[i].count += count;
            return 0;
        }
    }
    if (*n == MG_COST_MAX_CELL_TYPES) {
        snprintf(err, errlen, "more than %d cell types", MG_COST_MAX_CELL_TYPES);
        return -1;
    }
    snprintf(list[*n].type, sizeof list[*n].type, "%s", type);
    list[*n].count = count;
    (*n)++;
    return 0;
}

static const mg_ys_module *find_top(const mg_ys_design *d, const char *top)
{
    char name[160];
    snprintf(name, sizeof name, "\\%s", top);
    return mg_ys_find(d, name);
}

/* Calls visit(module, multiplicity) for top and, recursively, every module
 * instantiated below it. */
typedef int (*visit_fn)(const mg_ys_module *m, long mult, bool is_top, void *ctx, char *err,
                        size_t errlen);

static int walk(const mg_ys_design *d, const mg_ys_module *m, long mult, bool is_top, int level,
                visit_fn visit, void *ctx, char *err, size_t errlen)
{
    if (level > 64) {
        snprintf(err, errlen, "module hierarchy deeper than 64 levels");
        return -1;
    }
    if (visit(m, mult, is_top, ctx, err, errlen) != 0) return -1;
    for (size_t i = 0; i < m->n_cells; i++) {
        const mg_ys_module *sub = mg_ys_find_instance(d, m->cells[i].type);
        if (sub && walk(d, sub, mult * m->cells[i].count, false, level + 1, visit, ctx, err, errlen) != 0)
            return -1;
    }
    return 0;
}

typedef struct {
    const mg_ys_design *d;
    mg_cost_report *rep;
} generic_ctx;

static int visit_generic(const mg_ys_module *m, long mult, bool is_top, void *vctx, char *err,
                         size_t errlen)
{
    generic_ctx *ctx = vctx;
    char base[128];
    mg_ys_base_name(m->name, base, sizeof base);
    mg_cost_block *logic = find_block(ctx->rep, is_top ? glue_block : base, err, errlen);
    if (!logic) return -1;
    mg_cost_block *regs = logic;
    if (is_top && !(regs = find_block(ctx->rep, registers_block, err, errlen))) return -1;
    logic->instances += mult;
    if (is_top) regs->instances += mult;
    for (size_t i = 0; i < m->n_cells; i++) {
        const mg_ys_cell *c = &m->cells[i];
        if (mg_ys_find_instance(ctx->d, c->type)) continue;   /* an instance: its own visit */
        long n = c->count * mult;
        mg_cell_class cls = mg_cell_classify(c->type);
        mg_cost_block *b = cls.kind == MG_CELL_FLOP ? regs : logic;
        switch (cls.kind) {
        case MG_CELL_GATE2: b->gates += n; break;
        case MG_CELL_INV: b->gates += n; b->inverters += n; break;
        case MG_CELL_FLOP: b->flops += n; break;
        case MG_CELL_OTHER: b->other_cells += n; break;
        }
        b->transistors += n * cls.transistors;
        if (add_cells(ctx->rep->cells, &ctx->rep->n_cells, c->type, n, err, errlen) != 0) return -1;
    }
    return 0;
}

int mg_cost_breakdown(const mg_ys_design *d, const char *top, mg_cost_report *rep, char *err,
                      size_t errlen)
{
    const mg_ys_module *t = find_top(d, top);
    if (!t) {
        snprintf(err, errlen, "Yosys statistics have no module %s", top);
        return -1;
    }
    snprintf(rep->top, sizeof rep->top, "%s", top);
    rep->n_blocks = rep->n_cells = 0;
    generic_ctx ctx = { d, rep };
    if (walk(d, t, 1, true, 0, visit_generic, &ctx, err, errlen) != 0) return -1;
    /* A purely combinational top has no "registers" row, a top that only
     * wires blocks together no "glue" row. */
    size_t kept = 0;
    for (size_t i = 0; i < rep->n_blocks; i++) {
        const mg_cost_block *b = &rep->blocks[i];
        bool empty = b->gates == 0 && b->flops == 0 && b->other_cells == 0;
        bool wrapper = !strcmp(b->name, glue_block) || !strcmp(b->name, registers_block);
        if (!(empty && wrapper)) rep->blocks[kept++] = *b;
    }
    rep->n_blocks = kept;
    qsort(rep->blocks, rep->n_blocks, sizeof rep->blocks[0], compare_blocks);
    qsort(rep->cells, rep->n_cells, sizeof rep->cells[0], compare_cells);
    rep->gates = rep->inverters = rep->flops = rep->other_cells = rep->transistors = 0;
    for (size_t i = 0; i < rep->n_blocks; i++) {
        const mg_cost_block *b = &rep->blocks[i];
        rep->gates += b->gates;
        rep->inverters += b->inverters;
        rep->flops += b->flops;
        rep->other_cells += b->other_cells;
        rep->transistors += b->transistors;
    }
    return 0;
}

typedef struct {
    const mg_ys_design *d;
    const mg_liberty *lib;
    mg_cost_report *rep;
} liberty_ctx;

static int visit_liberty(const mg_ys_module *m, long mult, bool is_top, void *vctx, char *err,
                         size_t errlen)
{
    liberty_ctx *ctx = vctx;
    char base[128];
    mg_ys_base_name(m->name, base, sizeof base);
    double seq_area = 0;
    for (size_t i = 0; i < m->n_cells; i++) {
        const mg_ys_cell *c = &m->cells[i];
        if (mg_ys_find_instance(ctx->d, c->type)) continue;
        const mg_lib_cell *lc = mg_liberty_find(ctx->lib, c->type);
        if (lc && lc->sequential) seq_area += lc->area * (double)c->count;
        if (add_cells(ctx->rep->lib_cells, &ctx->rep->n_lib_cells, c->type, c->count * mult, err,
                      errlen) != 0)
            return -1;
    }
    /* Yosys' module area is its own cells only (instances have no area). */
    double parts[2] = { m->area, 0.0 };
    const char *names[2] = { base, NULL };
    if (is_top) {
        parts[0] = m->area - seq_area;
        parts[1] = seq_area;
        names[0] = glue_block;
        names[1] = registers_block;
    }
    for (int i = 0; i < 2; i++) {
        if (!names[i] || (is_top && parts[i] <= 0)) continue;
        mg_cost_block *b = find_block(ctx->rep, names[i], err, errlen);
        if (!b) return -1;
        if (b->instances == 0) b->instances = mult;
        b->area += parts[i] * (double)mult;
    }
    return 0;
}

int mg_cost_breakdown_liberty(const mg_ys_design *d, const mg_liberty *lib, const char *top,
                              mg_cost_report *rep, char *err, size_t errlen)
{
    const mg_ys_module *t = find_top(d, top);
    if (!t) {
        snprintf(err, errlen, "Yosys liberty statistics have no module %s", top);
        return -1;
    }
    size_t blocks_before = rep->n_blocks;
    rep->n_lib_cells = 0;
    liberty_ctx ctx = { d, lib, rep };
    if (walk(d, t, 1, true, 0, visit_liberty, &ctx, err, errlen) != 0) return -1;
    if (rep->n_blocks != blocks_before)
        qsort(rep->blocks, rep->n_blocks, sizeof rep->blocks[0], compare_blocks);
    qsort(rep->lib_cells, rep->n_lib_cells, sizeof rep->lib_cells[0], compare_cells);
    rep->area = 0;
    for (size_t i = 0; i < rep->n_blocks; i++) rep->area += rep->blocks[i].area;
    rep->has_liberty = true;
    return 0;
}
