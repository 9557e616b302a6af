/* The arithmetic of `macgen matmul` (docs/matmul.md) from a unit name and
 * its key=value parameters, read by the unit records themselves: the same
 * names, keys, defaults and limits as `macgen rtl` / `verify`. */
#ifndef MG_UNIT_MATMUL_H
#define MG_UNIT_MATMUL_H

#include <stdio.h>

#include "cli.h"
#include "matmul.h"

/* The units matmul takes, for messages: "mac_array, dot, hbfp_array, mx_array". */
const char *mg_matmul_unit_names(void);

/* Fills *s from unit `name` and its parameters (every pair must be known)
 * and the pass mode of an Accuracy Booster array (`--mode`: 4 or 6; 0 when
 * not given, the only value other arithmetics take); canonical receives
 * the spelled arithmetic ("mac_array rows=16 ... pe=lba (w=e3m4,...
 * round=rtz)", "hbfp_array ... boost=6 boost_pe=4x4 --mode 6").  -1 with
 * one line in err. */
int mg_matmul_configure(const char *name, mg_kv_list *kv, unsigned mode, mg_mm_spec *s, char *canonical,
                        size_t canon_len, char *err, size_t errlen);

/* The units' parameter tables, for --help. */
void mg_matmul_print_units(FILE *out);

#endif
