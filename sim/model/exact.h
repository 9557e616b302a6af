/* The exact, unrounded value every operation builds before its one rounding. */
#ifndef MG_EXACT_H
#define MG_EXACT_H

#include <stdbool.h>
#include <stdint.h>

#include "format.h"

__extension__ typedef unsigned __int128 mg_u128;

typedef enum { MG_CLASS_ZERO, MG_CLASS_FINITE, MG_CLASS_INF, MG_CLASS_NAN } mg_class;

/* value = (-1)^sign * sig * 2^exp.  When bits were shifted out, the lowest bit
 * of sig is set ("jammed") so that the rounder sees an inexact value; every
 * producer keeps at least 40 bits between that bit and the bits the rounder
 * inspects, which keeps rounding exact (the SoftFloat shift-right-jam rule). */
typedef struct {
    mg_class cls;
    bool sign;
    bool signaling; /* a NaN operand that was signalling */
    int32_t exp;
    mg_u128 sig;    /* nonzero iff cls == MG_CLASS_FINITE */
} mg_exact;

/* Exact product and sum of two finite-or-zero values (specials are the
 * caller's job).  An exact zero sum is +0 unless both addends are -0. */
mg_exact mg_exact_mul(mg_exact a, mg_exact b);
mg_exact mg_exact_add(mg_exact a, mg_exact b);

static inline int mg_msb128(mg_u128 x)
{
    uint64_t hi = (uint64_t)(x >> 64);
    return hi ? 127 - __builtin_clzll(hi) : 63 - __builtin_clzll((uint64_t)x);
}

/* Shift right by n (any n >= 0), OR-ing every lost bit into bit 0. */
static inline mg_u128 mg_shift_right_jam(mg_u128 x, int n)
{
    if (n <= 0) return x;
    if (n >= 128) return x != 0;
    mg_u128 lost = x & (((mg_u128)1 << n) - 1);
    return (x >> n) | (lost != 0);
}

/* Reads an encoding of format f. */
static inline mg_exact mg_decode(const mg_format *f, mg_bits x)
{
    int m = f->frac_bits;
    uint64_t frac = x.bits & mg_mask64(m);
    uint64_t xf = (x.bits >> m) & mg_mask64(f->exp_bits);
    mg_exact r = { MG_CLASS_ZERO, (x.bits >> (f->exp_bits + m)) & 1, false, 0, 0 };

    if (xf == (uint64_t)mg_exp_field_max(f)) {
        if (f->specials == MG_SPECIALS_IEEE) {
            if (frac == 0) {
                r.cls = MG_CLASS_INF;
            } else {
                r.cls = MG_CLASS_NAN;
                r.signaling = ((frac >> (m - 1)) & 1) == 0;
            }
            return r;
        }
        if (f->specials == MG_SPECIALS_FN && frac == mg_mask64(m)) {
            r.cls = MG_CLASS_NAN;
            return r;
        }
    }
    if (xf == 0) {
        if (!f->subnormals || frac == 0) return r;
        r.cls = MG_CLASS_FINITE;
        r.sig = frac;
        r.exp = mg_emin(f) - m;
        return r;
    }
    r.cls = MG_CLASS_FINITE;
    r.sig = ((uint64_t)1 << m) | frac;
    r.exp = (int32_t)xf - f->bias - m;
    return r;
}

#endif
