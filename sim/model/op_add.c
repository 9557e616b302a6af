#include "op_common.h"
#include "ops.h"

mg_bits mg_add(const mg_format *fa, mg_bits a, const mg_format *fb, mg_bits b, const mg_format *out,
               const mg_rounding *rnd, unsigned *flags)
{
    mg_exact ops[2] = { mg_decode(fa, a), mg_decode(fb, b) };
    mg_exact r;
    if (mg_any_nan(ops, 2, flags)) r = ops[0].cls == MG_CLASS_NAN ? ops[0] : ops[1];
    else if (ops[0].cls == MG_CLASS_INF || ops[1].cls == MG_CLASS_INF) r = mg_add_with_inf(ops[0], ops[1], flags);
    else r = mg_exact_add(ops[0], ops[1]);
    return mg_round_pack(out, r, rnd, flags);
}
