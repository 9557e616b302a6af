#include "op_common.h"
#include "ops.h"

mg_bits mg_mul(const mg_format *fa, mg_bits a, const mg_format *fb, mg_bits b, const mg_format *out,
               const mg_rounding *rnd, unsigned *flags)
{
    return mg_round_pack(out, mg_exact_product(fa, a, fb, b, flags), rnd, flags);
}
