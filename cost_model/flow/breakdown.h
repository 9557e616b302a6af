/* Rolls Yosys' per-module statistics up the hierarchy into the report:
 * a module instantiated n times counts n times, the template modules
 * (mg_round, $paramod\mg_round\W=.. alike) merge by base name, and the top
 * wrapper's own cells become the rows "glue" (logic) and "registers". */
#ifndef MG_BREAKDOWN_H
#define MG_BREAKDOWN_H

#include <stddef.h>

#include "cost_report.h"
#include "liberty.h"
#include "yosys_stat.h"

/* Fills top, blocks, gates, inverters, flops, other_cells, transistors and
 * cells of rep from the generic-gate netlist statistics. */
int mg_cost_breakdown(const mg_ys_design *d, const char *top, mg_cost_report *rep, char *err,
                      size_t errlen);

/* Fills the area of every block, the total area and lib_cells from the
 * liberty-mapped statistics (module areas attached by mg_ys_read_areas);
 * blocks must already exist (mg_cost_breakdown first). */
int mg_cost_breakdown_liberty(const mg_ys_design *d, const mg_liberty *lib, const char *top,
                              mg_cost_report *rep, char *err, size_t errlen);

#endif
