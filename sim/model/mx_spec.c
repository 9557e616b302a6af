/* MX conversion parameters: defaults, limits, names. */
#include <stdio.h>
#include <string.h>

#include "mx.h"

mg_mx_quant_spec mg_mx_quant_spec_default(void)
{
    mg_mx_quant_spec s = { MG_MX_FP8_E4M3, MG_MX_BLOCK_DEFAULT, MG_MX_SCALE_FLOOR, MG_RNE, MG_RBITS_DEFAULT };
    return s;
}

int mg_mx_quant_spec_check(const mg_mx_quant_spec *s, char *err, size_t errlen)
{
    if (!mg_mx_elem_get(s->elem)) {
        snprintf(err, errlen, "unknown MX element format (known: %s)", mg_mx_elem_names());
        return -1;
    }
    if (s->block < MG_MX_BLOCK_MIN || s->block > MG_MX_BLOCK_MAX || (s->block & (s->block - 1))) {
        snprintf(err, errlen, "block=%d must be a power of two from %d to %d", s->block, MG_MX_BLOCK_MIN,
                 MG_MX_BLOCK_MAX);
        return -1;
    }
    if (s->round == MG_SR && (s->rbits < 1 || s->rbits > MG_RBITS_MAX)) {
        snprintf(err, errlen, "rbits=%d is out of range (1..%d)", s->rbits, MG_RBITS_MAX);
        return -1;
    }
    return 0;
}

const char *mg_mx_scale_rule_name(mg_mx_scale_rule r) { return r == MG_MX_SCALE_CEIL ? "ceil" : "floor"; }

int mg_mx_scale_rule_parse(const char *s, mg_mx_scale_rule *out)
{
    if (!strcmp(s, "floor")) *out = MG_MX_SCALE_FLOOR;
    else if (!strcmp(s, "ceil")) *out = MG_MX_SCALE_CEIL;
    else return -1;
    return 0;
}
