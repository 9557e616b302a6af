/* Runs the fixed Yosys flow (flow.h) on Verilog files and reads its results
 * into a report. */
#ifndef MG_COST_RUN_H
#define MG_COST_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "cost_report.h"

typedef struct {
    const char *workdir;          /* holds the Verilog; the flow's files go here */
    const char *top;              /* top module */
    const char *const *files;     /* Verilog files, relative to workdir */
    size_t n_files;
    const char *liberty;          /* a liberty file, or NULL for gates only */
    unsigned timeout_s;           /* each tool's time limit (run_tool.h); 0: none */
    bool timing;                  /* with a liberty: time the netlist with OpenSTA */
    bool flat_only;               /* no liberty, no hierarchy-kept run: totals only, the
                                     blocks are the flat design's glue and registers */
} mg_cost_input;

/* Returns 0 with rep filled; MG_FAIL_TOOL (cli.h) with one line in err when
 * Yosys or OpenSTA is missing, fails (its error line), times out or writes
 * results that do not parse or make no sense; -1 for bad input (an
 * unreadable liberty file, an invalid module or file name).  With a liberty
 * the mapped flat netlist is left in workdir/MG_FLOW_NETLIST (flow.h). */
int mg_cost_run(const mg_cost_input *in, mg_cost_report *rep, char *err, size_t errlen);

#endif
