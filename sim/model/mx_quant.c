/* FP32 -> one MX block (docs/spec/mx.md section 3), in integers. */
#include "mx.h"

enum { FP32_MAG_MASK = 0x7fffffff };

static mg_format fp32(void)
{
    mg_format f = { 8, 23, 127, MG_SPECIALS_IEEE, true };
    return f;
}

/* The largest element magnitude as an exact value. */
static mg_exact largest(const mg_mx_elem_info *in)
{
    if (in->is_int) {
        mg_exact v = { MG_CLASS_FINITE, false, false, in->lsb, 127 };
        return v;
    }
    return mg_decode(&in->fmt, mg_max_finite(&in->fmt, false));
}

/* amax > big * 2^t, both finite and nonzero; they lie within a factor of 4
 * of each other here, so the aligning shift is small. */
static bool above(const mg_exact *amax, const mg_exact *big, int64_t t)
{
    int64_t d = (int64_t)amax->exp - ((int64_t)big->exp + t);
    if (d >= 0) return (amax->sig << d) > big->sig;
    return amax->sig > (big->sig << -d);
}

/* The E8M0 scale of a block whose largest magnitude is amax (finite, nonzero). */
static uint8_t block_scale(const mg_mx_quant_spec *s, const mg_mx_elem_info *in, const mg_exact *amax)
{
    int64_t t = (int64_t)amax->exp + mg_msb128(amax->sig) - in->emax; /* floor rule: X - 127 */
    if (s->scale == MG_MX_SCALE_CEIL) {
        mg_exact big = largest(in);
        if (above(amax, &big, t)) t++;
    }
    int64_t x = t + MG_MX_SCALE_BIAS;
    return (uint8_t)(x < 0 ? 0 : x > 254 ? 254 : x);
}

/* int8: the e2m6 grid code as |q| (units of 2^-6), clamped to 127. */
static uint32_t int8_code(const mg_mx_elem_info *in, mg_bits r, bool sign, unsigned *fl)
{
    const int m = in->fmt.frac_bits;
    uint32_t ef = (uint32_t)(r.bits >> m) & 3, frac = (uint32_t)(r.bits & mg_mask64(m));
    uint32_t mag = ef == 0 ? frac : ((1u << m) | frac) << (ef - 1);
    if (mag > 127) {
        mag = 127;
        *fl |= MG_FLAG_OVERFLOW | MG_FLAG_INEXACT;
    }
    return (sign ? (uint32_t)-(int32_t)mag : mag) & 0xff;
}

/* One element: Q_elem(v / 2^(X-127)), saturating; underflow is not an MX flag. */
static uint32_t element(const mg_mx_quant_spec *s, const mg_mx_elem_info *in, mg_exact v, int scale_exp,
                        uint64_t random, unsigned *flags)
{
    if (v.cls == MG_CLASS_ZERO) return in->is_int ? 0 : (uint32_t)mg_zero(&in->fmt, v.sign).bits;
    mg_rounding rnd = { s->round, s->rbits, random, true };
    unsigned fl = 0;
    v.exp -= scale_exp;
    mg_bits r = mg_round_pack(&in->fmt, v, &rnd, &fl);
    uint32_t code = in->is_int ? int8_code(in, r, v.sign, &fl) : (uint32_t)r.bits;
    *flags |= fl & (MG_FLAG_OVERFLOW | MG_FLAG_INEXACT);
    return code;
}

void mg_mx_quant(const mg_mx_quant_spec *s, const mg_bits *x, const uint64_t *random, uint8_t *scale,
                 uint32_t *e, unsigned *flags)
{
    const mg_mx_elem_info *in = mg_mx_elem_get(s->elem);
    const mg_format f32 = fp32();
    uint32_t amax_bits = 0;
    bool special = false;
    for (int i = 0; i < s->block; i++) {
        uint32_t mag = (uint32_t)x[i].bits & FP32_MAG_MASK;
        if (mag >= 0x7f800000u) special = true; /* exponent field all ones: Inf or NaN */
        if (mag > amax_bits) amax_bits = mag;   /* finite magnitudes order as integers */
    }
    if (special || amax_bits == 0) {
        /* (ours) a NaN or Inf makes the block unusable: NaN scale, zero elements. */
        *scale = special ? MG_MX_SCALE_NAN : 0;
        if (special) *flags |= MG_FLAG_INVALID;
        for (int i = 0; i < s->block; i++) e[i] = 0;
        return;
    }
    mg_bits ab = { amax_bits };
    mg_exact amax = mg_decode(&f32, ab);
    *scale = block_scale(s, in, &amax);
    for (int i = 0; i < s->block; i++)
        e[i] = element(s, in, mg_decode(&f32, x[i]), *scale - MG_MX_SCALE_BIAS, random ? random[i] : 0, flags);
}
