/* The unit record: everything macgen knows about a unit, in one place.
 *
 * HOW TO DECLARE A UNIT (docs/adding_a_unit.md walks through one)
 *   1. Write gen/units/unit_NAME.c holding one `const mg_unit_def mg_unit_NAME`:
 *        .name, .summary      the unit's name and one line for every --help
 *        .params              its typed parameter table (below), ended by
 *                             MG_PARAM_END; parsing, --help, the known-key
 *                             check, defaults, the canonical spelling and the
 *                             eval parameters all come from it
 *        .configure           reads the resolved values BY NAME
 *                             (mg_unit_format(u, "acc"), mg_unit_int(u, "chunk"))
 *                             and fills the port table and template parameters
 *        .rtl_check           (optional) limits of the Verilog, not of the model
 *        .core, .templates    the template module the top wraps (rtl_templates/)
 *        .model*, .lane*, .step  the model adapter: ONE adapter that eval,
 *                             verify and verify's "model alone" line all run
 *        .driver              how verify drives it (lanes, sequence, stream)
 *        .eval_outputs        > 0: `macgen eval NAME` exists and prints that many
 *                             output ports (or .eval for a line format of its own)
 *      Composite units (arrays, block converters) set .emit, .verify and, for
 *      hierarchical costing, .cost_plan instead of the generic paths.
 *   2. Add `&mg_unit_NAME` to the table in gen/units/units.c (one line).
 *   3. Add its template(s) to rtl_templates/.
 *
 * A parameter is one mg_param_spec line, e.g.
 *      MG_P_FORMAT("acc", "lba12", "accumulator format"),
 *      MG_P_FORMAT_SAME("prod", "acc", "product format"),       default: acc's value
 *      MG_P_INT("chunk", 16, 0, 65536, MG_SHOW_ALWAYS, "chunk length (0: none)"),
 *      MG_P_FLAG("fused", "one rounding instead of two"),
 *      MG_P_ROUNDING("acc"),   round= (rne for an ieee acc, else rtz), rbits=, ovf=
 * top= is added to every unit.  Lookups by a key the table lacks abort(): a
 * unit bug, caught by the first test that touches the unit. */
#ifndef MG_UNIT_H
#define MG_UNIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "model.h"
#include "rtl.h"

#define MG_UNIT_MAX_PORTS 16
#define MG_UNIT_MAX_PARAMS 48
#define MG_UNIT_MAX_VALUES 20
#define MG_UNIT_MAX_PIPE 16
/* The longest parameter value (a format with every attribute spelled out is
 * about 30 characters): a longer one is refused, never cut. */
#define MG_UNIT_VALUE_MAX 200

/* ---- Parameters ------------------------------------------------------- */

typedef enum {
    MG_PARAM_FORMAT,   /* a float format ('macgen formats') */
    MG_PARAM_INT_TYPE, /* a two's-complement type intN, N in lo..hi */
    MG_PARAM_INT,      /* an integer in lo..hi */
    MG_PARAM_ENUM,     /* one of choices ("rtz|rne|sr"); value = its index */
    MG_PARAM_FLAG      /* 0 or 1 */
} mg_param_kind;

/* Where the default comes from. */
typedef enum {
    MG_DEF_TEXT,     /* def is the default itself */
    MG_DEF_SAME_AS,  /* def names another parameter: its value */
    MG_DEF_ROUND_FOR /* def names a format parameter: rne if it is ieee, else rtz */
} mg_def_rule;

/* When the canonical spelling (the "Unit:" line of the Verilog, the cache
 * key, verify's reproduction line) names the parameter. */
typedef enum {
    MG_SHOW_ALWAYS,
    MG_SHOW_NONDEFAULT, /* only when it differs from the default */
    MG_SHOW_IF_SR,      /* only with round=sr (rbits) */
    MG_SHOW_IF_AREA,    /* arch=: only when it resolves to area (speed is today's Verilog) */
    MG_SHOW_NEVER
} mg_show_rule;

/* Which commands take the parameter. */
typedef enum {
    MG_FOR_ALL = 0, /* rtl, verify, cost and eval */
    MG_FOR_RTL,     /* the hardware only (pipe=, acc_reg=, top=): not eval */
    MG_FOR_EVAL     /* eval only (k=, the vector length of eval dot) */
} mg_param_scope;

typedef struct {
    const char *key;
    mg_param_kind kind;
    mg_def_rule def_rule;
    const char *def;      /* text, or the key it refers to; NULL: required */
    long lo, hi;          /* MG_PARAM_INT, MG_PARAM_INT_TYPE */
    const char *choices;  /* MG_PARAM_ENUM: "a|b|c" */
    mg_show_rule show;
    mg_param_scope scope;
    const char *help;
} mg_param_spec;

#define MG_P_FORMAT(k, d, h) { k, MG_PARAM_FORMAT, MG_DEF_TEXT, d, 0, 0, NULL, MG_SHOW_ALWAYS, MG_FOR_ALL, h }
#define MG_P_FORMAT_SAME(k, other, h) \
    { k, MG_PARAM_FORMAT, MG_DEF_SAME_AS, other, 0, 0, NULL, MG_SHOW_ALWAYS, MG_FOR_ALL, h }
#define MG_P_INT(k, d, lo, hi, show, h) { k, MG_PARAM_INT, MG_DEF_TEXT, #d, lo, hi, NULL, show, MG_FOR_ALL, h }
#define MG_P_FLAG(k, h) { k, MG_PARAM_FLAG, MG_DEF_TEXT, "0", 0, 1, NULL, MG_SHOW_NONDEFAULT, MG_FOR_ALL, h }
#define MG_P_ENUM(k, d, choices, show, h) { k, MG_PARAM_ENUM, MG_DEF_TEXT, d, 0, 0, choices, show, MG_FOR_ALL, h }
/* round=, rbits=, ovf= with round's default decided by format fmt_key
 * (MG_P_ROUNDING) or fixed (MG_P_ROUNDING_FIXED("rne")). */
#define MG_P_ROUNDING(fmt_key) MG_P_ROUNDING_(MG_DEF_ROUND_FOR, fmt_key)
#define MG_P_ROUNDING_FIXED(mode) MG_P_ROUNDING_(MG_DEF_TEXT, mode)
#define MG_P_ROUNDING_(rule, def)                                                                 \
    { "round", MG_PARAM_ENUM, rule, def, 0, 0, "rtz|rne|sr", MG_SHOW_ALWAYS, MG_FOR_ALL,          \
      "rounding: toward zero, to nearest even, stochastic" },                                     \
    { "rbits", MG_PARAM_INT, MG_DEF_TEXT, "8", 1, MG_RBITS_MAX, NULL, MG_SHOW_IF_SR, MG_FOR_ALL,         \
      "random bits per rounding (round=sr)" },                                                         \
    { "ovf", MG_PARAM_ENUM, MG_DEF_TEXT, "inf", 0, 0, "inf|sat", MG_SHOW_NONDEFAULT, MG_FOR_ALL,         \
      "overflow of an ieee result: infinity or the largest finite value" }
/* pipe=N and acc_reg=0|1 (mutually exclusive): the clocked forms. */
#define MG_P_PIPE                                                                                      \
    { "pipe", MG_PARAM_INT, MG_DEF_TEXT, "0", 0, MG_UNIT_MAX_PIPE, NULL, MG_SHOW_NONDEFAULT, MG_FOR_RTL, \
      "register stages (clk_i): the same outputs N cycles later" }
#define MG_P_ACC_REG                                                                                   \
    { "acc_reg", MG_PARAM_FLAG, MG_DEF_TEXT, "0", 0, 1, NULL, MG_SHOW_NONDEFAULT, MG_FOR_RTL,           \
      "clocked accumulator (clk_i, rst_ni, en_i, clear_i), sticky flags" }
#define MG_P_CLOCKING MG_P_PIPE, MG_P_ACC_REG
/* flags=0|1 and events=0|1 (default 1): lean hardware without the IEEE flag
 * output (flags_o) or the LBA event output (events_o, counts_o) and the logic
 * that only drives it.  The model still computes them; eval prints them. */
#define MG_P_LEAN_(k, h) { k, MG_PARAM_FLAG, MG_DEF_TEXT, "1", 0, 1, NULL, MG_SHOW_NONDEFAULT, MG_FOR_RTL, h }
#define MG_P_LEAN_FLAGS MG_P_LEAN_("flags", "0: no flags_o port and no flag logic")
#define MG_P_LEAN_EVENTS MG_P_LEAN_("events", "0: no LBA event port and no event logic")
#define MG_P_LEAN MG_P_LEAN_FLAGS, MG_P_LEAN_EVENTS
/* arch=auto|area|speed: the datapath structure of the float units and PEs
 * (docs/float_speed.md).  auto resolves by the unit's formats
 * (mg_unit_auto_area); the canonical spelling names arch=area only, so that
 * arch=speed and an auto that picks speed spell, and emit, today's Verilog. */
#define MG_P_ARCH                                                                                      \
    { "arch", MG_PARAM_ENUM, MG_DEF_TEXT, "auto", 0, 0, "auto|area|speed", MG_SHOW_IF_AREA, MG_FOR_RTL, \
      "datapath: area-lean or fast structures; auto picks by width (docs/float_speed.md)" }
/* round=, rbits=, pipe= of the block converters (hbfp_quant, mx_quant);
 * cut: what pipe=2 adds after the shared exponent or scale. */
#define MG_P_BLOCK_ROUNDING_PIPE(cut)                                                                 \
    MG_P_ENUM("round", "rne", "rne|rtz|sr", MG_SHOW_ALWAYS, "element rounding (sr: an R-bit rand_i word each)"), \
    MG_P_INT("rbits", 8, 1, MG_RBITS_MAX, MG_SHOW_IF_SR, "random bits per element (round=sr only)"),          \
    { "pipe", MG_PARAM_INT, MG_DEF_TEXT, "0", 0, 2, NULL, MG_SHOW_ALWAYS, MG_FOR_RTL,                        \
      "1: output registers, 2: also a cut after " cut }
#define MG_PARAM_END { NULL, MG_PARAM_FLAG, MG_DEF_TEXT, NULL, 0, 0, NULL, MG_SHOW_NEVER, MG_FOR_ALL, NULL }

/* One resolved parameter. */
typedef struct {
    const mg_param_spec *spec;
    char text[MG_UNIT_VALUE_MAX + 1]; /* as given (a longer value is refused), or the default */
    bool given;
    long i;         /* INT, FLAG, ENUM (index), INT_TYPE (its width) */
    mg_format f;    /* FORMAT */
} mg_param_value;

/* ---- Ports and template parameters ------------------------------------ */

typedef enum { MG_PORT_IN, MG_PORT_OUT } mg_port_dir;

/* What a port carries, so the testbench knows how to pick its values. */
typedef enum {
    MG_PORT_FLOAT,  /* an encoding of the format parameter named by mg_port.fmt */
    MG_PORT_INT,    /* a two's-complement integer */
    MG_PORT_RANDOM, /* the stochastic-rounding word */
    MG_PORT_FLAGS,  /* docs/spec/flags.md, TestFloat bit order */
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
    char fmt[12];    /* MG_PORT_FLOAT: the key of its format parameter */
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
    mg_param_value values[MG_UNIT_MAX_VALUES];
    int n_values;
    mg_rounding rnd;            /* from round=, rbits=, ovf= when the unit has them */
    int pipe;                   /* from pipe= (0 without it) */
    bool acc_reg;               /* from acc_reg= (false without it) */
    bool area;                  /* arch= resolved to area: the templates of
                                 * rtl_templates/area/ replace their namesakes */
    mg_port ports[MG_UNIT_MAX_PORTS];
    int n_ports;
    /* The model adapter's output slot of each data output port (ports
     * dropped by flags=0 or events=0 leave their slot unread), and how
     * many slots the adapter fills: see mg_unit_pick_outputs. */
    int out_slot[MG_UNIT_MAX_PORTS];
    int n_model_out;
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
    /* Outputs of the core that the top leaves unconnected (sunk into an
     * unused_ok wire): the ports dropped by flags=0 or events=0. */
    struct {
        char pin[16];
        int width;
    } sink[4];
    int n_sink;
} mg_unit;

/* Per-thread state of a model adapter (e.g. a precomputed MAC plan). */
typedef struct mg_model_state mg_model_state;

/* How `macgen verify` drives the unit. */
typedef enum {
    MG_DRIVER_LANES,    /* combinational lanes (clocked forms: step sequences) */
    MG_DRIVER_SEQUENCE, /* clocked step sequences only */
    MG_DRIVER_STREAM    /* a driver of its own (.verify): arrays, block converters */
} mg_driver_kind;

struct mg_array_plan;

typedef struct mg_unit_def {
    const char *name;
    const char *summary;         /* one line, for the unit lists of --help */
    const mg_param_spec *params; /* ended by MG_PARAM_END */
    const char *notes;           /* extra --help lines (ports, protocol), or NULL */

    /* Emitter.  core: template module the top wraps; templates: the modules
     * (files) it needs, NULL-terminated. */
    const char *core;
    bool core_has_rand;          /* the core has rand_i even when round != sr */
    const char *const *templates;
    /* Fills ports and template params from the resolved values; -1 with one
     * line in err when the parameters contradict each other. */
    int (*configure)(mg_unit *u, char *err, size_t errlen);
    /* Limits of the Verilog that the model does not share (result widths,
     * M >= 1); NULL: none.  Not applied by eval. */
    int (*rtl_check)(const mg_unit *u, char *err, size_t errlen);
    /* Composite units: their own emitter (mg_rtl_emit's contract, rtl.h). */
    int (*emit)(mg_kv_list *kv, const char *outdir, const char *command_line, mg_rtl_output *out,
                char *err, size_t errlen);

    /* Model adapter.  in[] is indexed like the unit's data input ports
     * (mg_unit_port), out[] like its output ports with every optional port
     * present (flags=1 events=1): mg_unit_pick_outputs maps it to the ports. */
    mg_model_state *(*model_new)(const mg_unit *u);
    void (*model_free)(mg_model_state *st);
    void (*model)(const mg_unit *u, mg_model_state *st, const uint64_t *in, uint64_t *out);
    /* Clocked units (a port of kind MG_PORT_CLOCK): per-lane state, and one
     * clock cycle.  in[] holds the input ports except the clock, out[] the
     * outputs (model slots, as .model's) as they are after the rising edge; returns false while the
     * outputs are not defined yet (a pipeline filling after power-up). */
    void *(*lane_new)(const mg_unit *u);
    void (*lane_free)(void *lane);
    bool (*step)(const mg_unit *u, mg_model_state *st, void *lane, const uint64_t *in, uint64_t *out);
    /* Corner-case values of an input port; NULL: mg_unit_port_corners. */
    size_t (*corners)(const mg_unit *u, const mg_port *p, uint64_t *vals, size_t max);

    /* Verification. */
    mg_driver_kind driver;
    /* MG_DRIVER_STREAM: `macgen verify UNIT ...` (argv[0] "verify"; the unit
     * is the first positional argument); returns an exit status. */
    int (*verify)(int argc, char **argv);

    /* eval.  eval_outputs > 0: `macgen eval NAME` answers a line of the
     * data input ports (hex) with the first eval_outputs output ports.  eval:
     * a line format of its own instead (e.g. dot's one vector a line). */
    int eval_outputs;
    const char *eval_line; /* for eval --help when .eval is set */
    int (*eval)(const mg_unit *u, FILE *in, FILE *out, char *err, size_t errlen);

    /* arch=auto: does the unit take the area-lean structures?  NULL: the
     * rule of mg_unit_auto_area over the unit's own format parameters. */
    bool (*auto_area)(const mg_unit *u);

    /* Composites: the hierarchical cost plan (array_cost.h), configuring the
     * unit from kv.  NULL: `macgen cost` synthesizes the unit in one piece. */
    int (*cost_plan)(mg_kv_list *kv, struct mg_array_plan *p, char *err, size_t errlen);
} mg_unit_def;

/* ---- The unit table (units.c) ----------------------------------------- */

const mg_unit_def *mg_unit_find(const char *name);
const mg_unit_def *const *mg_unit_all(size_t *count);
/* Does the unit have an eval op? */
bool mg_unit_has_eval(const mg_unit_def *def);
/* Prints every unit, one "  name  summary" line each, for the --help of the
 * commands.  note (may be NULL) returns a suffix for a unit's line, or NULL. */
void mg_units_print_list(FILE *out, const char *(*note)(const mg_unit_def *def));
/* Prints a unit's parameter table (one line a parameter) for --help;
 * for_eval: the parameters eval takes. */
void mg_unit_print_params(FILE *out, const mg_unit_def *def, bool for_eval, const char *indent);
/* The parameter table, then the notes, each line indented. */
void mg_unit_print_help(FILE *out, const mg_unit_def *def, bool for_eval, const char *indent);

/* Resolves unit `name` with parameters kv for rtl/verify/cost (every pair
 * must be used): values, canonical, top, then def->configure and
 * def->rtl_check.  -1 with one line in err. */
int mg_unit_configure(mg_unit *u, const char *name, mg_kv_list *kv, char *err, size_t errlen);
/* The same for eval: eval-scope parameters, no top=, no rtl_check. */
int mg_unit_configure_eval(mg_unit *u, const mg_unit_def *def, mg_kv_list *kv, char *err, size_t errlen);
/* Only the parameter values and canonical (and top= when !for_eval). */
int mg_unit_resolve(mg_unit *u, const mg_unit_def *def, mg_kv_list *kv, bool for_eval, char *err,
                    size_t errlen);

/* The unit's name and its parameters as `macgen eval` takes them (eval
 * scope, canonical spelling): "mac w=lba8 ... round=rtz". */
void mg_unit_eval_params(const mg_unit *u, char *buf, size_t len);

/* Values by key (abort() on a key the unit's table lacks: a unit bug). */
const mg_param_value *mg_unit_value(const mg_unit *u, const char *key);
const mg_format *mg_unit_format(const mg_unit *u, const char *key);
long mg_unit_int(const mg_unit *u, const char *key);
const char *mg_unit_text(const mg_unit *u, const char *key);
bool mg_unit_given(const mg_unit *u, const char *key);
bool mg_unit_has_param(const mg_unit *u, const char *key);

/* ---- Port table and template parameters (unit_common.c) --------------- */

/* The core module and template list of a configured unit. */
const char *mg_unit_core(const mg_unit *u);
const char *const *mg_unit_templates(const mg_unit *u);
/* Does the unit have a clock (then the harness runs step sequences)? */
bool mg_unit_is_clocked(const mg_unit *u);
/* The Verilog pin name of a port: name_i, name_o, or name_ni (reset). */
void mg_port_pin(const mg_port *p, char *buf, size_t len);
/* Is the port one the testbench packs into vectors (everything but the clock)? */
bool mg_port_is_data(const mg_port *p);

/* fmt: the format parameter's key for MG_PORT_FLOAT, else NULL. */
void mg_unit_add_port(mg_unit *u, const char *name, mg_port_dir dir, mg_port_kind kind, int width,
                      const char *fmt);
/* A float port of the format parameter `key`, as wide as the format. */
void mg_unit_add_float_port(mg_unit *u, const char *name, mg_port_dir dir, const char *key);
void mg_unit_add_param(mg_unit *u, const char *name, long value);
/* Counting and indexing skip the clock: they number the ports the way the
 * model adapters' in[] and out[] arrays do. */
int mg_unit_count_ports(const mg_unit *u, mg_port_dir dir);
/* An output port the unit has only when keep (flags=1, events=1); without
 * it the core's pin is sunk in the top and the model's slot is skipped. */
void mg_unit_add_optional_out(mg_unit *u, bool keep, const char *name, mg_port_kind kind, int width);
/* Copies the model's slots (def->model, def->step) into the unit's output
 * ports' order: port_out[k] = model_out[out_slot[k]]. */
void mg_unit_pick_outputs(const mg_unit *u, const uint64_t *model_out, uint64_t *port_out);
/* The i-th port of direction dir. */
const mg_port *mg_unit_port(const mg_unit *u, mg_port_dir dir, int i);
int mg_unit_input_bits(const mg_unit *u);

/* Corner-case values of one input port: fills up to max values, returns
 * how many. */
size_t mg_unit_port_corners(const mg_unit *u, const mg_port *p, uint64_t *vals, size_t max);

/* The templates' Specials parameter: 0 IEEE, 1 fn (finite, one NaN), 2 none. */
int mg_specials_code(mg_specials s);
/* Adds the five template parameters of format parameter `key`: ExpBits<s>,
 * FracBits<s>, Bias<s>, Specials<s>, Sub<s>. */
void mg_unit_add_format_params(mg_unit *u, const mg_format *f, const char *suffix,
                               const char *sub_name);
/* Template parameters Mode, RBits, OvfSat from u->rnd. */
void mg_unit_add_rounding_params(mg_unit *u);
/* Does a subnormal operand of format x need normalising before it is added
 * to an operand of format other (it could be the larger-exponent one)? */
int mg_unit_needs_norm(const mg_format *x, const mg_format *other);
/* Bits of v >= 0 as an unsigned number (0 for 0). */
int mg_unit_bits_for(long v);
/* log2 of a power of two v >= 1 (the smallest l with 2^l >= v). */
int mg_unit_ceil_log2(long v);
/* arch=auto: does the unit take the area-lean structures?  Yes when every
 * float format of the unit is MG_ARCH_AREA_MIN_BITS to MG_ARCH_AREA_MAX_BITS
 * wide (the crossover measured in docs/float_speed.md and docs/qor.md:
 * wider, the ripple adders and serial normaliser cost too many levels;
 * FP4, the fast structures are already as small). */
#define MG_ARCH_AREA_MIN_BITS 6
#define MG_ARCH_AREA_MAX_BITS 12
bool mg_unit_auto_area(const mg_unit *u);
/* Is format f in that range? */
bool mg_arch_narrow(const mg_format *f);
/* Exponent width that holds every internal exponent of the formats. */
int mg_unit_exp_width(const mg_format *const *fmts, int n, int extra_bits);
/* The same for unit u: with arch=area a tighter bound (narrower exponent
 * adders and compares), else mg_unit_exp_width's. */
int mg_unit_exp_width_arch(const mg_unit *u, const mg_format *const *fmts, int n, int extra_bits);
/* The RTL limits of float formats: M >= 1 and at most 64 bits for each key,
 * at most 32 bits for each result key (NULL-terminated lists). */
int mg_unit_check_formats(const mg_unit *u, const char *const *keys, const char *const *results,
                          char *err, size_t errlen);
/* Adds clk_i, rst_ni, en_i, clear_i (in that order) to the port table. */
void mg_unit_add_acc_reg_ports(mg_unit *u);

/* ---- Generic lane models (unit_lanes.c) ------------------------------- */

/* The clocked forms of a combinational model: with pipe register stages
 * (the model's outputs u->pipe cycles later), or acc_reg=1 (inputs rst_n,
 * en, clear, then the model's inputs minus the accumulator, which must be
 * its third input: w, a, acc[, rand]; outputs the accumulator register, then
 * the other outputs, sticky).  clear with en adds the cycle's product to +0. */
void *mg_unit_clocked_lane_new(const mg_unit *u);
void mg_unit_clocked_lane_free(void *lane);
bool mg_unit_clocked_step(const mg_unit *u, mg_model_state *st, void *lane, const uint64_t *in,
                          uint64_t *out);
/* The record fields of a unit with those clocked forms (MG_P_CLOCKING). */
#define MG_UNIT_CLOCKED_FORMS \
    .lane_new = mg_unit_clocked_lane_new, .lane_free = mg_unit_clocked_lane_free, .step = mg_unit_clocked_step

#endif
