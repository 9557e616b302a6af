/* One dot product of an accuracy run: the model's result R (mg_dot's
 * arithmetic) and the exact sum S of the products of the same quantized
 * inputs, on the fixed-point grid of acc_fixround.h. */
#ifndef MG_ACC_DOT_H
#define MG_ACC_DOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acc_rng.h"
#include "model.h"

#define MG_ACC_INPUT_BITS_MAX 16
#define MG_ACC_EXACT_BITS_MAX 125 /* S lives in an __int128 */

typedef struct {
    double r;         /* R (acc2) as a double; +-Inf or NaN when not finite */
    double s;         /* S, rounded to a double */
    double diff;      /* R - S, computed exactly, then rounded to a double */
    unsigned char cr; /* R equals S correctly rounded to fp32 (rne) */
    unsigned char finite;
} mg_acc_row;

typedef struct mg_acc_dot_plan mg_acc_dot_plan;

/* NULL with a one-line reason in err when the spec is outside what the
 * accuracy engine takes (inputs wider than 16 bits, or an exact sum S of k
 * products that would need more than 125 bits). */
mg_acc_dot_plan *mg_acc_dot_plan_new(const mg_dot_spec *spec, const mg_rounding *rnd, size_t k, char *err,
                                     size_t errlen);
void mg_acc_dot_plan_free(mg_acc_dot_plan *p);
/* True when the tabulated fixed-point path runs (else mg_dot itself). */
int mg_acc_dot_plan_is_fast(const mg_acc_dot_plan *p);

/* Evaluates one dot product of the encodings w[0..k), a[0..k).  rng gives
 * the random words of round=sr.  Adds the LBA events to *counts. */
void mg_acc_dot_row(const mg_acc_dot_plan *p, const uint16_t *w, const uint16_t *a, mg_rng *rng,
                    mg_acc_row *out, mg_event_counts *counts);

/* The model's result (mg_dot's, or with chain a single chunk of k MAC
 * steps from +0 into acc with no chunk-sum addition: a MAC array column)
 * as an encoding of acc2 (chain: acc), signed zeros included, on the
 * tabulated path.  -1 when the plan has no fast path or some value would
 * be Inf or NaN: run the model then.  Flags and events are not computed. */
int mg_acc_dot_result(const mg_acc_dot_plan *p, const uint16_t *w, const uint16_t *a, bool chain, mg_bits *out);

#endif
