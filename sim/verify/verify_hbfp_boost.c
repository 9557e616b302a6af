/* Verification data of the Accuracy Booster array (`verify hbfp_array n=4
 * boost=6`, docs/hbfp_array.md): which matrix multiplies run in the 6-bit
 * mode, and FP32 vectors whose HBFP6 blocks reach the digit extremes that
 * random traffic would not (see verify_hbfp.h). */
#include "hbfp.h"
#include "verify_bits.h"
#include "verify_hbfp.h"

#define SIGN_BIT 0x80000000u
#define QMAX6 31  /* the largest HBFP6 mantissa */
#define M6 5      /* its magnitude bits */
#define DIGIT 3   /* bits of the low digit: q = 8h + l */

int mg_hbfp_boost_mode(int index, int kind, int digit_kind, int modes)
{
    if (modes) return modes == 6;
    if (kind == digit_kind) return 1;
    /* The Thue-Morse sequence: every change of mode (4 -> 6, 6 -> 4) and
     * every repeat (4 -> 4, 6 -> 6) between consecutive matrix multiplies
     * happens early, and each data kind meets both modes. */
    return __builtin_popcount((unsigned)index) & 1;
}

int32_t mg_hbfp_boost_digit(int32_t q, int digit)
{
    int32_t hi, lo;
    mg_hbfp_boost_digits(q, DIGIT, &hi, &lo);
    return digit == 0 ? hi : lo;
}

/* Mantissas on both sides of the digit boundaries (l = 0 / 7, h = -4 .. 3). */
static const int32_t edge_q[] = { 0,  1,  -1, 7,  -7, 8,  -8,  9,   -9,  15, -15, 16, -16,
                                  17, -17, 23, -23, 24, -24, 25, -25, 30, -30, 31, -31 };

/* A block's shared exponent: the clamps, their neighbours, ordinary values. */
static int pick_exp(uint64_t *s)
{
    static const int pick[] = { 127, -128, 126, -127, 0, 1, -1 };
    uint64_t r = mg_verify_rand(s);
    return r % 3 ? pick[r / 3 % (sizeof pick / sizeof pick[0])] : (int)(r / 3 % 41) - 20;
}

void mg_hbfp_boost_fill(uint64_t *s, int block, mg_bits *v, size_t k, size_t stride)
{
    for (size_t j0 = 0; j0 < k; j0 += (size_t)block) {
        const int e = pick_exp(s);
        const int shape = (int)(mg_verify_rand(s) % 6);
        /* Element j holds q * 2^(E - M) exactly; with max |q| in [16, 31]
         * the converter gives back E and every q (no rounding). */
        for (size_t j = j0; j < k && j < j0 + (size_t)block; j++) {
            uint64_t r = mg_verify_rand(s);
            int32_t q;
            switch (shape) {
            case 0: q = r & 1 ? QMAX6 : -QMAX6; break;                         /* +-31: (3,7) and (-4,1) */
            case 1: q = QMAX6; break;                                          /* the largest sum */
            case 2: q = -QMAX6; break;
            case 3: q = edge_q[r % (sizeof edge_q / sizeof edge_q[0])]; break; /* digit boundaries */
            case 4: q = 0; break;                                              /* a zero block */
            default: q = 0; break;                                             /* clamped, below */
            }
            uint32_t mag = (uint32_t)(q < 0 ? -q : q);
            uint32_t x = mg_hbfp_fp32_exact(mag, e - M6) | (q < 0 ? SIGN_BIT : 0u);
            if (shape == 5) {
                /* Just below 2^E: 31.5 .. 31.97 rounds up to 32 and clamps at
                 * 31 (overflow | inexact); the others random below it. */
                uint32_t frac = (uint32_t)(r >> 8) & 0x7fffu;
                x = j == j0 ? mg_hbfp_fp32_exact((63u << 15) | frac, e - M6 - 16)
                            : mg_hbfp_random_fp32(s, e - 1 - (int)(r % 6));
                x |= (uint32_t)(r >> 40 & 1) << 31;
            }
            v[j * stride].bits = x;
        }
    }
}
