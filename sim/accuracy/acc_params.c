#include "acc_params.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int get_format(mg_kv_list *kv, const char *key, const char *def, mg_format *f, char *err, size_t errlen)
{
    char why[MG_FORMAT_ERR_LEN];
    const char *text = mg_kv_get(kv, key, def);
    if (mg_format_parse(text, f, why) == 0) return 0;
    snprintf(err, errlen, "%s=%s: %s", key, text, why);
    return -1;
}

/* K=64,256,...: each in 1..MG_ACC_K_MAX (decimal, number.h). */
static int parse_k_list(const char *text, mg_acc_params *p, char *err, size_t errlen)
{
    const char *s = text;
    p->n_k = 0;
    while (*s) {
        char item[32], why[160];
        size_t len = strcspn(s, ",");
        unsigned long long v;
        if (len == 0 || len >= sizeof item) {
            snprintf(err, errlen, "K=%.40s: expected a list of lengths from 1 to %zu, e.g. K=64,1024", text,
                     MG_ACC_K_MAX);
            return -1;
        }
        snprintf(item, sizeof item, "%.*s", (int)len, s);
        if (mg_parse_uint("K", item, 1, MG_ACC_K_MAX, 0, &v, why, sizeof why)) {
            snprintf(err, errlen, "%s", why);
            return -1;
        }
        if (p->n_k == MG_ACC_POINTS_MAX) {
            snprintf(err, errlen, "K=: at most %d lengths", MG_ACC_POINTS_MAX);
            return -1;
        }
        p->k[p->n_k++] = (size_t)v;
        s += len;
        if (*s == ',' && !s[1]) {
            snprintf(err, errlen, "K=%.40s: a list ends with a length, not a comma", text);
            return -1;
        }
        if (*s) s++;
    }
    if (p->n_k == 0) {
        snprintf(err, errlen, "K=: expected a list of lengths, e.g. K=64,1024");
        return -1;
    }
    return 0;
}

static int parse_rounding(mg_kv_list *kv, const char *def, mg_rounding *r, char *err, size_t errlen)
{
    mg_round_mode m;
    const char *mode = mg_kv_get(kv, "round", def), *ovf = mg_kv_get(kv, "ovf", "inf");
    long rbits;
    if (mg_round_mode_parse(mode, &m) != 0) {
        snprintf(err, errlen, "round=%s: unknown rounding (known: rtz, rne, sr)", mode);
        return -1;
    }
    *r = mg_rounding_make(m);
    if (mg_kv_get_int(kv, "rbits", MG_RBITS_DEFAULT, 1, MG_RBITS_MAX, &rbits, err, errlen)) return -1;
    r->rbits = (int)rbits;
    if (strcmp(ovf, "sat") && strcmp(ovf, "inf")) {
        snprintf(err, errlen, "ovf=%s: expected sat or inf", ovf);
        return -1;
    }
    r->ovf_sat = !strcmp(ovf, "sat");
    return 0;
}

static int parse_dist(mg_kv_list *kv, mg_dist *d, char *err, size_t errlen)
{
    const char *name = mg_kv_get(kv, "dist", "normal");
    const char *scale = mg_kv_get(kv, "scale", "1"), *mean = mg_kv_get(kv, "mean", "0");
    if (mg_dist_parse(name, &d->kind) != 0) {
        snprintf(err, errlen, "dist=%s: unknown distribution (known: normal, laplace, uniform)", name);
        return -1;
    }
    if (mg_parse_real("scale", scale, 0, 1e300, &d->scale, err, errlen) ||
        mg_parse_real("mean", mean, -1e300, 1e300, &d->mean, err, errlen))
        return -1;
    if (!(d->scale > 0)) {
        snprintf(err, errlen, "scale=%s: expected a scale > 0", scale);
        return -1;
    }
    return 0;
}

/* K= and the distribution, for every unit. */
static int parse_inputs(mg_kv_list *kv, bool from_data, mg_acc_params *p, char *err, size_t errlen)
{
    /* With --data the arrays are the inputs: a distribution would be ignored. */
    static const char *const drawn[] = { "dist", "scale", "mean" };
    for (size_t i = 0; from_data && i < sizeof drawn / sizeof drawn[0]; i++)
        if (mg_kv_get(kv, drawn[i], NULL)) {
            snprintf(err, errlen, "%s=: with --data the arrays are the inputs (dist=, scale= and mean= describe "
                     "drawn inputs)", drawn[i]);
            return -1;
        }
    if (parse_dist(kv, &p->dist, err, errlen)) return -1;
    const char *k = mg_kv_get(kv, "K", NULL);
    if (from_data && k) {
        snprintf(err, errlen, "K=: with --data the arrays give K");
        return -1;
    }
    return from_data ? 0 : parse_k_list(k ? k : "1024", p, err, errlen);
}

static int parse_block_unit(const char *unit, mg_kv_list *kv, bool from_data, mg_acc_params *p, char *err,
                            size_t errlen)
{
    bool quant = !strcmp(unit, "hbfp_quant");
    if (quant && from_data) {
        snprintf(err, errlen, "hbfp_quant: inputs come from dist= (one block per trial), not --data");
        return -1;
    }
    if (quant && mg_kv_get(kv, "K", NULL)) {
        snprintf(err, errlen, "hbfp_quant: K= is the block (block=)");
        return -1;
    }
    if (mg_acc_params_parse_block(unit, kv, p, err, errlen) || parse_inputs(kv, from_data, p, err, errlen)) return -1;
    if (quant) {
        p->k[0] = (size_t)p->block.hbfp.block;
        p->n_k = 1;
    }
    const char *known = quant ? "n, block, exp, round, rbits, dist, scale, mean"
                        : !strcmp(unit, "hbfp_dot")
                            ? "n, block, exp, round, rbits, acc, boost, mix, K, dist, scale, mean"
                            : "elem, block, mxscale, round, rbits, acc, fused, K, dist, scale, mean";
    return mg_kv_check_all_used(kv, known, err, errlen);
}

int mg_acc_params_parse(const char *unit, mg_kv_list *kv, bool from_data, mg_acc_params *p, char *err,
                        size_t errlen)
{
    bool is_mac = !strcmp(unit, "mac");
    memset(p, 0, sizeof *p);
    snprintf(p->unit, sizeof p->unit, "%s", unit);
    if (!strcmp(unit, "hbfp_dot") || !strcmp(unit, "mx_dot") || !strcmp(unit, "hbfp_quant")) return parse_block_unit(unit, kv, from_data, p, err, errlen);
    if (!is_mac && strcmp(unit, "dot")) {
        snprintf(err, errlen, "unit %s: accuracy takes dot, mac, hbfp_dot, hbfp_quant or mx_dot", unit);
        return -1;
    }
    const char *acc = mg_kv_get(kv, "acc", "lba12");
    mg_dot_spec *s = &p->spec;
    long chunk = 0, fused;
    if (get_format(kv, "w", "lba8", &s->mac.w, err, errlen) || get_format(kv, "a", "lba8", &s->mac.a, err, errlen) ||
        get_format(kv, "prod", acc, &s->mac.prod, err, errlen) || get_format(kv, "acc", acc, &s->mac.acc, err, errlen))
        return -1;
    if (is_mac) s->acc2 = s->mac.acc;
    else if (get_format(kv, "acc2", acc, &s->acc2, err, errlen) ||
             mg_kv_get_int(kv, "chunk", 16, 0, (long)MG_ACC_K_MAX, &chunk, err, errlen))
        return -1;
    s->chunk = (size_t)chunk;
    if (mg_kv_get_int(kv, "fused", 0, 0, 1, &fused, err, errlen)) return -1;
    s->mac.fused = fused != 0;
    if (parse_rounding(kv, s->acc2.specials == MG_SPECIALS_IEEE ? "rne" : "rtz", &p->rnd, err, errlen)) return -1;
    if (parse_inputs(kv, from_data, p, err, errlen)) return -1;
    const char *known = is_mac ? "w, a, prod, acc, round, rbits, ovf, fused, K, dist, scale, mean"
                               : "w, a, prod, acc, acc2, chunk, round, rbits, ovf, fused, K, dist, scale, mean";
    if (mg_kv_check_all_used(kv, known, err, errlen)) return -1;

    char fw[64], fa[64], fp[64], fc[64], f2[64];
    mg_format_spell(&s->mac.w, fw, sizeof fw);
    mg_format_spell(&s->mac.a, fa, sizeof fa);
    mg_format_spell(&s->mac.prod, fp, sizeof fp);
    mg_format_spell(&s->mac.acc, fc, sizeof fc);
    mg_format_spell(&s->acc2, f2, sizeof f2);
    int n = snprintf(p->canonical, sizeof p->canonical, "%s w=%s a=%s prod=%s acc=%s", unit, fw, fa, fp, fc);
    if (!is_mac) n += snprintf(p->canonical + n, sizeof p->canonical - (size_t)n, " acc2=%s chunk=%zu", f2, s->chunk);
    snprintf(p->canonical + n, sizeof p->canonical - (size_t)n, "%s round=%s", s->mac.fused ? " fused=1" : "",
             mg_round_mode_name(p->rnd.mode));
    return 0;
}
