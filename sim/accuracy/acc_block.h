/* Accuracy of block formats (HBFP, MX): dot products of FP32 inputs cut into
 * blocks along K, each block pair converted and multiplied exactly, the
 * block results accumulated in `acc` (the model's hbfp_dot / mx_dot steps),
 * against the exact dot product of the FP32 inputs (mg_superacc). */
#ifndef MG_ACC_BLOCK_H
#define MG_ACC_BLOCK_H

#include "acc_dot.h"
#include "hbfp.h"
#include "mx.h"

/* HBFP_QUANT: the conversion alone; every element of a block is one result
 * (R the element's block value, S its FP32 input). */
typedef enum { MG_ACC_BLOCK_HBFP, MG_ACC_BLOCK_MX, MG_ACC_BLOCK_HBFP_QUANT } mg_acc_block_kind;

typedef struct {
    mg_acc_block_kind kind;
    mg_hbfp_quant_spec hbfp;
    mg_mx_quant_spec mx;
    mg_format acc;
    bool fused; /* MX only */
    /* HBFP only, the Accuracy Booster mix (docs/spec/hbfp.md section 7):
     * a fraction mix of the dot products (evenly spread over the rows) run
     * in HBFP<boost> instead of HBFPn; boost 0: none. */
    int boost;
    double mix;
} mg_acc_block_spec;

/* Does dot product (row) r of the mix run in the boosted width?  Rows r
 * where floor((r+1) * mix) > floor(r * mix): round(rows * mix) of them, spread. */
static inline bool mg_acc_block_boosted(const mg_acc_block_spec *s, size_t r)
{
    return s->boost && (size_t)((double)(r + 1) * s->mix) > (size_t)((double)r * s->mix);
}

static inline int mg_acc_block_size(const mg_acc_block_spec *s)
{
    return s->kind == MG_ACC_BLOCK_MX ? s->mx.block : s->hbfp.block;
}

/* One dot product of the FP32 encodings w[0..k), a[0..k) (k may be any
 * length: the last block is zero-padded).  round = sr draws its words from
 * rng.  boosted: HBFP in s->boost bits instead of s->hbfp.n. */
void mg_acc_block_row(const mg_acc_block_spec *s, const mg_bits *w, const mg_bits *a, size_t k, mg_rng *rng,
                      bool boosted, mg_acc_row *out);

/* HBFP_QUANT: converts the block x[0..B) and writes B results into out. */
void mg_acc_quant_rows(const mg_acc_block_spec *s, const mg_bits *x, mg_rng *rng, mg_acc_row *out);

#endif
