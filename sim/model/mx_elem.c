/* The MX element formats (docs/spec/mx.md section 1) and their exact values. */
#include <string.h>

#include "mx.h"

/* emax, lsb and max_mag_bits follow from the descriptor (emax = mg_emax,
 * lsb = emin - M, the largest finite value in units of 2^lsb); the tests
 * re-derive them from it.  int8's descriptor is its rounding grid only. */
static const mg_mx_elem_info infos[MG_MX_ELEM_COUNT] = {
    [MG_MX_FP8_E4M3] = { "fp8_e4m3", 8, false, { 4, 3, 7, MG_SPECIALS_FN, true }, 8, -9, 18 },
    [MG_MX_FP8_E5M2] = { "fp8_e5m2", 8, false, { 5, 2, 15, MG_SPECIALS_IEEE, true }, 15, -16, 32 },
    [MG_MX_FP6_E3M2] = { "fp6_e3m2", 6, false, { 3, 2, 3, MG_SPECIALS_FIN, true }, 4, -4, 9 },
    [MG_MX_FP6_E2M3] = { "fp6_e2m3", 6, false, { 2, 3, 1, MG_SPECIALS_FIN, true }, 2, -3, 6 },
    [MG_MX_FP4_E2M1] = { "fp4_e2m1", 4, false, { 2, 1, 1, MG_SPECIALS_FIN, true }, 2, -1, 4 },
    [MG_MX_INT8] = { "int8", 8, true, { 2, 6, 1, MG_SPECIALS_FIN, true }, 0, -6, 8 },
};

const mg_mx_elem_info *mg_mx_elem_get(mg_mx_elem e)
{
    return (unsigned)e < MG_MX_ELEM_COUNT ? &infos[e] : NULL;
}

int mg_mx_elem_parse(const char *s, mg_mx_elem *out)
{
    for (int i = 0; i < MG_MX_ELEM_COUNT; i++) {
        if (strcmp(s, infos[i].name) == 0) {
            *out = (mg_mx_elem)i;
            return 0;
        }
    }
    return -1;
}

const char *mg_mx_elem_names(void) { return "fp8_e4m3, fp8_e5m2, fp6_e3m2, fp6_e2m3, fp4_e2m1, int8"; }

mg_exact mg_mx_elem_decode(mg_mx_elem e, uint32_t code)
{
    const mg_mx_elem_info *in = &infos[e];
    if (!in->is_int) {
        mg_bits b = { code & mg_mask64(in->bits) };
        return mg_decode(&in->fmt, b);
    }
    /* int8: two's complement q (the code -128 reads as -2), value q * 2^-6. */
    int32_t q = (int32_t)(code & 0xff);
    if (q >= 128) q -= 256;
    mg_exact v = { q ? MG_CLASS_FINITE : MG_CLASS_ZERO, q < 0, false, in->lsb, 0 };
    v.sig = (mg_u128)(q < 0 ? -q : q);
    if (q == 0) v.exp = 0;
    return v;
}
