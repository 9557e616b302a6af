/* The operand streams of an energy run: one stimulus line per cycle, the
 * bits of every testbench-driven input (energy_tb.h), written as hex.
 *
 * Values come from --vectors: the accuracy engine's distributions (normal,
 * uniform, laplace: sim/accuracy/acc_input.h, scale and mean as there),
 * the elements of a .npy file in order (wrapping around), each quantized
 * to the port's float format (rne, saturating: mg_acc_quantize) or, for an
 * integer port, to its two's-complement range; or `bits`: every data bit
 * flips with probability --toggle-rate per cycle (0.5: fresh random bits).
 * Seeded: the same arguments give the same lines. */
#ifndef MG_ENERGY_STIM_H
#define MG_ENERGY_STIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acc_input.h"
#include "acc_rng.h"
#include "model.h"

typedef enum { MG_VEC_DIST, MG_VEC_BITS, MG_VEC_NPY } mg_vec_kind;

typedef struct {
    mg_vec_kind kind;
    mg_dist dist;            /* MG_VEC_DIST */
    double *data;            /* MG_VEC_NPY: the elements, row-major (malloc'd) */
    size_t n_data, next;
    double data_absmax;
    double toggle_rate;      /* MG_VEC_BITS */
    char label[160];         /* "normal (scale 1, mean 0)", "W.npy (4096 elements)" */
} mg_vectors;

/* "normal", "uniform", "laplace", "bits", or a path ending in .npy (read
 * here: a regular file, 2-D float32/float64, no NaN).  -1 with one line. */
int mg_vectors_parse(const char *spec, double scale, double mean, double toggle_rate, mg_vectors *v, char *err,
                     size_t errlen);
void mg_vectors_free(mg_vectors *v);
/* The next real value (a draw, or the next element of the data). */
double mg_vectors_next(mg_vectors *v, mg_rng *r);
/* The magnitude that maps to an integer port's largest value: 3 standard
 * scales beyond the mean for normal and laplace, the half-width for
 * uniform, the largest |x| of the data. */
double mg_vectors_int_range(const mg_vectors *v);

/* A stimulus line is an array of 64-bit words, bit b of the line at bit
 * b % 64 of word b / 64. */
static inline int mg_stim_words(int bits) { return (bits + 63) / 64; }
/* Sets bits [lsb, lsb + width) to value (width <= 64). */
void mg_stim_put(uint64_t *line, int lsb, int width, uint64_t value);
uint64_t mg_stim_get(const uint64_t *line, int lsb, int width);

/* Fills line (cleared by the caller) for cycle t; -1 with a reason. */
typedef int (*mg_stim_fill_fn)(void *ctx, long t, uint64_t *line, char *err, size_t errlen);
/* Writes `lines` lines of `bits` bits as hex into path (atomically). */
int mg_stim_write(const char *path, int bits, long lines, mg_stim_fill_fn fill, void *ctx, char *err, size_t errlen);

/* ---- units with a port table ------------------------------------------ */

typedef enum {
    MG_SP_FLOAT,    /* a value of the vectors, quantized to fmt */
    MG_SP_INT,      /* a value of the vectors, scaled to the two's-complement range */
    MG_SP_BITS,     /* random bits (flipping with the toggle rate in `bits` mode) */
    MG_SP_RESET_N,  /* 0 for the reset cycles, then 1 */
    MG_SP_ENABLE,   /* 1 after the reset cycles */
    MG_SP_CLEAR,    /* 1 on the first cycle of each dot product */
    MG_SP_LAST,     /* 1 on the last cycle of each dot product */
    MG_SP_ZERO
} mg_sp_role;

typedef struct {
    mg_sp_role role;
    int lsb, width;
    mg_format fmt;      /* MG_SP_FLOAT */
    uint64_t prev;      /* MG_SP_BITS: the last value */
} mg_stim_port;

#define MG_STIM_MAX_PORTS 64

typedef struct {
    mg_stim_port ports[MG_STIM_MAX_PORTS];
    int n_ports;
    mg_vectors *vec;
    mg_rng rng;
    long dot_length;     /* K: the accumulator restarts every K cycles */
    long reset_cycles;
    long hold_cycles;    /* the feedback is held at +0 this long (reset, pipeline fill) */
    int clear_bit;       /* the testbench's feedback clear bit, -1: none */
} mg_unit_stim;

/* mg_stim_fill_fn of a unit. */
int mg_unit_stim_fill(void *ctx, long t, uint64_t *line, char *err, size_t errlen);

#endif
