#include "op_common.h"
#include "ops.h"

mg_bits mg_fma(const mg_format *fa, mg_bits a, const mg_format *fb, mg_bits b, const mg_format *fc,
               mg_bits c, const mg_format *out, const mg_rounding *rnd, unsigned *flags)
{
    mg_exact ops[3] = { mg_decode(fa, a), mg_decode(fb, b), mg_decode(fc, c) };
    mg_exact r;
    if (mg_any_nan(ops, 3, flags)) {
        /* Inf*0 is invalid even beside a quiet NaN addend, as in SoftFloat. */
        bool inf_times_zero = (ops[0].cls == MG_CLASS_INF && ops[1].cls == MG_CLASS_ZERO) ||
                              (ops[0].cls == MG_CLASS_ZERO && ops[1].cls == MG_CLASS_INF);
        if (inf_times_zero) *flags |= MG_FLAG_INVALID;
        r = mg_invalid_result(&(unsigned){ 0 });
    } else {
        mg_exact p = mg_mul_specials(ops[0], ops[1], flags);
        if (p.cls == MG_CLASS_NAN) r = p;
        else if (p.cls == MG_CLASS_INF || ops[2].cls == MG_CLASS_INF) r = mg_add_with_inf(p, ops[2], flags);
        else r = mg_exact_add(p, ops[2]);
    }
    return mg_round_pack(out, r, rnd, flags);
}
