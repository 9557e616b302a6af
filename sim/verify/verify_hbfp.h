/* Internals of `macgen verify` for the HBFP units: the Verilator build of
 * sim/verify/harness/hbfp_tb.cpp around the unit (cached by a hash of every input),
 * the stimulus/result files, and the per-unit checks. */
#ifndef MG_VERIFY_HBFP_H
#define MG_VERIFY_HBFP_H

#include <stddef.h>
#include <stdint.h>

#include "unit_hbfp.h"

typedef struct {
    uint64_t seed;
    unsigned long cases;   /* matrix multiplies (array) or blocks (quant) */
    const char *rtl_dir;   /* NULL: freshly emitted RTL */
    unsigned long xrows;   /* array: rows of X per matrix multiply (0: random 1..12) */
    unsigned long k;       /* array: K of every matrix multiply (0: random) */
} mg_hbfp_verify_opts;

/* Builds (or finds) the driver for top module `top`: tb_flags (MG_HBFP_TB_*)
 * select the port list and clocking of sim/verify/harness/hbfp_tb.cpp.  emit()
 * writes the unit's Verilog into a directory when rtl_dir is NULL.  exe
 * receives the driver's path. */
enum {
    MG_HBFP_TB_ARRAY = 0,      /* the array's ports, one clock per step */
    MG_HBFP_TB_QUANT = 1,      /* the converter's ports (x_i -> exp_o, q_o, flags_o) */
    MG_HBFP_TB_QUANT_SR = 2,   /* ... plus rand_i */
    MG_HBFP_TB_CLOCKED = 4     /* a clock edge after each step (pipelined converter) */
};
typedef int (*mg_hbfp_emit_fn)(const void *cfg, const char *dir, char *err, size_t errlen);
int mg_hbfp_build_driver(const char *top, int tb_flags, const void *cfg, mg_hbfp_emit_fn emit,
                         const char *rtl_dir, char *exe, size_t exelen, int *cached, char *err,
                         size_t errlen);

/* Runs the driver on words[0..n_words) (the stimulus file body, steps
 * first) and returns the result words (malloc'ed, *n_out of them). */
int mg_hbfp_run_driver(const char *exe, const uint32_t *words, size_t n_words, uint32_t **result,
                       size_t *n_out, char *err, size_t errlen);

/* Bit fields in little-endian word vectors. */
void mg_hbfp_put_bits(uint32_t *w, long pos, int width, uint64_t v);
uint64_t mg_hbfp_get_bits(const uint32_t *w, long pos, int width);
static inline long mg_hbfp_words(long bits) { return (bits + 31) / 32; }

/* A small deterministic generator (splitmix64). */
static inline uint64_t mg_hbfp_rand(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* An FP32 encoding of a random value near 2^e (subnormal or zero below
 * 2^-126, largest binade at e >= 127); random sign. */
uint32_t mg_hbfp_random_fp32(uint64_t *s, int e);

/* Kinds of FP32 blocks for the converter (verify_hbfp_blocks.c): the edge
 * cases of hbfp.md section 2, then random blocks. */
enum {
    MG_HBFP_BLOCK_POW2_MAX,   /* the maximum is an exact power of two (ceil saturates it) */
    MG_HBFP_BLOCK_TIES,       /* elements halfway between two mantissa steps */
    MG_HBFP_BLOCK_SATURATION, /* the largest element rounds up to 2^M and is clamped */
    MG_HBFP_BLOCK_NEGATIVE,   /* every element negative */
    MG_HBFP_BLOCK_HUGE,       /* amax near 2^127: E clamped at 127 (overflow) */
    MG_HBFP_BLOCK_TINY,       /* amax near 2^-128: E clamped at -128 */
    MG_HBFP_BLOCK_SUBNORMAL,  /* subnormal FP32 inputs */
    MG_HBFP_BLOCK_ZERO,       /* every element +-0 */
    MG_HBFP_BLOCK_NAN_INF,    /* NaN or Inf at random positions */
    MG_HBFP_BLOCK_EXACT,      /* every element representable: no inexact flag */
    MG_HBFP_BLOCK_SINGLE,     /* one nonzero element anywhere in the FP32 range */
    MG_HBFP_BLOCK_RANDOM,
    MG_HBFP_BLOCK_KINDS
};
extern const char *const mg_hbfp_block_kind_names[MG_HBFP_BLOCK_KINDS];
/* Fills x[0..block) with one block of the given kind for HBFPn. */
void mg_hbfp_make_block(uint64_t *s, int kind, int n, int block, uint32_t *x);

/* One matrix multiply of an array run (hbfp_array, mx_array): the blocks
 * the array is fed (HBFP: exponents and mantissas; MX: E8M0 scales and
 * element codes) and the model's running sum after each pass. */
typedef struct {
    int *exp;    /* nblocks */
    int32_t *q;  /* nblocks * B */
} mg_block_qvec;

typedef struct {
    size_t rows_x, k, nblocks, passes;
    int kind;
    mg_block_qvec *x, *w; /* rows_x rows of X, cols columns of W */
    mg_bits *pass_acc;    /* passes * rows_x * cols: the model's sum after each pass */
    unsigned *pass_flags; /* the accumulation flags of each pass */
} mg_block_matmul;

void mg_block_matmul_free(mg_block_matmul *m, int cols);
/* Zeroes m and draws its shape: rows of X, K, blocks and passes; kind =
 * index % kinds. */
void mg_block_matmul_shape(const mg_hbfp_array_cfg *c, uint64_t *s, int index, const mg_hbfp_verify_opts *o,
                           int kinds, mg_block_matmul *m);
/* The MX data of matrix multiply `index` (verify_array_mx.c); -1 with err. */
int mg_mx_make_matmul(const mg_hbfp_array_cfg *c, uint64_t *s, int index, const mg_hbfp_verify_opts *o,
                      mg_block_matmul *m, char *err, size_t errlen);
const char *mg_mx_data_name(int kind);

/* Each returns an exit status and prints its own PASS/FAIL report. */
int mg_hbfp_verify_array(const mg_hbfp_array_cfg *c, const mg_hbfp_verify_opts *o);
int mg_hbfp_verify_quant(const mg_hbfp_quant_cfg *c, const mg_hbfp_verify_opts *o);

#endif
