#include "energy_sum.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The mean of an arc's rise and fall energy (a missing one counts as 0:
 * that direction costs nothing) at (load, slew), library units. */
static double arc_mean(const mg_pwr_arc *a, double load, double slew)
{
    double e = 0;
    if (a->has_rise) e += mg_lut_lookup(&a->rise, load, slew);
    if (a->has_fall) e += mg_lut_lookup(&a->fall, load, slew);
    return e / 2;
}

typedef struct {
    const mg_power_lib *lib;
    const mg_enetlist *nl;
    const double *toggles;
    mg_energy_sum *out;
} sum_ctx;

static double net_load(const sum_ctx *x, int net)
{
    if (net < 0) return 0;
    const mg_enet *e = &x->nl->nets[net];
    return (e->cap_r + e->cap_f) / 2 / x->lib->cap_f;
}

static double net_slew(const sum_ctx *x, int net)
{
    if (net < 0) return 0;
    const mg_enet *e = &x->nl->nets[net];
    return (e->slew_r + e->slew_f) / 2 / x->lib->time_s;
}

static double net_toggles(const sum_ctx *x, int net)
{
    return net < 0 ? 0 : x->toggles[net];
}

/* Internal energy per output toggle of pin p (library units): each related
 * input's arcs averaged (state-dependent groups), the inputs weighed by
 * their toggles (equally when none toggled). */
static double output_energy(const sum_ctx *x, const mg_pwr_cell *c, const mg_pwr_pin *p, const int *pin_net,
                            int out_net)
{
    const double load = net_load(x, out_net);
    double sum = 0, weight = 0, equal = 0, plain = 0;
    int n_related = 0, n_plain = 0;
    for (int r = -1; r < c->n_pins; r++) {
        double e = 0;
        int n = 0;
        for (int a = 0; a < p->n_arcs; a++) {
            if (p->arcs[a].related != r) continue;
            e += arc_mean(&p->arcs[a], load, net_slew(x, r >= 0 ? pin_net[r] : -1));
            n++;
        }
        if (n == 0) continue;
        e /= n;
        if (r < 0) {
            plain += e;
            n_plain++;
            continue;
        }
        double w = net_toggles(x, pin_net[r]);
        sum += w * e;
        weight += w;
        equal += e;
        n_related++;
    }
    double related = weight > 0 ? sum / weight : n_related ? equal / n_related : 0;
    return related + (n_plain ? plain / n_plain : 0);
}

/* An input pin's passive tables, per toggle of its net. */
static double input_energy(const sum_ctx *x, const mg_pwr_pin *p, int net)
{
    double e = 0;
    for (int a = 0; a < p->n_arcs; a++) e += arc_mean(&p->arcs[a], 0, net_slew(x, net));
    return p->n_arcs ? e / p->n_arcs : 0;
}

static int add_instance(sum_ctx *x, const mg_einst *in, char *err, size_t errlen)
{
    const mg_pwr_cell *c = mg_power_lib_cell(x->lib, in->cell);
    if (!c) {
        snprintf(err, errlen, "cell %.60s (instance %.60s) is not in the liberty file", in->cell, in->name);
        return -1;
    }
    int pin_net[64];
    if (c->n_pins > 64) {
        snprintf(err, errlen, "cell %.60s has more than 64 pins", c->name);
        return -1;
    }
    for (int i = 0; i < c->n_pins; i++) pin_net[i] = -1;
    for (int k = 0; k < in->n_pins; k++) {
        const mg_epin *ep = &x->nl->pins[in->first_pin + k];
        int i = mg_pwr_cell_pin(c, ep->pin);
        if (i < 0) {
            snprintf(err, errlen, "cell %.60s has no pin %.30s in the liberty file", c->name, ep->pin);
            return -1;
        }
        pin_net[i] = ep->net;
    }
    mg_energy_sum *o = x->out;
    o->leakage_w += c->leakage * x->lib->leak_w;
    o->cells++;
    for (int i = 0; i < c->n_pins; i++) {
        const mg_pwr_pin *p = &c->pins[i];
        int net = pin_net[i];
        if (p->output && net >= 0) o->nets[net].driver = in->cell;
        if (p->n_arcs == 0 || net < 0 || net_toggles(x, net) == 0) continue;
        double per_toggle = p->output ? output_energy(x, c, p, pin_net, net) : input_energy(x, p, net);
        double e = per_toggle * x->lib->energy_j * net_toggles(x, net);
        o->nets[net].internal_j += e;
        if (!p->output && p->clock) o->per_cycle.clock += e;
        else o->per_cycle.internal += e;
    }
    return 0;
}

int mg_energy_compute(const mg_power_lib *lib, const mg_enetlist *nl, const double *toggles, double period_s,
                      mg_energy_sum *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->nets = calloc((size_t)(nl->n_nets ? nl->n_nets : 1), sizeof *out->nets);
    if (!out->nets) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    out->n_nets = nl->n_nets;
    out->period_s = period_s;
    sum_ctx x = { lib, nl, toggles, out };
    const double v2 = lib->voltage * lib->voltage;
    for (int i = 0; i < nl->n_nets; i++) {
        const mg_enet *e = &nl->nets[i];
        mg_net_energy *ne = &out->nets[i];
        ne->toggles = toggles[i];
        ne->cap_f = (e->cap_r + e->cap_f) / 2;
        ne->switching_j = toggles[i] * 0.5 * ne->cap_f * v2;
        ne->clock = e->clock;
        ne->driver = e->drivers > 0 ? "input" : NULL;   /* a cell output overrides it below */
        if (e->clock) out->per_cycle.clock += ne->switching_j;
        else out->per_cycle.switching += ne->switching_j;
        out->counted_nets += e->drivers > 0;
    }
    for (int i = 0; i < nl->n_insts; i++) {
        if (add_instance(&x, &nl->insts[i], err, errlen) != 0) {
            mg_energy_sum_free(out);
            return -1;
        }
    }
    out->per_cycle.leakage = out->leakage_w * period_s;
    return 0;
}

void mg_energy_sum_free(mg_energy_sum *s)
{
    free(s->nets);
    s->nets = NULL;
    s->n_nets = 0;
}
