/* The record of the LBA MAC `mac` (with its fp32, fp16, bf16 baselines,
 * which are the same unit with ieee formats and rne): combinational, with
 * pipe=N register stages, or a clocked accumulator (acc_reg=1). */
#include <stdlib.h>
#include <string.h>

#include "mac_plan.h"
#include "unit.h"

struct mg_model_state {
    mg_mac_spec spec;
    mg_mac_plan *plan; /* NULL when the plan does not apply: use mg_mac */
};

static const char *const fmac_templates[] = { "mg_fmac", NULL };
static const char *const fmac_acc_templates[] = { "mg_fmac_acc", NULL };

static const mg_param_spec mac_params[] = {
    MG_P_FORMAT("w", "lba8", "weight format"),
    MG_P_FORMAT("a", "lba8", "activation format"),
    MG_P_FORMAT_SAME("prod", "acc", "product format (the first rounding)"),
    MG_P_FORMAT("acc", "lba12", "accumulator and result format"),
    MG_P_ROUNDING("acc"),
    MG_P_FLAG("fused", "one rounding: res = Q_acc(w*a + acc)"),
    MG_P_CLOCKING,
    MG_P_LEAN,
    MG_P_ARCH,
    MG_PARAM_END,
};

/* ---- mac: acc' = Q_acc(Q_prod(w*a) + acc), or fused. */

static void add_mac_ports(mg_unit *u)
{
    if (u->acc_reg) {
        mg_unit_add_acc_reg_ports(u);
        u->core = "mg_fmac_acc";
        u->templates = fmac_acc_templates;
    } else if (u->pipe) {
        mg_unit_add_port(u, "clk", MG_PORT_IN, MG_PORT_CLOCK, 1, NULL);
    } else {
        snprintf(u->tie_low[u->n_tie_low++], sizeof u->tie_low[0], "clk_i");
    }
    mg_unit_add_float_port(u, "w", MG_PORT_IN, "w");
    mg_unit_add_float_port(u, "a", MG_PORT_IN, "a");
    if (!u->acc_reg) mg_unit_add_float_port(u, "acc", MG_PORT_IN, "acc");
    if (u->rnd.mode == MG_SR) mg_unit_add_port(u, "rand", MG_PORT_IN, MG_PORT_RANDOM, u->rnd.rbits, NULL);
    mg_unit_add_float_port(u, "res", MG_PORT_OUT, "acc");
    mg_unit_add_optional_out(u, mg_unit_int(u, "flags") != 0, "flags", MG_PORT_FLAGS, 5);
    mg_unit_add_optional_out(u, mg_unit_int(u, "events") != 0, "events", MG_PORT_EVENTS, 3);
}

static int configure_mac(mg_unit *u, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    const mg_format *fw = mg_unit_format(u, "w"), *fa = mg_unit_format(u, "a");
    const mg_format *fp = mg_unit_format(u, "prod"), *fc = mg_unit_format(u, "acc");
    const mg_format *all[] = { fw, fa, fp, fc };
    bool fused = mg_unit_int(u, "fused") != 0;
    add_mac_ports(u);
    mg_unit_add_format_params(u, fw, "W", "SubW");
    mg_unit_add_format_params(u, fa, "A", "SubA");
    mg_unit_add_format_params(u, fp, "P", "SubP");
    mg_unit_add_format_params(u, fc, "C", "SubC");
    mg_unit_add_param(u, "Fused", fused ? 1 : 0);
    mg_unit_add_rounding_params(u);
    mg_unit_add_param(u, "NormP", mg_unit_needs_norm(fp, fc));
    mg_unit_add_param(u, "NormC", fused ? fc->subnormals : mg_unit_needs_norm(fc, fp));
    if (!u->acc_reg) mg_unit_add_param(u, "Pipe", u->pipe);
    mg_unit_add_param(u, "ExpWidth", mg_unit_exp_width_arch(u, all, 4, fw->frac_bits + fa->frac_bits + fc->frac_bits));
    return 0;
}

static int rtl_check(const mg_unit *u, char *err, size_t errlen)
{
    static const char *const keys[] = { "w", "a", "prod", "acc", NULL }, *const results[] = { "prod", "acc", NULL };
    return mg_unit_check_formats(u, keys, results, err, errlen);
}

static mg_model_state *model_new_mac(const mg_unit *u)
{
    mg_model_state *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    st->spec.w = *mg_unit_format(u, "w");
    st->spec.a = *mg_unit_format(u, "a");
    st->spec.prod = *mg_unit_format(u, "prod");
    st->spec.acc = *mg_unit_format(u, "acc");
    st->spec.fused = mg_unit_int(u, "fused") != 0;
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
        mg_rounding r = u->rnd;
        r.random = r.mode == MG_SR ? in[3] : 0;
        res = mg_mac(&st->spec, (mg_bits){ in[0] }, (mg_bits){ in[1] }, (mg_bits){ in[2] }, &r, &flags, &events);
    }
    out[0] = res.bits;
    out[1] = flags;
    out[2] = events;
}

/* arch=auto: the width rule; a pipelined MAC (pipe=N asks for throughput)
 * keeps the fast structures (lba12 pipe=2: 16% less area at 15% less fmax,
 * docs/float_speed.md), and a fused MAC takes the area structures only in
 * its lean clocked form (acc_reg=1 flags=0 events=0, an accumulator):
 * after the multiplier its ripple adder and serial normaliser are 5 to 11
 * levels deeper than the fast ones (docs/qor.md), a price worth paying
 * where area is the point, not in a combinational FMA. */
static bool auto_area_mac(const mg_unit *u)
{
    if (!mg_unit_auto_area(u) || mg_unit_int(u, "pipe")) return false;
    if (!mg_unit_int(u, "fused")) return true;
    return mg_unit_int(u, "acc_reg") && !mg_unit_int(u, "flags") && !mg_unit_int(u, "events");
}

const mg_unit_def mg_unit_mac = {
    .name = "mac",
    .summary = "LBA MAC step res = Q_acc(Q_prod(w*a) + acc) (fused=1: one rounding)",
    .params = mac_params,
    .core = "mg_fmac", .core_has_rand = true, .templates = fmac_templates,
    .configure = configure_mac, .rtl_check = rtl_check,
    .model_new = model_new_mac, .model_free = model_free_mac, .model = model_mac,
    MG_UNIT_CLOCKED_FORMS,
    .auto_area = auto_area_mac,
    .driver = MG_DRIVER_LANES, .eval_outputs = 2,
};
