/* Combining the blocks' reports into the array's (see array_cost.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array_cost.h"

/* A reset flip-flop as the cost model weighs it (cell_class.c: Yosys leaves
 * $_DFF_PN0_ uncosted; macgen counts its 16-transistor DFF plus 4). */
#define RESET_FLOP_TRANSISTORS 20
#define RESET_FLOP_CELL "$_DFF_PN0_"

static mg_cost_block *find_or_add(mg_cost_report *r, const char *name)
{
    for (size_t i = 0; i < r->n_blocks; i++)
        if (!strcmp(r->blocks[i].name, name)) return &r->blocks[i];
    if (r->n_blocks == MG_COST_MAX_BLOCKS) return NULL;
    mg_cost_block *b = &r->blocks[r->n_blocks++];
    memset(b, 0, sizeof *b);
    snprintf(b->name, sizeof b->name, "%s", name);
    return b;
}

static int add_cells(mg_cost_report *r, const char *type, long count)
{
    for (size_t i = 0; i < r->n_cells; i++) {
        if (!strcmp(r->cells[i].type, type)) {
            r->cells[i].count += count;
            return 0;
        }
    }
    if (r->n_cells == MG_COST_MAX_CELL_TYPES) return -1;
    snprintf(r->cells[r->n_cells].type, sizeof r->cells[0].type, "%s", type);
    r->cells[r->n_cells++].count = count;
    return 0;
}

static int compare_blocks(const void *a, const void *b)
{
    const mg_cost_block *x = a, *y = b;
    int rx = mg_cost_block_rank(x->name), ry = mg_cost_block_rank(y->name);
    return rx != ry ? (rx < ry ? -1 : 1) : strcmp(x->name, y->name);
}

static int compare_cells(const void *a, const void *b)
{
    return strcmp(((const mg_cost_cell_count *)a)->type, ((const mg_cost_cell_count *)b)->type);
}

/* The worst block's timing: every block output is a register, so the
 * array's period is its slowest block's (times depth_chain for the last
 * block when a combinational chain crosses it). */
static void combine_timing(const mg_array_plan *p, mg_array_estimate *e)
{
    mg_cost_report *t = &e->total;
    for (int i = 0; i < p->n_blocks; i++) {
        const mg_cost_report *r = &e->block[i];
        if (!r->has_timing) return;
        double d = r->delay_ns * (i == p->n_blocks - 1 ? p->depth_chain : 1);
        if (d <= t->delay_ns) continue;
        t->has_timing = true;
        t->clocked = r->clocked;
        t->delay_ns = d;
        snprintf(t->path_start, sizeof t->path_start, "%s: %.140s", p->blocks[i].name, r->path_start);
        snprintf(t->path_end, sizeof t->path_end, "%s: %.140s", p->blocks[i].name, r->path_end);
    }
}

/* Adds count x one block's report into the total: its stand-alone rows
 * into the breakdown, its flat totals into the headline figures. */
static int add_block(mg_cost_report *t, const mg_cost_report *r, long n)
{
    for (size_t j = 0; j < r->n_blocks; j++) {
        const mg_cost_block *s = &r->blocks[j];
        mg_cost_block *d = find_or_add(t, s->name);
        if (!d) return -1;
        d->instances += s->instances * n;
        d->gates += s->gates * n;
        d->inverters += s->inverters * n;
        d->flops += s->flops * n;
        d->other_cells += s->other_cells * n;
        d->transistors += s->transistors * n;
    }
    for (size_t j = 0; j < r->n_cells; j++)
        if (add_cells(t, r->cells[j].type, r->cells[j].count * n)) return -1;
    t->gates += r->gates * n;
    t->inverters += r->inverters * n;
    t->flops += r->flops * n;
    t->other_cells += r->other_cells * n;
    t->transistors += r->transistors * n;
    t->yosys_transistors += r->yosys_transistors * n;
    t->transistors_estimate |= r->transistors_estimate;
    t->area += r->area * (double)n;
    return 0;
}

/* total = sum over blocks of count x report, plus the array's own flops. */
int mg_array_combine(const mg_array_plan *p, mg_array_estimate *e, char *err, size_t errlen)
{
    mg_cost_report *t = &e->total;
    memset(t, 0, sizeof *t);
    const mg_cost_report *b0 = &e->block[0];
    snprintf(t->top, sizeof t->top, "%s", p->top);
    snprintf(t->yosys_version, sizeof t->yosys_version, "%s", b0->yosys_version);
    snprintf(t->flow_hash, sizeof t->flow_hash, "%s", b0->flow_hash);
    t->has_liberty = b0->has_liberty;
    memcpy(t->liberty_name, b0->liberty_name, sizeof t->liberty_name);
    memcpy(t->nand2_cell, b0->nand2_cell, sizeof t->nand2_cell);
    t->nand2_area = b0->nand2_area;
    for (int i = 0; i < p->n_blocks; i++) {
        const mg_cost_report *r = &e->block[i];
        if (add_block(t, r, p->blocks[i].count)) goto too_many;
        long depth = r->depth * (i == p->n_blocks - 1 ? p->depth_chain : 1);
        if (depth > t->depth) t->depth = depth;
    }
    mg_cost_block *own = find_or_add(t, p->array_module);
    if (!own) goto too_many;
    own->instances = 1;
    own->flops = p->own_flops;
    own->transistors = p->own_flops * RESET_FLOP_TRANSISTORS;
    t->flops += own->flops;
    t->transistors += own->transistors;
    t->area += (double)p->own_flops * p->own_flop_area;
    if (p->own_flops) {
        if (add_cells(t, RESET_FLOP_CELL, p->own_flops)) goto too_many;
        t->transistors_estimate = true;
    }
    qsort(t->blocks, t->n_blocks, sizeof t->blocks[0], compare_blocks);
    qsort(t->cells, t->n_cells, sizeof t->cells[0], compare_cells);
    mg_cost_block *s = &t->block_sum;
    snprintf(s->name, sizeof s->name, "blocks");
    s->instances = 1;
    for (size_t i = 0; i < t->n_blocks; i++) {
        const mg_cost_block *b = &t->blocks[i];
        s->gates += b->gates;
        s->inverters += b->inverters;
        s->flops += b->flops;
        s->other_cells += b->other_cells;
        s->transistors += b->transistors;
    }
    combine_timing(p, e);
    return 0;
too_many:
    snprintf(err, errlen, "too many distinct blocks or cell types to combine");
    return -1;
}
