#include "mac_plan.h"

#include <stdlib.h>

#include "op_common.h"

typedef struct {
    mg_exact product; /* Q_prod(w*a), decoded */
    uint8_t flags;
    uint8_t events;
} product_entry;

struct mg_mac_plan {
    mg_mac_spec spec;
    mg_rounding rnd;
    int a_bits;
    product_entry *products; /* indexed by w << a_bits | a */
};

mg_mac_plan *mg_mac_plan_new(const mg_mac_spec *spec, const mg_rounding *rnd)
{
    int wb = mg_format_width(&spec->w), ab = mg_format_width(&spec->a);
    if (spec->fused || rnd->mode == MG_SR || wb + ab > 16) return NULL;
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
            product_entry *e = &p->products[w << ab | a];
            unsigned flags = 0, events = 0;
            mg_exact ops[2] = { mg_decode(&spec->w, (mg_bits){ w }), mg_decode(&spec->a, (mg_bits){ a }) };
            mg_exact exact = mg_any_nan(ops, 2, &flags) ? mg_invalid_result(&(unsigned){ 0 })
                                                        : mg_mul_specials(ops[0], ops[1], &flags);
            mg_bits q = mg_round_pack(&spec->prod, exact, rnd, &flags);
            e->product = mg_decode(&spec->prod, q);
            if (exact.cls == MG_CLASS_FINITE && e->product.cls == MG_CLASS_ZERO) events |= MG_EVENT_UNDERFLOW;
            e->flags = (uint8_t)flags;
            e->events = (uint8_t)events;
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
    const product_entry *e = &plan->products[w.bits << plan->a_bits | a.bits];
    *events |= e->events;
    unsigned fl = e->flags;
    mg_bits r = mg_mac_accumulate(&plan->spec, e->product, acc, &plan->rnd, &fl, events);
    *flags |= fl;
    return r;
}
