/* The energy sum of docs/energy.md, per clock cycle:
 *   E = sum over nets  toggles x (1/2 C_net V^2)                  switching
 *     + sum over cells toggles of each output x its internal energy,
 *         the liberty's rise and fall tables averaged, looked up at the
 *         output net's load and the related input net's slew, the related
 *         inputs weighed by how often each toggled
 *     + sum over input pins with a (passive) internal-energy table:
 *         toggles x its rise and fall entries averaged, at the pin's slew
 *     + leakage power x the clock period.
 * The clock network (the nets of clock ports: their switching, and the
 * internal energy of the flip-flop clock pins on them) is kept apart.
 * Everything is joules per cycle; the caller divides by operations. */
#ifndef MG_ENERGY_SUM_H
#define MG_ENERGY_SUM_H

#include <stdbool.h>
#include <stddef.h>

#include "energy_netlist.h"
#include "lib_power.h"

typedef struct {
    double switching, internal, clock, leakage;   /* joules per cycle */
} mg_energy_parts;

static inline double mg_energy_total(const mg_energy_parts *p)
{
    return p->switching + p->internal + p->clock + p->leakage;
}

/* One net's share, per cycle. */
typedef struct {
    double toggles;        /* per cycle */
    double cap_f;          /* farads, rise and fall averaged */
    double switching_j;    /* 1/2 C V^2 x toggles */
    double internal_j;     /* its driver's output arcs + the passive tables of its load pins */
    bool clock;
    const char *driver;    /* its driving cell type, "input" (a port), or NULL (a constant) */
} mg_net_energy;

typedef struct {
    mg_energy_parts per_cycle;
    double leakage_w;      /* the cells' leakage power */
    double period_s;
    mg_net_energy *nets;   /* like the netlist's nets */
    int n_nets;
    long cells;
    long counted_nets;     /* nets that can toggle (a driver) */
} mg_energy_sum;

/* toggles[i]: net i's toggles per cycle (the caller's simulation).  -1
 * with one line in err when the netlist names a cell or pin the library
 * lacks. */
int mg_energy_compute(const mg_power_lib *lib, const mg_enetlist *nl, const double *toggles, double period_s,
                      mg_energy_sum *out, char *err, size_t errlen);
void mg_energy_sum_free(mg_energy_sum *s);

#endif
