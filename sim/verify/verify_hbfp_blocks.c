/* FP32 blocks for `macgen verify hbfp_quant`: the edge kinds of docs/spec/hbfp.md
 * section 2 and random blocks (see verify_hbfp.h). */
#include <string.h>

#include "verify_bits.h"
#include "verify_hbfp.h"

const char *const mg_hbfp_block_kind_names[MG_HBFP_BLOCK_KINDS] = {
    "power-of-two-max", "ties",          "saturation",    "all-negative", "huge-exponent",
    "tiny-exponent",    "subnormal",     "zero",          "nan-inf",      "exact",
    "single-nonzero",   "random",
};

#define SIGN_BIT 0x80000000u
#define FP32_MAX 0x7f7fffffu

uint32_t mg_hbfp_random_fp32(uint64_t *s, int e)
{
    uint64_t r = mg_verify_rand(s);
    uint32_t sign = (uint32_t)(r >> 63) << 31;
    uint32_t frac = (uint32_t)r & 0x7fffffu;
    if (e > 127) e = 127;
    if (e >= -126) return sign | ((uint32_t)(e + 127) << 23) | frac;
    if (e < -149) return sign;
    /* Subnormal with its leading one at bit e + 149. */
    int lead = e + 149;
    return sign | (1u << lead) | (frac & ((1u << lead) - 1u));
}

static uint32_t random_sign(uint64_t *s) { return (uint32_t)(mg_verify_rand(s) >> 63) << 31; }

uint32_t mg_hbfp_fp32_exact(uint32_t m, int e)
{
    if (m == 0) return 0;
    int p = 31 - __builtin_clz(m); /* m's leading one */
    int biased = p + e + 127;
    if (biased >= 255) return FP32_MAX;
    if (biased >= 1) return ((uint32_t)biased << 23) | ((m << (23 - p)) & 0x7fffffu);
    int shift = e + 149; /* subnormal: fraction = m * 2^(e + 149) */
    if (shift >= 0) return m << shift;
    return -shift >= 32 ? 0 : m >> -shift;
}

/* A random element at most |2^(e+1)|, with the spread of a real tensor:
 * mostly within a few binades of the top, some zeros. */
static uint32_t below(uint64_t *s, int e, int spread)
{
    uint64_t r = mg_verify_rand(s);
    if (r % 16 == 0) return random_sign(s); /* +-0 */
    return mg_hbfp_random_fp32(s, e - (int)(r % (uint64_t)(spread + 1)));
}

static int range(uint64_t *s, int lo, int hi) { return lo + (int)(mg_verify_rand(s) % (uint64_t)(hi - lo + 1)); }

static uint32_t random_nan_or_inf(uint64_t *s)
{
    uint64_t r = mg_verify_rand(s);
    switch (r % 4) {
    case 0: return 0x7f800000u | random_sign(s);                  /* +-Inf */
    case 1: return 0x7fc00000u;                                   /* the canonical quiet NaN */
    case 2: return 0x7f800000u | random_sign(s) | (uint32_t)(r >> 8 & 0x3fffffu) | 1u; /* signalling */
    default: return 0x7f800000u | random_sign(s) | (uint32_t)(r >> 8 & 0x7fffffu) | 0x400000u;
    }
}

/* The kinds about the rounding of the largest element: an exact power of
 * two, ties, saturation.  e and top as mg_hbfp_make_block drew them. */
static void make_rounding_block(uint64_t *s, int kind, int m, int block, int e, int top, uint32_t *x)
{
    switch (kind) {
    case MG_HBFP_BLOCK_POW2_MAX:
        e = range(s, 0, 3) ? range(s, -40, 40) : range(s, -149, 127);
        for (int i = 0; i < block; i++) x[i] = below(s, e - 1, 8);
        x[top] = mg_hbfp_fp32_exact(1, e) | random_sign(s);
        if (mg_verify_rand(s) % 4 == 0) x[(top + 1) % block] = mg_hbfp_fp32_exact(1, e) | random_sign(s);
        break;
    case MG_HBFP_BLOCK_TIES:
        /* amax = 1.5 * 2^e, so E = e + 1 under both rules; the others are
         * odd multiples of half a step, (2j+1) * 2^(E-M-1), or random. */
        e = range(s, -110, 110);
        for (int i = 0; i < block; i++) {
            uint32_t j = (uint32_t)(mg_verify_rand(s) % (1u << m));
            x[i] = mg_verify_rand(s) % 4 ? mg_hbfp_fp32_exact(2 * j + 1, e - m) | random_sign(s) : below(s, e - 1, 4);
        }
        x[top] = mg_hbfp_fp32_exact(3, e - 1) | random_sign(s);
        break;
    case MG_HBFP_BLOCK_SATURATION: {
        /* The largest element rounds up to 2^M: all-ones significand, or
         * exactly 2^M - 1/2 (a tie to the even 2^M), or 2^M - 1/2 - ulp. */
        e = range(s, -120, 126);
        for (int i = 0; i < block; i++) x[i] = below(s, e, 6);
        uint32_t pick = (uint32_t)(mg_verify_rand(s) % 3);
        uint32_t big = pick == 0   ? mg_hbfp_fp32_exact(0xffffffu, e - 23)
                       : pick == 1 ? mg_hbfp_fp32_exact((2u << m) - 1, e - m)
                                   : mg_hbfp_fp32_exact((2u << m) - 1, e - m) - 1;
        x[top] = big | random_sign(s);
        break;
    }
    }
}

void mg_hbfp_make_block(uint64_t *s, int kind, int n, int block, uint32_t *x)
{
    const int m = n - 1;
    int e = range(s, -30, 30);
    int top = range(s, 0, block - 1); /* where the largest element goes */
    if (kind <= MG_HBFP_BLOCK_SATURATION) {
        make_rounding_block(s, kind, m, block, e, top, x);
        return;
    }
    switch (kind) {
    case MG_HBFP_BLOCK_NEGATIVE:
        for (int i = 0; i < block; i++) x[i] = below(s, e, 10) | SIGN_BIT;
        break;
    case MG_HBFP_BLOCK_HUGE:
        /* E at or above 127 (clamped, overflow) and just below. */
        e = range(s, 124, 127);
        for (int i = 0; i < block; i++) x[i] = below(s, e, 12);
        if (mg_verify_rand(s) % 3 == 0) x[top] = FP32_MAX | random_sign(s);
        break;
    case MG_HBFP_BLOCK_TINY:
        /* amax around 2^-125 .. 2^-149: E crosses the clamp at -128. */
        e = range(s, -149, -124);
        for (int i = 0; i < block; i++) x[i] = below(s, e, 12);
        x[top] = mg_hbfp_random_fp32(s, e) | random_sign(s);
        break;
    case MG_HBFP_BLOCK_SUBNORMAL:
        /* Subnormal inputs, alone or under a small normal maximum. */
        for (int i = 0; i < block; i++) x[i] = mg_hbfp_random_fp32(s, range(s, -149, -127));
        if (mg_verify_rand(s) % 2) x[top] = mg_hbfp_random_fp32(s, range(s, -126, -118));
        break;
    case MG_HBFP_BLOCK_ZERO:
        for (int i = 0; i < block; i++) x[i] = random_sign(s);
        break;
    case MG_HBFP_BLOCK_NAN_INF: {
        int base = (int)(mg_verify_rand(s) % 4);
        for (int i = 0; i < block; i++)
            x[i] = base == 0 ? random_sign(s) : base == 1 ? below(s, 127, 4) : below(s, e, 10);
        int count = 1 + (int)(mg_verify_rand(s) % 3);
        for (int k = 0; k < count; k++) x[range(s, 0, block - 1)] = random_nan_or_inf(s);
        break;
    }
    case MG_HBFP_BLOCK_EXACT:
        /* x_i = q_i * 2^(e+1-M), |q_i| <= 2^M - 1, the largest in
         * [2^(M-1), 2^M): floor1 gives E = e + 1 and every q_i back, exactly. */
        e = range(s, -100, 100);
        for (int i = 0; i < block; i++)
            x[i] = mg_hbfp_fp32_exact((uint32_t)(mg_verify_rand(s) % (1u << m)), e + 1 - m) | random_sign(s);
        x[top] = mg_hbfp_fp32_exact((1u << (m - 1)) + (uint32_t)(mg_verify_rand(s) % (1u << (m - 1))), e + 1 - m) |
                 random_sign(s);
        break;
    case MG_HBFP_BLOCK_SINGLE:
        for (int i = 0; i < block; i++) x[i] = random_sign(s);
        x[top] = mg_hbfp_random_fp32(s, range(s, -149, 127));
        break;
    default: { /* random: a base binade (usually moderate) and a spread */
        int wide = mg_verify_rand(s) % 8 == 0;
        e = wide ? range(s, -160, 130) : range(s, -40, 40);
        int spread = (int)(mg_verify_rand(s) % 4 == 0 ? mg_verify_rand(s) % 40 : mg_verify_rand(s) % (uint64_t)(n + 3));
        for (int i = 0; i < block; i++) x[i] = below(s, e, spread);
        if (mg_verify_rand(s) % 256 == 0) x[top] = random_nan_or_inf(s);
        break;
    }
    }
}

/* The shape of a random matrix multiply (shared by the HBFP and MX array
 * drivers): rows of X, K, blocks and passes. */
void mg_block_matmul_shape(const mg_hbfp_array_cfg *c, uint64_t *s, int index, const mg_hbfp_verify_opts *o,
                           int kinds, mg_block_matmul *m)
{
    memset(m, 0, sizeof *m);
    m->kind = index % kinds;
    m->n = c->n;
    m->cols_w = (size_t)c->cols;
    m->rows_x = 1 + mg_verify_rand(s) % 12;
    if (o->xrows) m->rows_x = o->xrows; /* --xrows: long streams (the benchmark) */
    /* Every other case runs several passes; K is often not a multiple of B. */
    size_t kmax = index % 2 ? (size_t)c->rows : (size_t)c->rows * 3 + (size_t)c->block;
    m->k = 1 + mg_verify_rand(s) % kmax;
    if (index % 4 == 0) m->k = (size_t)c->rows * 2 + 1; /* ragged last pass */
    if (o->k) m->k = o->k;
    m->nblocks = (m->k + (size_t)c->block - 1) / (size_t)c->block;
    m->passes = (m->nblocks + (size_t)c->groups - 1) / (size_t)c->groups;
}

void mg_block_matmul_passes(mg_block_matmul *m, int groups, size_t cols, const mg_format *acc_fmt,
                            mg_block_step_fn step, const void *ctx)
{
    for (size_t r = 0; r < m->rows_x; r++) {
        for (size_t col = 0; col < cols; col++) {
            mg_bits acc = m->start ? m->start[r * cols + col] : mg_zero(acc_fmt, false);
            for (size_t p = 0; p < m->passes; p++) {
                unsigned fl = 0;
                for (size_t g = 0; g < (size_t)groups; g++) {
                    size_t blk = p * (size_t)groups + g;
                    if (blk >= m->nblocks) break;
                    acc = step(ctx, m, r, col, blk, acc, &fl);
                }
                size_t at = (p * m->rows_x + r) * cols + col;
                m->pass_acc[at] = acc;
                m->pass_flags[at] = fl;
            }
        }
    }
}
