/* The records of the two-operand float units: mul (res = Q_out(a * b)) and
 * add (res = Q_out(a + b)), one rounding each (docs/rtl_units.md). */
#include <stdlib.h>

#include "unit.h"

struct mg_model_state {
    mg_format a, b, out;
};

static const char *const fmul_templates[] = { "mg_fmul", NULL };
static const char *const fadd_templates[] = { "mg_fadd", NULL };

static const mg_param_spec mul_params[] = {
    MG_P_FORMAT("a", "e4m3fn", "first operand format"),
    MG_P_FORMAT_SAME("b", "a", "second operand format"),
    MG_P_FORMAT("out", "fp32", "result format"),
    MG_P_ROUNDING("out"),
    MG_P_LEAN_FLAGS,
    MG_P_ARCH,
    MG_PARAM_END,
};

static const mg_param_spec add_params[] = {
    MG_P_FORMAT("a", "fp32", "first operand format"),
    MG_P_FORMAT_SAME("b", "a", "second operand format"),
    MG_P_FORMAT_SAME("out", "a", "result format"),
    MG_P_ROUNDING("out"),
    MG_P_LEAN_FLAGS,
    MG_P_ARCH,
    MG_PARAM_END,
};

static int configure_binary(mg_unit *u, bool is_add)
{
    const mg_format *fa = mg_unit_format(u, "a"), *fb = mg_unit_format(u, "b"), *fo = mg_unit_format(u, "out");
    const mg_format *all[] = { fa, fb, fo };
    int exp_width = mg_unit_exp_width_arch(u, all, 3, fa->frac_bits + fb->frac_bits + fo->frac_bits);

    mg_unit_add_float_port(u, "a", MG_PORT_IN, "a");
    mg_unit_add_float_port(u, "b", MG_PORT_IN, "b");
    if (u->rnd.mode == MG_SR) mg_unit_add_port(u, "rand", MG_PORT_IN, MG_PORT_RANDOM, u->rnd.rbits, NULL);
    mg_unit_add_float_port(u, "res", MG_PORT_OUT, "out");
    mg_unit_add_optional_out(u, mg_unit_int(u, "flags") != 0, "flags", MG_PORT_FLAGS, 5);

    mg_unit_add_format_params(u, fa, "A", "SubA");
    mg_unit_add_format_params(u, fb, "B", "SubB");
    mg_unit_add_format_params(u, fo, "O", "SubO");
    mg_unit_add_rounding_params(u);
    if (is_add) {
        mg_unit_add_param(u, "NormA", mg_unit_needs_norm(fa, fb));
        mg_unit_add_param(u, "NormB", mg_unit_needs_norm(fb, fa));
    }
    mg_unit_add_param(u, "ExpWidth", exp_width);
    return 0;
}

static int configure_mul(mg_unit *u, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    return configure_binary(u, false);
}

static int configure_add(mg_unit *u, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    return configure_binary(u, true);
}

static int rtl_check(const mg_unit *u, char *err, size_t errlen)
{
    static const char *const keys[] = { "a", "b", "out", NULL }, *const results[] = { "out", NULL };
    return mg_unit_check_formats(u, keys, results, err, errlen);
}

static mg_model_state *model_new(const mg_unit *u)
{
    mg_model_state *st = malloc(sizeof *st);
    if (!st) return NULL;
    st->a = *mg_unit_format(u, "a");
    st->b = *mg_unit_format(u, "b");
    st->out = *mg_unit_format(u, "out");
    return st;
}

static void model_free(mg_model_state *st) { free(st); }

/* in: a, b[, rand]; out: res, flags. */
static void model_mul(const mg_unit *u, mg_model_state *st, const uint64_t *in, uint64_t *out)
{
    mg_rounding r = u->rnd;
    r.random = r.mode == MG_SR ? in[2] : 0;
    unsigned flags = 0;
    out[0] = mg_mul(&st->a, (mg_bits){ in[0] }, &st->b, (mg_bits){ in[1] }, &st->out, &r, &flags).bits;
    out[1] = flags;
}

static void model_add(const mg_unit *u, mg_model_state *st, const uint64_t *in, uint64_t *out)
{
    mg_rounding r = u->rnd;
    r.random = r.mode == MG_SR ? in[2] : 0;
    unsigned flags = 0;
    out[0] = mg_add(&st->a, (mg_bits){ in[0] }, &st->b, (mg_bits){ in[1] }, &st->out, &r, &flags).bits;
    out[1] = flags;
}

const mg_unit_def mg_unit_mul = {
    .name = "mul", .summary = "res = Q_out(a * b)", .params = mul_params,
    .core = "mg_fmul", .core_has_rand = true, .templates = fmul_templates,
    .configure = configure_mul, .rtl_check = rtl_check,
    .model_new = model_new, .model_free = model_free, .model = model_mul,
    .driver = MG_DRIVER_LANES, .eval_outputs = 2,
};

const mg_unit_def mg_unit_add = {
    .name = "add", .summary = "res = Q_out(a + b)", .params = add_params,
    .core = "mg_fadd", .core_has_rand = true, .templates = fadd_templates,
    .configure = configure_add, .rtl_check = rtl_check,
    .model_new = model_new, .model_free = model_free, .model = model_add,
    .driver = MG_DRIVER_LANES, .eval_outputs = 2,
};
