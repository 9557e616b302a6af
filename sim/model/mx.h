/* OCP Microscaling (MX) blocks, the contract of docs/spec/mx.md: E8M0
 * scales, the six element formats, FP32 -> block conversion, the exact block
 * dot product and its accumulation step, and the blocked matrix multiply.
 * Integers only; every float rounding goes through mg_round_pack / mg_add.
 * This is the public header: callers outside the model (eval, verify, the
 * accuracy study) include only this file. */
#ifndef MG_MX_H
#define MG_MX_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define MG_MX_BLOCK_MIN 8
#define MG_MX_BLOCK_MAX 256
#define MG_MX_BLOCK_DEFAULT 32
#define MG_MX_SCALE_NAN 255 /* E8M0: 255 is NaN; 0..254 mean 2^(X-127) */
#define MG_MX_SCALE_BIAS 127

typedef enum {
    MG_MX_FP8_E4M3,
    MG_MX_FP8_E5M2,
    MG_MX_FP6_E3M2,
    MG_MX_FP6_E2M3,
    MG_MX_FP4_E2M1,
    MG_MX_INT8,
    MG_MX_ELEM_COUNT
} mg_mx_elem;

/* What the rest of the model needs to know about an element format. */
typedef struct {
    const char *name;  /* "fp6_e3m2", as `elem=` spells it */
    int bits;          /* width of one element code */
    bool is_int;       /* int8: two's complement q, value q/64 */
    /* The float format of the element.  For int8 this is the rounding grid
     * e2m6,fin,sub,bias=1: step 2^-6 on [0, 2), which is what
     * round(64 * x) / 64 means there; the result is then clamped to 127/64. */
    mg_format fmt;
    int emax;          /* exponent of the largest normal (int8: 0) */
    int lsb;           /* exponent of the smallest step (float: emin - M; int8: -6) */
    int max_mag_bits;  /* bits of the largest magnitude read, in units of 2^lsb
                        * (int8: 8, for the code -128); sizes the column sum */
} mg_mx_elem_info;

const mg_mx_elem_info *mg_mx_elem_get(mg_mx_elem e);
/* -1 when the name is unknown. */
int mg_mx_elem_parse(const char *s, mg_mx_elem *out);
/* "fp8_e4m3, fp8_e5m2, ..." for error messages. */
const char *mg_mx_elem_names(void);

/* The exact value of one element code (sign, class; int8: |q| * 2^-6). */
mg_exact mg_mx_elem_decode(mg_mx_elem e, uint32_t code);

typedef enum {
    MG_MX_SCALE_FLOOR, /* X = floor(log2 amax) - emax + 127 (OCP 6.3) */
    MG_MX_SCALE_CEIL   /* smallest X with amax / 2^(X-127) <= largest element */
} mg_mx_scale_rule;

const char *mg_mx_scale_rule_name(mg_mx_scale_rule r);
int mg_mx_scale_rule_parse(const char *s, mg_mx_scale_rule *out);

/* How FP32 values become one block. */
typedef struct {
    mg_mx_elem elem;
    int block;              /* B: a power of two in 8..256 */
    mg_mx_scale_rule scale;
    mg_round_mode round;    /* rne (default), rtz or sr */
    int rbits;              /* R: width of the random word per element (sr) */
} mg_mx_quant_spec;

/* fp8_e4m3, B = 32, floor, rne, R = 8. */
mg_mx_quant_spec mg_mx_quant_spec_default(void);
/* -1 with a one-line reason in err when a field is outside the limits. */
int mg_mx_quant_spec_check(const mg_mx_quant_spec *s, char *err, size_t errlen);

/* Converts one block: x[0..B-1] are FP32 encodings, random[0..B-1] the R-bit
 * words for round = sr (NULL reads as zero).  Writes the E8M0 scale and the
 * element codes e[0..B-1] (right-aligned, `bits` wide); ORs inexact,
 * overflow (an element saturated) and invalid (a NaN/Inf input) into *flags. */
void mg_mx_quant(const mg_mx_quant_spec *s, const mg_bits *x, const uint64_t *random, uint8_t *scale,
                 uint32_t *e, unsigned *flags);

/* The block value V = sum a_i*b_i * 2^(Xa+Xb-254), exact (docs/spec/mx.md
 * section 4): NaN for a NaN scale or element; Inf and invalid as documented
 * there.  The finite sum is the fixed-point integer the array's column adds. */
mg_exact mg_mx_block_value(mg_mx_elem e, int block, uint8_t xa, const uint32_t *a, uint8_t xb,
                           const uint32_t *b, unsigned *flags);

/* One accumulation step (`mx_dot`): fused = 0: R = add_acc(acc_in, Q_acc(V));
 * fused = 1: R = Q_acc(acc_in + V); every rounding rne, flags ORed. */
typedef struct {
    mg_mx_elem elem;
    int block;
    mg_format acc;
    bool fused;
} mg_mx_dot_spec;

mg_bits mg_mx_dot_step(const mg_mx_dot_spec *s, uint8_t xa, const uint32_t *a, uint8_t xb, const uint32_t *b,
                       mg_bits acc_in, unsigned *flags);

/* The two halves of mg_mx_dot_step for a block of finite elements and
 * scales (no NaN scale, no Inf or NaN element), whose value is exactly its
 * fixed-point sum S = sum q_a*q_b, q the elements in units of 2^lsb (an
 * integer, mg_mx_elem_decode's value * 2^-lsb): V = S * 2^(2*lsb + Xa + Xb
 * - 254) from S's sign and magnitude, an exact zero S giving +0, as
 * mg_mx_block_value gives it; then the accumulation of V into acc_in. */
mg_exact mg_mx_sum_value(mg_mx_elem e, bool negative, mg_u128 magnitude, uint8_t xa, uint8_t xb);
mg_bits mg_mx_accumulate(const mg_mx_dot_spec *s, mg_exact v, mg_bits acc_in, unsigned *flags);

/* Y = X * W: X rows x k, W k x cols (row-major FP32), Y rows x cols in acc.
 * K is cut into blocks of B (zero-padded); Y[r][c] runs the dot steps in block
 * order from +0.  random_x / random_w: one word per element (round = sr),
 * else NULL.  y_flags (optional): per output, the flags of the conversions of
 * row r and column c ORed with those of its steps.  -1 when out of memory. */
typedef struct {
    mg_mx_quant_spec quant; /* for both X and W */
    mg_format acc;
    bool fused;
} mg_mx_matmul_spec;

int mg_mx_matmul(const mg_mx_matmul_spec *s, const mg_bits *x, const mg_bits *w, size_t rows, size_t k,
                 size_t cols, const uint64_t *random_x, const uint64_t *random_w, mg_bits *y, unsigned *y_flags);

#endif
