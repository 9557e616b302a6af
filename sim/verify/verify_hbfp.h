/* Internals of `macgen verify` for the HBFP units: the options, the FP32
 * blocks of the converter's checks, and the two drivers (the array through
 * the shared array driver, verify_array.c; the converter as a stream,
 * verify_hbfp_quant.c). */
#ifndef MG_VERIFY_HBFP_H
#define MG_VERIFY_HBFP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "unit_hbfp.h"
#include "verify_bits.h"
#include "verify_given.h"
#include "verify_protocol.h"

typedef struct {
    uint64_t seed;
    unsigned long cases;   /* matrix multiplies (array) or blocks (quant) */
    const char *rtl_dir;   /* NULL: freshly emitted RTL */
    unsigned long xrows;   /* array: rows of X per matrix multiply (0: random 1..12) */
    unsigned long k;       /* array: K of every matrix multiply (0: random) */
    mg_array_given *given; /* array: --x --w -o given matrices, or NULL */
    int modes;             /* boost arrays: 4 or 6 (only that mode), 0 both */
    bool modes_given;      /* --mode or --modes was given */
    mg_protocol_opts protocol; /* array: --protocol, --misuse, --trace (verify_protocol.h) */
} mg_hbfp_verify_opts;

/* The FP32 encoding of m * 2^e (m < 2^24) when representable (callers stay
 * in range; else the nearest magnitude towards zero). */
uint32_t mg_hbfp_fp32_exact(uint32_t m, int e);

/* An FP32 encoding of a random value near 2^e (subnormal or zero below
 * 2^-126, largest binade at e >= 127); random sign. */
uint32_t mg_hbfp_random_fp32(uint64_t *s, int e);

/* Kinds of FP32 blocks for the converter (verify_hbfp_blocks.c): the edge
 * cases of docs/spec/hbfp.md section 2, then random blocks. */
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
    int n;                /* HBFP: the mantissa width of this matrix multiply (boost: 4 or 6) */
    int boost;            /* 1: an Accuracy Booster array's 6-bit passes */
    size_t cols_w;        /* columns of W (and outputs per row): the array's, or half in 4x4 boost mode */
    mg_block_qvec *x, *w; /* rows_x rows of X, cols columns of W */
    mg_bits *pass_acc;    /* passes * rows_x * cols: the model's sum after each pass */
    unsigned *pass_flags; /* the accumulation flags of each pass */
    mg_bits *start;       /* rows_x * cols: the first pass's acc_i (protocol runs), or NULL: +0 */
} mg_block_matmul;

void mg_block_matmul_free(mg_block_matmul *m, int cols);
/* How a matrix multiply lies on the array (docs/hbfp_array.md), the same
 * for the array driver and the protocol run: a row of X takes `slots`
 * wavefront slots (two in a 6-bit pass of a boost array: the high digits,
 * then the low ones, whose slot carries the row's exponent, running sum
 * and result); output column j is PE column j, or the column pair
 * (2j, 2j+1) of 4x4 PEs in a 6-bit pass, with its result on 2j+1
 * (verify_array_hbfp.c). */
typedef struct {
    int slots;
    int pairs;  /* 1: weight digits in column pairs */
    int digits; /* 1: activations (and with pairs, weights) go in as 3-bit digits */
    int wbits;  /* bits of a column's weight on w_i */
} mg_block_placement;

mg_block_placement mg_block_place(const mg_hbfp_array_cfg *c, const mg_block_matmul *m);
/* The output column of PE column pc, or -1 when it shows none. */
int mg_block_out_col(const mg_block_placement *pl, int pc);
/* Zeroes m and draws its shape: rows of X, K, blocks and passes; kind =
 * index % kinds. */
void mg_block_matmul_shape(const mg_hbfp_array_cfg *c, uint64_t *s, int index, const mg_hbfp_verify_opts *o,
                           int kinds, mg_block_matmul *m);
/* One block's step of the array's accumulation, as its edge unit does it:
 * acc plus the dot product of block blk of row r of X and column col of W. */
typedef mg_bits (*mg_block_step_fn)(const void *ctx, const mg_block_matmul *m, size_t r, size_t col, size_t blk,
                                    mg_bits acc, unsigned *flags);
/* Runs the model in the array's order: for each row of X and column of W,
 * pass by pass, the pass's groups in order on the running sum (from m->start,
 * or +0 in acc_fmt); records m->pass_acc and m->pass_flags after each pass. */
void mg_block_matmul_passes(mg_block_matmul *m, int groups, size_t cols, const mg_format *acc_fmt,
                            mg_block_step_fn step, const void *ctx);
/* The Accuracy Booster's verification data (verify_hbfp_boost.c).  Does
 * matrix multiply `index` of a boost array (data kind `kind`) run in the
 * 6-bit mode?  modes: 4 or 6 forces one, 0 picks. */
int mg_hbfp_boost_mode(int index, int kind, int digit_kind, int modes);
/* A vector of k FP32 values (stride apart), block by block, whose HBFP6
 * blocks hold the digit extremes: every element +-31 (each h/l combination
 * of the two signs), all +31 or all -31, mantissas at the digit boundaries,
 * zero blocks and clamped maxima, at extreme and ordinary exponents. */
void mg_hbfp_boost_fill(uint64_t *s, int block, mg_bits *v, size_t k, size_t stride);
/* The value column pc of a boost array loads (weights) or row k receives in
 * slot `digit` (activations) for mantissa q of a matrix multiply of m->n
 * bits: q itself in a 4-bit pass or on 6x4 PEs' weights, else its high
 * (digit 0) or low (digit 1) 3-bit digit. */
int32_t mg_hbfp_boost_digit(int32_t q, int digit);

/* The MX data of matrix multiply `index` (verify_array_mx.c); -1 with err. */
int mg_mx_make_matmul(const mg_hbfp_array_cfg *c, uint64_t *s, int index, const mg_hbfp_verify_opts *o,
                      mg_block_matmul *m, char *err, size_t errlen);
const char *mg_mx_data_name(int kind);
/* The model's per-pass sums of m again (from m->start). */
void mg_mx_matmul_passes(const mg_hbfp_array_cfg *c, mg_block_matmul *m);
/* The MX edge unit's step (ctx: the mg_mx_dot_spec of the array). */
mg_bits mg_mx_block_step(const void *ctx, const mg_block_matmul *m, size_t r, size_t col, size_t blk, mg_bits acc,
                         unsigned *flags);
/* Tile t of given matrices (verify_given.h): every row of X against the
 * columns t*cols.. of W, converted by the model's converter (HBFP: floor1,
 * rne; MX: scale floor, rne) as macgen matmul converts them; kind -1. */
/* Zeroes m and sets the shape of given matrices, with room for its blocks;
 * -1 when out of memory. */
int mg_block_given_shape(const mg_hbfp_array_cfg *c, const mg_array_given *g, mg_block_matmul *m);
/* Row r of X (w == NULL) or column col of tile t of W (w == g->w; zero past
 * W's columns) as FP32 encodings, rounded as macgen matmul rounds them (rne,
 * saturating): v[0..K). */
void mg_block_given_fp32(const mg_array_given *g, size_t r, const double *w, size_t col, size_t t, int cols, mg_bits *v);
int mg_hbfp_make_given(const mg_hbfp_array_cfg *c, const mg_hbfp_verify_opts *o, size_t t, mg_block_matmul *m,
                       char *err, size_t errlen);
/* Output columns per tile of given W: the array's columns, or half of them
 * in a 4x4-PE Accuracy Booster array's 6-bit mode (o->modes == 6). */
int mg_hbfp_given_tile_cols(const mg_hbfp_array_cfg *c, const mg_hbfp_verify_opts *o);
int mg_mx_make_given(const mg_hbfp_array_cfg *c, const mg_array_given *g, size_t t, mg_block_matmul *m, char *err,
                     size_t errlen);

/* Protocol runs (verify_protocol_block.c): draws m->start, random start
 * values of the accumulator format (-1: out of memory), ... */
int mg_block_matmul_draw_start(mg_block_matmul *m, const mg_format *acc, uint64_t *s);
/* ... and places matrix multiply mm on the timeline: per pass, its load
 * from t->free_at and its stream (rows in random order, probes among them:
 * wavefronts with some or every group disabled, checked against the
 * model's steps over the enabled groups); a one-cycle reset first, while
 * the last results are due, when reset_first.  -1 when out of memory. */
typedef struct {
    const mg_hbfp_array_cfg *c;
    mg_block_step_fn step; /* the model's step, for the probes */
    const void *step_ctx;
} mg_protocol_block_ctx;
int mg_protocol_block_matmul(mg_timeline *t, const mg_protocol_block_ctx *k, const mg_block_matmul *m, int mm,
                             bool reset_first);

/* Each returns an exit status and prints its own PASS/FAIL report. */
int mg_hbfp_verify_array(const mg_hbfp_array_cfg *c, const mg_hbfp_verify_opts *o);
int mg_hbfp_verify_quant(const mg_hbfp_quant_cfg *c, const mg_hbfp_verify_opts *o);

#endif
