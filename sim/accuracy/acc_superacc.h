/* An exact sum of products of two fp32 numbers (any K up to 2^24): a
 * 640-bit two's-complement fixed-point integer whose bit 0 weighs 2^-320.
 * fp32 products lie in [2^-298, 2^256), so no sum of them is ever rounded. */
#ifndef MG_ACC_SUPERACC_H
#define MG_ACC_SUPERACC_H

#include "model.h"

#define MG_SUPERACC_LIMBS 10
#define MG_SUPERACC_LSB (-320)

typedef struct {
    uint64_t limb[MG_SUPERACC_LIMBS];
} mg_superacc;

void mg_superacc_clear(mg_superacc *s);
/* Adds (or, with negate, subtracts) a finite-or-zero exact value; -1 when it
 * lies outside the accumulator's range (not for fp32 products). */
int mg_superacc_add(mg_superacc *s, mg_exact v, bool negate);
/* The sum as an exact value (top 128 bits, the rest jammed into the last bit). */
mg_exact mg_superacc_value(const mg_superacc *s);

#endif
