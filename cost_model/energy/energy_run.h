/* One energy measurement of one mapped netlist (docs/energy.md): OpenSTA
 * reads the nets' capacitances and slews (energy_netlist.h), macgen writes
 * the operand streams (energy_stim.h) and the testbench (energy_tb.h), a
 * simulator counts the toggles (energy_sim.h), and the sum (energy_sum.h)
 * turns them into joules per cycle: zero-delay, and with `glitch` also
 * SDF-timed (OpenSTA's delays, Icarus with the library's models). */
#ifndef MG_ENERGY_RUN_H
#define MG_ENERGY_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "energy_netlist.h"
#include "energy_sim.h"
#include "energy_stim.h"
#include "energy_tb.h"
#include "energy_sum.h"
#include "lib_power.h"
#include "unit.h"

/* The largest --cycles: a stimulus line per cycle is kept on disk, and the
 * Icarus run of the lba12 MAC takes about 1 ms a cycle. */
#define MG_ENERGY_CYCLES_MAX 1000000L

typedef struct {
    const char *workdir;       /* absolute; holds MG_FLOW_NETLIST and MG_FLOW_LIBERTY_LINK */
    const char *top;
    const mg_power_lib *lib;
    double period_ns;          /* the clock: leakage per cycle, SDF-timed runs */
    double output_load;        /* on every output, library capacitance units */
    long cycles;               /* counted cycles */
    mg_sim_kind sim;
    const char *cell_models;   /* Icarus: the library's Verilog models, NULL: Yosys's */
    bool glitch;               /* also an SDF-timed run */
    unsigned timeout_s;
    /* The stimulus: a unit's port table (NULL: every input of the netlist
     * is data bits, names ending in _ni are active-low resets). */
    const mg_unit *unit;
    mg_vectors *vec;
    uint64_t seed;
    long dot_length;           /* the accumulator restarts every K cycles (0: never) */
} mg_energy_job;

typedef struct {
    mg_enetlist nl;
    mg_energy_sum zero;        /* zero-delay toggles */
    mg_energy_sum timed;       /* SDF-timed toggles (glitch) */
    bool has_timed;
    long warm;                 /* cycles before counting (reset, pipeline fill) */
    bool clocked;
    bool feedback;             /* an accumulator input fed from its output */
    double sim_seconds;
    char sim_desc[160];
} mg_energy_result;

/* The options of `macgen energy`, for units and arrays alike. */
typedef struct {
    const char *liberty;       /* the liberty file */
    const mg_power_lib *lib;
    const char *cell_models;   /* Icarus's cell models, NULL: Yosys's */
    mg_sim_kind sim;
    bool glitch;
    long cycles;
    double clock_ns;           /* 0: the design's smallest period (OpenSTA) */
    double output_load;        /* library capacitance units */
    mg_vectors *vec;
    uint64_t seed;
    long dot_length;
    unsigned timeout_s;
    int tile_rows;             /* arrays: rows of the simulated column (0: all) */
} mg_energy_opts;

/* 0; -1 bad input (err says what), MG_FAIL_TOOL (a tool), MG_FAIL_IO. */
int mg_energy_run(const mg_energy_job *j, mg_energy_result *r, char *err, size_t errlen);
void mg_energy_result_free(mg_energy_result *r);

/* Counts toggles of the nets listed in spec (energy_tb.h) with the
 * simulator of j, in j->workdir where stim.hex is written: toggles[i] per
 * cycle.  Shared by single units and array tiles. */
int mg_energy_simulate(const mg_energy_job *j, const mg_tb_spec *spec, const char *const *files, int n_files,
                       double *toggles, char *err, size_t errlen);

#endif
