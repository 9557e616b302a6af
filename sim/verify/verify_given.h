/* `macgen verify mac_array|hbfp_array|mx_array --x X.npy --w W.npy -o Y.npy`:
 * the array run on given matrices instead of random ones, and the Y the
 * Verilated array produced written out, so that a test can compare it byte
 * for byte with `macgen matmul` (tests/matmul_rtl.sh).  W's columns are
 * cut into tiles of the array's width (the last one zero-padded); each tile
 * is one matrix multiply of the run, every row of X streamed through it.
 * The operands are converted as matmul converts them (sim/matmul). */
#ifndef MG_VERIFY_GIVEN_H
#define MG_VERIFY_GIVEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "matmul.h"

typedef struct {
    const char *x_path, *w_path, *out_path, *dtype; /* dtype: NULL for matmul's default */
    double *x, *w;   /* R x K, K x C */
    size_t R, K, C;
    mg_bits *y;      /* R x C: acc_o of each output's last pass, as read from the RTL */
    size_t seen;     /* outputs recorded */
    char repro[512]; /* "--x X.npy --w W.npy" for the FAIL line */
} mg_array_given;

/* True when the options name given matrices (then all three are needed). */
static inline bool mg_array_given_on(const mg_array_given *g) { return g && (g->x_path || g->w_path || g->out_path); }

/* Takes --x FILE, --w FILE, -o FILE, --out-dtype D at argv[*i]: 1 (taken,
 * *i advanced), 0 (not one of them), -1 (after an error line). */
int mg_array_given_option(mg_array_given *g, int argc, char **argv, int *i);

/* Reads X and W (finite values, agreeing shapes, memory checked); -1 with
 * one line in err. */
int mg_array_given_load(mg_array_given *g, char *err, size_t errlen);
/* Tiles of `cols` columns that cover W. */
static inline size_t mg_array_given_tiles(const mg_array_given *g, int cols)
{
    return (g->C + (size_t)cols - 1) / (size_t)cols;
}
/* Records the RTL's result for row r, column col of tile t (columns past
 * W's are padding and are dropped). */
void mg_array_given_record(mg_array_given *g, size_t t, int cols, size_t r, int col, uint64_t acc);
/* Writes Y (encodings of f) to -o; an exit status (after an error line). */
int mg_array_given_write(const mg_array_given *g, const mg_format *f);
void mg_array_given_free(mg_array_given *g);

#endif
