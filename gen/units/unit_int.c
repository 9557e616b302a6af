/* The integer MAC baseline `imac`: res = acc + w*a on two's-complement
 * integers (default int8 x int8 + int32), wrapping or saturating (sat=1),
 * combinational or as a clocked accumulator (acc_reg=1).  Its model is plain
 * integer arithmetic (docs/rtl_units.md): no float model is involved. */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "unit_defs.h"

static const char *const imac_templates[] = { "mg_imac", NULL };
static const char *const imac_acc_templates[] = { "mg_imac_acc", NULL };

/* Reads key=intN with N in lo..hi. */
static int read_int_format(mg_unit *u, mg_kv_list *kv, const char *key, const char *def, int lo, int hi,
                           int *bits, char *err, size_t errlen)
{
    const char *text = mg_kv_get(kv, key, def);
    int n = 0, used = 0;
    if (sscanf(text, "int%d%n", &n, &used) != 1 || text[used] != '\0' || n < lo || n > hi) {
        snprintf(err, errlen, "%s=%s: expected int%d..int%d (two's-complement width)", key, text, lo, hi);
        return -1;
    }
    *bits = n;
    size_t len = strlen(u->canonical);
    snprintf(u->canonical + len, sizeof u->canonical - len, " %s=int%d", key, n);
    return 0;
}

static int configure_imac(mg_unit *u, mg_kv_list *kv, char *err, size_t errlen)
{
    int *b = u->int_bits;
    if (read_int_format(u, kv, "w", "int8", 2, 16, &b[0], err, errlen)) return -1;
    if (read_int_format(u, kv, "a", "int8", 2, 16, &b[1], err, errlen)) return -1;
    if (read_int_format(u, kv, "acc", "int32", 2, 32, &b[2], err, errlen)) return -1;
    long sat;
    if (mg_kv_get_int(kv, "sat", 0, 0, 1, &sat, err, errlen)) return -1;
    u->saturate = sat != 0;
    if (u->saturate) {
        size_t len = strlen(u->canonical);
        snprintf(u->canonical + len, sizeof u->canonical - len, " sat=1");
    }
    if (mg_unit_read_clocking(u, kv, err, errlen)) return -1;
    if (u->pipe) {
        snprintf(err, errlen, "pipe=%d: imac is a single add and multiply; pipe= is for mac (use acc_reg=1 for a "
                 "clocked imac)", u->pipe);
        return -1;
    }
    if (u->acc_reg) {
        mg_unit_add_acc_reg_ports(u);
        u->core = "mg_imac_acc";
        u->templates = imac_acc_templates;
    }
    mg_unit_add_port(u, "w", MG_PORT_IN, MG_PORT_INT, b[0], -1);
    mg_unit_add_port(u, "a", MG_PORT_IN, MG_PORT_INT, b[1], -1);
    if (!u->acc_reg) mg_unit_add_port(u, "acc", MG_PORT_IN, MG_PORT_INT, b[2], -1);
    mg_unit_add_port(u, "res", MG_PORT_OUT, MG_PORT_INT, b[2], -1);
    mg_unit_add_port(u, "ovf", MG_PORT_OUT, MG_PORT_FLAGS, 1, -1);
    mg_unit_add_param(u, "WBits", b[0]);
    mg_unit_add_param(u, "ABits", b[1]);
    mg_unit_add_param(u, "AccBits", b[2]);
    mg_unit_add_param(u, "Sat", u->saturate ? 1 : 0);
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
static void model_imac(const mg_unit *u, mg_model_state *st, const uint64_t *in, uint64_t *out)
{
    (void)st;
    const int *b = u->int_bits;
    int64_t sum = sign_extend(in[0], b[0]) * sign_extend(in[1], b[1]) + sign_extend(in[2], b[2]);
    int64_t most = (int64_t)(mg_mask64(b[2] - 1)), least = -most - 1;
    bool ovf = sum > most || sum < least;
    if (ovf && u->saturate) sum = sum > most ? most : least;
    out[0] = (uint64_t)sum & mg_mask64(b[2]);
    out[1] = ovf;
}

const mg_unit_def mg_unit_imac = {
    .name = "imac",
    .summary = "integer MAC res = acc + w*a (int8 x int8 + int32), wrapping or sat=1",
    .usage = "w=intN(=int8) a=intN(=int8) acc=intN(=int32) sat=0|1 [acc_reg=1] [top=NAME]\n"
             "  two's complement; sat=0 wraps modulo 2^N, sat=1 saturates; ovf_o: the exact sum\n"
             "  was out of range.  acc_reg=1: clocked accumulator (clk_i, rst_ni, en_i, clear_i),\n"
             "  sticky ovf_o",
    .known = "w, a, acc, sat, acc_reg, pipe, top",
    .core = "mg_imac",
    .templates = imac_templates,
    .configure = configure_imac,
    .model = model_imac,
    .lane_new = mg_unit_clocked_lane_new,
    .lane_free = mg_unit_clocked_lane_free,
    .step = mg_unit_clocked_step,
};
