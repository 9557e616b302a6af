/* The exact MX block dot product and one accumulation step (docs/spec/mx.md
 * section 4). */
#include "mx.h"
#include "op_common.h"

__extension__ typedef __int128 i128;

/* A finite block's value: its fixed-point sum (sign and magnitude, in units
 * of 2^(2*lsb)) scaled by 2^(Xa + Xb - 254); an exact zero sum is +0. */
static mg_exact sum_value(const mg_mx_elem_info *in, bool neg, mg_u128 mag, uint8_t xa, uint8_t xb)
{
    mg_exact v = { MG_CLASS_ZERO, false, false, 0, 0 };
    if (mag == 0) return v;
    v.cls = MG_CLASS_FINITE;
    v.sign = neg;
    v.sig = mag;
    v.exp = 2 * in->lsb + (int32_t)xa + (int32_t)xb - 2 * MG_MX_SCALE_BIAS;
    return v;
}

mg_exact mg_mx_block_value(mg_mx_elem e, int block, uint8_t xa, const uint32_t *a, uint8_t xb,
                           const uint32_t *b, unsigned *flags)
{
    const mg_mx_elem_info *in = mg_mx_elem_get(e);
    bool nan = false, pinf = false, ninf = false;
    i128 s = 0; /* the fixed-point sum, LSB 2^(2*lsb): at most 2*32 + 8 + 1 bits */
    for (int i = 0; i < block; i++) {
        mg_exact ops[2] = { mg_mx_elem_decode(e, a[i]), mg_mx_elem_decode(e, b[i]) };
        if (mg_any_nan(ops, 2, flags)) {
            nan = true;
            continue;
        }
        mg_exact p = mg_mul_specials(ops[0], ops[1], flags); /* Inf*0: NaN, invalid */
        if (p.cls == MG_CLASS_NAN) nan = true;
        else if (p.cls == MG_CLASS_INF) *(p.sign ? &ninf : &pinf) = true;
        else if (p.cls == MG_CLASS_FINITE) {
            i128 mag = (i128)(p.sig << (p.exp - 2 * in->lsb));
            s += p.sign ? -mag : mag;
        }
    }
    mg_exact v = { MG_CLASS_ZERO, false, false, 0, 0 };
    /* (ours) +Inf and -Inf products in one block raise invalid whatever else
     * the block holds: the sum has no order to put a NaN first. */
    if (pinf && ninf) *flags |= MG_FLAG_INVALID;
    if (xa == MG_MX_SCALE_NAN || xb == MG_MX_SCALE_NAN || nan || (pinf && ninf)) {
        v.cls = MG_CLASS_NAN;
        return v;
    }
    if (pinf || ninf) {
        v.cls = MG_CLASS_INF;
        v.sign = ninf;
        return v;
    }
    return sum_value(in, s < 0, (mg_u128)(s < 0 ? -s : s), xa, xb);
}

mg_exact mg_mx_sum_value(mg_mx_elem e, bool negative, mg_u128 magnitude, uint8_t xa, uint8_t xb)
{
    return sum_value(mg_mx_elem_get(e), negative, magnitude, xa, xb);
}

/* acc_in + V with the special rules of add, unrounded. */
static mg_exact exact_sum(const mg_format *acc, mg_bits acc_in, mg_exact v, unsigned *flags)
{
    mg_exact ops[2] = { mg_decode(acc, acc_in), v };
    if (mg_any_nan(ops, 2, flags)) return mg_invalid_result(&(unsigned){ 0 });
    if (ops[0].cls == MG_CLASS_INF || v.cls == MG_CLASS_INF) return mg_add_with_inf(ops[0], v, flags);
    return mg_exact_add(ops[0], v);
}

mg_bits mg_mx_dot_step(const mg_mx_dot_spec *s, uint8_t xa, const uint32_t *a, uint8_t xb, const uint32_t *b,
                       mg_bits acc_in, unsigned *flags)
{
    unsigned fl = 0;
    mg_exact v = mg_mx_block_value(s->elem, s->block, xa, a, xb, b, &fl);
    mg_bits r = mg_mx_accumulate(s, v, acc_in, &fl);
    *flags |= fl;
    return r;
}

mg_bits mg_mx_accumulate(const mg_mx_dot_spec *s, mg_exact v, mg_bits acc_in, unsigned *flags)
{
    const mg_rounding rne = mg_rounding_make(MG_RNE);
    unsigned fl = 0;
    mg_bits r;
    if (s->fused) {
        r = mg_round_pack(&s->acc, exact_sum(&s->acc, acc_in, v, &fl), &rne, &fl);
    } else {
        mg_bits blk = mg_round_pack(&s->acc, v, &rne, &fl);
        r = mg_add(&s->acc, acc_in, &s->acc, blk, &s->acc, &rne, &fl);
    }
    *flags |= fl;
    return r;
}
