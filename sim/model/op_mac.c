#include <string.h>

#include "op_common.h"
#include "ops.h"

mg_mac_spec mg_mac_spec_lba_default(void)
{
    mg_mac_spec s;
    char err[MG_FORMAT_ERR_LEN];
    memset(&s, 0, sizeof s);
    /* The aliases are compiled in; parsing them cannot fail. */
    mg_format_parse("lba8", &s.w, err);
    mg_format_parse("lba8", &s.a, err);
    mg_format_parse("lba12", &s.prod, err);
    mg_format_parse("lba12", &s.acc, err);
    return s;
}

mg_bits mg_mac_round_product(const mg_mac_spec *spec, mg_bits w, mg_bits a, const mg_rounding *rnd,
                             unsigned *flags, unsigned *events)
{
    mg_exact exact = mg_exact_product(&spec->w, w, &spec->a, a, flags);
    mg_bits q = mg_round_pack(&spec->prod, exact, rnd, flags);
    if (exact.cls == MG_CLASS_FINITE && mg_is_zero(&spec->prod, q)) *events |= MG_EVENT_UNDERFLOW;
    return q;
}

mg_bits mg_mac_accumulate(const mg_mac_spec *spec, mg_exact addend, mg_bits acc, const mg_rounding *rnd,
                          unsigned *flags, unsigned *events)
{
    mg_exact acc_x = mg_decode(&spec->acc, acc);
    mg_exact both[2] = { addend, acc_x };
    mg_exact sum;
    if (mg_any_nan(both, 2, flags)) sum = mg_invalid_result(&(unsigned){ 0 });
    else if (addend.cls == MG_CLASS_INF || acc_x.cls == MG_CLASS_INF) sum = mg_add_with_inf(addend, acc_x, flags);
    else sum = mg_exact_add(addend, acc_x);
    mg_bits result = mg_round_pack(&spec->acc, sum, rnd, flags);

    if (sum.cls == MG_CLASS_FINITE && mg_is_zero(&spec->acc, result)) *events |= MG_EVENT_UNDERFLOW;
    if (*flags & MG_FLAG_OVERFLOW) *events |= MG_EVENT_OVERFLOW;
    if (addend.cls == MG_CLASS_FINITE && (acc_x.cls == MG_CLASS_FINITE || acc_x.cls == MG_CLASS_ZERO) &&
        mg_same_value(&spec->acc, result, acc))
        *events |= MG_EVENT_SWAMP;
    return result;
}

mg_bits mg_mac(const mg_mac_spec *spec, mg_bits w, mg_bits a, mg_bits acc, const mg_rounding *rnd,
               unsigned *flags, unsigned *events)
{
    unsigned fl = 0;
    /* The addend of the accumulation: Q_prod(w*a), or w*a exactly when fused. */
    mg_exact addend = spec->fused ? mg_exact_product(&spec->w, w, &spec->a, a, &fl)
                                  : mg_decode(&spec->prod, mg_mac_round_product(spec, w, a, rnd, &fl, events));
    mg_bits result = mg_mac_accumulate(spec, addend, acc, rnd, &fl, events);
    *flags |= fl;
    return result;
}
