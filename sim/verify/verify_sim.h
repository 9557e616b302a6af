/* Pieces shared by the combinational runner (verify_run.c) and the step
 * sequence runner (verify_seq.c): the entry points of a Verilated unit's
 * shared object, bit packing of lanes, the seeded mixer, the port table
 * (verify_lanes.c) and the worker threads with their mismatch records
 * (verify_workers.c). */
#ifndef MG_VERIFY_SIM_H
#define MG_VERIFY_SIM_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "verify_run.h"

typedef struct {
    void *(*sim_new)(void);
    void (*sim_free)(void *);
    int (*in_words)(void);
    int (*out_words)(void);
    void (*eval)(void *, const uint32_t *, uint32_t *);
    void (*step)(void *, const uint32_t *, uint32_t *); /* one clock cycle */
} mg_verify_sim_api;

static inline uint64_t mg_splitmix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static inline void mg_put_bits(uint32_t *words, int pos, int width, uint64_t v)
{
    while (width > 0) {
        int w = pos / 32, b = pos % 32, take = 32 - b < width ? 32 - b : width;
        words[w] |= (uint32_t)((v & mg_mask64(take)) << b);
        v >>= take;
        pos += take;
        width -= take;
    }
}

static inline uint64_t mg_get_bits(const uint32_t *words, int pos, int width)
{
    uint64_t v = 0;
    int got = 0;
    while (got < width) {
        int w = pos / 32, b = pos % 32, take = 32 - b < width - got ? 32 - b : width - got;
        v |= (uint64_t)((words[w] >> b) & (uint32_t)mg_mask64(take)) << got;
        got += take;
        pos += take;
    }
    return v;
}

/* The ports of a unit as the lanes wrapper packs them, with the corner
 * values of each input. */
#define MG_VERIFY_MAX_CORNERS 64
typedef struct {
    int n_in, n_out;
    const mg_port *in_ports[MG_UNIT_MAX_PORTS], *out_ports[MG_UNIT_MAX_PORTS];
    int in_bits, out_bits; /* per lane */
    uint64_t corner_vals[MG_UNIT_MAX_PORTS][MG_VERIFY_MAX_CORNERS];
    size_t n_corner_vals[MG_UNIT_MAX_PORTS];
} mg_verify_ports;

void mg_verify_ports_init(mg_verify_ports *p, const mg_unit *u);
/* ORs lane `lane`'s inputs in[0..n_in) into the input words. */
void mg_verify_pack_lane(const mg_verify_ports *p, uint32_t *inw, int lane, const uint64_t *in);
/* Reads lane `lane`'s outputs into actual; true when any differs from expect. */
bool mg_verify_unpack_lane(const mg_verify_ports *p, const uint32_t *outw, int lane, const uint64_t *expect,
                           uint64_t *actual);

/* What the worker threads of one run share. */
typedef struct {
    pthread_mutex_t lock;
    atomic_ullong done; /* vectors or steps checked */
    atomic_int stop;
    mg_verify_result *res;
    char err[256];
} mg_verify_shared;

/* Records a mismatch of vector (or sequence) `index` at `step` under the
 * lock: res keeps the lowest-numbered ones, so the report does not depend
 * on timing; the run stops after 64. */
void mg_verify_record(mg_verify_shared *sh, uint64_t index, uint64_t step, const uint64_t *in,
                      const uint64_t *expect, const uint64_t *actual);
/* A worker's resources could not be allocated: stop the run with an error. */
void mg_verify_worker_oom(mg_verify_shared *sh);

/* Runs worker(arg) on opt->threads threads (on this one if none starts),
 * printing progress every 2 s when opt->progress ("N of total <what>", with
 * the rate when show_rate); sets res->seconds and res->checked.  sh->res
 * must be set.  -1 with err when a worker failed. */
int mg_verify_run_workers(mg_verify_shared *sh, void *(*worker)(void *), void *arg, const mg_verify_options *opt,
                          uint64_t total, const char *what, bool show_rate, char *err, size_t errlen);

/* Runs random step sequences of a clocked unit (see mg_verify_run). */
int mg_verify_run_sequences(const mg_unit *u, const mg_verify_sim_api *api, const mg_verify_options *opt,
                            mg_verify_result *res, char *err, size_t errlen);

double mg_verify_now(void);

#endif
