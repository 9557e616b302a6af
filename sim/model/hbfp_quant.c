/* FP32 -> one HBFP block (docs/spec/hbfp.md section 2), in integers. */
#include "hbfp.h"

/* x >> n for any n >= 0 (0 once every bit is gone). */
static mg_u128 shr(mg_u128 x, int64_t n) { return n >= 128 ? 0 : x >> n; }

/* floor(log2 |v|) of a finite nonzero exact value. */
static int64_t floor_log2(const mg_exact *v) { return (int64_t)v->exp + mg_msb128(v->sig); }

static bool is_power_of_two(mg_u128 x) { return (x & (x - 1)) == 0; }

/* The shared exponent before clamping, from the finite values of the block. */
static int64_t natural_exponent(const mg_hbfp_quant_spec *s, const mg_exact *v, int count)
{
    int64_t e = INT64_MIN;
    for (int i = 0; i < count; i++) {
        if (v[i].cls != MG_CLASS_FINITE) continue;
        int64_t k = floor_log2(&v[i]);
        /* floor1: floor(log2 amax) + 1.  ceil: ceil(log2 amax), which is the
         * largest ceil(log2 |x_i|): it equals floor + 1 except at a power of two. */
        int64_t cand = s->exp_rule == MG_HBFP_EXP_FLOOR1 ? k + 1 : k + !is_power_of_two(v[i].sig);
        if (cand > e) e = cand;
    }
    return e;
}

/* |t| = sig * 2^shift rounded to an integer magnitude, where shift < 0 means
 * bits are dropped.  *inexact tells whether any were.  Saturating results are
 * reported as anything above qmax (the caller clamps). */
static uint64_t round_magnitude(const mg_hbfp_quant_spec *s, mg_u128 sig, int64_t shift, uint64_t random,
                                uint64_t qmax, bool *inexact)
{
    if (shift >= 0) {
        *inexact = false;
        /* Anything at or above 2^(M+1) saturates: do not shift it out of range. */
        if (mg_msb128(sig) + shift > 62) return UINT64_MAX;
        mg_u128 t = sig << shift;
        return t > qmax ? qmax + 1 : (uint64_t)t;
    }
    int64_t d = -shift; /* fraction bits of t */
    mg_u128 ip = shr(sig, d);
    mg_u128 rem = d >= 128 ? sig : sig & (((mg_u128)1 << d) - 1);
    *inexact = rem != 0;
    if (rem != 0) {
        switch (s->round) {
        case MG_RTZ:
            break;
        case MG_RNE: {
            /* rem is below 2^d, so it can reach a half (2^(d-1)) only if d <= 128. */
            if (d <= 128) {
                mg_u128 half = (mg_u128)1 << (d - 1);
                if (rem > half || (rem == half && (ip & 1))) ip++;
            }
            break;
        }
        case MG_SR: {
            /* floor(t + r/2^R) = ip + 1 exactly when floor(frac * 2^R) + r >= 2^R,
             * frac = rem / 2^d; floor(frac * 2^R) is rem's top R of d bits. */
            int r_bits = s->rbits;
            mg_u128 top = d >= r_bits ? shr(rem, d - r_bits) : rem << (r_bits - d);
            mg_u128 r = random & mg_mask64(r_bits);
            if (top + r >= ((mg_u128)1 << r_bits)) ip++;
            break;
        }
        }
    }
    return ip > qmax ? qmax + 1 : (uint64_t)ip;
}

static void zero_block(int block, int *exp, int32_t *q)
{
    *exp = MG_HBFP_EXP_MIN;
    for (int i = 0; i < block; i++) q[i] = 0;
}

void mg_hbfp_quant(const mg_hbfp_quant_spec *s, const mg_bits *x, const uint64_t *random, int *exp,
                   int32_t *q, unsigned *flags)
{
    const mg_format fp32 = mg_hbfp_fp32();
    const int m = s->n - 1;
    const uint64_t qmax = (uint64_t)mg_hbfp_qmax(s->n);
    mg_exact v[MG_HBFP_BLOCK_MAX];

    for (int i = 0; i < s->block; i++) {
        v[i] = mg_decode(&fp32, x[i]);
        if (v[i].cls == MG_CLASS_NAN || v[i].cls == MG_CLASS_INF) {
            /* (ours) a block with a NaN or Inf is unusable: flag it, zero it. */
            *flags |= MG_FLAG_INVALID;
            zero_block(s->block, exp, q);
            return;
        }
    }
    int64_t e = natural_exponent(s, v, s->block);
    if (e == INT64_MIN) { /* every element is +-0 */
        zero_block(s->block, exp, q);
        return;
    }
    unsigned fl = 0;
    if (e > MG_HBFP_EXP_MAX) {
        e = MG_HBFP_EXP_MAX;
        fl |= MG_FLAG_OVERFLOW;
    }
    if (e < MG_HBFP_EXP_MIN) e = MG_HBFP_EXP_MIN;

    for (int i = 0; i < s->block; i++) {
        if (v[i].cls != MG_CLASS_FINITE) {
            q[i] = 0;
            continue;
        }
        bool inexact;
        /* t_i = x_i * 2^(M-E) = sig * 2^(exp + M - E) */
        uint64_t mag = round_magnitude(s, v[i].sig, (int64_t)v[i].exp + m - e,
                                       random ? random[i] : 0, qmax, &inexact);
        if (mag > qmax) { /* symmetric clamp */
            mag = qmax;
            fl |= MG_FLAG_OVERFLOW | MG_FLAG_INEXACT;
        }
        if (inexact) fl |= MG_FLAG_INEXACT;
        q[i] = v[i].sign ? -(int32_t)mag : (int32_t)mag;
    }
    *exp = (int)e;
    *flags |= fl;
}
