/* Composite units: the ones with their own parameter struct, top wrapper and
 * Verilator driver (hbfp_array, hbfp_quant, mac_array) instead of the scalar
 * port table of unit.h.  Each binds in ONE place, its entry in the composite
 * table (unit_composite_table.c), beside the unit table of the simple units
 * (unit_table.c): `macgen rtl`, `verify` and `cost` look a unit up in the two
 * tables and never name one. */
#ifndef MG_UNIT_COMPOSITE_H
#define MG_UNIT_COMPOSITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "rtl.h"

struct mg_array_plan;

typedef struct {
    const char *name;
    const char *summary; /* one line, for the unit lists of --help */
    const char *usage;   /* its parameter block in 'macgen rtl --help' */
    /* mg_rtl_emit for this unit (same contract as rtl.h). */
    int (*emit)(mg_kv_list *kv, const char *outdir, const char *command_line, mg_rtl_output *out,
                char *err, size_t errlen);
    /* `macgen verify UNIT ...` (argv[0] "verify"; the unit is the first
     * positional argument); returns an exit status (MG_EXIT_*). */
    int (*verify)(int argc, char **argv);
    /* The hierarchical cost plan of an array (array_cost.h): configures the
     * unit from kv and lists its blocks.  NULL: `macgen cost` synthesizes the
     * unit in one piece, as it does a simple unit. */
    int (*cost_plan)(mg_kv_list *kv, struct mg_array_plan *p, char *err, size_t errlen);
} mg_composite_def;

const mg_composite_def *mg_composite_find(const char *name);
const mg_composite_def *const *mg_composite_all(size_t *count);

/* Prints every unit, simple then composite, one "  name  summary" line each,
 * for the --help of the commands.  note (may be NULL) returns a suffix for a
 * composite unit's line, or NULL for none. */
void mg_units_print_list(FILE *out, const char *(*note)(const mg_composite_def *def));

#endif
