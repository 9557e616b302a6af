/* Inputs for tests/fuzz/fuzz_npy.sh (make fuzz-npy):
 *   mutate npy SEED OUT     a random .npy (versions 1-3, float32/float64,
 *                           small shapes, edge values), often damaged:
 *                           header keys, types, shapes, lengths, data;
 *   mutate json SEED FILE   FILE (a result JSON of a sweep job) mutated in
 *                           place: a number, string or key replaced by an
 *                           edge value, a line dropped or doubled, bytes
 *                           flipped, the text cut short.
 * Deterministic in SEED.  Test-side code: it writes what a hostile or
 * damaged file could hold, and the sanitizer build of macgen reads it. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

static uint64_t next(void)
{
    /* splitmix64 */
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static bool any_bits; /* this file's data may hold any bit pattern (NaN, Inf) */

static const char *pick(const char *const *list, size_t n) { return list[next() % n]; }
#define PICK(list) pick(list, sizeof list / sizeof list[0])

/* ---- .npy ----------------------------------------------------------- */

static const char *const descrs[] = { "'<f4'", "'<f4'", "'<f8'", "'<f8'", "'>f4'", "'<i4'", "'|u1'",
                                      "'<f2'", "'<f4", "'<f8'x", "", "'", "<f4", "'<f16'" };
static const char *const orders[] = { "False", "False", "False", "True", "false", "0", "" };

/* A dimension: mostly small, sometimes an edge of the reader's checks. */
static void dim(char *out, size_t len)
{
    static const char *const edges[] = { "0", "1", "2147483648", "2147483649", "4294967296",
                                         "18446744073709551616", "99999999999999999999", "-1",
                                         "007", "+3", "3L", "0x10", " 4", "1e3", "" };
    if (next() % 6) snprintf(out, len, "%llu", (unsigned long long)(1 + next() % 48));
    else snprintf(out, len, "%s", PICK(edges));
}

static void shape(char *out, size_t len, unsigned long long *elems)
{
    char a[32], b[32], c[32];
    dim(a, sizeof a);
    dim(b, sizeof b);
    dim(c, sizeof c);
    unsigned long long x = strtoull(a, NULL, 10), y = strtoull(b, NULL, 10);
    switch (next() % 8) {
    case 0: snprintf(out, len, "(%s,)", a); *elems = x; break;
    case 1: snprintf(out, len, "(%s, %s, %s)", a, b, c); *elems = x * y; break;
    case 2: snprintf(out, len, "()"); *elems = 1; break;
    case 3: snprintf(out, len, "(%s %s)", a, b); *elems = x * y; break;
    default: snprintf(out, len, "(%s, %s)", a, b); *elems = x * y; break;
    }
}

/* One element's bytes: ordinary values, zeros, edges (NaN, Inf, subnormal, huge). */
static void element(FILE *f, int size)
{
    double d;
    switch (next() % 10) {
    case 0: d = 0; break;
    case 1: d = (double)(int64_t)(next() % 2001) - 1000; break;
    case 2: {
        if (!any_bits) {
            d = 1.0 / (double)(1 + next() % 7);
            break;
        }
        uint64_t u = next();
        if (size == 8) fwrite(&u, 1, 8, f);
        else fwrite(&u, 1, 4, f); /* any bit pattern: NaN, Inf, subnormal */
        return;
    }
    case 3: d = 1e-40; break;
    case 4: d = 3.0e38; break;
    default: d = ((double)(next() % 2000001) - 1e6) / 1e5; break;
    }
    if (size == 8) {
        fwrite(&d, 1, 8, f);
    } else {
        float x = (float)d;
        fwrite(&x, 1, 4, f);
    }
}

static int write_npy(const char *path)
{
    char sh[160], hdr[1024];
    unsigned long long elems;
    shape(sh, sizeof sh, &elems);
    const char *descr = next() % 4 ? descrs[next() % 4] : PICK(descrs);
    const char *order = next() % 4 ? "False" : PICK(orders);
    int n;
    switch (next() % 6) { /* key order, spacing, missing or repeated keys */
    case 0: n = snprintf(hdr, sizeof hdr, "{'shape': %s, 'fortran_order': %s, 'descr': %s}", sh, order, descr); break;
    case 1: n = snprintf(hdr, sizeof hdr, "{'descr':%s,'fortran_order':%s,'shape':%s}", descr, order, sh); break;
    case 2: n = snprintf(hdr, sizeof hdr, "{'descr': %s, 'shape': %s, }", descr, sh); break;
    case 3: n = snprintf(hdr, sizeof hdr, "{'fortran_order': %s, 'shape': %s, 'descr':", order, sh); break;
    default: n = snprintf(hdr, sizeof hdr, "{'descr': %s, 'fortran_order': %s, 'shape': %s, }", descr, order, sh); break;
    }
    int version = next() % 8 ? 1 : (int)(next() % 4) + 1; /* 4: unknown */
    size_t pre = version == 1 ? 10 : 12;
    size_t hlen = (size_t)n + 1;
    while (next() % 3 && (pre + hlen) % 64) hlen++; /* padding, aligned or not */
    FILE *f = fopen(path, "wb");
    if (!f) return 1;
    fwrite("\x93NUMPY", 1, 6, f);
    fputc(version, f);
    fputc(0, f);
    size_t declared = hlen;
    if (next() % 12 == 0) declared = hlen + next() % 300 - 150; /* a wrong length */
    fputc((int)(declared & 0xff), f);
    fputc((int)((declared >> 8) & 0xff), f);
    if (version != 1) {
        fputc((int)((declared >> 16) & 0xff), f);
        fputc((int)((declared >> 24) & 0xff), f);
    }
    fwrite(hdr, 1, (size_t)n, f);
    for (size_t i = (size_t)n; i + 1 < hlen; i++) fputc(next() % 40 ? ' ' : "\0\t\x7f"[next() % 3], f);
    if (hlen > (size_t)n) fputc('\n', f);
    int size = strstr(descr, "8") ? 8 : 4;
    any_bits = next() % 5 == 0;
    if (elems > 20000) elems = 20000; /* a huge shape gets a short file */
    unsigned long long write = elems;
    if (next() % 10 == 0) write = write ? write - 1 - next() % write : 3; /* short or long data */
    else if (next() % 20 == 0) write += 1 + next() % 8;
    for (unsigned long long i = 0; i < write; i++) element(f, size);
    return fclose(f) != 0;
}

/* ---- JSON ------------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b) free(buf);
            buf = b;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

/* The start and length of a random token of kind: a number (0) or a
 * quoted string (1); 0 when there is none. */
static size_t find_token(const char *s, size_t n, int kind, size_t *at)
{
    size_t count = 0, i;
    for (i = 0; i < n; i++)
        if (kind ? s[i] == '"' : (s[i] >= '0' && s[i] <= '9' && (i == 0 || !strchr("0123456789.eE+-_", s[i - 1]))))
            count++;
    if (!count) return 0;
    size_t want = next() % count;
    for (i = 0; i < n; i++) {
        bool start = kind ? s[i] == '"'
                          : (s[i] >= '0' && s[i] <= '9' && (i == 0 || !strchr("0123456789.eE+-_", s[i - 1])));
        if (!start || want--) continue;
        size_t j = i + 1;
        if (kind) {
            while (j < n && s[j] != '"') j++;
            j += j < n;
        } else {
            while (j < n && strchr("0123456789.eE+-", s[j])) j++;
        }
        *at = i;
        return j - i;
    }
    return 0;
}

static void write_json(FILE *f, const char *s, size_t n)
{
    static const char *const values[] = { "1e30", "-1", "1e309", "-0", "0", "NaN", "\"x\"", "null", "true",
                                          "[]", "{}", "18446744073709551616", "0.5", "9007199254740993",
                                          "4294967296", "-1e308", "\"\"", "\"mac\"", "2.5e-320", "1e15" };
    size_t at, len;
    switch (next() % 8) {
    case 0: case 1: case 2: /* a number replaced */
        if ((len = find_token(s, n, 0, &at))) {
            fwrite(s, 1, at, f);
            fputs(PICK(values), f);
            fwrite(s + at + len, 1, n - at - len, f);
            return;
        }
        break;
    case 3: /* a string (a key or a value) replaced */
        if ((len = find_token(s, n, 1, &at))) {
            fwrite(s, 1, at, f);
            fputs(next() % 2 ? PICK(values) : "\"sqnr_db\"", f);
            fwrite(s + at + len, 1, n - at - len, f);
            return;
        }
        break;
    case 4: { /* a line dropped or doubled */
        size_t a = n ? next() % n : 0;
        while (a > 0 && s[a - 1] != '\n') a--;
        size_t b = a;
        while (b < n && s[b] != '\n') b++;
        b += b < n;
        bool twice = next() % 2;
        fwrite(s, 1, twice ? b : a, f);
        if (twice) fwrite(s + a, 1, b - a, f);
        fwrite(s + b, 1, n - b, f);
        return;
    }
    case 5: /* cut short */
        fwrite(s, 1, n ? next() % n : 0, f);
        return;
    default: break;
    }
    char *c = malloc(n ? n : 1); /* bytes flipped */
    if (!c) return;
    memcpy(c, s, n);
    for (int k = 0; n && k < 1 + (int)(next() % 4); k++) c[next() % n] ^= (char)(1u << (next() % 8));
    fwrite(c, 1, n, f);
    free(c);
}

static int mutate_json(const char *path)
{
    size_t n;
    char *s = slurp(path, &n);
    if (!s) return 1;
    FILE *f = fopen(path, "wb");
    if (!f) return 1;
    write_json(f, s, n);
    free(s);
    return fclose(f) != 0;
}

int main(int argc, char **argv)
{
    if (argc != 4 || (strcmp(argv[1], "npy") && strcmp(argv[1], "json"))) {
        fprintf(stderr, "usage: mutate npy|json SEED FILE\n");
        return 2;
    }
    state = strtoull(argv[2], NULL, 10);
    return !strcmp(argv[1], "npy") ? write_npy(argv[3]) : mutate_json(argv[3]);
}
