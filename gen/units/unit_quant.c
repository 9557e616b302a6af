/* The record of `quant`, res = Q_out(a): a format conversion with one
 * rounding.  It is also the worked example of docs/adding_a_unit.md: a
 * combinational unit is this file, its template (rtl_templates/mg_fquant.v)
 * and one line in units.c. */
#include <stdlib.h>

#include "unit.h"

struct mg_model_state {
    mg_format in, out;
};

static const char *const templates[] = { "mg_fquant", NULL };

static const mg_param_spec params[] = {
    MG_P_FORMAT("in", "fp64", "input format"),
    MG_P_FORMAT("out", "fp32", "result format"),
    MG_P_ROUNDING("out"),
    MG_P_LEAN_FLAGS,
    MG_P_ARCH,
    MG_PARAM_END,
};

/* Ports and template parameters from the resolved values. */
static int configure(mg_unit *u, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    const mg_format *fi = mg_unit_format(u, "in"), *fo = mg_unit_format(u, "out");
    const mg_format *all[] = { fi, fo };
    mg_unit_add_float_port(u, "a", MG_PORT_IN, "in");
    if (u->rnd.mode == MG_SR) mg_unit_add_port(u, "rand", MG_PORT_IN, MG_PORT_RANDOM, u->rnd.rbits, NULL);
    mg_unit_add_float_port(u, "res", MG_PORT_OUT, "out");
    mg_unit_add_optional_out(u, mg_unit_int(u, "flags") != 0, "flags", MG_PORT_FLAGS, 5);
    mg_unit_add_format_params(u, fi, "A", "SubA");
    mg_unit_add_format_params(u, fo, "O", "SubO");
    mg_unit_add_rounding_params(u);
    mg_unit_add_param(u, "ExpWidth", mg_unit_exp_width_arch(u, all, 2, fi->frac_bits + fo->frac_bits));
    return 0;
}

/* What the Verilog cannot do that the model can. */
static int rtl_check(const mg_unit *u, char *err, size_t errlen)
{
    static const char *const keys[] = { "in", "out", NULL }, *const results[] = { "out", NULL };
    return mg_unit_check_formats(u, keys, results, err, errlen);
}

static mg_model_state *model_new(const mg_unit *u)
{
    mg_model_state *st = malloc(sizeof *st);
    if (!st) return NULL;
    st->in = *mg_unit_format(u, "in");
    st->out = *mg_unit_format(u, "out");
    return st;
}

static void model_free(mg_model_state *st) { free(st); }

/* in: a[, rand]; out: res, flags (the port order of configure). */
static void model(const mg_unit *u, mg_model_state *st, const uint64_t *in, uint64_t *out)
{
    mg_rounding r = u->rnd;
    r.random = r.mode == MG_SR ? in[1] : 0;
    unsigned flags = 0;
    out[0] = mg_quant(&st->in, (mg_bits){ in[0] }, &st->out, &r, &flags).bits;
    out[1] = flags;
}

/* arch=auto: speed.  A conversion has no adder or multiplier to lighten:
 * its area variant only swaps the unpacker and the rounder's subnormal
 * shifter, which measured deeper and not always smaller (e5m2 -> e4m3
 * flags=0: 158.0 NAND2-eq and 23 levels area, 144.5 and 20 speed,
 * docs/float_speed.md).  arch=area still builds it. */
static bool auto_area_quant(const mg_unit *u)
{
    (void)u;
    return false;
}

const mg_unit_def mg_unit_quant = {
    .name = "quant", .summary = "res = Q_out(a), a format conversion", .params = params,
    .core = "mg_fquant", .core_has_rand = true, .templates = templates,
    .configure = configure, .rtl_check = rtl_check,
    .model_new = model_new, .model_free = model_free, .model = model,
    .auto_area = auto_area_quant,
    .driver = MG_DRIVER_LANES, .eval_outputs = 2,
};
