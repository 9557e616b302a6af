/* The floating-point units: mul, add and the LBA mac (with its fp32, fp16,
 * bf16 baselines, which are the same unit with ieee formats and rne). */
#include <stdlib.h>
#include <string.h>

#include "mac_plan.h"
#include "unit.h"
#include "unit_defs.h"

struct mg_model_state {
    mg_mac_spec spec;
    mg_mac_plan *plan; /* NULL when the plan does not apply: use mg_mac */
};

static const char *const fmul_templates[] = { "mg_fmul", NULL };
static const char *const fadd_templates[] = { "mg_fadd", NULL };
static const char *const fmac_templates[] = { "mg_fmac", NULL };
static const char *const fmac_acc_templates[] = { "mg_fmac_acc", NULL };

static void add_rand_port(mg_unit *u)
{
    if (u->rnd.mode == MG_SR) mg_unit_add_port(u, "rand", MG_PORT_IN, MG_PORT_RANDOM, u->rnd.rbits, -1);
}

static const char *default_mode(const mg_format *out)
{
    return out->specials == MG_SPECIALS_IEEE ? "rne" : "rtz";
}

/* ---- mul and add: two operands, one rounding. */

static int configure_binary(mg_unit *u, mg_kv_list *kv, bool is_add, char *err, size_t errlen)
{
    const char *def_a = is_add ? "fp32" : "e4m3fn";
    if (mg_unit_read_format(u, kv, "a", def_a, err, errlen)) return -1;
    if (mg_unit_read_format(u, kv, "b", mg_kv_get(kv, "a", def_a), err, errlen)) return -1;
    if (mg_unit_read_format(u, kv, "out", is_add ? mg_kv_get(kv, "a", def_a) : "fp32", err, errlen)) return -1;
    const mg_format *fa = &u->fmt[0], *fb = &u->fmt[1], *fo = &u->fmt[2];
    if (mg_format_width(fo) > 32) {
        snprintf(err, errlen, "out: the RTL generator makes results of at most 32 bits");
        return -1;
    }
    if (mg_unit_read_rounding(u, kv, default_mode(fo), err, errlen)) return -1;
    u->exp_width = mg_unit_exp_width(u->fmt, 3, fa->frac_bits + fb->frac_bits + fo->frac_bits);

    mg_unit_add_port(u, "a", MG_PORT_IN, MG_PORT_FLOAT, mg_format_width(fa), 0);
    mg_unit_add_port(u, "b", MG_PORT_IN, MG_PORT_FLOAT, mg_format_width(fb), 1);
    add_rand_port(u);
    mg_unit_add_port(u, "res", MG_PORT_OUT, MG_PORT_FLOAT, mg_format_width(fo), 2);
    mg_unit_add_port(u, "flags", MG_PORT_OUT, MG_PORT_FLAGS, 5, -1);

    mg_unit_add_format_params(u, fa, "A", "SubA");
    mg_unit_add_format_params(u, fb, "B", "SubB");
    mg_unit_add_format_params(u, fo, "O", "SubO");
    mg_unit_add_rounding_params(u);
    if (is_add) {
        mg_unit_add_param(u, "NormA", mg_unit_needs_norm(fa, fb));
        mg_unit_add_param(u, "NormB", mg_unit_needs_norm(fb, fa));
    }
    mg_unit_add_param(u, "ExpWidth", u->exp_width);
    return 0;
}

static int configure_mul(mg_unit *u, mg_kv_list *kv, char *err, size_t errlen)
{
    return configure_binary(u, kv, false, err, errlen);
}

static int configure_add(mg_unit *u, mg_kv_list *kv, char *err, size_t errlen)
{
    return configure_binary(u, kv, true, err, errlen);
}

static mg_rounding lane_rounding(const mg_unit *u, const uint64_t *in, int rand_index)
{
    mg_rounding r = u->rnd;
    r.random = u->rnd.mode == MG_SR ? in[rand_index] : 0;
    return r;
}

static void model_mul(const mg_unit *u, mg_model_state *st, const uint64_t *in, uint64_t *out)
{
    (void)st;
    mg_rounding r = lane_rounding(u, in, 2);
    unsigned flags = 0;
    mg_bits res = mg_mul(&u->fmt[0], (mg_bits){ in[0] }, &u->fmt[1], (mg_bits){ in[1] }, &u->fmt[2], &r, &flags);
    out[0] = res.bits;
    out[1] = flags;
}

static void model_add(const mg_unit *u, mg_model_state *st, const uint64_t *in, uint64_t *out)
{
    (void)st;
    mg_rounding r = lane_rounding(u, in, 2);
    unsigned flags = 0;
    mg_bits res = mg_add(&u->fmt[0], (mg_bits){ in[0] }, &u->fmt[1], (mg_bits){ in[1] }, &u->fmt[2], &r, &flags);
    out[0] = res.bits;
    out[1] = flags;
}

/* ---- mac: acc' = Q_acc(Q_prod(w*a) + acc), or fused. */

static int configure_mac(mg_unit *u, mg_kv_list *kv, char *err, size_t errlen)
{
    const char *acc_text = mg_kv_get(kv, "acc", "lba12");
    if (mg_unit_read_format(u, kv, "w", "lba8", err, errlen)) return -1;
    if (mg_unit_read_format(u, kv, "a", "lba8", err, errlen)) return -1;
    if (mg_unit_read_format(u, kv, "prod", acc_text, err, errlen)) return -1;
    if (mg_unit_read_format(u, kv, "acc", acc_text, err, errlen)) return -1;
    const mg_format *fw = &u->fmt[0], *fa = &u->fmt[1], *fp = &u->fmt[2], *fc = &u->fmt[3];
    if (mg_format_width(fc) > 32 || mg_format_width(fp) > 32) {
        snprintf(err, errlen, "prod/acc: the RTL generator makes results of at most 32 bits");
        return -1;
    }
    long fused;
    if (mg_kv_get_int(kv, "fused", 0, 0, 1, &fused, err, errlen)) return -1;
    u->fused = fused != 0;
    if (mg_unit_read_rounding(u, kv, default_mode(fc), err, errlen)) return -1;
    if (u->fused) {
        size_t len = strlen(u->canonical);
        snprintf(u->canonical + len, sizeof u->canonical - len, " fused=1");
    }
    if (mg_unit_read_clocking(u, kv, err, errlen)) return -1;
    u->exp_width = mg_unit_exp_width(u->fmt, 4, fw->frac_bits + fa->frac_bits + fc->frac_bits);

    if (u->acc_reg) {
        mg_unit_add_acc_reg_ports(u);
        u->core = "mg_fmac_acc";
        u->templates = fmac_acc_templates;
    } else if (u->pipe) {
        mg_unit_add_port(u, "clk", MG_PORT_IN, MG_PORT_CLOCK, 1, -1);
    } else {
        snprintf(u->tie_low[u->n_tie_low++], sizeof u->tie_low[0], "clk_i");
    }
    mg_unit_add_port(u, "w", MG_PORT_IN, MG_PORT_FLOAT, mg_format_width(fw), 0);
    mg_unit_add_port(u, "a", MG_PORT_IN, MG_PORT_FLOAT, mg_format_width(fa), 1);
    if (!u->acc_reg) mg_unit_add_port(u, "acc", MG_PORT_IN, MG_PORT_FLOAT, mg_format_width(fc), 3);
    add_rand_port(u);
    mg_unit_add_port(u, "res", MG_PORT_OUT, MG_PORT_FLOAT, mg_format_width(fc), 3);
    mg_unit_add_port(u, "flags", MG_PORT_OUT, MG_PORT_FLAGS, 5, -1);
    mg_unit_add_port(u, "events", MG_PORT_OUT, MG_PORT_EVENTS, 3, -1);

    mg_unit_add_format_params(u, fw, "W", "SubW");
    mg_unit_add_format_params(u, fa, "A", "SubA");
    mg_unit_add_format_params(u, fp, "P", "SubP");
    mg_unit_add_format_params(u, fc, "C", "SubC");
    mg_unit_add_param(u, "Fused", u->fused ? 1 : 0);
    mg_unit_add_rounding_params(u);
    mg_unit_add_param(u, "NormP", mg_unit_needs_norm(fp, fc));
    mg_unit_add_param(u, "NormC", u->fused ? fc->subnormals : mg_unit_needs_norm(fc, fp));
    if (!u->acc_reg) mg_unit_add_param(u, "Pipe", u->pipe);
    mg_unit_add_param(u, "ExpWidth", u->exp_width);
    return 0;
}

static mg_model_state *model_new_mac(const mg_unit *u)
{
    mg_model_state *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    st->spec.w = u->fmt[0];
    st->spec.a = u->fmt[1];
    st->spec.prod = u->fmt[2];
    st->spec.acc = u->fmt[3];
    st->spec.fused = u->fused;
    st->plan = mg_mac_plan_new(&st->spec, &u->rnd);
    return st;
}

static void model_free_mac(mg_model_state *st)
{
    if (!st) return;
    if (st->plan) mg_mac_plan_free(st->plan);
    free(st);
}

static void model_mac(const mg_unit *u, mg_model_state *st, const uint64_t *in, uint64_t *out)
{
    unsigned flags = 0, events = 0;
    mg_bits res;
    if (st->plan) {
        res = mg_mac_plan_step(st->plan, (mg_bits){ in[0] }, (mg_bits){ in[1] }, (mg_bits){ in[2] }, &flags,
                               &events);
    } else {
        mg_rounding r = lane_rounding(u, in, 3);
        res = mg_mac(&st->spec, (mg_bits){ in[0] }, (mg_bits){ in[1] }, (mg_bits){ in[2] }, &r, &flags, &events);
    }
    out[0] = res.bits;
    out[1] = flags;
    out[2] = events;
}

const mg_unit_def mg_unit_mul = {
    .name = "mul",
    .summary = "res = Q_out(a * b)",
    .usage = "a=FMT b=FMT(=a) out=FMT round=rtz|rne|sr [rbits=R] [ovf=inf|sat] [top=NAME]\n"
             "  defaults: a=e4m3fn out=fp32 round=rne (rtz for non-ieee out)",
    .known = "a, b, out, round, rbits, ovf, top",
    .core = "mg_fmul",
    .core_has_rand = true,
    .templates = fmul_templates,
    .configure = configure_mul,
    .model = model_mul,
};

const mg_unit_def mg_unit_add = {
    .name = "add",
    .summary = "res = Q_out(a + b)",
    .usage = "a=FMT b=FMT(=a) out=FMT(=a) round=rtz|rne|sr [rbits=R] [ovf=inf|sat] [top=NAME]\n"
             "  defaults: a=fp32 round=rne (rtz for non-ieee out)",
    .known = "a, b, out, round, rbits, ovf, top",
    .core = "mg_fadd",
    .core_has_rand = true,
    .templates = fadd_templates,
    .configure = configure_add,
    .model = model_add,
};

const mg_unit_def mg_unit_mac = {
    .name = "mac",
    .summary = "LBA MAC step res = Q_acc(Q_prod(w*a) + acc) (fused=1: one rounding)",
    .usage = "w=FMT a=FMT prod=FMT(=acc) acc=FMT fused=0|1 round=rtz|rne|sr [rbits=R] [ovf=inf|sat]\n"
             "      [pipe=N | acc_reg=1] [top=NAME]\n"
             "  defaults: w=lba8 a=lba8 acc=lba12 round=rtz (rne for ieee acc, e.g. acc=fp32)\n"
             "  pipe=N: N register stages (clk_i), same outputs N cycles later\n"
             "  acc_reg=1: clocked accumulator (clk_i, rst_ni, en_i, clear_i), sticky flags/events",
    .known = "w, a, prod, acc, fused, round, rbits, ovf, pipe, acc_reg, top",
    .core = "mg_fmac",
    .core_has_rand = true,
    .templates = fmac_templates,
    .configure = configure_mac,
    .model_new = model_new_mac,
    .model_free = model_free_mac,
    .model = model_mac,
    .lane_new = mg_unit_clocked_lane_new,
    .lane_free = mg_unit_clocked_lane_free,
    .step = mg_unit_clocked_step,
};
