/* Energy per MAC of the systolic arrays (mac_array, hbfp_array, mx_array;
 * docs/energy.md).  Simulating a 64 x 64 array gate by gate is out of
 * reach, and every column of a weight-stationary array sees the same kind
 * of data, so one column is simulated: the array's own RTL with cols=1 (and
 * --tile-rows rows, default all), each PE and edge unit replaced by its
 * mapped netlist (the block the cost model synthesizes once, array_cost.h),
 * wired exactly as in the array, fed a load of weights and then one
 * wavefront a cycle on the documented schedule.  Each block's energy is the
 * mean over its simulated instances, scaled by its count in the whole array
 * (rows x cols PEs, groups x cols edge units) and divided by rows x cols
 * MACs a cycle.  The array's valid_o delay line is left out. */
#ifndef MG_ENERGY_ARRAY_H
#define MG_ENERGY_ARRAY_H

#include <stddef.h>

#include "cli.h"
#include "energy_report.h"
#include "energy_run.h"

/* What the report's blocks point into. */
typedef struct {
    mg_enetlist nl[MG_ENERGY_MAX_BLOCKS];
    mg_energy_sum sum[MG_ENERGY_MAX_BLOCKS];
    int n;
    char top[64];
} mg_energy_array;

/* Fills rep (its blocks point into arr).  0; -1 bad input; MG_FAIL_TOOL. */
int mg_energy_array_run(const char *unit, mg_kv_list *kv, const mg_energy_opts *o, const char *workdir,
                        mg_energy_array *arr, mg_energy_report *rep, char *err, size_t errlen);
void mg_energy_array_free(mg_energy_array *arr);

#endif
