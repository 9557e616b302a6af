/* HBFP units of the generator (docs/spec/hbfp.md section 4): the weight-stationary
 * systolic array `hbfp_array` and the FP32-to-HBFP converter `hbfp_quant`.
 * They are clocked / wide, so they have their own parameter structs, top
 * wrappers and Verilator driver (sim/verify/harness/hbfp_tb.cpp) instead of the
 * scalar port table of unit.h; the templates come from the same embedded
 * rtl_templates/ and the template closure of rtl_emit.h. */
#ifndef MG_UNIT_HBFP_H
#define MG_UNIT_HBFP_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"
#include "hbfp.h"
#include "mx.h"
#include "model.h"
#include "rtl.h"

#define MG_HBFP_ARRAY_MAX_DIM 1024

/* The PEs of an Accuracy Booster array (boost_pe=): 4x4 PEs with the 6-bit
 * operands split in 3-bit digits (weights in column pairs, activations in
 * two slots), or 6x4 PEs (activations in two slots). */
enum { MG_BOOST_PE_4X4, MG_BOOST_PE_6X4 };

typedef struct {
    int rows, cols;   /* the grid; rows = block * groups */
    int n;            /* mantissa bits including the sign */
    int block;        /* B */
    int groups;       /* G = rows / block */
    int pipe;         /* edge-unit registers: 0 to 3 (mg_hbfp_edge.v) */
    mg_format acc;    /* accumulation format (rne) */
    int sum_width;    /* the edge units' block sum: 2n - 1 + log2(B) (boost: 2*boost - 1 + log2(B)) */
    int exp_width;    /* internal exponent width of the edge units */
    /* The Accuracy Booster array (boost=6: docs/spec/hbfp.md section 7,
     * unit_hbfp_boost.c); all zero without it. */
    struct {
        int width;           /* the boosted mantissa bits (6), 0: a plain array */
        int pe;              /* MG_BOOST_PE_4X4 or MG_BOOST_PE_6X4 */
        int w_bits;          /* the PEs' weight bits: n (4x4) or width (6x4) */
        int pe_sum_width;    /* the PEs' column sum */
        int narrow_width;    /* a 4-bit pass's block sum, 2n - 1 + log2(B) */
        int part_width;      /* 4x4: the high-digit column's partial sum P */
        int slowdown;        /* cycles of a 6-bit MAC over a 4-bit one, streaming (4 or 2) */
    } boost;
    /* An MX array (unit_mx.h) is this grid with other PEs and scales: n is
     * then the element width; all zero for HBFP (the templates' defaults). */
    struct {
        bool on;
        mg_mx_elem elem;
        int elem_exp;      /* ElemExp: 0 for int8 */
        int elem_frac, elem_specials, mag_width;
        int spec_bits;     /* 4 when the element has Inf/NaN */
        int exp_offset;    /* Ep = Xa + Xb + exp_offset: 2*lsb - 254 */
    } mx;
    char top[64];
    char canonical[512];
} mg_hbfp_array_cfg;

typedef struct {
    mg_hbfp_quant_spec spec; /* n, block, exp rule, round (rtz, rne or sr), rbits */
    int pipe;                /* 0 combinational, 1 output register, 2 also mid */
    /* An MX converter (unit_mx.h) has the same ports and protocol: spec.n,
     * spec.block, spec.round and spec.rbits then give its geometry (element
     * bits, block, rounding), mx.spec what it computes. */
    struct {
        bool on;
        mg_mx_quant_spec spec;
    } mx;
    char top[64];
    char canonical[512];
} mg_hbfp_quant_cfg;

/* Latency (cycles) from a wavefront's first activation to column 0's result,
 * and the pipeline step between groups (docs/hbfp_array.md). */
int mg_hbfp_array_latency(const mg_hbfp_array_cfg *c);
int mg_hbfp_array_group_step(const mg_hbfp_array_cfg *c);
/* Cycle offset, after the wavefront start, at which acc_i[0] is consumed. */
int mg_hbfp_array_acc_offset(const mg_hbfp_array_cfg *c);
/* The cycle offset of the activation block exponents ea_i[0] / en_i[0]. */
int mg_hbfp_array_ea_offset(const mg_hbfp_array_cfg *c);

/* The boost= part of the configuration (unit_hbfp_boost.c): checks boost=
 * and boost_pe= against n and cols and fills c->boost and the edge's
 * widths; nothing for boost=0.  -1 with a one-line reason in err. */
int mg_hbfp_boost_configure(mg_hbfp_array_cfg *c, long boost, long pe, bool pe_given, char *err, size_t errlen);
/* Writes the Accuracy Booster array's Verilog (c->boost.width != 0). */
int mg_hbfp_boost_emit(const mg_hbfp_array_cfg *c, const char *outdir, const char *command_line,
                       mg_rtl_output *out, char *err, size_t errlen);
/* The name of a boost_pe value ("4x4", "6x4"). */
const char *mg_hbfp_boost_pe_name(int pe);

/* Read and check the parameters (every pair of kv must be known); -1 with a
 * one-line reason in err. */
int mg_hbfp_array_configure(mg_hbfp_array_cfg *c, mg_kv_list *kv, char *err, size_t errlen);
int mg_hbfp_quant_configure(mg_hbfp_quant_cfg *c, mg_kv_list *kv, char *err, size_t errlen);

int mg_hbfp_array_emit(const mg_hbfp_array_cfg *c, const char *outdir, const char *command_line,
                       mg_rtl_output *out, char *err, size_t errlen);
int mg_hbfp_quant_emit(const mg_hbfp_quant_cfg *c, const char *outdir, const char *command_line,
                       mg_rtl_output *out, char *err, size_t errlen);

/* The top wrapper of a block unit: the core module with concrete parameters;
 * a port with `tie` set is not a wrapper port, the core's input is tied. */
typedef struct {
    const char *name; /* with its _i/_o/_ni suffix */
    int input;
    long width;
    const char *tie;
} mg_block_top_port;

typedef struct {
    const char *name;
    long value;
} mg_block_top_param;

int mg_block_emit_wrapper(const char *outdir, const char *top, const char *command_line, const char *canonical,
                          const char *core, const mg_block_top_port *ports, size_t n_ports,
                          const mg_block_top_param *params, size_t n_params, mg_rtl_output *out, char *err,
                          size_t errlen);

/* mg_rtl_emit for each unit (same contract as rtl.h). */
int mg_hbfp_array_rtl_emit(mg_kv_list *kv, const char *outdir, const char *command_line,
                           mg_rtl_output *out, char *err, size_t errlen);
int mg_hbfp_quant_rtl_emit(mg_kv_list *kv, const char *outdir, const char *command_line,
                           mg_rtl_output *out, char *err, size_t errlen);

/* `macgen verify hbfp_array|hbfp_quant ...` (gen/cli/cmd_verify_block.c): argv[0]
 * is "verify".  Returns an exit status (MG_EXIT_*). */
int mg_hbfp_array_verify(int argc, char **argv);
int mg_hbfp_quant_verify(int argc, char **argv);

/* Their records (unit.h). */
extern const struct mg_unit_def mg_unit_hbfp_array;
extern const struct mg_unit_def mg_unit_hbfp_quant;

#endif
