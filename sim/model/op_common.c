#include "op_common.h"

#include "round.h"

bool mg_any_nan(const mg_exact *ops, int n, unsigned *flags)
{
    bool nan = false;
    for (int i = 0; i < n; i++) {
        if (ops[i].cls != MG_CLASS_NAN) continue;
        nan = true;
        if (ops[i].signaling) *flags |= MG_FLAG_INVALID;
    }
    return nan;
}

mg_exact mg_invalid_result(unsigned *flags)
{
    mg_exact r = { MG_CLASS_NAN, false, false, 0, 0 };
    *flags |= MG_FLAG_INVALID;
    return r;
}

mg_exact mg_add_with_inf(mg_exact a, mg_exact b, unsigned *flags)
{
    if (a.cls == MG_CLASS_INF && b.cls == MG_CLASS_INF && a.sign != b.sign) return mg_invalid_result(flags);
    return a.cls == MG_CLASS_INF ? a : b;
}

mg_exact mg_exact_product(const mg_format *fa, mg_bits a, const mg_format *fb, mg_bits b, unsigned *flags)
{
    mg_exact ops[2] = { mg_decode(fa, a), mg_decode(fb, b) };
    if (mg_any_nan(ops, 2, flags)) return ops[0].cls == MG_CLASS_NAN ? ops[0] : ops[1];
    return mg_mul_specials(ops[0], ops[1], flags);
}

mg_exact mg_mul_specials(mg_exact a, mg_exact b, unsigned *flags)
{
    if (a.cls == MG_CLASS_INF || b.cls == MG_CLASS_INF) {
        if (a.cls == MG_CLASS_ZERO || b.cls == MG_CLASS_ZERO) return mg_invalid_result(flags);
        mg_exact r = { MG_CLASS_INF, a.sign != b.sign, false, 0, 0 };
        return r;
    }
    return mg_exact_mul(a, b);
}
