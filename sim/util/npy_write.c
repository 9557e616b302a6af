/* .npy headers (see npy_write.h): the magic, version 1.0, the header
 * length, then the dict literal padded with spaces and a newline so that
 * the data starts on a 64-byte boundary (NumPy's own alignment). */
#include "npy_write.h"

#include <string.h>

int mg_npy_write_header(FILE *fp, const char *descr, size_t rows, size_t cols)
{
    char dict[160];
    int n = snprintf(dict, sizeof dict, "{'descr': '%s', 'fortran_order': False, 'shape': (%zu, %zu), }", descr,
                     rows, cols);
    if (n < 0 || (size_t)n >= sizeof dict - 64) return -1;
    size_t len = (size_t)n, total = 10 + len + 1; /* magic, version, length; the dict; '\n' */
    size_t pad = (64 - total % 64) % 64;
    memset(dict + len, ' ', pad);
    dict[len + pad] = '\n';
    len += pad + 1;
    const unsigned char pre[10] = { 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (unsigned char)(len & 0xff),
                                    (unsigned char)(len >> 8) };
    return fwrite(pre, 1, sizeof pre, fp) == sizeof pre && fwrite(dict, 1, len, fp) == len ? 0 : -1;
}

int mg_npy_put_le(FILE *fp, uint64_t v, int bytes)
{
    unsigned char b[8];
    for (int i = 0; i < bytes; i++) b[i] = (unsigned char)(v >> (8 * i));
    return fwrite(b, 1, (size_t)bytes, fp) == (size_t)bytes ? 0 : -1;
}
