/* The integer MAC baseline `imac`: res = acc + w*a on two's-complement
 * integers (default int8 x int8 + int32), wrapping or saturating (sat=1),
 * combinational or as a clocked accumulator (acc_reg=1).  Its model is plain
 * integer arithmetic (docs/rtl_units.md): no float model is involved. */
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

/* The widths of w, a and acc, and sat=. */
struct mg_model_state {
    int w, a, acc;
    bool sat;
};

static const char *const imac_templates[] = { "mg_imac", NULL };
static const char *const imac_acc_templates[] = { "mg_imac_acc", NULL };

#define INT_TYPE(k, d, hi, h) \
    { k, MG_PARAM_INT_TYPE, MG_DEF_TEXT, d, 2, hi, NULL, MG_SHOW_ALWAYS, MG_FOR_ALL, h }

static const mg_param_spec imac_params[] = {
    INT_TYPE("w", "int8", 16, "weight type"),
    INT_TYPE("a", "int8", 16, "activation type"),
    INT_TYPE("acc", "int32", 32, "accumulator and result type"),
    MG_P_FLAG("sat", "saturate instead of wrapping modulo 2^N"),
    MG_P_ACC_REG, /* no pipe=: a single multiply and add */
    MG_PARAM_END,
};

static int configure_imac(mg_unit *u, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    long wb = mg_unit_int(u, "w"), ab = mg_unit_int(u, "a"), cb = mg_unit_int(u, "acc");
    if (u->acc_reg) {
        mg_unit_add_acc_reg_ports(u);
        u->core = "mg_imac_acc";
        u->templates = imac_acc_templates;
    }
    mg_unit_add_port(u, "w", MG_PORT_IN, MG_PORT_INT, (int)wb, NULL);
    mg_unit_add_port(u, "a", MG_PORT_IN, MG_PORT_INT, (int)ab, NULL);
    if (!u->acc_reg) mg_unit_add_port(u, "acc", MG_PORT_IN, MG_PORT_INT, (int)cb, NULL);
    mg_unit_add_port(u, "res", MG_PORT_OUT, MG_PORT_INT, (int)cb, NULL);
    mg_unit_add_port(u, "ovf", MG_PORT_OUT, MG_PORT_FLAGS, 1, NULL);
    mg_unit_add_param(u, "WBits", wb);
    mg_unit_add_param(u, "ABits", ab);
    mg_unit_add_param(u, "AccBits", cb);
    mg_unit_add_param(u, "Sat", mg_unit_int(u, "sat"));
    return 0;
}

static int64_t sign_extend(uint64_t v, int bits)
{
    uint64_t sign = 1ull << (bits - 1);
    v &= mg_mask64(bits);
    return (int64_t)(v ^ sign) - (int64_t)sign;
}

/* in: w, a, acc; out: res, ovf.  |w*a| <= 2^30 and |acc| <= 2^31, so the
 * exact sum fits an int64_t. */
static mg_model_state *model_new(const mg_unit *u)
{
    mg_model_state *st = malloc(sizeof *st);
    if (!st) return NULL;
    st->w = (int)mg_unit_int(u, "w");
    st->a = (int)mg_unit_int(u, "a");
    st->acc = (int)mg_unit_int(u, "acc");
    st->sat = mg_unit_int(u, "sat") != 0;
    return st;
}

static void model_free(mg_model_state *st) { free(st); }

static void model_imac(const mg_unit *u, mg_model_state *st, const uint64_t *in, uint64_t *out)
{
    (void)u;
    int64_t sum = sign_extend(in[0], st->w) * sign_extend(in[1], st->a) + sign_extend(in[2], st->acc);
    int64_t most = (int64_t)(mg_mask64(st->acc - 1)), least = -most - 1;
    bool ovf = sum > most || sum < least;
    if (ovf && st->sat) sum = sum > most ? most : least;
    out[0] = (uint64_t)sum & mg_mask64(st->acc);
    out[1] = ovf;
}

const mg_unit_def mg_unit_imac = {
    .name = "imac",
    .summary = "integer MAC res = acc + w*a (int8 x int8 + int32), wrapping or sat=1",
    .params = imac_params,
    .notes = "two's complement; ovf_o: the exact sum was out of range (sticky with acc_reg=1)",
    .core = "mg_imac", .templates = imac_templates,
    .configure = configure_imac,
    .model_new = model_new, .model_free = model_free, .model = model_imac,
    MG_UNIT_CLOCKED_FORMS,
    .driver = MG_DRIVER_LANES, .eval_outputs = 2,
};
