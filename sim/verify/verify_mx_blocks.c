/* FP32 blocks for `macgen verify mx_quant`: the edge cases of
 * docs/spec/mx.md section 3 for one element format, then random blocks. */
#include "verify_bits.h"
#include "verify_mx.h"

const char *const mg_mx_block_kind_names[MG_MX_BLOCK_KINDS] = {
    "exact", "ties", "saturating", "largest", "subnormal-elements", "fp32-subnormal",
    "huge", "tiny", "zero", "nan-inf", "single", "random",
};

/* An FP32 encoding of sig * 2^exp (truncated where FP32 cannot hold it). */
static uint32_t fp32_of(bool sign, uint64_t sig, int exp)
{
    const mg_format f32 = { 8, 23, 127, MG_SPECIALS_IEEE, true };
    const mg_rounding rtz = { MG_RTZ, MG_RBITS_DEFAULT, 0, true };
    mg_exact v = { sig ? MG_CLASS_FINITE : MG_CLASS_ZERO, sign, false, exp, sig };
    unsigned fl = 0;
    return (uint32_t)mg_round_pack(&f32, v, &rtz, &fl).bits;
}

/* A random finite element code's value (sig, exp) with 8 spare low bits. */
static mg_exact element_value(uint64_t *s, mg_mx_elem e)
{
    const mg_mx_elem_info *in = mg_mx_elem_get(e);
    for (;;) {
        mg_exact v = mg_mx_elem_decode(e, (uint32_t)mg_verify_rand(s) & (uint32_t)mg_mask64(in->bits));
        if (v.cls == MG_CLASS_FINITE) {
            v.sig <<= 8;
            v.exp -= 8;
            return v;
        }
    }
}

/* One element of a block scaled by 2^t, per kind. */
static uint32_t make_element(uint64_t *s, int kind, mg_mx_elem e, int t)
{
    const mg_mx_elem_info *in = mg_mx_elem_get(e);
    uint64_t r = mg_verify_rand(s);
    mg_exact v = element_value(s, e);
    switch (kind) {
    case MG_MX_BLOCK_TIES: v.sig += 128; break; /* half of an LSB step of an 8-bit-wider grid */
    case MG_MX_BLOCK_SATURATING: v.sig += v.sig >> (1 + r % 4); break;
    case MG_MX_BLOCK_SUBNORMAL_ELEM: v.exp -= 4 + (int)(r % 12); break;
    case MG_MX_BLOCK_RANDOM: v.sig += r & 0xff; v.exp += (int)(r >> 8) % 5 - 2; break;
    default: break;
    }
    if (kind == MG_MX_BLOCK_FP32_SUBNORMAL) return fp32_of(r & 1, (r >> 1) & 0x7fffff, -149);
    (void)in;
    return fp32_of(v.sign, (uint64_t)v.sig, v.exp + t);
}

void mg_mx_make_block(uint64_t *s, int kind, mg_mx_elem e, int block, uint32_t *x)
{
    const mg_mx_elem_info *in = mg_mx_elem_get(e);
    uint64_t r = mg_verify_rand(s);
    int t = (int)(r % 200) - 100; /* the block's scale exponent X - 127 */
    if (kind == MG_MX_BLOCK_HUGE) t = 127 - in->emax - (int)(r % 3);
    if (kind == MG_MX_BLOCK_TINY) t = -127 - in->emax - (int)(r % 30);
    for (int i = 0; i < block; i++) x[i] = make_element(s, kind, e, t);
    if (kind == MG_MX_BLOCK_LARGEST || kind == MG_MX_BLOCK_SATURATING) {
        /* The block maximum is the largest element (times 2^t), a little above it, or just below. */
        mg_exact big = mg_mx_elem_decode(e, in->is_int ? 0x7f : (uint32_t)mg_max_finite(&in->fmt, false).bits);
        uint64_t sig = (uint64_t)big.sig << 20;
        if (kind == MG_MX_BLOCK_SATURATING) sig += (mg_verify_rand(s) % 3 == 0) ? 1 : sig >> (1 + r % 6);
        x[r % (uint64_t)block] = fp32_of(r >> 30 & 1, sig, big.exp - 20 + t);
    }
    if (kind == MG_MX_BLOCK_ZERO)
        for (int i = 0; i < block; i++) x[i] = (uint32_t)(mg_verify_rand(s) & 1) << 31;
    if (kind == MG_MX_BLOCK_NAN_INF) {
        static const uint32_t sp[] = { 0x7f800000u, 0xff800000u, 0x7fc00000u, 0x7f800001u, 0xffffffffu };
        int n = 1 + (int)(r % 3);
        for (int i = 0; i < n; i++) x[mg_verify_rand(s) % (uint64_t)block] = sp[mg_verify_rand(s) % 5];
    }
    if (kind == MG_MX_BLOCK_SINGLE) {
        for (int i = 0; i < block; i++) x[i] = (uint32_t)(mg_verify_rand(s) & 1) << 31;
        x[r % (uint64_t)block] = (uint32_t)mg_verify_rand(s) & 0x7f7fffffu;
    }
}

void mg_mx_quant_block(const mg_mx_quant_spec *q, const mg_bits *x, const uint64_t *random, int *exp, int32_t *codes,
                       unsigned *flags)
{
    uint32_t e[MG_MX_BLOCK_MAX];
    uint8_t scale;
    mg_mx_quant(q, x, random, &scale, e, flags);
    *exp = scale;
    for (int i = 0; i < q->block; i++) codes[i] = (int32_t)e[i];
}
