/* HBFP parameters: defaults, limits, names. */
#include <stdio.h>
#include <string.h>

#include "hbfp.h"

mg_hbfp_quant_spec mg_hbfp_quant_spec_default(void)
{
    mg_hbfp_quant_spec s = { 4, MG_HBFP_BLOCK_DEFAULT, MG_HBFP_EXP_FLOOR1, MG_RNE, MG_RBITS_DEFAULT };
    return s;
}

int mg_hbfp_quant_spec_check(const mg_hbfp_quant_spec *s, char *err, size_t errlen)
{
    if (s->n < MG_HBFP_N_MIN || s->n > MG_HBFP_N_MAX) {
        snprintf(err, errlen, "n=%d is out of range (%d..%d mantissa bits including the sign)", s->n,
                 MG_HBFP_N_MIN, MG_HBFP_N_MAX);
        return -1;
    }
    if (s->block < MG_HBFP_BLOCK_MIN || s->block > MG_HBFP_BLOCK_MAX || (s->block & (s->block - 1))) {
        snprintf(err, errlen, "block=%d must be a power of two from %d to %d", s->block, MG_HBFP_BLOCK_MIN,
                 MG_HBFP_BLOCK_MAX);
        return -1;
    }
    if (s->round == MG_SR && (s->rbits < 1 || s->rbits > MG_RBITS_MAX)) {
        snprintf(err, errlen, "rbits=%d is out of range (1..%d)", s->rbits, MG_RBITS_MAX);
        return -1;
    }
    return 0;
}

const char *mg_hbfp_exp_rule_name(mg_hbfp_exp_rule r)
{
    return r == MG_HBFP_EXP_CEIL ? "ceil" : "floor1";
}

int mg_hbfp_exp_rule_parse(const char *s, mg_hbfp_exp_rule *out)
{
    if (!strcmp(s, "floor1")) *out = MG_HBFP_EXP_FLOOR1;
    else if (!strcmp(s, "ceil")) *out = MG_HBFP_EXP_CEIL;
    else return -1;
    return 0;
}

mg_format mg_hbfp_fp32(void)
{
    mg_format f = { 8, 23, 127, MG_SPECIALS_IEEE, true };
    return f;
}
