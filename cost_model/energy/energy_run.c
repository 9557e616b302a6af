#include "energy_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "energy_tb.h"
#include "flow.h"

/* ---- ports: what drives each input ------------------------------------- */

typedef struct {
    mg_tb_port tb[MG_STIM_MAX_PORTS];
    int n_tb;
    mg_unit_stim stim;
    int stim_bits;
    bool clocked, feedback;
} port_plan;

static const mg_port *unit_port(const mg_unit *u, const char *pin, bool input)
{
    for (int i = 0; u && i < u->n_ports; i++) {
        char name[64];
        mg_port_pin(&u->ports[i], name, sizeof name);
        if (!strcmp(name, pin) && (u->ports[i].dir == MG_PORT_IN) == input) return &u->ports[i];
    }
    return NULL;
}

/* The stimulus role of a unit's input port. */
static mg_sp_role role_of(const mg_port *p)
{
    switch (p->kind) {
    case MG_PORT_FLOAT: return MG_SP_FLOAT;
    case MG_PORT_INT: return MG_SP_INT;
    case MG_PORT_RESET_N: return MG_SP_RESET_N;
    case MG_PORT_ENABLE: return MG_SP_ENABLE;
    case MG_PORT_CLEAR: return MG_SP_CLEAR;
    case MG_PORT_LAST: return MG_SP_LAST;
    default: return MG_SP_BITS;
    }
}

/* The accumulator fed back as in use: input acc_i takes output res_o of
 * the same format (the combinational and pipelined MACs). */
static bool is_feedback(const mg_unit *u, const mg_port *in)
{
    const mg_port *out = unit_port(u, "res_o", false);
    return u && in->kind == MG_PORT_FLOAT && !strcmp(in->name, "acc") && out && out->kind == MG_PORT_FLOAT &&
           !strcmp(out->fmt, in->fmt) && out->width == in->width;
}

static int add_tb_port(port_plan *pp, const mg_eport *e, mg_tbp_role role, char *err, size_t errlen)
{
    if (pp->n_tb == MG_STIM_MAX_PORTS) {
        snprintf(err, errlen, "the netlist has more than %d ports", MG_STIM_MAX_PORTS);
        return -1;
    }
    mg_tb_port *t = &pp->tb[pp->n_tb++];
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", e->name);
    t->width = e->bus ? e->msb - e->lsb + 1 : 1;
    t->role = role;
    t->feedback_from = -1;
    return 0;
}

static int plan_ports(const mg_energy_job *j, const mg_enetlist *nl, port_plan *pp, char *err, size_t errlen)
{
    memset(pp, 0, sizeof *pp);
    pp->stim.clear_bit = -1;
    for (int i = 0; i < nl->n_ports; i++) {
        const mg_eport *e = &nl->ports[i];
        if (!e->input) {
            if (add_tb_port(pp, e, MG_TBP_OUTPUT, err, errlen)) return -1;
            continue;
        }
        if (e->clock) {
            pp->clocked = true;
            if (add_tb_port(pp, e, MG_TBP_CLOCK, err, errlen)) return -1;
            continue;
        }
        const mg_port *up = unit_port(j->unit, e->name, true);
        if (j->unit && !up) {
            snprintf(err, errlen, "the netlist's input %s is not a port of the unit", e->name);
            return -1;
        }
        bool fb = up && is_feedback(j->unit, up);
        if (add_tb_port(pp, e, fb ? MG_TBP_FEEDBACK : MG_TBP_STIM, err, errlen)) return -1;
        mg_tb_port *t = &pp->tb[pp->n_tb - 1];
        if (fb) {
            pp->feedback = true;
            continue;
        }
        if (t->width > 64) {
            snprintf(err, errlen, "input %s is %d bits wide (at most 64 per port)", e->name, t->width);
            return -1;
        }
        mg_stim_port *sp = &pp->stim.ports[pp->stim.n_ports++];
        memset(sp, 0, sizeof *sp);
        sp->lsb = t->stim_lsb = pp->stim_bits;
        sp->width = t->width;
        size_t nl_len = strlen(e->name);
        bool reset_n = nl_len > 3 && !strcmp(e->name + nl_len - 3, "_ni");
        sp->role = up ? role_of(up) : reset_n ? MG_SP_RESET_N : MG_SP_BITS;
        if (sp->role == MG_SP_FLOAT) sp->fmt = *mg_unit_format(j->unit, up->fmt);
        if (sp->role == MG_SP_RESET_N) pp->stim.reset_cycles = 2;
        pp->stim_bits += t->width;
    }
    /* Feedback ports: from res_o; the clear bit ends the line. */
    for (int i = 0; i < pp->n_tb; i++) {
        if (pp->tb[i].role != MG_TBP_FEEDBACK) continue;
        for (int k = 0; k < pp->n_tb; k++)
            if (pp->tb[k].role == MG_TBP_OUTPUT && !strcmp(pp->tb[k].name, "res_o")) pp->tb[i].feedback_from = k;
        if (pp->tb[i].feedback_from < 0) {
            snprintf(err, errlen, "the netlist has no output res_o to feed back");
            return -1;
        }
        pp->stim.clear_bit = pp->stim_bits;
    }
    if (pp->stim.clear_bit >= 0) pp->stim_bits++;
    if (pp->stim_bits == 0) pp->stim_bits = 1;   /* a design without data inputs: a dummy bit */
    return 0;
}

/* ---- simulation ------------------------------------------------------- */

int mg_energy_simulate(const mg_energy_job *j, const mg_tb_spec *spec, const char *const *files, int n_files,
                       double *toggles, char *err, size_t errlen)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", j->workdir, MG_TB_FILE);
    if (mg_tb_write(path, spec, err, errlen) != 0) return -1;
    snprintf(path, sizeof path, "%s/%s", j->workdir, MG_TB_TOP_FILE);
    if (mg_tb_write_icarus_top(path, spec->period_ns, err, errlen) != 0) return -1;
    bool timed = spec->mode == MG_TB_EVENTS && spec->sdf;
    mg_sim_job sj = { j->workdir, timed ? MG_SIM_ICARUS : j->sim, j->cell_models, files, n_files, timed,
                      j->timeout_s };
    snprintf(path, sizeof path, "%s/%s", j->workdir, MG_TB_COUNTS);
    remove(path);
    int rc = mg_sim_run(&sj, err, errlen);
    if (rc != 0) return rc;
    uint64_t *counts = calloc((size_t)spec->n_nets, sizeof *counts);
    if (!counts) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    rc = mg_tb_read_counts(path, spec, counts, err, errlen);
    for (int i = 0; rc == 0 && i < spec->n_nets; i++) toggles[i] = (double)counts[i] / (double)spec->cycles;
    free(counts);
    return rc == 0 ? 0 : MG_FAIL_TOOL;
}

/* The nets the testbench counts: every net with a driver; in a sampled run
 * not the clock nets (two toggles a cycle by construction). */
static int counted_nets(const mg_enetlist *nl, bool sampled, const char ***names, int **index)
{
    *names = calloc((size_t)nl->n_nets + 1, sizeof **names);
    *index = calloc((size_t)nl->n_nets + 1, sizeof **index);
    if (!*names || !*index) return -1;
    int n = 0;
    for (int i = 0; i < nl->n_nets; i++) {
        const mg_enet *e = &nl->nets[i];
        if (e->drivers == 0 || (sampled && e->clock)) continue;
        (*names)[n] = e->name;
        (*index)[n++] = i;
    }
    return n;
}

static int measure(const mg_energy_job *j, const mg_energy_result *r, const port_plan *pp, mg_tb_mode mode,
                   mg_energy_sum *sum, char *err, size_t errlen)
{
    const char **names = NULL;
    int *index = NULL;
    double *toggles = calloc((size_t)r->nl.n_nets + 1, sizeof *toggles);
    double *per_net = calloc((size_t)r->nl.n_nets + 1, sizeof *per_net);
    int n = counted_nets(&r->nl, mode == MG_TB_SAMPLED, &names, &index), rc = -1;
    if (!toggles || !per_net || n < 0) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    if (n == 0) {
        snprintf(err, errlen, "the netlist has no net that can toggle");
        goto out;
    }
    mg_tb_spec spec = { j->top, pp->tb, pp->n_tb, pp->stim_bits, pp->stim.clear_bit, names, n, r->warm, j->cycles,
                        j->period_ns, mode, mode == MG_TB_EVENTS };
    const char *files[] = { MG_FLOW_NETLIST };
    rc = mg_energy_simulate(j, &spec, files, 1, toggles, err, errlen);
    if (rc != 0) goto out;
    for (int i = 0; i < r->nl.n_nets; i++) per_net[i] = mode == MG_TB_SAMPLED && r->nl.nets[i].clock ? 2.0 : 0.0;
    for (int i = 0; i < n; i++) per_net[index[i]] = toggles[i];
    rc = mg_energy_compute(j->lib, &r->nl, per_net, j->period_ns * 1e-9, sum, err, errlen);
out:
    free(names);
    free(index);
    free(toggles);
    free(per_net);
    return rc;
}

int mg_energy_run(const mg_energy_job *j, mg_energy_result *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    mg_enet_options eo = { j->top, j->period_ns, j->output_load, j->glitch };
    int rc = mg_enetlist_run(j->workdir, &eo, j->timeout_s, &r->nl, err, errlen);
    if (rc != 0) return rc;
    port_plan *pp = calloc(1, sizeof *pp);
    if (!pp) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    rc = plan_ports(j, &r->nl, pp, err, errlen);
    if (rc == 0) {
        r->clocked = pp->clocked;
        r->feedback = pp->feedback;
        r->warm = pp->stim.reset_cycles + (j->unit ? j->unit->pipe : 0) + 2;
        /* A pipelined MAC's result is undefined until its pipeline fills:
         * its accumulator input stays +0 until then, or X would circulate. */
        pp->stim.hold_cycles = r->warm;
        pp->stim.vec = j->vec;
        pp->stim.dot_length = j->dot_length;
        mg_rng_seed(&pp->stim.rng, j->seed, 0x656e65726779ull, 0);   /* "energy" */
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", j->workdir, MG_TB_STIM);
        rc = mg_stim_write(path, pp->stim_bits, r->warm + j->cycles, mg_unit_stim_fill, &pp->stim, err, errlen);
    }
    if (rc == 0) rc = measure(j, r, pp, MG_TB_SAMPLED, &r->zero, err, errlen);
    if (rc == 0 && j->glitch) {
        rc = measure(j, r, pp, MG_TB_EVENTS, &r->timed, err, errlen);
        r->has_timed = rc == 0;
    }
    free(pp);
    mg_sim_describe(j->sim, j->cell_models, r->sim_desc, sizeof r->sim_desc);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    r->sim_seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    if (rc != 0) mg_energy_result_free(r);
    return rc;
}

void mg_energy_result_free(mg_energy_result *r)
{
    mg_enetlist_free(&r->nl);
    mg_energy_sum_free(&r->zero);
    mg_energy_sum_free(&r->timed);
}
