/* What the energy sum needs of a liberty file: its units and operating
 * voltage, and for each cell its leakage, its pins (direction, capacitance,
 * clock) and its internal-energy tables (internal_power groups: rise_power,
 * fall_power or power, per pin and related pin).  Every unit is read from
 * the file; nothing is assumed.
 *
 * Table lookups interpolate linearly in each axis and clamp outside the
 * table to its edge rather than extrapolate: the OSU 0.18 um fall-energy
 * tables extrapolate below zero at small loads (docs/energy.md). */
#ifndef MG_LIB_POWER_H
#define MG_LIB_POWER_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { MG_AXIS_LOAD, MG_AXIS_SLEW } mg_axis_kind;

/* A lookup table of 0 (scalar), 1 or 2 dimensions, in the library's units. */
typedef struct {
    int dims;
    int n[2];
    double *index[2];
    mg_axis_kind kind[2];
    double *values;   /* row-major: index_1 outer */
} mg_lut;

/* One internal_power group: energy per transition of the pin it sits in
 * (an output: its output toggling; an input: a passive table, the input
 * toggling), for one related pin (-1: none). */
typedef struct {
    int related;
    bool has_rise, has_fall;
    mg_lut rise, fall;
} mg_pwr_arc;

typedef struct {
    char name[64];
    bool input, output;   /* inout: both */
    bool clock;           /* clock : true */
    double cap;           /* capacitance, library units */
    mg_pwr_arc *arcs;
    int n_arcs;
} mg_pwr_pin;

typedef struct {
    char name[128];
    double leakage;       /* cell_leakage_power, library units */
    bool has_leakage;
    bool sequential;      /* has an ff or latch group */
    mg_pwr_pin *pins;
    int n_pins;
} mg_pwr_cell;

typedef struct {
    char name[128];
    double time_s;        /* time_unit in seconds (1e-9 for "1ns") */
    double cap_f;         /* capacitive_load_unit in farads */
    double volt_v;        /* voltage_unit in volts */
    double leak_w;        /* leakage_power_unit in watts */
    double energy_j;      /* the internal-energy tables' unit: cap_f * volt_v^2 */
    double voltage;       /* the operating voltage in volts */
    char voltage_from[96];/* where it came from: "operating_conditions typical" */
    mg_pwr_cell *cells;
    int n_cells;
} mg_power_lib;

/* Reads (or parses) a liberty file.  -1 with one line in err: unreadable,
 * not liberty, a unit missing or unknown, no voltage, a table that does not
 * match its template, a non-number. */
int mg_power_lib_read(const char *path, mg_power_lib *lib, char *err, size_t errlen);
int mg_power_lib_parse(const char *text, mg_power_lib *lib, char *err, size_t errlen);
void mg_power_lib_free(mg_power_lib *lib);

const mg_pwr_cell *mg_power_lib_cell(const mg_power_lib *lib, const char *name);
/* The index of pin name in c, or -1. */
int mg_pwr_cell_pin(const mg_pwr_cell *c, const char *name);

/* The table at (load, slew), both in library units. */
double mg_lut_lookup(const mg_lut *t, double load, double slew);

/* "1ns", "10ps" ... into seconds; "1V", "1mV" into volts; "1nW" ... into
 * watts; (1, pf) into farads: -1 when not understood. */
int mg_lib_unit_scale(const char *text, const char *base, double *out);

#endif
