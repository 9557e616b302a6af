/* The operand streams of an array column (energy_array.h): the array's
 * ports in the testbench, a reset, the weights loaded (Rows cycles of
 * load_w_i; HBFP/MX: the block exponents or scales in the first Groups
 * of them, load_e_i), then one wavefront a cycle on the documented
 * schedule (docs/mac_array.md, docs/hbfp_array.md), the accumulator
 * input +0: a dot product of Rows products per wavefront.  Float PEs get
 * each row's activation quantized to the PE's format; HBFP and MX get each
 * wavefront's Rows values converted block by block by the model (the
 * shared exponent or E8M0 scale with the mantissas or element codes), the
 * rows skewed so each edge unit meets its block. */
#ifndef MG_ENERGY_STIM_ARRAY_H
#define MG_ENERGY_STIM_ARRAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "array_cost.h"
#include "energy_run.h"
#include "energy_tb.h"
#include "hbfp.h"
#include "mx.h"

#define MG_ARRAY_STIM_PORTS 16

typedef struct {
    mg_tb_port ports[MG_ARRAY_STIM_PORTS];
    int n_ports, bits;
    long warm;
    bool block_fmt;                   /* HBFP or MX (else a float MAC array) */
    bool mx;
    int rows, cols, groups, block, step, n; /* n: mantissa / element bits; cols: the tile's (1, or a boost column pair) */
    int ww, aw, cw;                   /* ww: a PE's weight bits */
    mg_format fw, fa;                 /* mac_array */
    mg_hbfp_quant_spec hq;
    mg_mx_quant_spec mq;
    int off_rst, off_load_w, off_w, off_load_e, off_eb, off_valid, off_a, off_ea, off_en, off_acc;
    uint64_t *wq;                     /* weights of rows 0..Rows-1, column by column */
    int *wexp;                        /* per column and group: exponent (HBFP) or scale (MX) */
    long ring, next_wave;
    uint32_t *aq;                     /* ring x rows */
    int *ae;                          /* ring x groups */
    mg_vectors *vec;
    mg_rng rng;
    long t0;                          /* the first wavefront's cycle */
} mg_array_stim;

int mg_array_stim_init(mg_array_stim *s, const mg_array_plan *t, const mg_energy_opts *o, char *err, size_t errlen);
/* mg_stim_fill_fn (energy_stim.h). */
int mg_array_stim_fill(void *ctx, long t, uint64_t *line, char *err, size_t errlen);
void mg_array_stim_free(mg_array_stim *s);

#endif
