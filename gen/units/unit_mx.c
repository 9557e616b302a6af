/* Parameters and Verilog emission of the MX units (see unit_mx.h). */
#include "unit_mx.h"

#include <stdlib.h>
#include <string.h>

#include "array_cost.h"
#include "eval_mx.h"
#include "rtl_emit.h"
#include "unit.h"
#include "unit_block_array.h"

#define STR_(x) #x
#define STR(x) STR_(x)
#define MX_ELEMS "fp8_e4m3|fp8_e5m2|fp6_e3m2|fp6_e2m3|fp4_e2m1|int8"

static const mg_param_spec array_params[] = {
    { "rows", MG_PARAM_INT, MG_DEF_SAME_AS, "block", 1, MG_HBFP_ARRAY_MAX_DIM, NULL, MG_SHOW_ALWAYS, MG_FOR_ALL,
      "rows R, a multiple of block (groups of B rows, one edge unit per group and column)" },
    MG_P_INT("cols", 16, 1, MG_HBFP_ARRAY_MAX_DIM, MG_SHOW_ALWAYS, "columns C"),
    MG_P_ENUM("elem", "fp8_e4m3", MX_ELEMS, MG_SHOW_ALWAYS, "element format (int8: MXINT8)"),
    MG_P_INT("block", 32, MG_MX_BLOCK_MIN, MG_MX_BLOCK_MAX, MG_SHOW_ALWAYS, "block size B (a power of two)"),
    MG_P_FORMAT("acc", "fp32", "accumulation format (rne)"),
    MG_P_INT("pipe", 1, 0, 4, MG_SHOW_ALWAYS, "edge-unit register stages"),
    MG_PARAM_END,
};

static const mg_param_spec quant_params[] = {
    MG_P_ENUM("elem", "fp8_e4m3", MX_ELEMS, MG_SHOW_ALWAYS, "element format (int8: MXINT8)"),
    { "block", MG_PARAM_INT, MG_DEF_TEXT, STR(MG_MX_BLOCK_DEFAULT), MG_MX_BLOCK_MIN, MG_MX_BLOCK_MAX, NULL, MG_SHOW_ALWAYS,
      MG_FOR_ALL, "block size B (a power of two): B inputs" },
    MG_P_ENUM("scale", "floor", "floor|ceil", MG_SHOW_ALWAYS, "scale rule"),
    MG_P_BLOCK_ROUNDING_PIPE("the scale"),
    MG_PARAM_END,
};

/* MX blocks: a power of two in 8..256. */
static int check_block(long b, char *err, size_t errlen)
{
    return mg_block_check_size(b, MG_MX_BLOCK_MIN, MG_MX_BLOCK_MAX, err, errlen);
}

/* The mx part of the array configuration and the widths that follow from it. */
static void set_mx(mg_hbfp_array_cfg *c, mg_mx_elem elem)
{
    const mg_mx_elem_info *in = mg_mx_elem_get(elem);
    c->mx.on = true;
    c->mx.elem = elem;
    c->mx.elem_exp = in->is_int ? 0 : in->fmt.exp_bits;
    c->mx.elem_frac = in->fmt.frac_bits;
    c->mx.elem_specials = in->is_int ? 2 : mg_specials_code(in->fmt.specials);
    c->mx.mag_width = in->max_mag_bits;
    c->mx.spec_bits = c->mx.elem_specials == 2 ? 0 : 4;
    c->mx.exp_offset = 2 * in->lsb - 2 * MG_MX_SCALE_BIAS;
    c->n = in->bits;
    /* B products of at most 2*m bits each, and a sign. */
    c->sum_width = 2 * in->max_mag_bits + mg_unit_ceil_log2(c->block) + 1;
    /* The block sum's MSB exponent lies within [-2*254 - 32, 508 + sum_width]. */
    c->exp_width = mg_block_array_exp_width(&c->acc, 600 + c->sum_width + labs((long)c->acc.bias));
}

int mg_mx_array_configure(mg_hbfp_array_cfg *c, mg_kv_list *kv, char *err, size_t errlen)
{
    mg_unit u;
    if (mg_block_array_resolve(c, &u, &mg_unit_mx_array, kv, MG_MX_BLOCK_MIN, MG_MX_BLOCK_MAX, err, errlen))
        return -1;
    set_mx(c, (mg_mx_elem)mg_unit_int(&u, "elem"));
    return 0;
}

/* The converter's spec from a resolved mx_quant unit. */
static int quant_spec(const mg_unit *u, mg_mx_quant_spec *q, char *err, size_t errlen)
{
    *q = mg_mx_quant_spec_default();
    if (check_block(mg_unit_int(u, "block"), err, errlen)) return -1;
    q->elem = (mg_mx_elem)mg_unit_int(u, "elem");
    q->block = (int)mg_unit_int(u, "block");
    q->scale = mg_unit_int(u, "scale") ? MG_MX_SCALE_CEIL : MG_MX_SCALE_FLOOR;
    q->round = u->rnd.mode;
    if (q->round != MG_SR && mg_unit_given(u, "rbits")) {
        snprintf(err, errlen, "rbits=%ld only applies to round=sr", mg_unit_int(u, "rbits"));
        return -1;
    }
    q->rbits = (int)mg_unit_int(u, "rbits");
    return mg_mx_quant_spec_check(q, err, errlen);
}

int mg_mx_quant_configure(mg_hbfp_quant_cfg *c, mg_kv_list *kv, char *err, size_t errlen)
{
    mg_unit u;
    memset(c, 0, sizeof *c);
    if (mg_unit_resolve(&u, &mg_unit_mx_quant, kv, false, err, errlen)) return -1;
    mg_mx_quant_spec *q = &c->mx.spec;
    if (quant_spec(&u, q, err, errlen)) return -1;
    c->mx.on = true;
    c->pipe = (int)mg_unit_int(&u, "pipe");
    /* The geometry the HBFP converter's driver reads. */
    c->spec = mg_hbfp_quant_spec_default();
    c->spec.n = mg_mx_elem_get(q->elem)->bits;
    c->spec.block = q->block;
    c->spec.round = q->round;
    c->spec.rbits = q->rbits;
    snprintf(c->canonical, sizeof c->canonical, "%s", u.canonical);
    snprintf(c->top, sizeof c->top, "%s", u.top);
    return 0;
}

/* eval mx_quant: the golden converter on one block a line (docs/spec/mx.md s. 6). */
static int eval_quant(const mg_unit *u, FILE *in, FILE *out, char *err, size_t errlen)
{
    mg_mx_quant_spec q;
    if (quant_spec(u, &q, err, errlen)) return -1;
    return mg_eval_mx_quant_spec(&q, in, out, err, errlen);
}

int mg_mx_quant_emit(const mg_hbfp_quant_cfg *c, const char *outdir, const char *command_line, mg_rtl_output *out,
                     char *err, size_t errlen)
{
    static const char *const own[] = { "mg_mx_quant", NULL };
    memset(out, 0, sizeof *out);
    if (mg_rtl_emit_templates("mx_quant", own, outdir, command_line, out, err, errlen)) return -1;
    const mg_mx_elem_info *in = mg_mx_elem_get(c->mx.spec.elem);
    const int sr = c->mx.spec.round == MG_SR, b = c->mx.spec.block;
    const long rbits = sr ? c->mx.spec.rbits : 1;
    char rand_tie[32];
    snprintf(rand_tie, sizeof rand_tie, "{%d{1'b0}}", b);
    const mg_block_top_port ports[] = {
        { "clk_i", 1, 1, c->pipe ? NULL : "1'b0" },
        { "x_i", 1, (long)b * 32, NULL },
        { "rand_i", 1, (long)b * rbits, sr ? NULL : rand_tie },
        { "exp_o", 0, 8, NULL },   /* the E8M0 scale, named as hbfp_quant's port */
        { "q_o", 0, (long)b * in->bits, NULL }, /* the element codes */
        { "flags_o", 0, 5, NULL },
    };
    /* The largest element 1.f * 2^emax: f and its width (int8: 127/64). */
    const long max_frac = in->is_int ? 63 : (long)mg_max_frac_at_emax(&in->fmt);
    const long max_frac_bits = in->is_int ? 6 : in->fmt.frac_bits;
    /* The largest element in units of 2^-22, capped at 2^23 (mg_mx_quant_scale). */
    const long sub_limit = in->emax >= 1 ? 1L << 23 : (64 + max_frac) << 16;
    const mg_block_top_param params[] = {
        { "N", in->bits },
        { "Block", b },
        { "ExpBits", in->fmt.exp_bits },
        { "FracBits", in->fmt.frac_bits },
        { "Bias", in->fmt.bias },
        { "Specials", mg_specials_code(in->fmt.specials) },
        { "Int", in->is_int },
        { "EMax", in->emax },
        { "MaxFrac", max_frac },
        { "MaxFracBits", max_frac_bits },
        { "SubLimit", sub_limit },
        { "Ceil", c->mx.spec.scale == MG_MX_SCALE_CEIL },
        { "Mode", c->mx.spec.round == MG_RNE ? 1 : sr ? 2 : 0 },
        { "RBits", rbits },
        { "Pipe", c->pipe },
    };
    return mg_block_emit_wrapper(outdir, c->top, command_line, c->canonical, "mg_mx_quant", ports,
                                 sizeof ports / sizeof ports[0], params, sizeof params / sizeof params[0], out, err,
                                 errlen);
}

int mg_mx_array_rtl_emit(mg_kv_list *kv, const char *outdir, const char *command_line, mg_rtl_output *out,
                         char *err, size_t errlen)
{
    mg_hbfp_array_cfg c;
    if (mg_mx_array_configure(&c, kv, err, errlen)) return -1;
    return mg_hbfp_array_emit(&c, outdir, command_line, out, err, errlen);
}

int mg_mx_quant_rtl_emit(mg_kv_list *kv, const char *outdir, const char *command_line, mg_rtl_output *out,
                         char *err, size_t errlen)
{
    mg_hbfp_quant_cfg c;
    if (mg_mx_quant_configure(&c, kv, err, errlen)) return -1;
    return mg_mx_quant_emit(&c, outdir, command_line, out, err, errlen);
}

int mg_array_plan_mx_array(mg_kv_list *kv, mg_array_plan *p, char *err, size_t errlen)
{
    if (mg_mx_array_configure(&p->hbfp, kv, err, errlen)) return -1;
    return mg_array_plan_block_grid(p);
}

const mg_unit_def mg_unit_mx_array = {
    .name = "mx_array",
    .summary = "weight-stationary MX (OCP microscaling) systolic array (docs/spec/mx.md)",
    .params = array_params,
    .core = "mg_hbfp_array",
    .emit = mg_mx_array_rtl_emit,
    .driver = MG_DRIVER_STREAM, .verify = mg_mx_array_verify,
    .cost_plan = mg_array_plan_mx_array,
};

const mg_unit_def mg_unit_mx_quant = {
    .name = "mx_quant", .summary = "FP32 -> MX block converter (docs/spec/mx.md)", .params = quant_params,
    .core = "mg_mx_quant",
    .emit = mg_mx_quant_rtl_emit,
    .driver = MG_DRIVER_STREAM, .verify = mg_mx_quant_verify,
    .eval_line = MG_EVAL_MX_QUANT_LINE, .eval = eval_quant,
};
