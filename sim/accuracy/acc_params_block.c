/* Parameters of `macgen accuracy hbfp_dot|mx_dot` (the names of `macgen eval
 * hbfp_dot` / `mx_dot`, except the MX scale rule: mxscale=, since scale= is
 * the input distribution's). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acc_params.h"
#include "number.h"

static int parse_round(mg_kv_list *kv, mg_round_mode *mode, int *rbits, char *err, size_t errlen)
{
    const char *m = mg_kv_get(kv, "round", "rne");
    long rb;
    if (mg_round_mode_parse(m, mode) != 0) {
        snprintf(err, errlen, "round=%s: unknown rounding (known: rtz, rne, sr)", m);
        return -1;
    }
    if (mg_kv_get_int(kv, "rbits", MG_RBITS_DEFAULT, 1, MG_RBITS_MAX, &rb, err, errlen)) return -1;
    *rbits = (int)rb;
    return 0;
}

static int parse_hbfp(mg_kv_list *kv, mg_hbfp_quant_spec *q, char *err, size_t errlen)
{
    long n, block;
    const char *exp = mg_kv_get(kv, "exp", "floor1");
    *q = mg_hbfp_quant_spec_default();
    if (mg_kv_get_int(kv, "n", 4, MG_HBFP_N_MIN, MG_HBFP_N_MAX, &n, err, errlen) ||
        mg_kv_get_int(kv, "block", MG_HBFP_BLOCK_DEFAULT, MG_HBFP_BLOCK_MIN, MG_HBFP_BLOCK_MAX, &block, err, errlen))
        return -1;
    q->n = (int)n;
    q->block = (int)block;
    if (mg_hbfp_exp_rule_parse(exp, &q->exp_rule) != 0) {
        snprintf(err, errlen, "exp=%s: expected floor1 or ceil", exp);
        return -1;
    }
    if (parse_round(kv, &q->round, &q->rbits, err, errlen)) return -1;
    return mg_hbfp_quant_spec_check(q, err, errlen);
}

/* boost=B mix=F (hbfp_dot): the Accuracy Booster mix, a fraction F of the
 * dot products in HBFP<B> (B > n; mix default 0.01, the paper's). */
static int parse_boost(mg_kv_list *kv, mg_acc_block_spec *b, char *err, size_t errlen)
{
    long boost;
    const char *mix = mg_kv_get(kv, "mix", NULL);
    if (mg_kv_get_int(kv, "boost", 0, 0, MG_HBFP_N_MAX, &boost, err, errlen)) return -1;
    if (!boost) {
        if (!mix) return 0;
        snprintf(err, errlen, "mix=%s only applies with boost= (the Accuracy Booster's wider mantissas)", mix);
        return -1;
    }
    if (boost <= b->hbfp.n) {
        snprintf(err, errlen, "boost=%ld must be wider than n=%d", boost, b->hbfp.n);
        return -1;
    }
    double f = 0.01;
    if (mix && mg_parse_real("mix", mix, 0.0, 1.0, &f, err, errlen)) return -1;
    b->boost = (int)boost;
    b->mix = f;
    return 0;
}

static int parse_mx(mg_kv_list *kv, mg_mx_quant_spec *q, bool *fused, char *err, size_t errlen)
{
    long block, f;
    const char *elem = mg_kv_get(kv, "elem", "fp8_e4m3"), *rule = mg_kv_get(kv, "mxscale", "floor");
    *q = mg_mx_quant_spec_default();
    if (mg_mx_elem_parse(elem, &q->elem) != 0) {
        snprintf(err, errlen, "elem=%s: unknown element format (known: %s)", elem, mg_mx_elem_names());
        return -1;
    }
    if (mg_mx_scale_rule_parse(rule, &q->scale) != 0) {
        snprintf(err, errlen, "mxscale=%s: expected floor or ceil", rule);
        return -1;
    }
    if (mg_kv_get_int(kv, "block", MG_MX_BLOCK_DEFAULT, MG_MX_BLOCK_MIN, MG_MX_BLOCK_MAX, &block, err, errlen) ||
        mg_kv_get_int(kv, "fused", 0, 0, 1, &f, err, errlen))
        return -1;
    q->block = (int)block;
    *fused = f != 0;
    if (parse_round(kv, &q->round, &q->rbits, err, errlen)) return -1;
    return mg_mx_quant_spec_check(q, err, errlen);
}

int mg_acc_params_parse_block(const char *unit, mg_kv_list *kv, mg_acc_params *p, char *err, size_t errlen)
{
    mg_acc_block_spec *b = &p->block;
    char why[MG_FORMAT_ERR_LEN], facc[64];
    p->is_block = true;
    const char *acc = !strcmp(unit, "hbfp_quant") ? "fp32" : mg_kv_get(kv, "acc", "fp32");
    b->kind = !strcmp(unit, "hbfp_dot") ? MG_ACC_BLOCK_HBFP : !strcmp(unit, "hbfp_quant") ? MG_ACC_BLOCK_HBFP_QUANT
                                                                                       : MG_ACC_BLOCK_MX;
    if (mg_format_parse(acc, &b->acc, why) != 0) {
        snprintf(err, errlen, "acc=%s: %s", acc, why);
        return -1;
    }
    if (b->kind != MG_ACC_BLOCK_MX ? parse_hbfp(kv, &b->hbfp, err, errlen)
                                     : parse_mx(kv, &b->mx, &b->fused, err, errlen))
        return -1;
    if (b->kind == MG_ACC_BLOCK_HBFP && parse_boost(kv, b, err, errlen)) return -1;
    mg_format_spell(&b->acc, facc, sizeof facc);
    if (b->kind == MG_ACC_BLOCK_HBFP_QUANT)
        snprintf(p->canonical, sizeof p->canonical, "hbfp_quant n=%d block=%d exp=%s round=%s", b->hbfp.n,
                 b->hbfp.block, mg_hbfp_exp_rule_name(b->hbfp.exp_rule), mg_round_mode_name(b->hbfp.round));
    else if (b->kind == MG_ACC_BLOCK_HBFP) {
        int len = snprintf(p->canonical, sizeof p->canonical, "hbfp_dot n=%d block=%d exp=%s round=%s acc=%s",
                           b->hbfp.n, b->hbfp.block, mg_hbfp_exp_rule_name(b->hbfp.exp_rule),
                           mg_round_mode_name(b->hbfp.round), facc);
        if (b->boost)
            snprintf(p->canonical + len, sizeof p->canonical - (size_t)len, " boost=%d mix=%g", b->boost, b->mix);
    }
    else
        snprintf(p->canonical, sizeof p->canonical, "mx_dot elem=%s block=%d mxscale=%s round=%s acc=%s%s",
                 mg_mx_elem_get(b->mx.elem)->name, b->mx.block, mg_mx_scale_rule_name(b->mx.scale),
                 mg_round_mode_name(b->mx.round), facc, b->fused ? " fused=1" : "");
    return 0;
}
