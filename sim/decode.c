#include "exact.h"

mg_exact mg_decode(const mg_format *f, mg_bits x)
{
    int m = f->frac_bits;
    uint64_t frac = x.bits & mg_mask64(m);
    uint64_t xf = (x.bits >> m) & mg_mask64(f->exp_bits);
    mg_exact r = { MG_CLASS_ZERO, (x.bits >> (f->exp_bits + m)) & 1, false, 0, 0 };

    if (xf == (uint64_t)mg_exp_field_max(f)) {
        if (f->specials == MG_SPECIALS_IEEE) {
            if (frac == 0) {
                r.cls = MG_CLASS_INF;
            } else {
                r.cls = MG_CLASS_NAN;
                r.signaling = ((frac >> (m - 1)) & 1) == 0;
            }
            return r;
        }
        if (f->specials == MG_SPECIALS_FN && frac == mg_mask64(m)) {
            r.cls = MG_CLASS_NAN;
            return r;
        }
    }
    if (xf == 0) {
        if (!f->subnormals || frac == 0) return r;
        r.cls = MG_CLASS_FINITE;
        r.sig = frac;
        r.exp = mg_emin(f) - m;
        return r;
    }
    r.cls = MG_CLASS_FINITE;
    r.sig = ((uint64_t)1 << m) | frac;
    r.exp = (int32_t)xf - f->bias - m;
    return r;
}
