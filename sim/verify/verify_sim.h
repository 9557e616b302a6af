/* Pieces shared by the combinational runner (verify_run.c) and the step
 * sequence runner (verify_seq.c): the port table and the lanes device
 * (verify_lanes.c) and the worker threads with their mismatch records
 * (verify_workers.c). */
#ifndef MG_VERIFY_SIM_H
#define MG_VERIFY_SIM_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "verify_bits.h"
#include "verify_device.h"
#include "verify_run.h"
#include "verify_shim.h"

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
/* The unit as the harness sees it: `lanes` copies, pins packed tightly in
 * port-table order. */
void mg_verify_lanes_device(const mg_unit *u, int lanes, mg_verify_device *d);
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
