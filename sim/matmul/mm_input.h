/* The inputs of a matmul from .npy files: X (R x K) and W (K x C), float32
 * or float64, every value finite; and the memory check that refuses a
 * product before it exhausts the machine. */
#ifndef MG_MM_INPUT_H
#define MG_MM_INPUT_H

#include <stddef.h>

typedef struct {
    size_t R, K, C;
    int x_bytes, w_bytes; /* 4 (float32) or 8 (float64) */
} mg_mm_shape;

/* Reads both headers: shapes that agree (W has K rows) and a Y of at most
 * 2^31 elements.  0, or -1 with one line in err. */
int mg_mm_peek(const char *xpath, const char *wpath, mg_mm_shape *sh, char *err, size_t errlen);
/* Bytes reading X and W and holding Y take. */
double mg_mm_input_bytes(const mg_mm_shape *sh);

/* -1 with one line when need exceeds the memory limit (memlimit.h:
 * MACGEN_MEM_LIMIT, default half the RAM). */
int mg_mm_check_memory(double need, char *err, size_t errlen);
/* Reads one operand of the peeked shape; -1 with one line naming `what`
 * ("X", "W") on a read error, a changed shape or a NaN / Inf element. */
int mg_mm_read(const char *path, const char *what, size_t rows, size_t cols, double **v, char *err, size_t errlen);

#endif
