/* The generic lane models of the clocked forms of a combinational unit
 * (pipe=N and acc_reg=1; see unit.h). */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

/* ---- The generic pipelined lane: a ring of the combinational model's
 * outputs, u->pipe deep. */
typedef struct {
    int head;
    int filled;
    uint64_t ring[MG_UNIT_MAX_PIPE][MG_UNIT_MAX_PORTS];
} pipe_lane;

static void *pipe_lane_new(const mg_unit *u)
{
    (void)u;
    return calloc(1, sizeof(pipe_lane));
}

static bool pipe_step(const mg_unit *u, mg_model_state *st, void *lane, const uint64_t *in,
                       uint64_t *out)
{
    pipe_lane *pl = lane;
    int n_out = u->n_model_out;
    int depth = u->pipe;
    /* The slot written now is read back depth-1 cycles later: after the
     * edge of cycle t the outputs are f(inputs of cycle t - depth + 1). */
    u->def->model(u, st, in, pl->ring[pl->head]);
    int oldest = (pl->head + 1) % depth;
    const uint64_t *src = pl->ring[depth == 1 ? pl->head : oldest];
    for (int k = 0; k < n_out; k++) out[k] = src[k];
    pl->head = (pl->head + 1) % depth;
    if (pl->filled < depth) pl->filled++;
    return pl->filled >= depth;
}

/* ---- The generic clocked accumulator lane (acc_reg=1): inputs rst_n, en,
 * clear, then the combinational model's inputs without the accumulator
 * (w, a[, rand]); outputs the accumulator, then sticky (ORed) outputs. */
typedef struct {
    uint64_t out[MG_UNIT_MAX_PORTS]; /* [0] the accumulator, the rest sticky */
} acc_lane;

static void *acc_lane_new(const mg_unit *u)
{
    (void)u;
    return calloc(1, sizeof(acc_lane));
}

static bool acc_step(const mg_unit *u, mg_model_state *st, void *lane, const uint64_t *in,
                      uint64_t *out)
{
    acc_lane *al = lane;
    int n_in = mg_unit_count_ports(u, MG_PORT_IN), n_out = u->n_model_out;
    bool rst_n = in[0] != 0, en = in[1] != 0, clear = in[2] != 0;
    if (!rst_n || clear) memset(al, 0, sizeof *al);
    if (rst_n && en) {
        /* The combinational unit's inputs: w, a, acc, then the rest (rand). */
        uint64_t comb_in[MG_UNIT_MAX_PORTS] = { in[3], in[4], al->out[0] };
        for (int k = 5; k < n_in; k++) comb_in[k - 2] = in[k];
        uint64_t step_out[MG_UNIT_MAX_PORTS];
        u->def->model(u, st, comb_in, step_out);
        al->out[0] = step_out[0];
        for (int k = 1; k < n_out; k++) al->out[k] |= step_out[k];
    }
    memcpy(out, al->out, (size_t)n_out * sizeof out[0]);
    return true;
}

void *mg_unit_clocked_lane_new(const mg_unit *u)
{
    return u->acc_reg ? acc_lane_new(u) : pipe_lane_new(u);
}

void mg_unit_clocked_lane_free(void *lane) { free(lane); }

bool mg_unit_clocked_step(const mg_unit *u, mg_model_state *st, void *lane, const uint64_t *in,
                          uint64_t *out)
{
    return u->acc_reg ? acc_step(u, st, lane, in, out) : pipe_step(u, st, lane, in, out);
}

