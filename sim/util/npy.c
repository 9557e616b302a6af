/* The .npy layout: "\x93NUMPY", major and minor version bytes, the header
 * length (2 bytes little-endian in v1, 4 in v2/v3), then an ASCII Python
 * dict literal {'descr': ..., 'fortran_order': ..., 'shape': (...), },
 * padded so that the data starts aligned; then the raw elements. */
#include "npy.h"
#include "fileio.h"
#include "number.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_MAX 65536

/* The text after 'key': in the header dict, or NULL. */
static const char *dict_value(const char *hdr, const char *key)
{
    char pat[32];
    snprintf(pat, sizeof pat, "'%s'", key);
    const char *p = strstr(hdr, pat);
    if (!p) return NULL;
    p += strlen(pat);
    while (*p == ' ') p++;
    if (*p != ':') return NULL;
    p++;
    while (*p == ' ') p++;
    return p;
}

static int parse_shape(const char *v, size_t *rows, size_t *cols, char *err, size_t errlen)
{
    size_t dims[4];
    int n = 0;
    if (!v || *v != '(') {
        snprintf(err, errlen, "header has no 'shape' tuple");
        return -1;
    }
    for (v++; *v && *v != ')';) {
        while (*v == ' ' || *v == ',') v++;
        if (*v == ')') break;
        /* One dimension: a decimal number (number.h), at most 2^31. */
        char digits[24], why[160];
        size_t len = strspn(v, "0123456789");
        unsigned long long d;
        if (len == 0 || len >= sizeof digits || n == 4) {
            snprintf(err, errlen, "cannot read the 'shape' tuple (or more than 3 dimensions)");
            return -1;
        }
        snprintf(digits, sizeof digits, "%.*s", (int)len, v);
        if (mg_parse_uint("shape", digits, 0, MG_NPY_ELEMENTS_MAX, 0, &d, why, sizeof why)) {
            snprintf(err, errlen, "'shape' tuple: %s", why);
            return -1;
        }
        dims[n++] = (size_t)d;
        v += len;
        if (*v == 'L') v++; /* Python 2 long */
    }
    if (n != 2) {
        snprintf(err, errlen, "array has %d dimension%s; expected 2 (N x K)", n, n == 1 ? "" : "s");
        return -1;
    }
    *rows = dims[0];
    *cols = dims[1];
    if (*rows == 0 || *cols == 0 || *rows > MG_NPY_ELEMENTS_MAX / *cols) {
        snprintf(err, errlen, "shape (%zu, %zu): expected 1 to 2^31 elements", *rows, *cols);
        return -1;
    }
    return 0;
}

/* Reads the header: element size (4 or 8) and shape. */
static int read_header(FILE *fp, int *elem, size_t *rows, size_t *cols, char *err, size_t errlen)
{
    unsigned char pre[12];
    if (fread(pre, 1, 10, fp) != 10 || memcmp(pre, "\x93NUMPY", 6) != 0) {
        snprintf(err, errlen, "not a .npy file (bad magic)");
        return -1;
    }
    size_t hlen = pre[8] | (size_t)pre[9] << 8;
    if (pre[6] == 2 || pre[6] == 3) {
        if (fread(pre + 10, 1, 2, fp) != 2) {
            snprintf(err, errlen, "truncated header");
            return -1;
        }
        hlen |= (size_t)pre[10] << 16 | (size_t)pre[11] << 24;
    } else if (pre[6] != 1) {
        snprintf(err, errlen, "unknown .npy version %d", pre[6]);
        return -1;
    }
    if (hlen > HEADER_MAX) {
        snprintf(err, errlen, "header of %zu bytes is too long", hlen);
        return -1;
    }
    char *hdr = malloc(hlen + 1);
    if (!hdr || fread(hdr, 1, hlen, fp) != hlen) {
        snprintf(err, errlen, hdr ? "truncated header" : "out of memory");
        free(hdr);
        return -1;
    }
    hdr[hlen] = 0;
    const char *descr = dict_value(hdr, "descr"), *fo = dict_value(hdr, "fortran_order");
    int rc = -1;
    if (!descr || !fo) snprintf(err, errlen, "header lacks 'descr' or 'fortran_order'");
    else if (!strncmp(descr, "'>", 2)) snprintf(err, errlen, "big-endian data; expected '<f4' or '<f8'");
    else if (strncmp(descr, "'<f4'", 5) && strncmp(descr, "'<f8'", 5))
        snprintf(err, errlen, "element type %.8s; expected '<f4' (float32) or '<f8' (float64)", *descr ? descr : "(none)");
    else if (strncmp(fo, "False", 5)) snprintf(err, errlen, "Fortran-order array; expected C order");
    else if (parse_shape(dict_value(hdr, "shape"), rows, cols, err, errlen) == 0) rc = 0;
    /* Only after the strncmp above matched 5 bytes is descr[3] in the header
     * (a header may end right after 'descr':). */
    *elem = rc == 0 && !strncmp(descr, "'<f8'", 5) ? 8 : 4;
    free(hdr);
    return rc;
}

/* Element i of raw little-endian elements as a double. */
static double le_value(const unsigned char *raw, size_t i, int elem)
{
    const unsigned char *p = raw + i * (size_t)elem;
    uint64_t u = 0;
    for (int b = elem - 1; b >= 0; b--) u = u << 8 | p[b];
    if (elem == 8) {
        double d;
        memcpy(&d, &u, sizeof d);
        return d;
    }
    uint32_t u32 = (uint32_t)u;
    float f;
    memcpy(&f, &u32, sizeof f);
    return f;
}

/* Opens path and reads its header; NULL with "PATH: reason" in err. */
static FILE *open_npy(const char *path, int *elem, size_t *rows, size_t *cols, char *err, size_t errlen)
{
    char why[200];
    FILE *fp = mg_open_regular(path, why, sizeof why);
    if (!fp) {
        snprintf(err, errlen, "%s", why);
        return NULL;
    }
    if (read_header(fp, elem, rows, cols, why, sizeof why) != 0) {
        fclose(fp);
        snprintf(err, errlen, "%s: %s", path, why);
        return NULL;
    }
    return fp;
}

int mg_npy_shape(const char *path, size_t *rows, size_t *cols, char *err, size_t errlen)
{
    int elem;
    FILE *fp = open_npy(path, &elem, rows, cols, err, errlen);
    if (!fp) return -1;
    fclose(fp);
    return 0;
}

int mg_npy_read(const char *path, double **data, size_t *rows, size_t *cols, char *err, size_t errlen)
{
    int elem = 4;
    *data = NULL;
    FILE *fp = open_npy(path, &elem, rows, cols, err, errlen);
    if (!fp) return -1;
    const char *why = NULL;
    size_t n = *rows * *cols;
    /* One buffer of n doubles (MG_NPY_BYTES_PER_ELEMENT): float32 elements
     * are read into its upper half and widened in place, front to back
     * (double i, at byte 8i, never reaches float i+1 at byte 4n+4i+4). */
    double *d = malloc(n * sizeof *d);
    unsigned char *raw = d ? (unsigned char *)d + n * (sizeof *d - (size_t)elem) : NULL;
    if (!d) why = "out of memory";
    else if (fread(raw, (size_t)elem, n, fp) != n) why = ferror(fp) ? "read error" : "truncated: fewer elements than its shape";
    fclose(fp);
    if (why) {
        free(d);
        snprintf(err, errlen, "%s: %s (%zu x %zu)", path, why, *rows, *cols);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        double v = le_value(raw, i, elem);
        d[i] = v;
    }
    *data = d;
    return 0;
}

int mg_npy_read_shape(const char *path, size_t *rows, size_t *cols, int *elem_bytes, char *err, size_t errlen)
{
    char why[200];
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    int rc = read_header(fp, elem_bytes, rows, cols, why, sizeof why);
    fclose(fp);
    if (rc != 0) snprintf(err, errlen, "%s: %s", path, why);
    return rc;
}
