/* The hierarchical cost estimate of the systolic arrays (hbfp_array,
 * mac_array; docs/array_cost.md).  A 128 x 128 grid is far too large to
 * synthesize in one piece, and it is made of a handful of distinct blocks:
 * each distinct block (PE, edge unit) is synthesized once with the cost
 * model's fixed flow (cost_run.h) and multiplied by its instance count; the
 * array module's own registers (its valid_o delay line) are counted from
 * the RTL.  No combinational path crosses a block boundary in either array
 * (every block output is a register) except the edge units' acc chain of
 * hbfp_array pipe=0, so the depth is the deepest block's (with pipe=0, a
 * bound: groups x the edge unit's depth). */
#ifndef MG_ARRAY_COST_H
#define MG_ARRAY_COST_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"
#include "cost_report.h"
#include "rtl.h"
#include "unit.h"
#include "unit_hbfp.h"
#include "unit_mac_array.h"

#define MG_ARRAY_MAX_BLOCKS 6

/* One distinct block: a wrapper unit (core module, parameters, ports)
 * synthesized on its own, and how many instances the array holds. */
typedef struct {
    char name[16];      /* "pe", "edge" */
    mg_unit_def def;    /* core module and template list of the wrapper */
    const char *templates[2];
    mg_unit unit;
    long count;
} mg_array_block;

typedef struct mg_array_plan mg_array_plan;
/* Writes the whole array's Verilog (for --check-flat). */
typedef int (*mg_array_emit_fn)(const mg_array_plan *p, const char *dir, const char *command_line,
                                mg_rtl_output *out, char *err, size_t errlen);

struct mg_array_plan {
    char unit[16];             /* hbfp_array or mac_array */
    char canonical[512];
    char top[64];              /* the array's top module */
    int rows, cols;
    long macs_per_cycle;       /* PEs: one MAC each per cycle */
    mg_array_block blocks[MG_ARRAY_MAX_BLOCKS];
    int n_blocks;
    char array_module[32];     /* the grid module (its own registers below) */
    long own_flops;            /* the valid_o delay line */
    int depth_chain;           /* blocks a combinational path may cross (1: none) */
    mg_array_emit_fn emit_whole;
    const char *liberty;       /* a liberty file (area and timing per block), or NULL */
    double own_flop_area;      /* with a liberty: the area of one of own_flops */
    /* The unit's configuration (the one its plan function filled). */
    mg_hbfp_array_cfg hbfp;
    mg_mac_array_cfg mac;
};

/* The per-block results beside the combined report. */
typedef struct {
    mg_cost_report total;                         /* blocks merged by template name, x counts */
    mg_cost_report block[MG_ARRAY_MAX_BLOCKS];    /* one wrapper's report each */
    double seconds;                               /* wall time of the estimate */
} mg_array_estimate;

/* Configures the array (every pair of kv must be known) and lists its blocks:
 * the cost_plan hook of the unit record (unit.h). */
int mg_array_plan_make(const char *unit, mg_kv_list *kv, mg_array_plan *p, char *err, size_t errlen);
/* The cost_plan hooks (unit.h) of the two arrays. */
int mg_array_plan_hbfp_array(mg_kv_list *kv, mg_array_plan *p, char *err, size_t errlen);
int mg_array_plan_mac_array(mg_kv_list *kv, mg_array_plan *p, char *err, size_t errlen);
int mg_array_plan_mx_array(mg_kv_list *kv, mg_array_plan *p, char *err, size_t errlen); /* unit_mx.c */
/* The blocks of the hbfp_array grid (hbfp_array, mx_array), p->hbfp configured. */
int mg_array_plan_block_grid(mg_array_plan *p);
/* The Accuracy Booster array's blocks (array_plan_boost.c): PE, the two
 * join stages (or one for 6x4 PEs), the edge unit built for n=boost. */
int mg_array_plan_boost_grid(mg_array_plan *p);
/* Pieces of a plan: a new distinct block (name, its module, instances), a
 * port of its wrapper, an hbfp_array edge unit for n-bit mantissas and
 * sum_width-bit block sums (count of them; the last block of a plan is the
 * one pipe=0 chains), and the whole array's Verilog. */
mg_array_block *mg_array_new_block(mg_array_plan *p, const char *name, const char *module, long count);
void mg_array_block_port(mg_array_block *b, const char *name, mg_port_dir dir, int width);
void mg_array_edge_block(mg_array_plan *p, const char *name, int n, int sum_width, long count);
int mg_array_emit_hbfp_array(const mg_array_plan *p, const char *dir, const char *command_line, mg_rtl_output *out,
                             char *err, size_t errlen);
/* The array's report from e->block[]: flat totals and stand-alone rows x
 * counts, the array's own flops, the slowest block's timing
 * (array_combine.c).  -1 with a reason in err. */
int mg_array_combine(const mg_array_plan *p, mg_array_estimate *e, char *err, size_t errlen);
/* Synthesizes each block once and combines.  -1 with a reason in err. */
int mg_array_estimate_run(const mg_array_plan *p, mg_array_estimate *e, char *err, size_t errlen);
/* The whole array synthesized in one run of the same flow (small arrays). */
int mg_array_flat_run(const mg_array_plan *p, mg_cost_report *rep, char *err, size_t errlen);

/* `macgen cost hbfp_array|mac_array ...` (gen/cli/cmd_cost_array.c). */
int mg_array_cost_main(int argc, char **argv);

#endif
