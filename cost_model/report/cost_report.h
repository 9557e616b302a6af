/* One cost report: what `macgen cost` prints, and writes as JSON and CSV. */
#ifndef MG_COST_REPORT_H
#define MG_COST_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#define MG_COST_MAX_BLOCKS 40
#define MG_COST_MAX_CELL_TYPES 48

typedef struct {
    char type[160];
    long count;
} mg_cost_cell_count;

/* One building block: every instance of the template modules with one base
 * name (mg_round, mg_align, ...), or the top wrapper's own logic ("glue")
 * and flip-flops ("registers"). */
typedef struct {
    char name[128];
    long instances;
    long gates;          /* 2-input gates + inverters */
    long inverters;
    long flops;
    long other_cells;    /* cells of no known kind (none after the flow) */
    long transistors;    /* by macgen's weights (cell_class.h) */
    double area;         /* liberty runs only: cell area, library units */
} mg_cost_block;

/* The headline figures (gates ... depth, area, timing) come from a flat
 * synthesis of the whole unit; the blocks from a hierarchy-kept one, each
 * block's stand-alone cost (no logic shared across its boundary), so they
 * sum to block_sum, not to the flat total. */
typedef struct {
    char top[128];
    char yosys_version[128];   /* "0.23 (git sha1 7ce5011c24b)" */
    char flow_hash[17];        /* FNV-1a 64 of the flow text, hex */
    long gates, inverters, flops, other_cells;
    long depth;                /* gate levels on the longest path */
    long transistors;          /* macgen's weights; equals Yosys' when exact */
    long yosys_transistors;    /* Yosys' own `stat -tech cmos` figure */
    bool transistors_estimate; /* Yosys printed '+': some cell had no cost */
    mg_cost_cell_count cells[MG_COST_MAX_CELL_TYPES];  /* design-wide, by type */
    size_t n_cells;
    mg_cost_block blocks[MG_COST_MAX_BLOCKS];
    size_t n_blocks;
    mg_cost_block block_sum;   /* the blocks' sum (name "blocks") */

    bool has_liberty;
    char liberty_name[256];    /* file name without directories */
    char nand2_cell[128];
    double nand2_area;
    double area;               /* total cell area */
    mg_cost_cell_count lib_cells[MG_COST_MAX_CELL_TYPES];
    size_t n_lib_cells;

    /* OpenSTA on the liberty-mapped flat netlist (sta.h). */
    bool has_timing;
    bool clocked;              /* period (register paths) rather than in->out delay */
    double delay_ns;           /* critical path, or the smallest period meeting setup */
    char path_start[160], path_end[160];
} mg_cost_report;

/* NAND2 equivalents: transistors / 4. */
static inline double mg_cost_nand2_eq(long transistors) { return (double)transistors / 4.0; }
/* Gate equivalents of a liberty area: area / the library's NAND2 area. */
static inline double mg_cost_gate_eq(const mg_cost_report *r, double area)
{
    return r->nand2_area > 0 ? area / r->nand2_area : 0.0;
}

static inline double mg_cost_fmax_mhz(const mg_cost_report *r)
{
    return r->has_timing && r->delay_ns > 0 ? 1000.0 / r->delay_ns : 0.0;
}

/* Where a block goes in tables: datapath order (unpack, multiplier, ...,
 * pack), other blocks, then glue and registers. */
int mg_cost_block_rank(const char *name);

/* What a block is, in words ("rounder"), or "" for unknown names. */
const char *mg_cost_block_role(const char *name);

#endif
