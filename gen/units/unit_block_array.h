/* What the block arrays share: hbfp_array (unit_hbfp.c), its Accuracy
 * Booster form (unit_hbfp_boost.c) and mx_array (unit_mx.c) are one
 * mg_hbfp_array_cfg, read and wrapped alike but for their PEs. */
#ifndef MG_UNIT_BLOCK_ARRAY_H
#define MG_UNIT_BLOCK_ARRAY_H

#include <stddef.h>

#include "unit.h"
#include "unit_hbfp.h"

/* Checks a block size: a power of two in [min, max]; -1 with the reason. */
int mg_block_check_size(long block, int min, int max, char *err, size_t errlen);
/* Resolves kv as unit def (u gets the resolved unit) and fills the geometry
 * every block array reads the same way: rows (a multiple of block), cols,
 * block (mg_block_check_size), groups, pipe, the float accumulation format
 * acc, canonical and top; the rest of c is zero.  -1 with a one-line reason. */
int mg_block_array_resolve(mg_hbfp_array_cfg *c, mg_unit *u, const mg_unit_def *def, mg_kv_list *kv,
                           int block_min, int block_max, char *err, size_t errlen);
/* The edge units' internal exponent width: the block sum's exponents span
 * blk_span (the array's own bound); the accumulation format's range, its
 * bias (the rounder adds it) and the adder's alignment distances must also
 * fit, as two's complement with room to spare. */
int mg_block_array_exp_width(const mg_format *acc, long blk_span);

/* The wrapper ports of an array template (mg_hbfp_array, and with boost=
 * mg_hbfp_boost_array: weights of c->boost.w_bits and a boost_i port).
 * Writes at most MG_BLOCK_ARRAY_PORTS and returns how many. */
#define MG_BLOCK_ARRAY_PORTS 15
size_t mg_block_array_ports(const mg_hbfp_array_cfg *c, mg_block_top_port *ports);
/* The edge units' template parameters, in both array templates' order:
 * the accumulation format, the pipeline and the exponent width (entries of
 * an mg_block_top_param initializer). */
#define MG_BLOCK_ARRAY_EDGE_PARAMS(c)                         \
    { "ExpBits", (c)->acc.exp_bits },                         \
    { "FracBits", (c)->acc.frac_bits },                       \
    { "Bias", (c)->acc.bias },                                \
    { "Specials", mg_specials_code((c)->acc.specials) },      \
    { "Sub", (c)->acc.subnormals ? 1 : 0 },                   \
    { "Pipe", (c)->pipe },                                    \
    { "ExpWidth", (c)->exp_width }

#endif
