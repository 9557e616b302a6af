/* A reader for NumPy .npy files of one kind: 2-D, C order, little-endian
 * float32 ('<f4') or float64 ('<f8'), format versions 1, 2 and 3. */
#ifndef MG_NPY_H
#define MG_NPY_H

#include <stddef.h>

#define MG_NPY_ELEMENTS_MAX ((size_t)1 << 31)

/* Reads path into *data (rows x cols doubles, row-major, malloc'd).
 * Returns 0, or -1 with a one-line reason in err (anything else refused). */
int mg_npy_read(const char *path, double **data, size_t *rows, size_t *cols, char *err, size_t errlen);

#endif
