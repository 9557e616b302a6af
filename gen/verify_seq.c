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
#include <time.h>

#include "verify_sim.h"

#define MAX_CORNERS 64
#define STOP_AFTER 64

typedef struct {
    const mg_unit *u;
    const mg_verify_options *opt;
    const mg_verify_sim_api *api;
    int n_in, n_out;
    const mg_port *in_ports[MG_UNIT_MAX_PORTS], *out_ports[MG_UNIT_MAX_PORTS];
    int in_bits, out_bits;
    uint64_t corner_vals[MG_UNIT_MAX_PORTS][MAX_CORNERS];
    size_t n_corner_vals[MG_UNIT_MAX_PORTS];
    uint64_t n_seq;
    atomic_ullong next_batch, done;
    atomic_int stop;
    pthread_mutex_t lock;
    mg_verify_result *res;
    char err[256];
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
    uint32_t chunk = c->u->chunk > 0 ? (uint32_t)c->u->chunk : 16;
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
    for (int k = 0; k < c->n_in; k++) {
        const mg_port *p = c->in_ports[k];
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
                in[k] = c->corner_vals[k][(r1 >> 2) % c->n_corner_vals[k]];
            else
                in[k] = r2 & mg_mask64(p->width);
        }
    }
}

static void record(seq_ctx *c, uint64_t seq, uint32_t step, const uint64_t *in, const uint64_t *expect,
                   const uint64_t *actual)
{
    pthread_mutex_lock(&c->lock);
    mg_verify_result *res = c->res;
    res->mismatches++;
    mg_verify_mismatch *m = NULL;
    uint64_t key = seq * (MG_VERIFY_MAX_SEQ + 1) + step;
    if (res->n_first < MG_VERIFY_MAX_REPORTS) m = &res->first[res->n_first++];
    else {
        int worst = 0;
        for (int i = 1; i < res->n_first; i++)
            if (res->first[i].index * (MG_VERIFY_MAX_SEQ + 1) + res->first[i].step >
                res->first[worst].index * (MG_VERIFY_MAX_SEQ + 1) + res->first[worst].step)
                worst = i;
        if (res->first[worst].index * (MG_VERIFY_MAX_SEQ + 1) + res->first[worst].step > key) m = &res->first[worst];
    }
    if (m) {
        m->index = seq;
        m->step = step;
        memcpy(m->in, in, sizeof m->in);
        memcpy(m->expected, expect, sizeof m->expected);
        memcpy(m->actual, actual, sizeof m->actual);
    }
    if (res->mismatches >= STOP_AFTER) atomic_store(&c->stop, 1);
    pthread_mutex_unlock(&c->lock);
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
    if (!ok) {
        pthread_mutex_lock(&c->lock);
        snprintf(c->err, sizeof c->err, "out of memory");
        pthread_mutex_unlock(&c->lock);
        atomic_store(&c->stop, 1);
    }
    while (!atomic_load(&c->stop)) {
        uint64_t first = atomic_fetch_add(&c->next_batch, 1) * (uint64_t)L;
        if (first >= c->n_seq) break;
        uint32_t cycles = 0;
        for (int l = 0; l < L; l++) {
            shapes[l] = first + (uint64_t)l < c->n_seq ? shape_of(c, first + (uint64_t)l) : (seq_shape){ 0 };
            if (shapes[l].len > cycles) cycles = shapes[l].len;
        }
        uint64_t steps = 0;
        for (uint32_t s = 0; s < cycles && !atomic_load(&c->stop); s++) {
            memset(inw, 0, (size_t)iw * 4);
            for (int l = 0; l < L; l++) {
                bool idle = s >= shapes[l].len;
                /* An idle lane takes the data of its sequence's step 0. */
                make_step(c, &shapes[l], idle ? 0 : s, idle, ins[l]);
                int pos = l * c->in_bits;
                for (int k = 0; k < c->n_in; k++) {
                    mg_put_bits(inw, pos, c->in_ports[k]->width, ins[l][k]);
                    pos += c->in_ports[k]->width;
                }
            }
            c->api->step(sim, inw, outw);
            for (int l = 0; l < L; l++) {
                uint64_t expect[MG_UNIT_MAX_PORTS], actual[MG_UNIT_MAX_PORTS];
                bool defined = u->def->step(u, st, lanes[l], ins[l], expect);
                if (s >= shapes[l].len) continue;
                steps++;
                if (!defined) continue;
                int pos = l * c->out_bits, bad = 0;
                for (int k = 0; k < c->n_out; k++) {
                    actual[k] = mg_get_bits(outw, pos, c->out_ports[k]->width);
                    pos += c->out_ports[k]->width;
                    bad |= actual[k] != expect[k];
                }
                if (bad) record(c, first + (uint64_t)l, s, ins[l], expect, actual);
            }
        }
        atomic_fetch_add(&c->done, steps);
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
    c->res = res;
    c->n_in = mg_unit_count_ports(u, MG_PORT_IN);
    c->n_out = mg_unit_count_ports(u, MG_PORT_OUT);
    for (int k = 0; k < c->n_in; k++) {
        c->in_ports[k] = mg_unit_port(u, MG_PORT_IN, k);
        c->in_bits += c->in_ports[k]->width;
        c->n_corner_vals[k] = mg_unit_port_corners(u, c->in_ports[k], c->corner_vals[k], MAX_CORNERS);
    }
    for (int k = 0; k < c->n_out; k++) {
        c->out_ports[k] = mg_unit_port(u, MG_PORT_OUT, k);
        c->out_bits += c->out_ports[k]->width;
    }
    /* As many sequences as it takes to reach the requested number of steps
     * (at least one). */
    uint64_t total = 0;
    do {
        total += shape_of(c, c->n_seq).len;
        c->n_seq++;
    } while (total < opt->vectors);
    res->sequences = c->n_seq;

    pthread_mutex_init(&c->lock, NULL);
    int nt = opt->threads < 1 ? 1 : opt->threads > 64 ? 64 : opt->threads;
    pthread_t th[64];
    double t0 = mg_verify_now(), last = t0;
    int started = 0;
    for (int i = 0; i < nt; i++) {
        if (pthread_create(&th[i], NULL, worker, c)) break;
        started++;
    }
    if (started == 0) worker(c);
    while (opt->progress && started) {
        uint64_t done = atomic_load(&c->done);
        if (done >= total || atomic_load(&c->stop)) break;
        nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
        double t = mg_verify_now();
        if (t - last >= 2.0) {
            last = t;
            fprintf(stderr, "macgen verify: %5.1f%% (%llu of %llu steps)\n", 100.0 * (double)done / (double)total,
                    (unsigned long long)done, (unsigned long long)total);
        }
    }
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
    res->seconds = mg_verify_now() - t0;
    res->checked = atomic_load(&c->done);
    pthread_mutex_destroy(&c->lock);
    int rc = 0;
    if (c->err[0]) {
        snprintf(err, errlen, "%s", c->err);
        rc = -1;
    }
    free(c);
    return rc;
}
