/* Parameters and Verilog emission of the HBFP units (see unit_hbfp.h). */
#include "unit_hbfp.h"

#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "rtl_emit.h"
#include "array_cost.h"
#include "eval_hbfp.h"
#include "unit.h"
#include "unit_block_array.h"
#include "verilog_name.h"

#define STR_(x) #x
#define STR(x) STR_(x)

static const mg_param_spec array_params[] = {
    { "rows", MG_PARAM_INT, MG_DEF_SAME_AS, "block", 1, MG_HBFP_ARRAY_MAX_DIM, NULL, MG_SHOW_ALWAYS, MG_FOR_ALL,
      "rows R, a multiple of block (groups of B rows, one edge unit per group and column)" },
    MG_P_INT("cols", 16, 1, MG_HBFP_ARRAY_MAX_DIM, MG_SHOW_ALWAYS, "columns C"),
    MG_P_INT("n", 4, MG_HBFP_N_MIN, MG_HBFP_N_MAX, MG_SHOW_ALWAYS, "mantissa bits including the sign"),
    MG_P_INT("block", 16, MG_HBFP_BLOCK_MIN, MG_HBFP_BLOCK_MAX, MG_SHOW_ALWAYS, "block size B (a power of two)"),
    MG_P_FORMAT("acc", "fp32", "accumulation format (rne)"),
    MG_P_INT("pipe", 1, 0, 4, MG_SHOW_ALWAYS, "edge-unit register stages"),
    MG_P_INT("boost", 0, 0, MG_HBFP_N_MAX, MG_SHOW_NONDEFAULT,
             "Accuracy Booster: also run HBFP<boost> passes exactly, mode per pass (6, with n=4; 0: none)"),
    MG_P_ENUM("boost_pe", "4x4", "4x4|6x4", MG_SHOW_NONDEFAULT,
              "boost=6 PEs: 4x4 with 3-bit digits (6-bit slowdown 4) or 6x4 (slowdown 2)"),
    MG_PARAM_END,
};

static const mg_param_spec quant_params[] = {
    MG_P_INT("n", 4, MG_HBFP_N_MIN, MG_HBFP_N_MAX, MG_SHOW_ALWAYS, "mantissa bits including the sign"),
    { "block", MG_PARAM_INT, MG_DEF_TEXT, STR(MG_HBFP_BLOCK_DEFAULT), MG_HBFP_BLOCK_MIN, MG_HBFP_BLOCK_MAX, NULL, MG_SHOW_ALWAYS,
      MG_FOR_ALL, "block size B (a power of two): B inputs" },
    MG_P_ENUM("exp", "floor1", "floor1|ceil", MG_SHOW_ALWAYS, "shared-exponent rule"),
    MG_P_BLOCK_ROUNDING_PIPE("the shared exponent"),
    MG_PARAM_END,
};

/* The acc chain's cycles per group: pipe=1 and 2 register acc_o, pipe=3 also
 * cuts the adder between its exact sum and rounding, pipe=4 also between its
 * alignment and addition (mg_hbfp_edge.v). */
int mg_hbfp_array_group_step(const mg_hbfp_array_cfg *c) { return c->pipe >= 4 ? 3 : c->pipe == 3 ? 2 : c->pipe >= 1 ? 1 : 0; }

/* The Accuracy Booster array's join stage (mg_hbfp_boost_join.v) puts one
 * register between the PEs and the edge units: everything from the edge
 * on is one cycle later. */
static int join_delay(const mg_hbfp_array_cfg *c) { return c->boost.width ? 1 : 0; }

int mg_hbfp_array_acc_offset(const mg_hbfp_array_cfg *c)
{
    return c->block + (c->pipe >= 2 ? 1 : 0) + join_delay(c);
}

int mg_hbfp_array_ea_offset(const mg_hbfp_array_cfg *c) { return c->block - 1 + join_delay(c); }

int mg_hbfp_array_latency(const mg_hbfp_array_cfg *c)
{
    int l = mg_hbfp_array_group_step(c);
    return c->block + (c->groups - 1) * l + (c->pipe >= 2 ? 1 : 0) + l + join_delay(c);
}

static int check_block(long block, char *err, size_t errlen)
{
    return mg_block_check_size(block, MG_HBFP_BLOCK_MIN, MG_HBFP_BLOCK_MAX, err, errlen);
}

int mg_hbfp_array_configure(mg_hbfp_array_cfg *c, mg_kv_list *kv, char *err, size_t errlen)
{
    mg_unit u;
    if (mg_block_array_resolve(c, &u, &mg_unit_hbfp_array, kv, MG_HBFP_BLOCK_MIN, MG_HBFP_BLOCK_MAX, err, errlen))
        return -1;
    c->n = (int)mg_unit_int(&u, "n");
    c->sum_width = 2 * c->n - 1 + mg_unit_ceil_log2(c->block);
    if (mg_hbfp_boost_configure(c, mg_unit_int(&u, "boost"), mg_unit_int(&u, "boost_pe"), mg_unit_given(&u, "boost_pe"),
                                err, errlen))
        return -1;
    /* Internal exponents: the block sum's MSB exponent lies within
     * [-256 - 2M, 254 + sum_width] (M of the edge's mantissas: the boosted
     * width's with boost=). */
    const int n_edge = c->boost.width ? c->boost.width : c->n;
    c->exp_width = mg_block_array_exp_width(&c->acc, 300 + 2L * n_edge + c->sum_width + labs((long)c->acc.bias));
    return 0;
}

/* The converter's spec from a resolved hbfp_quant unit. */
static int quant_spec(const mg_unit *u, mg_hbfp_quant_spec *q, char *err, size_t errlen)
{
    *q = mg_hbfp_quant_spec_default();
    if (check_block(mg_unit_int(u, "block"), err, errlen)) return -1;
    mg_hbfp_exp_rule_parse(mg_unit_text(u, "exp"), &q->exp_rule);
    q->round = u->rnd.mode;
    if (q->round != MG_SR && mg_unit_given(u, "rbits")) {
        snprintf(err, errlen, "rbits=%ld only applies to round=sr", mg_unit_int(u, "rbits"));
        return -1;
    }
    q->n = (int)mg_unit_int(u, "n");
    q->block = (int)mg_unit_int(u, "block");
    q->rbits = (int)mg_unit_int(u, "rbits");
    return mg_hbfp_quant_spec_check(q, err, errlen);
}

int mg_hbfp_quant_configure(mg_hbfp_quant_cfg *c, mg_kv_list *kv, char *err, size_t errlen)
{
    mg_unit u;
    memset(c, 0, sizeof *c);
    if (mg_unit_resolve(&u, &mg_unit_hbfp_quant, kv, false, err, errlen)) return -1;
    if (quant_spec(&u, &c->spec, err, errlen)) return -1;
    c->pipe = (int)mg_unit_int(&u, "pipe");
    snprintf(c->canonical, sizeof c->canonical, "%s", u.canonical);
    snprintf(c->top, sizeof c->top, "%s", u.top);
    return 0;
}

/* eval hbfp_quant: the golden converter on one block a line (docs/spec/hbfp.md s. 6). */
static int eval_quant(const mg_unit *u, FILE *in, FILE *out, char *err, size_t errlen)
{
    mg_hbfp_quant_spec q;
    if (quant_spec(u, &q, err, errlen)) return -1;
    return mg_eval_hbfp_quant_spec(&q, in, out, err, errlen);
}

typedef mg_block_top_port top_port;
typedef mg_block_top_param top_param;

static void write_wrapper(FILE *fp, const char *top, const char *canonical, const char *core,
                          const top_port *ports, size_t n_ports, const top_param *params,
                          size_t n_params)
{
    fprintf(fp, "`default_nettype none\n\n// Unit: %s\nmodule %s (\n", canonical, top);
    size_t last = 0;
    for (size_t i = 0; i < n_ports; i++)
        if (!ports[i].tie) last = i;
    for (size_t i = 0; i < n_ports; i++) {
        if (ports[i].tie) continue;
        char range[32] = "";
        if (ports[i].width > 1) snprintf(range, sizeof range, "[%ld:0]", ports[i].width - 1);
        fprintf(fp, "  %-6s wire %-9s %s%s\n", ports[i].input ? "input" : "output", range, ports[i].name,
                i < last ? "," : "");
    }
    fprintf(fp, ");\n  %s #(\n", core);
    for (size_t i = 0; i < n_params; i++)
        fprintf(fp, "    .%-8s (%ld)%s\n", params[i].name, params[i].value, i + 1 < n_params ? "," : "");
    fprintf(fp, "  ) u_core (\n");
    for (size_t i = 0; i < n_ports; i++)
        fprintf(fp, "    .%-8s (%s)%s\n", ports[i].name, ports[i].tie ? ports[i].tie : ports[i].name,
                i + 1 < n_ports ? "," : "");
    fprintf(fp, "  );\nendmodule\n\n`default_nettype wire\n");
}

int mg_block_emit_wrapper(const char *outdir, const char *top, const char *command_line, const char *canonical,
                          const char *core, const top_port *ports, size_t n_ports, const top_param *params,
                          size_t n_params, mg_rtl_output *out, char *err, size_t errlen)
{
    char file[MG_VERILOG_NAME_MAX + 3];
    snprintf(file, sizeof file, "%s.v", top);
    mg_atomic_file af;
    if (mg_rtl_open_output(outdir, file, &af, err, errlen)) return -1;
    mg_rtl_write_header(af.fp, command_line, "Top wrapper: the unit with concrete parameters.");
    write_wrapper(af.fp, top, canonical, core, ports, n_ports, params, n_params);
    if (mg_rtl_commit_output(&af, out, err, errlen)) return -1;
    snprintf(out->top, sizeof out->top, "%s", top);
    snprintf(out->canonical, sizeof out->canonical, "%s", canonical);
    return 0;
}

int mg_hbfp_array_emit(const mg_hbfp_array_cfg *c, const char *outdir, const char *command_line,
                       mg_rtl_output *out, char *err, size_t errlen)
{
    static const char *const own[] = { "mg_hbfp_array", NULL };
    if (c->boost.width) return mg_hbfp_boost_emit(c, outdir, command_line, out, err, errlen);
    memset(out, 0, sizeof *out);
    if (mg_rtl_emit_templates("hbfp_array", own, outdir, command_line, out, err, errlen)) return -1;
    top_port ports[MG_BLOCK_ARRAY_PORTS];
    const size_t n_ports = mg_block_array_ports(c, ports);
    const top_param params[] = {
        { "Rows", c->rows },
        { "Cols", c->cols },
        { "N", c->n },
        { "Block", c->block },
        { "SumWidth", c->sum_width },
        MG_BLOCK_ARRAY_EDGE_PARAMS(c),
        /* MX only (unit_mx.h): the element format and the E8M0 scales */
        { "ElemExp", c->mx.elem_exp },
        { "ElemFrac", c->mx.elem_frac },
        { "ElemSpecials", c->mx.elem_specials },
        { "MagWidth", c->mx.mag_width },
        { "SpecBits", c->mx.spec_bits },
        { "ScaleE8M0", 1 },
        { "ExpOffset", c->mx.exp_offset },
    };
    const size_t n_params = sizeof params / sizeof params[0] - (c->mx.on ? 0 : 7);
    return mg_block_emit_wrapper(outdir, c->top, command_line, c->canonical, "mg_hbfp_array", ports, n_ports, params,
                                 n_params, out, err, errlen);
}

int mg_hbfp_quant_emit(const mg_hbfp_quant_cfg *c, const char *outdir, const char *command_line,
                       mg_rtl_output *out, char *err, size_t errlen)
{
    static const char *const own[] = { "mg_hbfp_quant", NULL };
    memset(out, 0, sizeof *out);
    if (mg_rtl_emit_templates("hbfp_quant", own, outdir, command_line, out, err, errlen)) return -1;
    const int sr = c->spec.round == MG_SR;
    const long rbits = sr ? c->spec.rbits : 1;
    char rand_tie[32];
    snprintf(rand_tie, sizeof rand_tie, "{%d{1'b0}}", c->spec.block);
    /* Ports the configuration does not use are tied off inside the wrapper:
     * no clock on a combinational converter, no random words without sr. */
    const top_port ports[] = {
        { "clk_i", 1, 1, c->pipe ? NULL : "1'b0" },
        { "x_i", 1, (long)c->spec.block * 32, NULL },
        { "rand_i", 1, (long)c->spec.block * rbits, sr ? NULL : rand_tie },
        { "exp_o", 0, 8, NULL },
        { "q_o", 0, (long)c->spec.block * c->spec.n, NULL },
        { "flags_o", 0, 5, NULL },
    };
    const top_param params[] = {
        { "N", c->spec.n },
        { "Block", c->spec.block },
        { "ExpCeil", c->spec.exp_rule == MG_HBFP_EXP_CEIL },
        { "Mode", c->spec.round == MG_RNE ? 1 : sr ? 2 : 0 },
        { "RBits", rbits },
        { "Pipe", c->pipe },
    };
    return mg_block_emit_wrapper(outdir, c->top, command_line, c->canonical, "mg_hbfp_quant", ports,
                        sizeof ports / sizeof ports[0], params, sizeof params / sizeof params[0], out, err,
                        errlen);
}

int mg_hbfp_array_rtl_emit(mg_kv_list *kv, const char *outdir, const char *command_line,
                           mg_rtl_output *out, char *err, size_t errlen)
{
    mg_hbfp_array_cfg c;
    if (mg_hbfp_array_configure(&c, kv, err, errlen)) return -1;
    return mg_hbfp_array_emit(&c, outdir, command_line, out, err, errlen);
}

int mg_hbfp_quant_rtl_emit(mg_kv_list *kv, const char *outdir, const char *command_line,
                           mg_rtl_output *out, char *err, size_t errlen)
{
    mg_hbfp_quant_cfg c;
    if (mg_hbfp_quant_configure(&c, kv, err, errlen)) return -1;
    return mg_hbfp_quant_emit(&c, outdir, command_line, out, err, errlen);
}

const mg_unit_def mg_unit_hbfp_array = {
    .name = "hbfp_array",
    .summary = "weight-stationary HBFP systolic array (docs/hbfp_array.md)",
    .params = array_params,
    .core = "mg_hbfp_array", .emit = mg_hbfp_array_rtl_emit,
    .driver = MG_DRIVER_STREAM, .verify = mg_hbfp_array_verify,
    .cost_plan = mg_array_plan_hbfp_array,
};

const mg_unit_def mg_unit_hbfp_quant = {
    .name = "hbfp_quant", .summary = "FP32 -> HBFP block converter (docs/hbfp_quant.md)", .params = quant_params,
    .core = "mg_hbfp_quant", .emit = mg_hbfp_quant_rtl_emit,
    .driver = MG_DRIVER_STREAM, .verify = mg_hbfp_quant_verify,
    .eval_line = MG_EVAL_HBFP_QUANT_LINE, .eval = eval_quant,
};
