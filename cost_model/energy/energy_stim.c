#include "energy_stim.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "fileio.h"
#include "npy.h"

int mg_vectors_parse(const char *spec, double scale, double mean, double toggle_rate, mg_vectors *v, char *err,
                     size_t errlen)
{
    memset(v, 0, sizeof *v);
    v->toggle_rate = toggle_rate;
    size_t n = strlen(spec);
    if (n > 4 && !strcmp(spec + n - 4, ".npy")) {
        struct stat st;
        if (stat(spec, &st) != 0 || !S_ISREG(st.st_mode)) {
            snprintf(err, errlen, "--vectors %.200s: %s", spec,
                     stat(spec, &st) != 0 ? strerror(errno) : "not a regular file");
            return -1;
        }
        size_t rows, cols;
        if (mg_npy_read(spec, &v->data, &rows, &cols, err, errlen) != 0) return -1;
        v->kind = MG_VEC_NPY;
        v->n_data = rows * cols;
        if (v->n_data == 0) {
            snprintf(err, errlen, "--vectors %.200s holds no element", spec);
            mg_vectors_free(v);
            return -1;
        }
        for (size_t i = 0; i < v->n_data; i++)
            if (fabs(v->data[i]) > v->data_absmax) v->data_absmax = fabs(v->data[i]);
        const char *base = strrchr(spec, '/');
        snprintf(v->label, sizeof v->label, "%.100s (%zu elements, in order)", base ? base + 1 : spec, v->n_data);
        return 0;
    }
    if (!strcmp(spec, "bits")) {
        v->kind = MG_VEC_BITS;
        snprintf(v->label, sizeof v->label, "bits (each data bit flips with probability %g a cycle)", toggle_rate);
        return 0;
    }
    v->kind = MG_VEC_DIST;
    if (mg_dist_parse(spec, &v->dist.kind) != 0) {
        char esc[80];
        snprintf(err, errlen, "--vectors %s: expected normal, uniform, laplace, bits or FILE.npy",
                 mg_escape_text(spec, esc, sizeof esc));
        return -1;
    }
    v->dist.scale = scale;
    v->dist.mean = mean;
    snprintf(v->label, sizeof v->label, "%s (scale %g, mean %g)", spec, scale, mean);
    return 0;
}

void mg_vectors_free(mg_vectors *v)
{
    free(v->data);
    v->data = NULL;
}

double mg_vectors_next(mg_vectors *v, mg_rng *r)
{
    if (v->kind == MG_VEC_NPY) {
        double x = v->data[v->next];
        v->next = (v->next + 1) % v->n_data;
        return x;
    }
    return mg_dist_draw(&v->dist, r);
}

double mg_vectors_int_range(const mg_vectors *v)
{
    if (v->kind == MG_VEC_NPY) return v->data_absmax > 0 ? v->data_absmax : 1;
    double spread = v->dist.kind == MG_DIST_UNIFORM ? 1 : 3;
    return fabs(v->dist.mean) + spread * v->dist.scale;
}

void mg_stim_put(uint64_t *line, int lsb, int width, uint64_t value)
{
    for (int i = 0; i < width; i++) {
        int b = lsb + i;
        uint64_t bit = (value >> i) & 1;
        line[b / 64] = (line[b / 64] & ~(1ull << (b % 64))) | (bit << (b % 64));
    }
}

uint64_t mg_stim_get(const uint64_t *line, int lsb, int width)
{
    uint64_t v = 0;
    for (int i = 0; i < width; i++) {
        int b = lsb + i;
        v |= ((line[b / 64] >> (b % 64)) & 1) << i;
    }
    return v;
}

int mg_stim_write(const char *path, int bits, long lines, mg_stim_fill_fn fill, void *ctx, char *err, size_t errlen)
{
    const int words = mg_stim_words(bits), digits = (bits + 3) / 4;
    uint64_t *line = calloc((size_t)words, sizeof *line);
    char *hex = malloc((size_t)digits + 2);
    if (!line || !hex) {
        free(line);
        free(hex);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    mg_atomic_file f;
    if (mg_atomic_open(&f, path, err, errlen) != 0) {
        free(line);
        free(hex);
        return -1;
    }
    static const char digit[] = "0123456789abcdef";
    int rc = 0;
    for (long t = 0; t < lines && rc == 0; t++) {
        memset(line, 0, (size_t)words * sizeof *line);
        rc = fill(ctx, t, line, err, errlen);
        for (int d = 0; d < digits; d++) {
            int b = (digits - 1 - d) * 4;
            hex[d] = digit[(line[b / 64] >> (b % 64)) & 15];
        }
        hex[digits] = '\n';
        fwrite(hex, 1, (size_t)digits + 1, f.fp);
    }
    free(line);
    free(hex);
    if (rc != 0) {
        mg_atomic_abort(&f);
        return -1;
    }
    return mg_atomic_commit(&f, err, errlen);
}

/* A random word of width bits. */
static uint64_t random_bits(mg_rng *r, int width)
{
    uint64_t v = mg_rng_next(r);
    return width >= 64 ? v : v & ((1ull << width) - 1);
}

/* Bits that flip this cycle: each with probability p. */
static uint64_t flips(mg_rng *r, int width, double p)
{
    if (p == 0.5) return random_bits(r, width);
    uint64_t m = 0;
    for (int i = 0; i < width; i++)
        if (mg_rng_open01(r) < p) m |= 1ull << i;
    return m;
}

static uint64_t int_value(mg_unit_stim *s, int width, double x)
{
    double range = mg_vectors_int_range(s->vec);
    double qmax = ldexp(1.0, width - 1) - 1;
    double q = nearbyint(x / range * qmax);
    if (q > qmax) q = qmax;
    if (q < -qmax - 1) q = -qmax - 1;
    int64_t v = (int64_t)q;
    return width >= 64 ? (uint64_t)v : (uint64_t)v & ((1ull << width) - 1);
}

int mg_unit_stim_fill(void *ctx, long t, uint64_t *line, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    mg_unit_stim *s = ctx;
    const bool in_reset = t < s->reset_cycles;
    const long k = s->dot_length > 0 ? (t - s->reset_cycles) % s->dot_length : 1;
    for (int i = 0; i < s->n_ports; i++) {
        mg_stim_port *p = &s->ports[i];
        uint64_t v = 0;
        bool bits = s->vec->kind == MG_VEC_BITS || p->role == MG_SP_BITS;
        switch (p->role) {
        case MG_SP_FLOAT:
        case MG_SP_INT:
        case MG_SP_BITS:
            if (bits) {
                v = t == 0 ? random_bits(&s->rng, p->width) : p->prev ^ flips(&s->rng, p->width, s->vec->toggle_rate);
            } else {
                double x = mg_vectors_next(s->vec, &s->rng);
                v = p->role == MG_SP_FLOAT ? mg_acc_quantize(&p->fmt, x).bits : int_value(s, p->width, x);
            }
            p->prev = v;
            break;
        case MG_SP_RESET_N: v = !in_reset; break;
        case MG_SP_ENABLE: v = !in_reset; break;
        case MG_SP_CLEAR: v = !in_reset && k == 0; break;
        case MG_SP_LAST: v = !in_reset && k == s->dot_length - 1; break;
        case MG_SP_ZERO: v = 0; break;
        }
        mg_stim_put(line, p->lsb, p->width, v);
    }
    if (s->clear_bit >= 0) mg_stim_put(line, s->clear_bit, 1, t < s->hold_cycles || k == 0);
    return 0;
}
