#include "verify_run.h"
#include "verify_sim.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 65536 /* vectors a thread takes at a time */
#define MAX_CORNER_VECTORS (1u << 20)

typedef struct {
    const mg_unit *u;
    const mg_verify_options *opt;
    mg_verify_sim_api api;
    mg_verify_ports p;
    uint64_t n_corners, total;
    atomic_ullong next;
    mg_verify_shared sh;
    volatile uint64_t sink;
} run_ctx;

/* Inputs of vector number idx: exhaustive enumeration, the corner-case
 * cross product, or seeded random values (each vector depends only on the
 * seed and its number, so any thread split gives the same vectors). */
static void make_vector(const run_ctx *c, uint64_t idx, uint64_t *in)
{
    if (c->opt->exhaustive) {
        int off = 0;
        for (int k = 0; k < c->p.n_in; k++) {
            int w = c->p.in_ports[k]->width;
            in[k] = w + off >= 64 && off >= 64 ? 0 : (idx >> off) & mg_mask64(w);
            off += w;
        }
        return;
    }
    if (idx < c->n_corners) {
        uint64_t r = idx;
        for (int k = 0; k < c->p.n_in; k++) {
            in[k] = c->p.corner_vals[k][r % c->p.n_corner_vals[k]];
            r /= c->p.n_corner_vals[k];
        }
        return;
    }
    uint64_t s = mg_splitmix(c->opt->seed ^ mg_splitmix(idx));
    for (int k = 0; k < c->p.n_in; k++) {
        uint64_t r1 = mg_splitmix(s + 2 * (uint64_t)k + 1), r2 = mg_splitmix(s + 2 * (uint64_t)k + 2);
        /* One value in four is a corner case: edges meet random operands. */
        if ((r1 & 3) == 0 && c->p.in_ports[k]->kind != MG_PORT_RANDOM)
            in[k] = c->p.corner_vals[k][(r1 >> 2) % c->p.n_corner_vals[k]];
        else
            in[k] = r2 & mg_mask64(c->p.in_ports[k]->width);
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
    if (!inw || !outw || !ins || !sim || (c->u->def->model_new && !st)) mg_verify_worker_oom(&c->sh);
    while (!atomic_load(&c->sh.stop)) {
        uint64_t start = atomic_fetch_add(&c->next, CHUNK);
        if (start >= c->total) break;
        uint64_t end = start + CHUNK < c->total ? start + CHUNK : c->total;
        for (uint64_t base = start; base < end && !atomic_load(&c->sh.stop); base += (uint64_t)L) {
            int n = end - base < (uint64_t)L ? (int)(end - base) : L;
            memset(inw, 0, (size_t)iw * 4);
            for (int l = 0; l < n; l++) {
                make_vector(c, base + (uint64_t)l, ins[l]);
                mg_verify_pack_lane(&c->p, inw, l, ins[l]);
            }
            if (c->opt->only != MG_VERIFY_MODEL_ONLY) c->api.eval(sim, inw, outw);
            if (c->opt->only == MG_VERIFY_RTL_ONLY) continue;
            for (int l = 0; l < n; l++) {
                uint64_t expect[MG_UNIT_MAX_PORTS], actual[MG_UNIT_MAX_PORTS];
                c->u->def->model(c->u, st, ins[l], expect);
                mg_unit_pick_outputs(c->u, expect, expect);
                if (c->opt->only == MG_VERIFY_MODEL_ONLY) {
                    /* Keep the work observable so it is not optimised away. */
                    c->sink ^= expect[0];
                    continue;
                }
                /* Mismatches are recorded under their vector number (step 0). */
                if (mg_verify_unpack_lane(&c->p, outw, l, expect, actual))
                    mg_verify_record(&c->sh, base + (uint64_t)l, 0, ins[l], expect, actual);
            }
        }
        atomic_fetch_add(&c->sh.done, end - start);
    }
    if (sim) c->api.sim_free(sim);
    if (st && c->u->def->model_free) c->u->def->model_free(st);
    free(inw);
    free(outw);
    free(ins);
    return NULL;
}

int mg_verify_run(const mg_unit *u, const char *so_path, const mg_verify_options *opt,
                  mg_verify_result *res, char *err, size_t errlen)
{
    memset(res, 0, sizeof *res);
    run_ctx *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    c->u = u;
    c->opt = opt;
    c->sh.res = res;
    if (mg_verify_sim_open(so_path, &c->api, err, errlen)) {
        free(c);
        return -1;
    }
    if (mg_unit_is_clocked(u)) {
        int rc = mg_verify_run_sequences(u, &c->api, opt, res, err, errlen);
        free(c);
        return rc;
    }
    mg_verify_ports_init(&c->p, u);
    if (opt->exhaustive) {
        c->total = c->p.in_bits >= 64 ? UINT64_MAX : 1ull << c->p.in_bits;
    } else {
        uint64_t n = 1;
        for (int k = 0; k < c->p.n_in; k++) {
            n *= c->p.n_corner_vals[k];
            if (n > MAX_CORNER_VECTORS) {
                n = MAX_CORNER_VECTORS;
                break;
            }
        }
        c->n_corners = n;
        c->total = n + opt->vectors;
    }
    res->corners = c->n_corners;
    int rc = mg_verify_run_workers(&c->sh, worker, c, opt, c->total, "vectors", true, err, errlen);
    free(c);
    return rc;
}
