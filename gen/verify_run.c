#include "verify_run.h"
#include "verify_sim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CHUNK 65536 /* vectors a thread takes at a time */
#define MAX_CORNER_VECTORS (1u << 20)
#define MAX_CORNERS 64

typedef struct {
    const mg_unit *u;
    const mg_verify_options *opt;
    mg_verify_sim_api api;
    int n_in, n_out;
    const mg_port *in_ports[MG_UNIT_MAX_PORTS], *out_ports[MG_UNIT_MAX_PORTS];
    int in_bits, out_bits; /* per lane */
    uint64_t corner_vals[MG_UNIT_MAX_PORTS][MAX_CORNERS];
    size_t n_corner_vals[MG_UNIT_MAX_PORTS];
    uint64_t n_corners, total;
    atomic_ullong next, done;
    atomic_int stop;
    pthread_mutex_t lock;
    mg_verify_result *res;
    char err[256];
    volatile uint64_t sink;
} run_ctx;

/* Inputs of vector number idx: exhaustive enumeration, the corner-case
 * cross product, or seeded random values (each vector depends only on the
 * seed and its number, so any thread split gives the same vectors). */
static void make_vector(const run_ctx *c, uint64_t idx, uint64_t *in)
{
    if (c->opt->exhaustive) {
        int off = 0;
        for (int k = 0; k < c->n_in; k++) {
            int w = c->in_ports[k]->width;
            in[k] = w + off >= 64 && off >= 64 ? 0 : (idx >> off) & mg_mask64(w);
            off += w;
        }
        return;
    }
    if (idx < c->n_corners) {
        uint64_t r = idx;
        for (int k = 0; k < c->n_in; k++) {
            in[k] = c->corner_vals[k][r % c->n_corner_vals[k]];
            r /= c->n_corner_vals[k];
        }
        return;
    }
    uint64_t s = mg_splitmix(c->opt->seed ^ mg_splitmix(idx));
    for (int k = 0; k < c->n_in; k++) {
        uint64_t r1 = mg_splitmix(s + 2 * (uint64_t)k + 1), r2 = mg_splitmix(s + 2 * (uint64_t)k + 2);
        /* One value in four is a corner case: edges meet random operands. */
        if ((r1 & 3) == 0 && c->in_ports[k]->kind != MG_PORT_RANDOM)
            in[k] = c->corner_vals[k][(r1 >> 2) % c->n_corner_vals[k]];
        else
            in[k] = r2 & mg_mask64(c->in_ports[k]->width);
    }
}

static void *worker(void *arg)
{
    run_ctx *c = arg;
    int L = c->opt->lanes;
    int iw = c->api.in_words(), ow = c->api.out_words();
    uint32_t *inw = calloc((size_t)iw, 4), *outw = calloc((size_t)ow, 4);
    uint64_t(*ins)[MG_UNIT_MAX_PORTS] = calloc((size_t)L, sizeof *ins);
    void *sim = c->api.sim_new();
    mg_model_state *st = c->u->def->model_new ? c->u->def->model_new(c->u) : NULL;
    if (!inw || !outw || !ins || !sim || (c->u->def->model_new && !st)) {
        pthread_mutex_lock(&c->lock);
        snprintf(c->err, sizeof c->err, "out of memory");
        pthread_mutex_unlock(&c->lock);
        atomic_store(&c->stop, 1);
    }
    while (!atomic_load(&c->stop)) {
        uint64_t start = atomic_fetch_add(&c->next, CHUNK);
        if (start >= c->total) break;
        uint64_t end = start + CHUNK < c->total ? start + CHUNK : c->total;
        for (uint64_t base = start; base < end && !atomic_load(&c->stop); base += (uint64_t)L) {
            int n = end - base < (uint64_t)L ? (int)(end - base) : L;
            memset(inw, 0, (size_t)iw * 4);
            for (int l = 0; l < n; l++) {
                make_vector(c, base + (uint64_t)l, ins[l]);
                int pos = l * c->in_bits;
                for (int k = 0; k < c->n_in; k++) {
                    mg_put_bits(inw, pos, c->in_ports[k]->width, ins[l][k]);
                    pos += c->in_ports[k]->width;
                }
            }
            if (c->opt->only != MG_VERIFY_MODEL_ONLY) c->api.eval(sim, inw, outw);
            if (c->opt->only == MG_VERIFY_RTL_ONLY) continue;
            for (int l = 0; l < n; l++) {
                uint64_t expect[MG_UNIT_MAX_PORTS], actual[MG_UNIT_MAX_PORTS];
                c->u->def->model(c->u, st, ins[l], expect);
                if (c->opt->only == MG_VERIFY_MODEL_ONLY) {
                    /* Keep the work observable so it is not optimised away. */
                    c->sink ^= expect[0];
                    continue;
                }
                int pos = l * c->out_bits, bad = 0;
                for (int k = 0; k < c->n_out; k++) {
                    actual[k] = mg_get_bits(outw, pos, c->out_ports[k]->width);
                    pos += c->out_ports[k]->width;
                    bad |= actual[k] != expect[k];
                }
                if (!bad) continue;
                pthread_mutex_lock(&c->lock);
                c->res->mismatches++;
                mg_verify_mismatch *m = NULL;
                if (c->res->n_first < MG_VERIFY_MAX_REPORTS) m = &c->res->first[c->res->n_first++];
                else {
                    /* Keep the lowest-numbered ones: reports do not depend on timing. */
                    int worst = 0;
                    for (int i = 1; i < c->res->n_first; i++)
                        if (c->res->first[i].index > c->res->first[worst].index) worst = i;
                    if (c->res->first[worst].index > base + (uint64_t)l) m = &c->res->first[worst];
                }
                if (m) {
                    m->index = base + (uint64_t)l;
                    memcpy(m->in, ins[l], sizeof m->in);
                    memcpy(m->expected, expect, sizeof m->expected);
                    memcpy(m->actual, actual, sizeof m->actual);
                }
                if (c->res->mismatches >= 64) atomic_store(&c->stop, 1);
                pthread_mutex_unlock(&c->lock);
            }
        }
        atomic_fetch_add(&c->done, end - start);
    }
    if (sim) c->api.sim_free(sim);
    if (st && c->u->def->model_free) c->u->def->model_free(st);
    free(inw);
    free(outw);
    free(ins);
    return NULL;
}

double mg_verify_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int mg_verify_run(const mg_unit *u, const char *so_path, const mg_verify_options *opt,
                  mg_verify_result *res, char *err, size_t errlen)
{
    memset(res, 0, sizeof *res);
    void *dl = dlopen(so_path, RTLD_NOW | RTLD_LOCAL);
    if (!dl) {
        snprintf(err, errlen, "cannot load %s: %s", so_path, dlerror());
        return -1;
    }
    run_ctx *c = calloc(1, sizeof *c);
    if (!c) {
        dlclose(dl);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    c->u = u;
    c->opt = opt;
    c->res = res;
    *(void **)&c->api.sim_new = dlsym(dl, "mg_sim_new");
    *(void **)&c->api.sim_free = dlsym(dl, "mg_sim_free");
    *(void **)&c->api.in_words = dlsym(dl, "mg_sim_in_words");
    *(void **)&c->api.out_words = dlsym(dl, "mg_sim_out_words");
    *(void **)&c->api.eval = dlsym(dl, "mg_sim_eval");
    if (!c->api.sim_new || !c->api.sim_free || !c->api.in_words || !c->api.out_words || !c->api.eval) {
        snprintf(err, errlen, "%s lacks the mg_sim_* entry points", so_path);
        free(c);
        dlclose(dl);
        return -1;
    }
    *(void **)&c->api.step = dlsym(dl, "mg_sim_step");
    if (mg_unit_is_clocked(u)) {
        int rc = -1;
        if (!c->api.step) snprintf(err, errlen, "%s lacks mg_sim_step (rebuild it)", so_path);
        else rc = mg_verify_run_sequences(u, &c->api, opt, res, err, errlen);
        free(c);
        return rc;
    }
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
    if (opt->exhaustive) {
        c->total = c->in_bits >= 64 ? UINT64_MAX : 1ull << c->in_bits;
    } else {
        uint64_t n = 1;
        for (int k = 0; k < c->n_in; k++) {
            n *= c->n_corner_vals[k];
            if (n > MAX_CORNER_VECTORS) {
                n = MAX_CORNER_VECTORS;
                break;
            }
        }
        c->n_corners = n;
        c->total = n + opt->vectors;
    }
    res->corners = c->n_corners;
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
    /* The main thread reports progress while the workers run. */
    while (opt->progress && started) {
        uint64_t done = atomic_load(&c->done);
        if (done >= c->total || atomic_load(&c->stop)) break;
        nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
        double t = mg_verify_now();
        if (t - last >= 2.0) {
            last = t;
            fprintf(stderr, "macgen verify: %5.1f%% (%llu of %llu vectors, %.1f M/s)\n", 100.0 * (double)done / (double)c->total,
                    (unsigned long long)done, (unsigned long long)c->total, (double)done / (t - t0) / 1e6);
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
    /* The Verilated model's static destructors live in the library: keep it
     * loaded until exit. */
    (void)dl;
    return rc;
}
