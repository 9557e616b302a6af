/* The exact block dot product and one accumulation step (docs/spec/hbfp.md
 * section 3; its eval line: docs/spec/eval.md section 4). */
#include "hbfp.h"

int64_t mg_hbfp_block_dot(const int32_t *qa, const int32_t *qb, int block)
{
    int64_t s = 0;
    for (int i = 0; i < block; i++) s += (int64_t)qa[i] * qb[i];
    return s;
}

mg_exact mg_hbfp_exact(int64_t s, int32_t ep)
{
    mg_exact v = { MG_CLASS_ZERO, false, false, 0, 0 };
    if (s == 0) return v; /* an exact zero block result is +0 */
    v.cls = MG_CLASS_FINITE;
    v.sign = s < 0;
    v.exp = ep;
    /* |S| < 2^39 (see MG_HBFP_N_MAX), so negating cannot overflow. */
    v.sig = (mg_u128)(s < 0 ? -s : s);
    return v;
}

mg_bits mg_hbfp_dot_step(int n, int block, const mg_format *acc, int ea, const int32_t *qa,
                         int eb, const int32_t *qb, mg_bits acc_in, unsigned *flags)
{
    const mg_rounding rne = mg_rounding_make(MG_RNE);
    int64_t s = mg_hbfp_block_dot(qa, qb, block);
    int32_t ep = ea + eb - 2 * (n - 1);
    unsigned fl = 0;
    mg_bits blk = mg_round_pack(acc, mg_hbfp_exact(s, ep), &rne, &fl);
    mg_bits r = mg_add(acc, acc_in, acc, blk, acc, &rne, &fl);
    *flags |= fl;
    return r;
}
