/* The .npy layout: "\x93NUMPY", major and minor version bytes, the header
 * length (2 bytes little-endian in v1, 4 in v2/v3), then an ASCII Python
 * dict literal {'descr': ..., 'fortran_order': ..., 'shape': (...), },
 * padded so that the data starts aligned; then the raw elements. */
#include "npy.h"

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
        char *end;
        errno = 0;
        unsigned long long d = strtoull(v, &end, 10);
        if (end == v || errno || n == 4) {
            snprintf(err, errlen, "cannot read the 'shape' tuple (or more than 3 dimensions)");
            return -1;
        }
        dims[n++] = (size_t)d;
        v = end;
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
        snprintf(err, errlen, "element type %.8s; expected '<f4' (float32) or '<f8' (float64)", descr);
    else if (strncmp(fo, "False", 5)) snprintf(err, errlen, "Fortran-order array; expected C order");
    else if (parse_shape(dict_value(hdr, "shape"), rows, cols, err, errlen) == 0) rc = 0;
    *elem = descr && descr[3] == '8' ? 8 : 4;
    free(hdr);
    return rc;
}

static double le_value(const unsigned char *p, int elem)
{
    uint64_t u = 0;
    for (int i = elem - 1; i >= 0; i--) u = u << 8 | p[i];
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

int mg_npy_read(const char *path, double **data, size_t *rows, size_t *cols, char *err, size_t errlen)
{
    char why[200];
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    int elem = 4;
    size_t n = 0;
    unsigned char *raw = NULL;
    *data = NULL;
    int rc = read_header(fp, &elem, rows, cols, why, sizeof why);
    if (rc == 0) {
        n = *rows * *cols;
        raw = malloc(n * (size_t)elem);
        *data = malloc(n * sizeof **data);
        if (!raw || !*data) snprintf(why, sizeof why, "out of memory"), rc = -1;
        else if (fread(raw, (size_t)elem, n, fp) != n)
            snprintf(why, sizeof why, "truncated: fewer than %zu x %zu elements", *rows, *cols), rc = -1;
    }
    fclose(fp);
    for (size_t i = 0; rc == 0 && i < n; i++) (*data)[i] = le_value(raw + i * (size_t)elem, elem);
    free(raw);
    if (rc != 0) {
        free(*data);
        *data = NULL;
        snprintf(err, errlen, "%s: %s", path, why);
    }
    return rc;
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
