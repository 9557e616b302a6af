/* Shared helpers of the unit table: port table, template parameters,
 * format and rounding parameters, corner values. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

void mg_unit_add_port(mg_unit *u, const char *name, mg_port_dir dir, mg_port_kind kind, int width,
                      const char *fmt)
{
    if (u->n_ports >= MG_UNIT_MAX_PORTS) abort(); /* a unit-table bug, not user input */
    if (dir == MG_PORT_OUT) u->out_slot[mg_unit_count_ports(u, MG_PORT_OUT)] = u->n_model_out++;
    mg_port *p = &u->ports[u->n_ports++];
    snprintf(p->name, sizeof p->name, "%s", name);
    p->dir = dir;
    p->kind = kind;
    p->width = width;
    snprintf(p->fmt, sizeof p->fmt, "%s", fmt ? fmt : "");
}

void mg_unit_add_optional_out(mg_unit *u, bool keep, const char *name, mg_port_kind kind, int width)
{
    if (keep) {
        mg_unit_add_port(u, name, MG_PORT_OUT, kind, width, NULL);
        return;
    }
    if (u->n_sink >= (int)(sizeof u->sink / sizeof u->sink[0])) abort();
    snprintf(u->sink[u->n_sink].pin, sizeof u->sink[0].pin, "%s_o", name);
    u->sink[u->n_sink++].width = width;
    u->n_model_out++;
}

void mg_unit_pick_outputs(const mg_unit *u, const uint64_t *model_out, uint64_t *port_out)
{
    int n = mg_unit_count_ports(u, MG_PORT_OUT);
    for (int k = 0; k < n; k++) port_out[k] = model_out[u->out_slot[k]];
}

void mg_unit_add_float_port(mg_unit *u, const char *name, mg_port_dir dir, const char *key)
{
    mg_unit_add_port(u, name, dir, MG_PORT_FLOAT, mg_format_width(mg_unit_format(u, key)), key);
}

void mg_unit_add_param(mg_unit *u, const char *name, long value)
{
    if (u->n_params >= MG_UNIT_MAX_PARAMS) abort();
    mg_param *p = &u->params[u->n_params++];
    snprintf(p->name, sizeof p->name, "%s", name);
    p->value = value;
}

bool mg_port_is_data(const mg_port *p) { return p->kind != MG_PORT_CLOCK; }

void mg_port_pin(const mg_port *p, char *buf, size_t len)
{
    const char *sfx = p->dir == MG_PORT_OUT ? "o" : p->kind == MG_PORT_RESET_N ? "ni" : "i";
    snprintf(buf, len, "%s_%s", p->name, sfx);
}

const char *mg_unit_core(const mg_unit *u) { return u->core ? u->core : u->def->core; }

const char *const *mg_unit_templates(const mg_unit *u)
{
    return u->templates ? u->templates : u->def->templates;
}

bool mg_unit_is_clocked(const mg_unit *u)
{
    for (int i = 0; i < u->n_ports; i++)
        if (u->ports[i].kind == MG_PORT_CLOCK) return true;
    return false;
}

int mg_unit_count_ports(const mg_unit *u, mg_port_dir dir)
{
    int n = 0;
    for (int i = 0; i < u->n_ports; i++) n += u->ports[i].dir == dir && mg_port_is_data(&u->ports[i]);
    return n;
}

const mg_port *mg_unit_port(const mg_unit *u, mg_port_dir dir, int i)
{
    for (int k = 0; k < u->n_ports; k++)
        if (u->ports[k].dir == dir && mg_port_is_data(&u->ports[k]) && i-- == 0) return &u->ports[k];
    return NULL;
}

int mg_unit_input_bits(const mg_unit *u)
{
    int bits = 0;
    for (int k = 0; k < u->n_ports; k++)
        if (u->ports[k].dir == MG_PORT_IN && mg_port_is_data(&u->ports[k])) bits += u->ports[k].width;
    return bits;
}

int mg_specials_code(mg_specials s) { return s == MG_SPECIALS_IEEE ? 0 : s == MG_SPECIALS_FN ? 1 : 2; }

void mg_unit_add_format_params(mg_unit *u, const mg_format *f, const char *suffix,
                               const char *sub_name)
{
    char name[24];
    snprintf(name, sizeof name, "ExpBits%s", suffix);
    mg_unit_add_param(u, name, f->exp_bits);
    snprintf(name, sizeof name, "FracBits%s", suffix);
    mg_unit_add_param(u, name, f->frac_bits);
    snprintf(name, sizeof name, "Bias%s", suffix);
    mg_unit_add_param(u, name, f->bias);
    snprintf(name, sizeof name, "Specials%s", suffix);
    mg_unit_add_param(u, name, mg_specials_code(f->specials));
    mg_unit_add_param(u, sub_name, f->subnormals ? 1 : 0);
}

int mg_unit_ceil_log2(long v) { return v > 1 ? mg_unit_bits_for(v - 1) : 0; }

int mg_unit_bits_for(long v)
{
    int b = 0;
    while (v > 0) {
        b++;
        v >>= 1;
    }
    return b;
}

bool mg_unit_auto_area(const mg_unit *u)
{
    for (int i = 0; i < u->n_values; i++) {
        const mg_param_value *v = &u->values[i];
        if (v->spec->kind == MG_PARAM_FORMAT && !mg_arch_narrow(&v->f)) return false;
    }
    return true;
}

bool mg_arch_narrow(const mg_format *f)
{
    return mg_format_width(f) >= MG_ARCH_AREA_MIN_BITS && mg_format_width(f) <= MG_ARCH_AREA_MAX_BITS;
}

int mg_unit_exp_width_arch(const mg_unit *u, const mg_format *const *fmts, int n, int extra_bits)
{
    if (!u->area) return mg_unit_exp_width(fmts, n, extra_bits);
    /* Every internal exponent is within the sum of the formats' exponent
     * ranges (a subnormal operand's normalised one included), the datapath
     * widths (extra_bits) and a margin: the rounder's bias and emin
     * differences, a sum's leading-zero count. */
    long bound = extra_bits + 8;
    for (int i = 0; i < n; i++)
        bound += (1L << fmts[i]->exp_bits) + labs((long)fmts[i]->bias) + fmts[i]->frac_bits + 1;
    return mg_unit_bits_for(bound) + 1;
}

int mg_unit_exp_width(const mg_format *const *fmts, int n, int extra_bits)
{
    /* Internal exponents are sums of two operand exponents, shifted by at
     * most a datapath width, plus a bias in the rounder: bound them all. */
    long bound = 256 + extra_bits;
    for (int i = 0; i < n; i++)
        bound += 2 * (labs((long)fmts[i]->bias) + (1L << fmts[i]->exp_bits) + fmts[i]->frac_bits + 2);
    return mg_unit_bits_for(bound) + 1;
}

static size_t add_unique(uint64_t *vals, size_t n, size_t max, uint64_t v)
{
    for (size_t i = 0; i < n; i++)
        if (vals[i] == v) return n;
    if (n < max) vals[n++] = v;
    return n;
}

size_t mg_unit_port_corners(const mg_unit *u, const mg_port *p, uint64_t *vals, size_t max)
{
    size_t n = 0;
    uint64_t all = mg_mask64(p->width);
    if (p->kind != MG_PORT_FLOAT && p->kind != MG_PORT_INT && p->kind != MG_PORT_RANDOM) {
        /* Control inputs: the sequence generator picks them. */
        vals[n++] = 0;
        if (max > 1) vals[n++] = 1;
        return n;
    }
    if (p->kind == MG_PORT_RANDOM) {
        uint64_t half = 1ull << (p->width - 1);
        uint64_t list[] = { 0, 1, half - 1, half, half + 1, all - 1, all };
        for (size_t i = 0; i < sizeof list / sizeof list[0]; i++) n = add_unique(vals, n, max, list[i] & all);
        return n;
    }
    if (p->kind == MG_PORT_INT) {
        uint64_t min = 1ull << (p->width - 1);
        uint64_t list[] = { 0, 1, 2, all, all - 1, min, min - 1, min + 1, 0x55 & all, 0x80 & all };
        for (size_t i = 0; i < sizeof list / sizeof list[0]; i++) n = add_unique(vals, n, max, list[i]);
        return n;
    }
    const mg_format *f = mg_unit_format(u, p->fmt);
    int m = f->frac_bits, e = f->exp_bits;
    uint64_t frac_all = mg_mask64(m);
    uint64_t xmax = (uint64_t)mg_exp_field_max(f);
    uint64_t maxfin = mg_max_finite(f, false).bits;
    uint64_t sign = 1ull << (e + m);
    uint64_t mags[] = {
        0, 1, 2, frac_all, 1ull << m, (1ull << m) | 1, (2ull << m) | frac_all,
        maxfin, maxfin - 1, maxfin & ~frac_all, (xmax << m), (xmax << m) | 1,
        (xmax << m) | (1ull << (m - 1)), (xmax << m) | frac_all,
        f->bias > 0 && (uint64_t)f->bias <= xmax ? (uint64_t)f->bias << m : 3ull << m,
        ((xmax / 2) << m) | (frac_all >> 1),
    };
    for (size_t i = 0; i < sizeof mags / sizeof mags[0]; i++) {
        n = add_unique(vals, n, max, mags[i] & (sign - 1));
        n = add_unique(vals, n, max, (mags[i] & (sign - 1)) | sign);
    }
    return n;
}

/* An unnormalised subnormal operand X must never be the operand with the
 * larger exponent while the other one loses bits: true whenever the other
 * operand cannot be smaller than 2^emin_X. */
int mg_unit_needs_norm(const mg_format *x, const mg_format *other)
{
    return x->subnormals && mg_emin(x) > mg_emin(other);
}

void mg_unit_add_rounding_params(mg_unit *u)
{
    mg_unit_add_param(u, "Mode", u->rnd.mode == MG_RTZ ? 0 : u->rnd.mode == MG_RNE ? 1 : 2);
    mg_unit_add_param(u, "RBits", u->rnd.rbits);
    mg_unit_add_param(u, "OvfSat", u->rnd.ovf_sat ? 1 : 0);
}

void mg_unit_add_acc_reg_ports(mg_unit *u)
{
    mg_unit_add_port(u, "clk", MG_PORT_IN, MG_PORT_CLOCK, 1, NULL);
    mg_unit_add_port(u, "rst", MG_PORT_IN, MG_PORT_RESET_N, 1, NULL);
    mg_unit_add_port(u, "en", MG_PORT_IN, MG_PORT_ENABLE, 1, NULL);
    mg_unit_add_port(u, "clear", MG_PORT_IN, MG_PORT_CLEAR, 1, NULL);
}

int mg_unit_check_formats(const mg_unit *u, const char *const *keys, const char *const *results,
                          char *err, size_t errlen)
{
    for (const char *const *k = keys; *k; k++) {
        const mg_format *f = mg_unit_format(u, *k);
        const char *text = mg_unit_text(u, *k);
        if (f->frac_bits < 1) {
            snprintf(err, errlen, "%s=%s: the RTL generator needs at least 1 fraction bit (M >= 1)", *k, text);
            return -1;
        }
        if (mg_format_width(f) > 64) {
            snprintf(err, errlen, "%s=%s: the RTL generator takes formats of at most 64 bits", *k, text);
            return -1;
        }
    }
    for (const char *const *k = results; k && *k; k++) {
        if (mg_format_width(mg_unit_format(u, *k)) > 32) {
            snprintf(err, errlen, "%s=%s: the RTL generator makes results of at most 32 bits", *k,
                     mg_unit_text(u, *k));
            return -1;
        }
    }
    return 0;
}
