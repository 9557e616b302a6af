/* What `macgen energy` reports: the energy per operation split into
 * switching, internal, clock network and leakage, the operations per joule,
 * the activity it came from, and per block (a unit: one; an array: its PE
 * and edge units, each averaged over the instances simulated and scaled by
 * its count) the nets with their toggles per cycle. */
#ifndef MG_ENERGY_REPORT_H
#define MG_ENERGY_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "energy_netlist.h"
#include "energy_sum.h"

/* An array's distinct blocks (array_cost.h's MG_ARRAY_MAX_BLOCKS: the
 * Accuracy Booster array has five). */
#define MG_ENERGY_MAX_BLOCKS 6

typedef struct {
    char name[16];              /* "unit", "pe", "edge" */
    long count;                 /* instances in the design */
    long simulated;             /* instances simulated */
    long counted;               /* of which the toggles were counted */
    const mg_enetlist *nl;
    mg_energy_sum zero;         /* one instance, per cycle: the simulated ones' mean */
    mg_energy_sum timed;        /* the same from the SDF-timed run */
} mg_energy_block;

typedef struct {
    const char *unit;           /* "mac", or "netlist" / "verilog" */
    const char *params;         /* "w=lba8 a=lba8 acc=lba12 round=rtz" */
    const char *top;
    char liberty[256];          /* file name */
    double voltage;
    char voltage_from[96];
    double period_ns;
    char clock_from[160];       /* "the unit's critical path (OpenSTA)", "--clock" */
    char sim[160];              /* simulator and cell models */
    char vectors[160];
    uint64_t seed;
    long cycles, warm;
    long dot_length;            /* 0: no accumulator restart */
    bool feedback;
    const char *op;             /* "MAC" or "operation" */
    double ops_per_cycle;
    bool is_array;
    char method[1024];          /* how an array's figure is made */
    mg_energy_block blocks[MG_ENERGY_MAX_BLOCKS];
    int n_blocks;
    bool has_timed;
    double seconds;
} mg_energy_report;

/* Joules per operation, zero-delay (timed = false) or SDF-timed. */
mg_energy_parts mg_energy_report_per_op(const mg_energy_report *r, bool timed);
/* The mean toggles per cycle over the nets that can toggle, all blocks. */
double mg_energy_report_activity(const mg_energy_report *r, bool timed);

void mg_energy_print_table(FILE *out, const mg_energy_report *r);
/* -1 when out of memory. */
int mg_energy_write_json(FILE *out, const mg_energy_report *r);
void mg_energy_write_csv(FILE *out, const mg_energy_report *r);

#endif
