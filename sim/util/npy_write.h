/* The writing side of sim/util/npy.h: the header of a 2-D, C-order,
 * little-endian .npy file (format version 1.0), as NumPy writes it. */
#ifndef MG_NPY_WRITE_H
#define MG_NPY_WRITE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* descr: "<f4", "<f8", "|u1", "<u2", "<u4" or "<u8".  The data (rows x
 * cols elements, row-major, little-endian) follows; mg_npy_put_le writes one.
 * -1 on a write error. */
int mg_npy_write_header(FILE *fp, const char *descr, size_t rows, size_t cols);
/* Writes the low `bytes` bytes of v, least significant first. */
int mg_npy_put_le(FILE *fp, uint64_t v, int bytes);

#endif
