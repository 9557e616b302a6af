/* Units the generator knows.  Each unit binds in ONE place, its entry in the
 * unit table (unit_table.c): parameters, port table, the template module it
 * instantiates, its model adapter (the golden model, sim/model/model.h) and its
 * corner cases.  The emitter, the model adapter and the Verilator testbench
 * all walk the same port table, so a port is named exactly once. */
#ifndef MG_UNIT_H
#define MG_UNIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "model.h"

#define MG_UNIT_MAX_PORTS 16
#define MG_UNIT_MAX_PARAMS 48
#define MG_UNIT_MAX_FORMATS 6

typedef enum { MG_PORT_IN, MG_PORT_OUT } mg_port_dir;

/* What a port carries, so the testbench knows how to pick its values. */
typedef enum {
    MG_PORT_FLOAT,  /* an encoding of format `fmt` (index into mg_unit.fmt) */
    MG_PORT_INT,    /* a two's-complement integer */
    MG_PORT_RANDOM, /* the stochastic-rounding word */
    MG_PORT_FLAGS,  /* arith.md flags, TestFloat bit order */
    MG_PORT_EVENTS, /* LBA events {swamping, underflow, overflow} */
    /* Clocked units (the harness drives these itself): */
    MG_PORT_CLOCK,  /* clk_i: not packed into test vectors */
    MG_PORT_RESET_N,/* rst_ni: asynchronous, active low (pin suffix _ni) */
    MG_PORT_ENABLE, /* en_i / valid_i: the cycle carries data */
    MG_PORT_CLEAR,  /* clear_i */
    MG_PORT_LAST,   /* last_i: the pair ends a vector */
    MG_PORT_VALID,  /* valid_o */
    MG_PORT_COUNTS  /* event counters {swamping, underflow, overflow}, each width/3 bits */
} mg_port_kind;

typedef struct {
    char name[16];   /* Verilog name without the _i/_o suffix */
    mg_port_dir dir;
    mg_port_kind kind;
    int width;
    int fmt;         /* MG_PORT_FLOAT: index into mg_unit.fmt */
} mg_port;

/* One integer parameter of the template instance. */
typedef struct {
    char name[24];
    long value;
} mg_param;

struct mg_unit_def;

/* A unit with its parameters resolved. */
typedef struct {
    const struct mg_unit_def *def;
    char canonical[512];        /* "mac w=... a=... round=rtz": the spelled parameters */
    char top[64];               /* top module name */
    mg_format fmt[MG_UNIT_MAX_FORMATS];
    char fmt_key[MG_UNIT_MAX_FORMATS][8];
    int n_fmt;
    mg_rounding rnd;            /* mode, rbits, ovf_sat */
    bool fused;
    bool saturate;              /* imac: sat=1 */
    int exp_width;              /* two's-complement width of internal exponents */
    mg_port ports[MG_UNIT_MAX_PORTS];
    int n_ports;
    mg_param params[MG_UNIT_MAX_PARAMS];
    int n_params;
    /* Overrides of the definition (NULL: def->core, def->templates), for
     * units whose parameters pick another template (e.g. acc_reg=1). */
    const char *core;
    const char *const *templates;
    /* Pins of the core that the top ties to 0 (e.g. clk_i of a combinational
     * mg_fmac). */
    char tie_low[4][16];
    int n_tie_low;
    /* Clocked forms. */
    int pipe;                   /* register stages inside the core (mac pipe=N) */
    bool acc_reg;               /* clocked accumulator (mac/imac acc_reg=1) */
    long chunk;                 /* dot: chunk length C */
    int count_bits;             /* dot: width of each event counter */
    int int_bits[3];            /* imac: widths of w, a, acc */
} mg_unit;

/* Per-thread state of a model adapter (e.g. a precomputed MAC plan). */
typedef struct mg_model_state mg_model_state;

typedef struct mg_unit_def {
    const char *name;
    const char *summary;
    const char *usage;     /* parameter help for --help */
    const char *known;     /* known keys, for error messages */
    const char *core;      /* template module the top wraps */
    bool core_has_rand;    /* the core has rand_i even when round != sr */
    const char *const *templates; /* modules (files) it needs, NULL-terminated */
    /* Reads and checks parameters from kv (marks them used); fills fmt, rnd,
     * ports and params.  -1 with one line in err when it cannot be generated. */
    int (*configure)(mg_unit *u, mg_kv_list *kv, char *err, size_t errlen);
    mg_model_state *(*model_new)(const mg_unit *u);
    void (*model_free)(mg_model_state *st);
    /* in[] and out[] are indexed like the unit's input and output ports. */
    void (*model)(const mg_unit *u, mg_model_state *st, const uint64_t *in, uint64_t *out);
    /* Clocked units (a port of kind MG_PORT_CLOCK): per-lane state, and one
     * clock cycle.  in[] holds the input ports except the clock, out[] the
     * outputs as they are after the rising edge; returns false while the
     * outputs are not defined yet (a pipeline filling after power-up). */
    void *(*lane_new)(const mg_unit *u);
    void (*lane_free)(void *lane);
    bool (*step)(const mg_unit *u, mg_model_state *st, void *lane, const uint64_t *in, uint64_t *out);
} mg_unit_def;

const mg_unit_def *mg_unit_find(const char *name);
const mg_unit_def *const *mg_unit_all(size_t *count);

/* Resolves unit `name` with parameters kv; every pair must be used. */
int mg_unit_configure(mg_unit *u, const char *name, mg_kv_list *kv, char *err, size_t errlen);
/* Reads top= (default def_top) into top[len]: a Verilog identifier that
 * does not start with mg_ unless it is def_top; a name other than def_top
 * is appended to canonical[clen] as " top=NAME".  -1 with a reason in err. */
int mg_unit_read_top(mg_kv_list *kv, const char *def_top, char *top, size_t len, char *canonical,
                     size_t clen, char *err, size_t errlen);

/* The core module and template list of a configured unit. */
const char *mg_unit_core(const mg_unit *u);
const char *const *mg_unit_templates(const mg_unit *u);
/* Does the unit have a clock (then the harness runs step sequences)? */
bool mg_unit_is_clocked(const mg_unit *u);
/* The Verilog pin name of a port: name_i, name_o, or name_ni (reset). */
void mg_port_pin(const mg_port *p, char *buf, size_t len);
/* Is the port one the testbench packs into vectors (everything but the clock)? */
bool mg_port_is_data(const mg_port *p);

/* Port-table helpers. */
void mg_unit_add_port(mg_unit *u, const char *name, mg_port_dir dir, mg_port_kind kind, int width,
                      int fmt);
void mg_unit_add_param(mg_unit *u, const char *name, long value);
/* Counting and indexing skip the clock: they number the ports the way the
 * model adapters' in[] and out[] arrays do. */
int mg_unit_count_ports(const mg_unit *u, mg_port_dir dir);
/* The i-th port of direction dir. */
const mg_port *mg_unit_port(const mg_unit *u, mg_port_dir dir, int i);
int mg_unit_input_bits(const mg_unit *u);

/* The generic lane model of a unit with `pipe` register stages and no other
 * state: the combinational model's outputs, u->pipe cycles later. */
void *mg_unit_pipe_lane_new(const mg_unit *u);
void mg_unit_pipe_lane_free(void *lane);
bool mg_unit_pipe_step(const mg_unit *u, mg_model_state *st, void *lane, const uint64_t *in,
                       uint64_t *out);
#define MG_UNIT_MAX_PIPE 16

/* The generic clocked-accumulator lane (acc_reg=1).  Inputs: rst_n, en,
 * clear, then the combinational model's inputs minus the accumulator (which
 * must be its third input: w, a, acc[, rand]).  Outputs: the accumulator
 * register, then the other outputs, sticky (ORed since reset or clear).
 * clear with en adds the cycle's product to +0. */
void *mg_unit_acc_lane_new(const mg_unit *u);
void mg_unit_acc_lane_free(void *lane);
bool mg_unit_acc_step(const mg_unit *u, mg_model_state *st, void *lane, const uint64_t *in,
                      uint64_t *out);

/* Does a subnormal operand of format x need normalising before it is added
 * to an operand of format other (it could be the larger-exponent one)? */
int mg_unit_needs_norm(const mg_format *x, const mg_format *other);
/* Template parameters Mode, RBits, OvfSat from u->rnd. */
void mg_unit_add_rounding_params(mg_unit *u);

/* Reads pipe=N and acc_reg=0|1 (mutually exclusive) into u. */
int mg_unit_read_clocking(mg_unit *u, mg_kv_list *kv, char *err, size_t errlen);
/* Adds clk_i, rst_ni, en_i, clear_i (in that order) to the port table. */
void mg_unit_add_acc_reg_ports(mg_unit *u);
/* Lane model of a unit that is either pipelined (u->pipe) or an acc_reg
 * accumulator, picked by u->acc_reg. */
void *mg_unit_clocked_lane_new(const mg_unit *u);
void mg_unit_clocked_lane_free(void *lane);
bool mg_unit_clocked_step(const mg_unit *u, mg_model_state *st, void *lane, const uint64_t *in,
                          uint64_t *out);

/* Corner-case values of one input port: fills up to max values, returns
 * how many. */
size_t mg_unit_port_corners(const mg_unit *u, const mg_port *p, uint64_t *vals, size_t max);

/* Adds the five template parameters of a format: ExpBits<s>, FracBits<s>,
 * Bias<s>, Specials<s>, Sub<s>. */
void mg_unit_add_format_params(mg_unit *u, const mg_format *f, const char *suffix,
                               const char *sub_name);
/* Reads format key `key` (default def) into u->fmt[u->n_fmt++]; -1 on error
 * or when the RTL cannot represent it. */
int mg_unit_read_format(mg_unit *u, mg_kv_list *kv, const char *key, const char *def, char *err,
                        size_t errlen);
/* Reads round=, rbits=, ovf= into u->rnd. */
int mg_unit_read_rounding(mg_unit *u, mg_kv_list *kv, const char *def_mode, char *err,
                          size_t errlen);
/* Bits of v >= 0 as an unsigned number (0 for 0). */
int mg_unit_bits_for(long v);
/* Exponent width that holds every internal exponent of formats fmt[0..n). */
int mg_unit_exp_width(const mg_format *fmts, int n, int extra_bits);

#endif
