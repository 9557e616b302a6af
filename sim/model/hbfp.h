/* Hybrid block floating point (HBFP), the contract of docs/spec/hbfp.md:
 * FP32 -> block conversion, the exact block dot product, one accumulation
 * step into a float format, and the blocked matrix multiply.  Integers only;
 * every float rounding goes through mg_round_pack / mg_add. */
#ifndef MG_HBFP_H
#define MG_HBFP_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Limits of the model.  The generated RTL covers n = 4, 6, 8; the model takes
 * n = 2..16 so that S = sum q_a*q_b (at most 2M + log2(B) + 1 bits signed,
 * 39 bits here) always fits an int64_t. */
#define MG_HBFP_N_MIN 2
#define MG_HBFP_N_MAX 16
#define MG_HBFP_BLOCK_MIN 4
#define MG_HBFP_BLOCK_MAX 256
#define MG_HBFP_BLOCK_DEFAULT 64
#define MG_HBFP_EXP_MIN (-128)
#define MG_HBFP_EXP_MAX 127

typedef enum {
    MG_HBFP_EXP_FLOOR1, /* E = floor(log2 amax) + 1 (the hardware model's rule) */
    MG_HBFP_EXP_CEIL    /* E = ceil(log2 amax) (the software emulator's rule) */
} mg_hbfp_exp_rule;

/* How FP32 values become one block. */
typedef struct {
    int n;                     /* mantissa bits including the sign; M = n - 1 */
    int block;                 /* B: a power of two in 4..256 */
    mg_hbfp_exp_rule exp_rule;
    mg_round_mode round;       /* rne (default), rtz or sr */
    int rbits;                 /* R: width of the random word per element (sr) */
} mg_hbfp_quant_spec;

/* n = 4, B = 64, floor1, rne, R = 8. */
mg_hbfp_quant_spec mg_hbfp_quant_spec_default(void);

/* -1 with a one-line reason in err when a field is outside the limits above. */
int mg_hbfp_quant_spec_check(const mg_hbfp_quant_spec *s, char *err, size_t errlen);

const char *mg_hbfp_exp_rule_name(mg_hbfp_exp_rule r);
int mg_hbfp_exp_rule_parse(const char *s, mg_hbfp_exp_rule *out);

/* Largest mantissa magnitude, 2^M - 1 (the code -2^M is never produced). */
static inline int32_t mg_hbfp_qmax(int n) { return (int32_t)((1u << (n - 1)) - 1); }

/* The FP32 format every block conversion reads. */
mg_format mg_hbfp_fp32(void);

/* Converts one block: x[0..B-1] are FP32 encodings; random[0..B-1] are the
 * R-bit words for round = sr (ignored otherwise; NULL reads as all zero).  Writes the
 * shared exponent to *exp and the mantissas q[0..B-1] (|q_i| <= 2^M - 1, value
 * q_i * 2^(E-M)); ORs inexact / overflow / invalid into *flags. */
void mg_hbfp_quant(const mg_hbfp_quant_spec *s, const mg_bits *x, const uint64_t *random,
                   int *exp, int32_t *q, unsigned *flags);

/* The exact block dot product S = sum q_a[i] * q_b[i] (|q| <= 2^M - 1). */
int64_t mg_hbfp_block_dot(const int32_t *qa, const int32_t *qb, int block);

/* S * 2^ep as an exact value (exact zero: +0). */
mg_exact mg_hbfp_exact(int64_t s, int32_t ep);

/* One step of the accumulation (docs/spec/eval.md section 4, `hbfp_dot`):
 *   R = add_acc(acc_in, Q_acc(S * 2^(Ea + Eb - 2M))), both roundings rne,
 * flags of the two ORed into *flags. */
mg_bits mg_hbfp_dot_step(int n, int block, const mg_format *acc, int ea, const int32_t *qa,
                         int eb, const int32_t *qb, mg_bits acc_in, unsigned *flags);

/* Y = X * W (docs/spec/hbfp.md section 3).  X is rows x k (row-major), W is k x cols
 * (row-major), both FP32; Y is rows x cols (row-major) in format acc.  K is
 * cut into blocks of B (zero-padded); Y[r][c] accumulates the block results in
 * block order from +0.  With round = sr, random_x / random_w hold one word per
 * element of X / W in the same layout (NULL otherwise).  y_flags (optional,
 * rows x cols) receives, per output, the flags of the conversions of row r of
 * X and column c of W ORed with those of its accumulation steps.
 * Returns 0, or -1 when memory runs out (nothing written then). */
typedef struct {
    mg_hbfp_quant_spec quant; /* applies to both X and W */
    mg_format acc;
} mg_hbfp_matmul_spec;

int mg_hbfp_matmul(const mg_hbfp_matmul_spec *s, const mg_bits *x, const mg_bits *w,
                   size_t rows, size_t k, size_t cols, const uint64_t *random_x,
                   const uint64_t *random_w, mg_bits *y, unsigned *y_flags);

/* ---- The Accuracy Booster (docs/spec/hbfp.md section 7): HBFPn arithmetic
 * with some outputs in HBFP<boost>, on hardware built for n.  Semantics are
 * those of mg_hbfp_matmul of each width; the digit functions are how the
 * array computes a wide block sum exactly from narrow pieces. */

/* q = 2^d * hi + lo with lo in [0, 2^d) and hi = floor(q / 2^d): a mantissa
 * of HBFP(2d) (|q| <= 2^(2d-1) - 1) gives hi in [-2^(d-1), 2^(d-1) - 1],
 * both digits fit a d+1-bit two's-complement multiplier input. */
void mg_hbfp_boost_digits(int32_t q, int d, int32_t *hi, int32_t *lo);

/* The four partial block sums of two blocks split into d-bit digits
 * (hh = sum hi_a*hi_b, hl = sum hi_a*lo_b, lh = sum lo_a*hi_b, ll), and S
 * combined from them as integers: S = 2^(2d) hh + 2^d (hl + lh) + ll, which
 * equals mg_hbfp_block_dot(qa, qb, block). */
typedef struct {
    int64_t hh, hl, lh, ll;
    int64_t s;
} mg_hbfp_boost_pieces;

mg_hbfp_boost_pieces mg_hbfp_boost_block_dot(const int32_t *qa, const int32_t *qb, int block, int d);

/* Y = X * W on an Accuracy Booster array: output column c is the HBFP
 * matrix multiply of width s->boost when boost_cols[c] is nonzero, of width
 * s->quant.n otherwise (one mode per output: its every pass runs in one
 * mode); boost_cols NULL: every column in HBFPn.  Each column's result,
 * flags included, is exactly mg_hbfp_matmul's with that width (the rows of
 * X are converted at each width in use).  Arguments as mg_hbfp_matmul;
 * returns 0, or -1 when memory runs out (nothing written then). */
typedef struct {
    mg_hbfp_quant_spec quant; /* n: the narrow width; applies to both X and W */
    int boost;                /* the boosted width (6 for the Accuracy Booster) */
    mg_format acc;
} mg_hbfp_boost_spec;

int mg_hbfp_boost_matmul(const mg_hbfp_boost_spec *s, const mg_bits *x, const mg_bits *w, size_t rows, size_t k,
                         size_t cols, const uint8_t *boost_cols, const uint64_t *random_x, const uint64_t *random_w,
                         mg_bits *y, unsigned *y_flags);

#endif
