#include "op_common.h"
#include "ops.h"

mg_bits mg_quant(const mg_format *in, mg_bits x, const mg_format *out, const mg_rounding *rnd,
                 unsigned *flags)
{
    mg_exact v = mg_decode(in, x);
    mg_any_nan(&v, 1, flags);
    return mg_round_pack(out, v, rnd, flags);
}
