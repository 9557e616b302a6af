/* Y = X * W with exactly the arithmetic of a generated unit (docs/matmul.md):
 * the MAC chain of a mac_array column, the chunked LBA dot product, the HBFP
 * and MX arrays.  X is R x K, W is K x C (row-major reals); Y is R x C
 * encodings of the result format.  The engine only composes the golden
 * model (sim/model) and its tabulated fast path (sim/accuracy): no
 * arithmetic of its own.  Reentrant: a spec is read-only, every run keeps
 * its state to itself. */
#ifndef MG_MATMUL_H
#define MG_MATMUL_H

#include <stdbool.h>
#include <stddef.h>

#include "hbfp.h"
#include "model.h"
#include "mx.h"

typedef enum {
    MG_MM_MAC_ARRAY, /* per output, the chain of MAC steps down a column */
    MG_MM_DOT,       /* per output, mg_dot: chunks, then the chunk sums */
    MG_MM_HBFP,      /* mg_hbfp_matmul: blocks along K, fp32 (acc) accumulation */
    MG_MM_MX         /* mg_mx_matmul */
} mg_mm_kind;

typedef struct {
    mg_mm_kind kind;
    /* MAC_ARRAY, DOT: the MAC step (dot.mac), the chunk-sum format and chunk
     * length (DOT only) and the rounding of every step (rtz or rne). */
    mg_dot_spec dot;
    mg_rounding rnd;
    /* MAC_ARRAY: K is zero-padded to a multiple of this (the array's rows:
     * the padded steps w = a = +0 turn a -0 sum into +0, as the array does). */
    size_t tile_rows;
    mg_hbfp_matmul_spec hbfp; /* HBFP: n, block, acc; the converter's rules */
    /* HBFP on an Accuracy Booster array (hbfp_array n=4 boost=6): the
     * boosted width (0: a plain array), and the product's mode: boost_on
     * runs it in HBFP<boost> (the array's 6-bit mode), else in hbfp's n;
     * through the model's mg_hbfp_boost_matmul either way. */
    int boost;
    bool boost_on;
    mg_mx_matmul_spec mx;     /* MX: elem, block, scale rule, acc */
} mg_mm_spec;

/* The format of Y's encodings (the accumulator, or acc2 for DOT). */
const mg_format *mg_mm_result_format(const mg_mm_spec *s);

/* -1 with one line in err when the spec is outside what matmul computes
 * (stochastic rounding: it needs a random word per step). */
int mg_mm_spec_check(const mg_mm_spec *s, char *err, size_t errlen);

/* Counts over one run (--stats). */
typedef struct {
    unsigned long long macs;          /* R*K*C (MAC_ARRAY: R*Kpadded*C) MAC steps */
    mg_event_counts events;           /* LBA events (MAC_ARRAY, DOT), per step */
    /* Outputs whose computation raised each flag, by bit of MG_FLAG_*:
     * [0] inexact, [1] underflow, [2] overflow, [3] infinite, [4] invalid
     * (with o->stats; for HBFP and MX the conversions' flags count too). */
    unsigned long long flagged[5];
    unsigned long long nan, inf, zero, saturated; /* outputs of each kind */
    bool has_events;
} mg_mm_stats;

typedef struct {
    int threads;        /* 1..MG_MM_THREADS_MAX */
    bool stats;         /* flags and events: the model's step-by-step path */
    /* Called about every progress_seconds from the calling thread while the
     * workers run (NULL: none), and once at the end. */
    void (*progress)(void *ctx, unsigned long long done_macs, unsigned long long total_macs, double seconds);
    void *progress_ctx;
    double progress_seconds;
} mg_mm_options;

#define MG_MM_THREADS_MAX 256

/* Y = X * W.  x: R*K values, w: K*C values (finite; mg_mm_find_nonfinite);
 * y: R*C encodings.  st (optional) receives the counts (events and flags
 * only with o->stats).  0, or -1 with one line in err (out of memory). */
int mg_mm_run(const mg_mm_spec *s, const double *x, const double *w, size_t R, size_t K, size_t C,
              const mg_mm_options *o, mg_bits *y, mg_mm_stats *st, char *err, size_t errlen);

/* The index of the first NaN or infinite value of v[0..n), or n. */
size_t mg_mm_find_nonfinite(const double *v, size_t n);

/* Bytes the engine needs beyond the inputs and Y for this shape (operand
 * encodings and per-thread buffers), for refusing before memory runs out. */
double mg_mm_work_bytes(const mg_mm_spec *s, size_t R, size_t K, size_t C, int threads);

/* ---- Y as a file (mm_output.c) ------------------------------------------ */

typedef enum { MG_MM_OUT_FLOAT32, MG_MM_OUT_FLOAT64, MG_MM_OUT_BITS } mg_mm_out_dtype;

/* Does every value of f widen to the dtype exactly (float32 / float64)?
 * MG_MM_OUT_BITS always fits. */
bool mg_mm_out_fits(const mg_format *f, mg_mm_out_dtype d);
/* "float32", "float64", "bits"; -1 for anything else. */
int mg_mm_out_dtype_parse(const char *s, mg_mm_out_dtype *out);
const char *mg_mm_out_dtype_name(mg_mm_out_dtype d);
/* The value of an encoding as a double: exact when mg_mm_out_fits(f,
 * FLOAT64); NaN as the quiet NaN (+, payload 0); -0 kept. */
double mg_mm_value(const mg_format *f, mg_bits b);

/* Writes y (R x C encodings of f) as a .npy file: float32, float64 (the
 * values, widened exactly) or bits (the encodings as uint8/16/32/64), whole
 * or not at all (a temporary beside path, renamed).  0, or MG_FAIL_INPUT /
 * MG_FAIL_IO (sim/util/cli.h) with one line in err. */
int mg_mm_write_npy(const char *path, const mg_format *f, const mg_bits *y, size_t R, size_t C,
                    mg_mm_out_dtype d, char *err, size_t errlen);

#endif
