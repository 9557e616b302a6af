/* Operations of docs/spec/operations.md.  Each computes the exact result and
 * rounds it once (mac: twice, by definition).  Flags are ORed into *flags. */
#ifndef MG_OPS_H
#define MG_OPS_H

#include <stddef.h>

#include "round.h"

mg_bits mg_quant(const mg_format *in, mg_bits x, const mg_format *out,
                 const mg_rounding *rnd, unsigned *flags);
mg_bits mg_mul(const mg_format *fa, mg_bits a, const mg_format *fb, mg_bits b,
               const mg_format *out, const mg_rounding *rnd, unsigned *flags);
mg_bits mg_add(const mg_format *fa, mg_bits a, const mg_format *fb, mg_bits b,
               const mg_format *out, const mg_rounding *rnd, unsigned *flags);
mg_bits mg_fma(const mg_format *fa, mg_bits a, const mg_format *fb, mg_bits b,
               const mg_format *fc, mg_bits c, const mg_format *out,
               const mg_rounding *rnd, unsigned *flags);

/* LBA events (docs/spec/lba_events.md), per MAC step. */
enum {
    MG_EVENT_OVERFLOW = 1,  /* a rounding saturated or overflowed */
    MG_EVENT_UNDERFLOW = 2, /* a nonzero exact result rounded to zero */
    MG_EVENT_SWAMP = 4      /* a nonzero finite addend left the accumulator unchanged */
};

/* The LBA MAC step: acc' = Q_acc(Q_prod(w*a) + acc), or with fused,
 * acc' = Q_acc(w*a + acc).  Both roundings use the same rnd (and random word). */
typedef struct {
    mg_format w, a, prod, acc;
    bool fused;
} mg_mac_spec;

/* The LBA paper's defaults: lba8 x lba8, prod = acc = lba12, unfused. */
mg_mac_spec mg_mac_spec_lba_default(void);

mg_bits mg_mac(const mg_mac_spec *spec, mg_bits w, mg_bits a, mg_bits acc,
               const mg_rounding *rnd, unsigned *flags, unsigned *events);

/* Chunked dot product: chunks of `chunk` elements are each accumulated with
 * mg_mac from +0 in index order; the chunk sums are added in chunk order from
 * +0 with mg_add into acc2. */
typedef struct {
    mg_mac_spec mac;
    mg_format acc2;
    size_t chunk;
} mg_dot_spec;

typedef struct {
    unsigned long long overflow, underflow, swamping;
} mg_event_counts;

/* For MG_SR, `random` holds one word per MAC step (k words) followed by one
 * per chunk-sum addition (ceil(k/chunk) words); NULL otherwise. */
size_t mg_dot_random_words(const mg_dot_spec *spec, size_t k);
mg_bits mg_dot(const mg_dot_spec *spec, const mg_bits *w, const mg_bits *a, size_t k,
               const mg_rounding *rnd, const uint64_t *random, unsigned *flags,
               mg_event_counts *counts);

#endif
