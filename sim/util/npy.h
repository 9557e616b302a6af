/* A reader for NumPy .npy files of one kind: 2-D, C order, little-endian
 * float32 ('<f4') or float64 ('<f8'), format versions 1, 2 and 3. */
#ifndef MG_NPY_H
#define MG_NPY_H

#include <stddef.h>

#define MG_NPY_ELEMENTS_MAX ((size_t)1 << 31)
/* The memory mg_npy_read takes: one double per element (read in place). */
#define MG_NPY_BYTES_PER_ELEMENT 8

/* Reads only the header of path: its shape (for a memory estimate before
 * reading).  0, or -1 with a one-line reason in err. */
int mg_npy_shape(const char *path, size_t *rows, size_t *cols, char *err, size_t errlen);

/* Reads path into *data (rows x cols doubles, row-major, malloc'd).  Only
 * a regular file (a FIFO is refused, not waited on).  Returns 0, or -1
 * with a one-line reason in err (anything else refused). */
int mg_npy_read(const char *path, double **data, size_t *rows, size_t *cols, char *err, size_t errlen);

/* Reads only the header: shape and element size (4 or 8 bytes), checked as
 * mg_npy_read checks them, so that a caller can size its memory first.
 * Returns 0, or -1 with a one-line reason in err. */
int mg_npy_read_shape(const char *path, size_t *rows, size_t *cols, int *elem_bytes, char *err, size_t errlen);

#endif
