/* Parameters and Verilog emission of the MX units (see unit_mx.h). */
#include "unit_mx.h"

#include <stdlib.h>
#include <string.h>

#include "array_cost.h"
#include "rtl_emit.h"
#include "unit.h"

const char mg_mx_array_usage[] =
    "  mx_array rows=R cols=C elem=E block=B acc=fp32 pipe=0|1|2 [top=NAME]\n"
    "    weight-stationary MX systolic array (docs/spec/mx.md section 7): the\n"
    "    hbfp_array grid and protocol with MX PEs and E8M0 scales; elem is one of\n"
    "    fp8_e4m3 fp8_e5m2 fp6_e3m2 fp6_e2m3 fp4_e2m1 int8 (MXINT8); rows is a\n"
    "    multiple of block; defaults rows=block cols=16 elem=fp8_e4m3 block=32\n"
    "    acc=fp32 pipe=1\n";
const char mg_mx_quant_usage[] =
    "  mx_quant elem=E block=B scale=floor|ceil round=rne|rtz|sr [rbits=R]\n"
    "           pipe=0|1|2 [top=NAME]\n"
    "    FP32 -> MX converter, B inputs (docs/spec/mx.md section 3); sr takes an\n"
    "    R-bit random word per element (rand_i); defaults elem=fp8_e4m3 block=32\n"
    "    scale=floor round=rne rbits=8 pipe=0\n";

static int log2_exact(int v)
{
    int l = 0;
    while ((1 << l) < v) l++;
    return l;
}

/* elem= and block= (a power of two in 8..256). */
static int read_elem_block(mg_kv_list *kv, mg_mx_elem *elem, int *block, char *err, size_t errlen)
{
    const char *name = mg_kv_get(kv, "elem", "fp8_e4m3");
    if (mg_mx_elem_parse(name, elem)) {
        snprintf(err, errlen, "elem=%s: unknown MX element format (known: %s)", name, mg_mx_elem_names());
        return -1;
    }
    long b;
    if (mg_kv_get_int(kv, "block", MG_MX_BLOCK_DEFAULT, 1, MG_MX_BLOCK_MAX, &b, err, errlen)) return -1;
    if (b < MG_MX_BLOCK_MIN || (b & (b - 1))) {
        snprintf(err, errlen, "block=%ld must be a power of two from %d to %d", b, MG_MX_BLOCK_MIN, MG_MX_BLOCK_MAX);
        return -1;
    }
    *block = (int)b;
    return 0;
}

static int specials_code(mg_specials s) { return s == MG_SPECIALS_IEEE ? 0 : s == MG_SPECIALS_FN ? 1 : 2; }

/* The mx part of the array configuration and the widths that follow from it. */
static void set_mx(mg_hbfp_array_cfg *c, mg_mx_elem elem)
{
    const mg_mx_elem_info *in = mg_mx_elem_get(elem);
    c->mx.on = true;
    c->mx.elem = elem;
    c->mx.elem_exp = in->is_int ? 0 : in->fmt.exp_bits;
    c->mx.elem_frac = in->fmt.frac_bits;
    c->mx.elem_specials = in->is_int ? 2 : specials_code(in->fmt.specials);
    c->mx.mag_width = in->max_mag_bits;
    c->mx.spec_bits = c->mx.elem_specials == 2 ? 0 : 4;
    c->mx.exp_offset = 2 * in->lsb - 2 * MG_MX_SCALE_BIAS;
    c->n = in->bits;
    /* B products of at most 2*m bits each, and a sign. */
    c->sum_width = 2 * in->max_mag_bits + log2_exact(c->block) + 1;
    /* The block sum's MSB exponent lies within [-2*254 - 32, 508 + sum_width];
     * the accumulation format's range, its bias and the adder's alignment
     * distances must fit too (as for hbfp_array). */
    long fmt_span = (1L << c->acc.exp_bits) + labs((long)c->acc.bias) + c->acc.frac_bits + 64;
    long blk_span = 600 + c->sum_width + labs((long)c->acc.bias);
    c->exp_width = mg_unit_bits_for(2 * (fmt_span > blk_span ? fmt_span : blk_span)) + 1;
}

int mg_mx_array_configure(mg_hbfp_array_cfg *c, mg_kv_list *kv, char *err, size_t errlen)
{
    static const char known[] = "rows, cols, elem, block, acc, pipe, top";
    mg_mx_elem elem;
    int block;
    long rows, cols, pipe;
    memset(c, 0, sizeof *c);
    if (read_elem_block(kv, &elem, &block, err, errlen) ||
        mg_kv_get_int(kv, "rows", block, 1, MG_HBFP_ARRAY_MAX_DIM, &rows, err, errlen))
        return -1;
    if (rows % block) {
        snprintf(err, errlen, "rows=%ld must be a multiple of block=%d (a group of B rows sums one block)", rows,
                 block);
        return -1;
    }
    if (mg_kv_get_int(kv, "cols", 16, 1, MG_HBFP_ARRAY_MAX_DIM, &cols, err, errlen) ||
        mg_kv_get_int(kv, "pipe", 1, 0, 2, &pipe, err, errlen))
        return -1;
    const char *acc = mg_kv_get(kv, "acc", "fp32");
    char ferr[MG_FORMAT_ERR_LEN];
    if (mg_format_parse(acc, &c->acc, ferr)) {
        snprintf(err, errlen, "acc=%s: %s", acc, ferr);
        return -1;
    }
    if (c->acc.frac_bits < 1 || mg_format_width(&c->acc) > 64) {
        snprintf(err, errlen, "acc=%s: the array needs a float format with 1 or more fraction bits and at most 64 bits",
                 acc);
        return -1;
    }
    c->rows = (int)rows;
    c->cols = (int)cols;
    c->block = block;
    c->groups = (int)(rows / block);
    c->pipe = (int)pipe;
    set_mx(c, elem);
    char spelled[128];
    mg_format_spell(&c->acc, spelled, sizeof spelled);
    snprintf(c->canonical, sizeof c->canonical, "mx_array rows=%d cols=%d elem=%s block=%d acc=%s pipe=%d", c->rows,
             c->cols, mg_mx_elem_get(elem)->name, c->block, spelled, c->pipe);
    if (mg_unit_read_top(kv, "mg_mx_array_top", c->top, sizeof c->top, c->canonical, sizeof c->canonical, err,
                         errlen))
        return -1;
    return mg_kv_check_all_used(kv, known, err, errlen);
}

int mg_mx_quant_configure(mg_hbfp_quant_cfg *c, mg_kv_list *kv, char *err, size_t errlen)
{
    static const char known[] = "elem, block, scale, round, rbits, pipe, top";
    memset(c, 0, sizeof *c);
    mg_mx_quant_spec *q = &c->mx.spec;
    *q = mg_mx_quant_spec_default();
    c->mx.on = true;
    if (read_elem_block(kv, &q->elem, &q->block, err, errlen)) return -1;
    const char *scale = mg_kv_get(kv, "scale", "floor"), *round = mg_kv_get(kv, "round", "rne");
    if (mg_mx_scale_rule_parse(scale, &q->scale)) {
        snprintf(err, errlen, "scale=%s: expected scale=floor or scale=ceil", scale);
        return -1;
    }
    if (mg_round_mode_parse(round, &q->round)) {
        snprintf(err, errlen, "round=%s: expected round=rne, round=rtz or round=sr", round);
        return -1;
    }
    long rbits, pipe;
    if (mg_kv_get_int(kv, "rbits", MG_RBITS_DEFAULT, 1, MG_RBITS_MAX, &rbits, err, errlen) ||
        mg_kv_get_int(kv, "pipe", 0, 0, 2, &pipe, err, errlen))
        return -1;
    if (q->round != MG_SR && mg_kv_get(kv, "rbits", NULL)) {
        snprintf(err, errlen, "rbits=%ld only applies to round=sr", rbits);
        return -1;
    }
    q->rbits = (int)rbits;
    c->pipe = (int)pipe;
    /* The geometry the HBFP converter's driver reads. */
    c->spec = mg_hbfp_quant_spec_default();
    c->spec.n = mg_mx_elem_get(q->elem)->bits;
    c->spec.block = q->block;
    c->spec.round = q->round;
    c->spec.rbits = q->rbits;
    int len = snprintf(c->canonical, sizeof c->canonical, "mx_quant elem=%s block=%d scale=%s round=%s",
                       mg_mx_elem_get(q->elem)->name, q->block, scale, round);
    if (q->round == MG_SR)
        len += snprintf(c->canonical + len, sizeof c->canonical - (size_t)len, " rbits=%d", q->rbits);
    snprintf(c->canonical + len, sizeof c->canonical - (size_t)len, " pipe=%d", c->pipe);
    if (mg_unit_read_top(kv, "mg_mx_quant_top", c->top, sizeof c->top, c->canonical, sizeof c->canonical, err,
                         errlen))
        return -1;
    return mg_kv_check_all_used(kv, known, err, errlen);
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
        { "Specials", specials_code(in->fmt.specials) },
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
