/* Random step sequences for clocked units (pipe=N, acc_reg=1, dot).
 *
 * Sequence j (j = 0, 1, ...) has a length of 1 to MG_VERIFY_MAX_SEQ steps and
 * its own rates of enables, clears, mid-sequence resets and vector ends, all
 * drawn from (seed, j); step s of it from (seed, j, s).  So the run does not
 * depend on the thread split.  A thread runs `lanes` sequences side by side
 * in one Verilated model (one per lane), for as many cycles as the longest;
 * a lane whose sequence has ended idles (enables low) and is not compared.
 * The first cycle of every sequence asserts the reset (units that have one).
 * After each rising edge every output of every lane is compared with the
 * unit's lane model (mg_unit_def.step). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify_sim.h"

typedef struct {
    const mg_unit *u;
    const mg_verify_options *opt;
    const mg_verify_sim_api *api;
    mg_verify_ports p;
    uint64_t n_seq;
    atomic_ullong next_batch;
    mg_verify_shared sh;
} seq_ctx;

/* The character of one sequence. */
typedef struct {
    uint64_t hash;
    uint32_t len;
    unsigned en_in8;       /* enable in r&7 < en_in8 of the cycles */
    unsigned clear_in256;  /* clear rate */
    unsigned reset_in1024; /* mid-sequence reset rate */
    uint32_t vec_len;      /* last_i with probability 1/vec_len */
} seq_shape;

static seq_shape shape_of(const seq_ctx *c, uint64_t j)
{
    seq_shape sh;
    uint64_t h = mg_splitmix(c->opt->seed ^ mg_splitmix(j ^ 0x5e9u));
    static const uint32_t len_range[4] = { 16, 256, MG_VERIFY_MAX_SEQ, MG_VERIFY_MAX_SEQ };
    static const unsigned en_rates[4] = { 8, 7, 4, 1 };
    static const unsigned clear_rates[4] = { 0, 1, 8, 64 };
    long unit_chunk = mg_unit_has_param(c->u, "chunk") ? mg_unit_int(c->u, "chunk") : 0;
    uint32_t chunk = unit_chunk > 0 ? (uint32_t)unit_chunk : 16;
    sh.hash = h;
    sh.len = 1 + (uint32_t)((h >> 8) % len_range[h & 3]);
    sh.en_in8 = en_rates[(h >> 32) & 3];
    sh.clear_in256 = clear_rates[(h >> 34) & 3];
    sh.reset_in1024 = (h >> 36) & 1;
    uint32_t vec_ranges[4] = { 3, 2 * chunk + 2, 64, 1024 };
    sh.vec_len = 1 + (uint32_t)((h >> 40) % vec_ranges[(h >> 38) & 3]);
    return sh;
}

/* Inputs of step s of a sequence; idle: the lane has finished its sequence. */
static void make_step(const seq_ctx *c, const seq_shape *sh, uint32_t s, bool idle, uint64_t *in)
{
    uint64_t r = mg_splitmix(sh->hash + 0x9e3779b97f4a7c15ull * ((uint64_t)s + 1));
    for (int k = 0; k < c->p.n_in; k++) {
        const mg_port *p = c->p.in_ports[k];
        uint64_t r1 = mg_splitmix(r + 2 * (uint64_t)k + 1), r2 = mg_splitmix(r + 2 * (uint64_t)k + 2);
        switch (p->kind) {
        case MG_PORT_RESET_N:
            in[k] = idle ? 1 : s == 0 ? 0 : (r1 % 1024) >= sh->reset_in1024;
            break;
        case MG_PORT_ENABLE:
            in[k] = !idle && (r1 & 7) < sh->en_in8;
            break;
        case MG_PORT_CLEAR:
            in[k] = !idle && (r1 & 255) < sh->clear_in256;
            break;
        case MG_PORT_LAST:
            in[k] = !idle && (r1 % sh->vec_len) == 0;
            break;
        default:
            /* Data: one value in four a corner case, as for vectors. */
            if ((r1 & 3) == 0 && p->kind != MG_PORT_RANDOM)
                in[k] = c->p.corner_vals[k][(r1 >> 2) % c->p.n_corner_vals[k]];
            else
                in[k] = r2 & mg_mask64(p->width);
        }
    }
}

static void *worker(void *arg)
{
    seq_ctx *c = arg;
    const mg_unit *u = c->u;
    int L = c->opt->lanes;
    int iw = c->api->in_words(), ow = c->api->out_words();
    uint32_t *inw = calloc((size_t)iw, 4), *outw = calloc((size_t)ow, 4);
    uint64_t(*ins)[MG_UNIT_MAX_PORTS] = calloc((size_t)L, sizeof *ins);
    seq_shape *shapes = calloc((size_t)L, sizeof *shapes);
    void **lanes = calloc((size_t)L, sizeof *lanes);
    void *sim = c->api->sim_new();
    mg_model_state *st = u->def->model_new ? u->def->model_new(u) : NULL;
    bool ok = inw && outw && ins && shapes && lanes && sim && (!u->def->model_new || st);
    for (int l = 0; ok && l < L; l++) ok = (lanes[l] = u->def->lane_new(u)) != NULL;
    if (!ok) mg_verify_worker_oom(&c->sh);
    while (!atomic_load(&c->sh.stop)) {
        uint64_t first = atomic_fetch_add(&c->next_batch, 1) * (uint64_t)L;
        if (first >= c->n_seq) break;
        uint32_t cycles = 0;
        for (int l = 0; l < L; l++) {
            shapes[l] = first + (uint64_t)l < c->n_seq ? shape_of(c, first + (uint64_t)l) : (seq_shape){ 0 };
            if (shapes[l].len > cycles) cycles = shapes[l].len;
        }
        uint64_t steps = 0;
        for (uint32_t s = 0; s < cycles && !atomic_load(&c->sh.stop); s++) {
            memset(inw, 0, (size_t)iw * 4);
            for (int l = 0; l < L; l++) {
                bool idle = s >= shapes[l].len;
                /* An idle lane takes the data of its sequence's step 0. */
                make_step(c, &shapes[l], idle ? 0 : s, idle, ins[l]);
                mg_verify_pack_lane(&c->p, inw, l, ins[l]);
            }
            c->api->step(sim, inw, outw);
            for (int l = 0; l < L; l++) {
                uint64_t expect[MG_UNIT_MAX_PORTS], actual[MG_UNIT_MAX_PORTS];
                bool defined = u->def->step(u, st, lanes[l], ins[l], expect);
                mg_unit_pick_outputs(u, expect, expect);
                if (s >= shapes[l].len) continue;
                steps++;
                if (!defined) continue;
                if (mg_verify_unpack_lane(&c->p, outw, l, expect, actual))
                    mg_verify_record(&c->sh, first + (uint64_t)l, s, ins[l], expect, actual);
            }
        }
        atomic_fetch_add(&c->sh.done, steps);
    }
    if (sim) c->api->sim_free(sim);
    for (int l = 0; lanes && l < L; l++)
        if (lanes[l]) u->def->lane_free(lanes[l]);
    if (st && u->def->model_free) u->def->model_free(st);
    free(inw);
    free(outw);
    free(ins);
    free(shapes);
    free(lanes);
    return NULL;
}

int mg_verify_run_sequences(const mg_unit *u, const mg_verify_sim_api *api, const mg_verify_options *opt,
                            mg_verify_result *res, char *err, size_t errlen)
{
    if (!u->def->step || !u->def->lane_new || !u->def->lane_free) {
        snprintf(err, errlen, "unit %s has a clock but no step model", u->def->name);
        return -1;
    }
    seq_ctx *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    c->u = u;
    c->opt = opt;
    c->api = api;
    c->sh.res = res;
    mg_verify_ports_init(&c->p, u);
    /* As many sequences as it takes to reach the requested number of steps
     * (at least one). */
    uint64_t total = 0;
    do {
        total += shape_of(c, c->n_seq).len;
        c->n_seq++;
    } while (total < opt->vectors);
    res->sequences = c->n_seq;

    int rc = mg_verify_run_workers(&c->sh, worker, c, opt, total, "steps", false, err, errlen);
    free(c);
    return rc;
}
