/* A MAC step with its product rounding precomputed.
 *
 * For narrow inputs (w and a together at most 16 bits) and a deterministic
 * rounding mode, Q_prod(w*a) takes at most 2^16 values: the plan tabulates
 * them once with mg_mac's own code path (the one rounding routine), so a step
 * is a table look-up plus the accumulator addition.  It gives exactly
 * mg_mac's results, flags and events; it exists because verification and
 * dot products run hundreds of millions of steps. */
#ifndef MG_MAC_PLAN_H
#define MG_MAC_PLAN_H

#include "ops.h"

typedef struct mg_mac_plan mg_mac_plan;

/* NULL when the spec does not qualify (fused, stochastic rounding, inputs
 * wider than 16 bits together) or memory is short: use mg_mac then. */
mg_mac_plan *mg_mac_plan_new(const mg_mac_spec *spec, const mg_rounding *rnd);
void mg_mac_plan_free(mg_mac_plan *plan);

mg_bits mg_mac_plan_step(const mg_mac_plan *plan, mg_bits w, mg_bits a, mg_bits acc, unsigned *flags,
                         unsigned *events);

#endif
