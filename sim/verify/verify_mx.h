/* Internals of `macgen verify mx_quant`: the FP32 blocks it converts. */
#ifndef MG_VERIFY_MX_H
#define MG_VERIFY_MX_H

#include <stdint.h>

#include "mx.h"
#include "verify_hbfp.h"

enum {
    MG_MX_BLOCK_EXACT,          /* element values times 2^t: no inexact flag */
    MG_MX_BLOCK_TIES,           /* halfway between two element steps */
    MG_MX_BLOCK_SATURATING,     /* the maximum above the largest element: floor saturates, ceil not */
    MG_MX_BLOCK_LARGEST,        /* the largest element exactly */
    MG_MX_BLOCK_SUBNORMAL_ELEM, /* elements far below the maximum: element subnormals */
    MG_MX_BLOCK_FP32_SUBNORMAL, /* subnormal FP32 inputs */
    MG_MX_BLOCK_HUGE,           /* the maximum near 2^127: X near 254 */
    MG_MX_BLOCK_TINY,           /* the maximum far below 2^-127: X clamped to 0 */
    MG_MX_BLOCK_ZERO,           /* every element +-0 */
    MG_MX_BLOCK_NAN_INF,        /* NaN or Inf at random places */
    MG_MX_BLOCK_SINGLE,         /* one nonzero element anywhere in the FP32 range */
    MG_MX_BLOCK_RANDOM,
    MG_MX_BLOCK_KINDS
};
extern const char *const mg_mx_block_kind_names[MG_MX_BLOCK_KINDS];

/* Fills x[0..block) with one FP32 block of the given kind for element e. */
void mg_mx_make_block(uint64_t *s, int kind, mg_mx_elem e, int block, uint32_t *x);
/* mg_mx_quant with the scale and codes in the HBFP converter driver's
 * fields: *exp = X, q[i] = code i. */
void mg_mx_quant_block(const mg_mx_quant_spec *q, const mg_bits *x, const uint64_t *random, int *exp, int32_t *codes,
                       unsigned *flags);

#endif
