#include "mac_plan.h"

#include <stdlib.h>

#include "op_common.h"

/* One entry per (w, a): the bits of Q_prod(w*a) in bits 0..23, its flags in
 * bits 24..28 and its events in 29..31.  Four bytes keep the whole table
 * (256 KiB for 8-bit inputs) in cache; a decoded mg_exact per entry made
 * the random look-ups miss and the step 2x slower. */
typedef uint32_t product_entry;
enum { PROD_BITS_MAX = 24, FLAGS_SHIFT = 24, EVENTS_SHIFT = 29 };

struct mg_mac_plan {
    mg_mac_spec spec;
    mg_rounding rnd;
    int a_bits;
    product_entry *products; /* indexed by w << a_bits | a */
};

mg_mac_plan *mg_mac_plan_new(const mg_mac_spec *spec, const mg_rounding *rnd)
{
    int wb = mg_format_width(&spec->w), ab = mg_format_width(&spec->a);
    if (spec->fused || rnd->mode == MG_SR || wb + ab > 16 || mg_format_width(&spec->prod) > PROD_BITS_MAX)
        return NULL;
    mg_mac_plan *p = malloc(sizeof *p);
    if (!p) return NULL;
    p->products = malloc(sizeof(product_entry) << (wb + ab));
    if (!p->products) {
        free(p);
        return NULL;
    }
    p->spec = *spec;
    p->rnd = *rnd;
    p->a_bits = ab;
    for (uint64_t w = 0; w < (1ull << wb); w++) {
        for (uint64_t a = 0; a < (1ull << ab); a++) {
            unsigned flags = 0, events = 0;
            mg_bits q = mg_mac_round_product(spec, (mg_bits){ w }, (mg_bits){ a }, rnd, &flags, &events);
            p->products[w << ab | a] = (product_entry)(q.bits | flags << FLAGS_SHIFT | events << EVENTS_SHIFT);
        }
    }
    return p;
}

void mg_mac_plan_free(mg_mac_plan *plan)
{
    if (!plan) return;
    free(plan->products);
    free(plan);
}

mg_bits mg_mac_plan_step(const mg_mac_plan *plan, mg_bits w, mg_bits a, mg_bits acc, unsigned *flags,
                         unsigned *events)
{
    product_entry e = plan->products[w.bits << plan->a_bits | a.bits];
    mg_bits product = { e & ((1u << FLAGS_SHIFT) - 1) };
    *events |= e >> EVENTS_SHIFT;
    unsigned fl = (e >> FLAGS_SHIFT) & 0x1f;
    mg_bits r = mg_mac_accumulate(&plan->spec, mg_decode(&plan->spec.prod, product), acc, &plan->rnd, &fl, events);
    *flags |= fl;
    return r;
}
