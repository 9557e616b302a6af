/* Runs the toggle-counting testbench (energy_tb.h) with a simulator, in a
 * work directory that holds it, the stimulus and the netlist:
 *  - Icarus Verilog (iverilog + vvp): the library's own Verilog cell models
 *    (osu018_stdcells.v for --tech osu018) or, without them, models that
 *    Yosys writes from the liberty's cell functions; with `specify`, the
 *    models' specify blocks and an SDF file set the delays (-gspecify -Tmax);
 *  - Verilator: the Yosys-written models (it rejects the library's UDPs).
 * Every tool runs from an argument list through run_tool.h. */
#ifndef MG_ENERGY_SIM_H
#define MG_ENERGY_SIM_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { MG_SIM_ICARUS, MG_SIM_VERILATOR } mg_sim_kind;

#define MG_SIM_YOSYS_MODELS "cells_sim.v"

typedef struct {
    const char *workdir;
    mg_sim_kind sim;
    const char *cell_models;     /* Icarus: the library's Verilog models (absolute path), NULL: Yosys's */
    const char *const *files;    /* the design's Verilog files, relative to workdir */
    int n_files;
    bool specify;                /* Icarus: -gspecify -Tmax (an SDF-timed run) */
    unsigned timeout_s;
} mg_sim_job;

/* Compiles and runs; the counts are then in workdir/MG_TB_COUNTS.  0, or
 * MG_FAIL_TOOL with one line in err (the tool missing, failing, timing
 * out; its last error line when it printed one). */
int mg_sim_run(const mg_sim_job *j, char *err, size_t errlen);

/* The name and version of the simulator, for the report ("Icarus Verilog
 * 11.0"). */
void mg_sim_describe(mg_sim_kind sim, const char *cell_models, char *out, size_t len);

#endif
