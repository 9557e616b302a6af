/* Exact products and sums of finite values, before the one rounding. */
#include "exact.h"

/* Operands are placed with their leading bit here: two bits of headroom for
 * the carry of a sum, and at least 19 zero bits below a 106-bit product, so a
 * jammed bit never reaches the bits the rounder looks at. */
enum { LEAD_BIT = 125 };

static mg_exact normalize_to_lead(mg_exact x)
{
    int shift = LEAD_BIT - mg_msb128(x.sig);
    if (shift >= 0) {
        x.sig <<= shift;
    } else {
        x.sig = mg_shift_right_jam(x.sig, -shift);
    }
    x.exp -= shift;
    return x;
}

mg_exact mg_exact_mul(mg_exact a, mg_exact b)
{
    mg_exact r = { MG_CLASS_ZERO, a.sign != b.sign, false, 0, 0 };
    if (a.cls == MG_CLASS_ZERO || b.cls == MG_CLASS_ZERO) return r;
    /* Significands have at most 53 bits: the product fits in 106. */
    r.cls = MG_CLASS_FINITE;
    r.sig = a.sig * b.sig;
    r.exp = a.exp + b.exp;
    return r;
}

/* (-1)^sa * x + (-1)^sb * y, both scaled by 2^exp. */
static mg_exact signed_sum(mg_u128 x, bool sa, mg_u128 y, bool sb, int32_t exp)
{
    mg_exact r = { MG_CLASS_FINITE, sa, false, exp, 0 };
    if (sa == sb) {
        r.sig = x + y;
    } else if (x >= y) {
        r.sig = x - y;
    } else {
        r.sig = y - x;
        r.sign = sb;
    }
    if (r.sig == 0) { /* exact cancellation: +0 in every rounding mode here */
        r.cls = MG_CLASS_ZERO;
        r.sign = false;
        r.exp = 0;
    }
    return r;
}

mg_exact mg_exact_add(mg_exact a, mg_exact b)
{
    if (a.cls == MG_CLASS_ZERO && b.cls == MG_CLASS_ZERO) {
        mg_exact z = { MG_CLASS_ZERO, a.sign && b.sign, false, 0, 0 };
        return z;
    }
    if (a.cls == MG_CLASS_ZERO) return b;
    if (b.cls == MG_CLASS_ZERO) return a;

    if (a.exp < b.exp) {
        mg_exact t = a;
        a = b;
        b = t;
    }
    /* Exact when a, aligned to b's smaller exponent, still fits. */
    int d = a.exp - b.exp;
    if (d < LEAD_BIT && mg_msb128(a.sig) + d < LEAD_BIT) return signed_sum(a.sig << d, a.sign, b.sig, b.sign, b.exp);

    /* Otherwise align b to a, both with their leading bit at LEAD_BIT. */
    a = normalize_to_lead(a);
    b = normalize_to_lead(b);
    if (a.exp < b.exp) {
        mg_exact t = a;
        a = b;
        b = t;
    }
    return signed_sum(a.sig, a.sign, mg_shift_right_jam(b.sig, a.exp - b.exp), b.sign, a.exp);
}
