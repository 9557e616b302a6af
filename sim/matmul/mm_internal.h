/* What the engine's parts share (mm_run.c runs tiles of Y on threads;
 * mm_lba.c and mm_block.c prepare the operands and compute one tile). */
#ifndef MG_MM_INTERNAL_H
#define MG_MM_INTERNAL_H

#include "acc_dot.h"
#include "mac_plan.h"
#include "matmul.h"

/* The counts one tile adds (summed by the runner). */
typedef struct {
    mg_event_counts events;
    unsigned long long flagged[5];
} mm_counts;

/* A run's operands, prepared once and read-only while the tiles run. */
typedef struct {
    const mg_mm_spec *spec;
    size_t R, K, C;
    bool stats;
    /* MAC_ARRAY, DOT: encodings of X (R x K) and of W transposed (C x K,
     * a column of W contiguous), 16-bit when both formats are that narrow. */
    uint16_t *x16, *w16;
    mg_bits *x64, *w64;
    size_t kpad;            /* MAC_ARRAY: K rounded up to a multiple of tile_rows */
    mg_acc_dot_plan *fast;  /* the tabulated path, or NULL */
    mg_mac_plan *steps;     /* MAC_ARRAY with stats: the model's product table, or NULL */
    /* The binary32 kinds without stats (mm_fp32.c): the operands' values as
     * floats, X (R x K) and W transposed (C x K); NULL otherwise. */
    float *xf32, *wf32;
    /* HBFP, MX: X (R x K) and W (K x C) as FP32 encodings. */
    mg_bits *xf, *wf;
} mm_operands;

/* Tile sizes: rows x columns of Y per work item. */
void mm_tile_shape(const mg_mm_spec *s, size_t *rows, size_t *cols);

/* Per-thread scratch for the tiles of each kind (NULL when out of memory). */
void *mm_lba_scratch_new(const mm_operands *op);
void mm_lba_scratch_free(void *scratch);
void *mm_block_scratch_new(const mm_operands *op);
void mm_block_scratch_free(void *scratch);

/* 0, or -1 with err (out of memory). */
int mm_lba_prepare(mm_operands *op, const double *x, const double *w, char *err, size_t errlen);
void mm_lba_tile(const mm_operands *op, void *scratch, size_t r0, size_t r1, size_t c0, size_t c1, mg_bits *y,
                 mm_counts *c);
int mm_block_prepare(mm_operands *op, const double *x, const double *w, char *err, size_t errlen);
/* -1 when memory runs out. */
int mm_block_tile(const mm_operands *op, void *scratch, size_t r0, size_t r1, size_t c0, size_t c1, mg_bits *y,
                  mm_counts *c);
void mm_operands_free(mm_operands *op);

/* The binary32 path (mm_fp32.c): does the host compute this spec's
 * arithmetic exactly, and one output of it. */
bool mm_fp32_host_ok(void);
bool mm_fp32_applies(const mg_mm_spec *s);
mg_bits mm_fp32_output(const mm_operands *op, size_t r, size_t c);

/* ORs the flags of one output into the counts. */
static inline void mm_count_flags(mm_counts *c, unsigned flags)
{
    for (int b = 0; b < 5; b++) c->flagged[b] += (flags >> b) & 1;
}

#endif
