/* Parameters and Verilog emission of the HBFP units (see unit_hbfp.h). */
#include "unit_hbfp.h"

#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "rtl_emit.h"
#include "unit.h"

const char mg_hbfp_array_usage[] =
    "  hbfp_array rows=R cols=C n=4|6|8 block=B acc=fp32 pipe=0|1|2 [top=NAME]\n"
    "    weight-stationary HBFP systolic array (docs/hbfp_array.md); rows is a\n"
    "    multiple of block (groups of B rows, one edge unit per group and column);\n"
    "    defaults rows=16 cols=16 n=4 block=16 acc=fp32 pipe=1\n";
const char mg_hbfp_quant_usage[] =
    "  hbfp_quant n=4|6|8 block=B exp=floor1|ceil round=rne|rtz|sr [rbits=R]\n"
    "             pipe=0|1|2 [top=NAME]\n"
    "    FP32 -> HBFP converter, B inputs (docs/hbfp_quant.md); sr takes an R-bit\n"
    "    random word per element (rand_i); pipe=1 registers the outputs, pipe=2 also\n"
    "    cuts after the shared exponent; defaults n=4 block=64 exp=floor1\n"
    "    round=rne rbits=8 pipe=0\n";

static const char array_known[] = "rows, cols, n, block, acc, pipe, top";
static const char quant_known[] = "n, block, exp, round, rbits, pipe, top";

static int log2_exact(int v)
{
    int l = 0;
    while ((1 << l) < v) l++;
    return l;
}

int mg_hbfp_array_group_step(const mg_hbfp_array_cfg *c) { return c->pipe >= 1 ? 1 : 0; }

int mg_hbfp_array_acc_offset(const mg_hbfp_array_cfg *c) { return c->block + (c->pipe >= 2 ? 1 : 0); }

int mg_hbfp_array_latency(const mg_hbfp_array_cfg *c)
{
    int l = mg_hbfp_array_group_step(c);
    return c->block + (c->groups - 1) * l + (c->pipe >= 2 ? 1 : 0) + l;
}

static int block_ok(long b) { return b >= MG_HBFP_BLOCK_MIN && b <= MG_HBFP_BLOCK_MAX && !(b & (b - 1)); }

int mg_hbfp_array_configure(mg_hbfp_array_cfg *c, mg_kv_list *kv, char *err, size_t errlen)
{
    long rows, cols, n, block, pipe;
    memset(c, 0, sizeof *c);
    if (mg_kv_get_int(kv, "n", 4, MG_HBFP_N_MIN, MG_HBFP_N_MAX, &n, err, errlen)) return -1;
    if (mg_kv_get_int(kv, "block", 16, 1, MG_HBFP_BLOCK_MAX, &block, err, errlen)) return -1;
    if (!block_ok(block)) {
        snprintf(err, errlen, "block=%ld must be a power of two from %d to %d", block, MG_HBFP_BLOCK_MIN,
                 MG_HBFP_BLOCK_MAX);
        return -1;
    }
    if (mg_kv_get_int(kv, "rows", block, 1, MG_HBFP_ARRAY_MAX_DIM, &rows, err, errlen)) return -1;
    if (rows % block) {
        snprintf(err, errlen, "rows=%ld must be a multiple of block=%ld (a group of B rows sums one block)",
                 rows, block);
        return -1;
    }
    if (mg_kv_get_int(kv, "cols", 16, 1, MG_HBFP_ARRAY_MAX_DIM, &cols, err, errlen)) return -1;
    if (mg_kv_get_int(kv, "pipe", 1, 0, 2, &pipe, err, errlen)) return -1;
    const char *acc = mg_kv_get(kv, "acc", "fp32");
    char ferr[MG_FORMAT_ERR_LEN];
    if (mg_format_parse(acc, &c->acc, ferr)) {
        snprintf(err, errlen, "acc=%s: %s", acc, ferr);
        return -1;
    }
    if (c->acc.frac_bits < 1 || mg_format_width(&c->acc) > 64) {
        snprintf(err, errlen, "acc=%s: the array needs a float format with 1 or more fraction bits and at most 64 bits", acc);
        return -1;
    }
    c->rows = (int)rows;
    c->cols = (int)cols;
    c->n = (int)n;
    c->block = (int)block;
    c->groups = (int)(rows / block);
    c->pipe = (int)pipe;
    c->sum_width = 2 * c->n - 1 + log2_exact(c->block);
    /* Internal exponents: the block sum's MSB exponent lies within
     * [-256 - 2M, 254 + sum_width]; the accumulation format's own range,
     * its bias (the rounder adds it) and the adder's alignment distances
     * must also fit, as two's complement with room to spare. */
    long fmt_span = (1L << c->acc.exp_bits) + labs((long)c->acc.bias) + c->acc.frac_bits + 64;
    long blk_span = 300 + 2L * c->n + c->sum_width + labs((long)c->acc.bias);
    long span = fmt_span > blk_span ? fmt_span : blk_span;
    c->exp_width = mg_unit_bits_for(2 * span) + 1;
    char spelled[128];
    mg_format_spell(&c->acc, spelled, sizeof spelled);
    snprintf(c->canonical, sizeof c->canonical, "hbfp_array rows=%d cols=%d n=%d block=%d acc=%s pipe=%d",
             c->rows, c->cols, c->n, c->block, spelled, c->pipe);
    if (mg_unit_read_top(kv, "mg_hbfp_array_top", c->top, sizeof c->top, c->canonical, sizeof c->canonical, err,
                         errlen))
        return -1;
    return mg_kv_check_all_used(kv, array_known, err, errlen);
}

int mg_hbfp_quant_configure(mg_hbfp_quant_cfg *c, mg_kv_list *kv, char *err, size_t errlen)
{
    long n, block;
    memset(c, 0, sizeof *c);
    c->spec = mg_hbfp_quant_spec_default();
    if (mg_kv_get_int(kv, "n", 4, MG_HBFP_N_MIN, MG_HBFP_N_MAX, &n, err, errlen)) return -1;
    if (mg_kv_get_int(kv, "block", MG_HBFP_BLOCK_DEFAULT, 1, MG_HBFP_BLOCK_MAX, &block, err, errlen)) return -1;
    if (!block_ok(block)) {
        snprintf(err, errlen, "block=%ld must be a power of two from %d to %d", block, MG_HBFP_BLOCK_MIN,
                 MG_HBFP_BLOCK_MAX);
        return -1;
    }
    const char *exp = mg_kv_get(kv, "exp", "floor1");
    if (mg_hbfp_exp_rule_parse(exp, &c->spec.exp_rule)) {
        snprintf(err, errlen, "exp=%s: expected exp=floor1 or exp=ceil", exp);
        return -1;
    }
    const char *round = mg_kv_get(kv, "round", "rne");
    if (!strcmp(round, "rne")) c->spec.round = MG_RNE;
    else if (!strcmp(round, "rtz")) c->spec.round = MG_RTZ;
    else if (!strcmp(round, "sr")) c->spec.round = MG_SR;
    else {
        snprintf(err, errlen, "round=%s: expected round=rne, round=rtz or round=sr", round);
        return -1;
    }
    long rbits, pipe;
    if (mg_kv_get_int(kv, "rbits", MG_RBITS_DEFAULT, 1, MG_RBITS_MAX, &rbits, err, errlen)) return -1;
    if (c->spec.round != MG_SR && mg_kv_get(kv, "rbits", NULL)) {
        snprintf(err, errlen, "rbits=%ld only applies to round=sr", rbits);
        return -1;
    }
    if (mg_kv_get_int(kv, "pipe", 0, 0, 2, &pipe, err, errlen)) return -1;
    c->spec.n = (int)n;
    c->spec.block = (int)block;
    c->spec.rbits = (int)rbits;
    c->pipe = (int)pipe;
    if (mg_hbfp_quant_spec_check(&c->spec, err, errlen)) return -1;
    int len = snprintf(c->canonical, sizeof c->canonical, "hbfp_quant n=%d block=%d exp=%s round=%s",
                       c->spec.n, c->spec.block, mg_hbfp_exp_rule_name(c->spec.exp_rule), round);
    if (c->spec.round == MG_SR)
        len += snprintf(c->canonical + len, sizeof c->canonical - (size_t)len, " rbits=%d", c->spec.rbits);
    snprintf(c->canonical + len, sizeof c->canonical - (size_t)len, " pipe=%d", c->pipe);
    if (mg_unit_read_top(kv, "mg_hbfp_quant_top", c->top, sizeof c->top, c->canonical, sizeof c->canonical, err,
                         errlen))
        return -1;
    return mg_kv_check_all_used(kv, quant_known, err, errlen);
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
    char path[400];
    snprintf(path, sizeof path, "%s/%s.v", outdir, top);
    mg_atomic_file af;
    if (mg_atomic_open(&af, path, err, errlen)) return -1;
    mg_rtl_write_header(af.fp, command_line, "Top wrapper: the unit with concrete parameters.");
    write_wrapper(af.fp, top, canonical, core, ports, n_ports, params, n_params);
    if (mg_atomic_commit(&af, err, errlen)) return -1;
    snprintf(out->files[out->n_files++], sizeof out->files[0], "%s", path);
    snprintf(out->top, sizeof out->top, "%s", top);
    return 0;
}

int mg_hbfp_array_emit(const mg_hbfp_array_cfg *c, const char *outdir, const char *command_line,
                       mg_rtl_output *out, char *err, size_t errlen)
{
    static const char *const own[] = { "mg_hbfp_array", NULL };
    memset(out, 0, sizeof *out);
    if (mg_rtl_emit_templates("hbfp_array", own, outdir, command_line, out, err, errlen)) return -1;
    const long acc_w = mg_format_width(&c->acc);
    const top_port ports[] = {
        { "clk_i", 1, 1, NULL },
        { "rst_ni", 1, 1, NULL },
        { "load_w_i", 1, 1, NULL },
        { "w_i", 1, (long)c->cols * c->n, NULL },
        { "load_e_i", 1, 1, NULL },
        { "eb_i", 1, (long)c->cols * 8, NULL },
        { "valid_i", 1, 1, NULL },
        { "a_i", 1, (long)c->rows * c->n, NULL },
        { "ea_i", 1, (long)c->groups * 8, NULL },
        { "en_i", 1, c->groups, NULL },
        { "acc_i", 1, c->cols * acc_w, NULL },
        { "acc_o", 0, c->cols * acc_w, NULL },
        { "flags_o", 0, (long)c->cols * 5, NULL },
        { "valid_o", 0, c->cols, NULL },
    };
    const mg_format *f = &c->acc;
    const top_param params[] = {
        { "Rows", c->rows },
        { "Cols", c->cols },
        { "N", c->n },
        { "Block", c->block },
        { "SumWidth", c->sum_width },
        { "ExpBits", f->exp_bits },
        { "FracBits", f->frac_bits },
        { "Bias", f->bias },
        { "Specials", f->specials == MG_SPECIALS_IEEE ? 0 : f->specials == MG_SPECIALS_FN ? 1 : 2 },
        { "Sub", f->subnormals ? 1 : 0 },
        { "Pipe", c->pipe },
        { "ExpWidth", c->exp_width },
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
    return mg_block_emit_wrapper(outdir, c->top, command_line, c->canonical, "mg_hbfp_array", ports,
                                 sizeof ports / sizeof ports[0], params, n_params, out, err, errlen);
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
