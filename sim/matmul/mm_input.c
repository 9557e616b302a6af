/* Reading X and W for a matmul (see mm_input.h): shapes first, memory
 * second, values last. */
#include "mm_input.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memlimit.h"
#include "npy.h"

int mg_mm_peek(const char *xpath, const char *wpath, mg_mm_shape *sh, char *err, size_t errlen)
{
    size_t kw;
    if (mg_npy_read_shape(xpath, &sh->R, &sh->K, &sh->x_bytes, err, errlen)) return -1;
    if (mg_npy_read_shape(wpath, &kw, &sh->C, &sh->w_bytes, err, errlen)) return -1;
    if (kw != sh->K) {
        snprintf(err, errlen, "X (%s) is %zu x %zu but W (%s) is %zu x %zu: W needs as many rows as X has columns",
                 xpath, sh->R, sh->K, wpath, kw, sh->C);
        return -1;
    }
    if (sh->R > MG_NPY_ELEMENTS_MAX / sh->C) {
        snprintf(err, errlen, "Y would be %zu x %zu: more than 2^31 elements", sh->R, sh->C);
        return -1;
    }
    return 0;
}

double mg_mm_input_bytes(const mg_mm_shape *sh)
{
    /* The reader holds the raw elements and their doubles at once; Y's
     * encodings (8 bytes) and the output buffer of the writer's stdio. */
    return ((double)sh->R * (double)sh->K) * (8.0 + sh->x_bytes) + ((double)sh->K * (double)sh->C) * (8.0 + sh->w_bytes) +
           (double)sh->R * (double)sh->C * 8.0;
}

int mg_mm_check_memory(double need, char *err, size_t errlen)
{
    return mg_mem_check("this product (split X by rows to need less)", need, err, errlen);
}

int mg_mm_read(const char *path, const char *what, size_t rows, size_t cols, double **v, char *err, size_t errlen)
{
    size_t r, c;
    if (mg_npy_read(path, v, &r, &c, err, errlen)) return -1;
    int rc = -1;
    if (r != rows || c != cols) {
        snprintf(err, errlen, "%s (%s) changed while being read: %zu x %zu, then %zu x %zu", what, path, rows, cols, r,
                 c);
    } else {
        size_t i = 0;
        while (i < r * c && isfinite((*v)[i])) i++;
        if (i == r * c) rc = 0;
        else
            snprintf(err, errlen, "%s (%s): element [%zu, %zu] is %s; matmul takes finite values", what, path, i / c,
                     i % c, isnan((*v)[i]) ? "NaN" : (*v)[i] > 0 ? "+Inf" : "-Inf");
    }
    if (rc) {
        free(*v);
        *v = NULL;
    }
    return rc;
}
