/* The one parser for numbers a user types (number.h).  Self-contained (no
 * other sim/util file): the golden model's format parser (bias=, eEmM) uses
 * it too, and the model library is linked without the rest of sim/util. */
#include "number.h"

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHOWN_MAX 40 /* characters of the text echoed in a message */

/* The text as a message shows it: at most SHOWN_MAX characters, control
 * bytes as \xNN, "..." when cut. */
static const char *shown(const char *text, char *out, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t j = 0, i = 0;
    for (; text[i] && i < SHOWN_MAX && j + 5 < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x20 || c == 0x7f) {
            out[j++] = '\\';
            out[j++] = 'x';
            out[j++] = hex[c >> 4];
            out[j++] = hex[c & 15];
        } else {
            out[j++] = (char)c;
        }
    }
    if (text[i] && j + 4 < len) {
        memcpy(out + j, "...", 3);
        j += 3;
    }
    out[j] = '\0';
    return out;
}

/* "rows=TEXT: why" or "--seed TEXT: why" into err; returns -1. */
static int fail(const char *name, const char *text, const char *why, char *err, size_t errlen)
{
    char s[SHOWN_MAX * 4 + 8];
    snprintf(err, errlen, "%s%s%s: %s", name, name[0] == '-' ? " " : "=", shown(text, s, sizeof s), why);
    return -1;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static int hex_digit(char c)
{
    if (is_digit(c)) return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The magnitude of digits (no sign); 1 on syntax error, 2 on a value
 * above 2^64 - 1, 3 on a leading zero, 0 done. */
static int magnitude(const char *s, bool hex_ok, unsigned long long *out)
{
    unsigned long long v = 0;
    bool hex = hex_ok && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    unsigned base = hex ? 16 : 10;
    if (hex) s += 2;
    if (!*s) return 1;
    if (!hex && s[0] == '0' && s[1]) return is_digit(s[1]) ? 3 : 1;
    bool too_big = false;
    for (; *s; s++) {
        int d = hex ? hex_digit(*s) : is_digit(*s) ? *s - '0' : -1;
        if (d < 0) return 1;
        if (v > (ULLONG_MAX - (unsigned)d) / base) too_big = true;
        else v = v * base + (unsigned)d;
    }
    *out = v;
    return too_big ? 2 : 0;
}

/* The message for a failed magnitude() (rc != 0). */
static int magnitude_fail(int rc, const char *name, const char *text, const char *digits, bool hex_ok,
                          const char *range, char *err, size_t errlen)
{
    char why[160];
    if (rc == 3) {
        const char *d = digits + strspn(digits, "0");
        snprintf(why, sizeof why, "a leading zero is not allowed (numbers are decimal: write %s%.24s)",
                 digits == text ? "" : "-", *d ? d : "0");
    } else if (rc == 2) {
        snprintf(why, sizeof why, "out of range (%s)", range);
    } else if (!hex_ok && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
        snprintf(why, sizeof why, "hexadecimal is not accepted here (a decimal integer in %s)", range);
    } else {
        snprintf(why, sizeof why, "expected a %sinteger in %s", hex_ok ? "decimal (or 0x hex) " : "decimal ", range);
    }
    return fail(name, text, why, err, errlen);
}

int mg_parse_uint(const char *name, const char *text, unsigned long long lo, unsigned long long hi, unsigned flags,
                  unsigned long long *out, char *err, size_t errlen)
{
    char range[64];
    snprintf(range, sizeof range, "%llu..%llu", lo, hi);
    if (!text) text = "";
    bool hex_ok = (flags & MG_NUM_HEX) != 0;
    unsigned long long v;
    int rc = magnitude(text, hex_ok, &v);
    if (rc != 0) return magnitude_fail(rc, name, text, text, hex_ok, range, err, errlen);
    if (v < lo || v > hi) {
        char why[96];
        snprintf(why, sizeof why, "out of range (%s)", range);
        return fail(name, text, why, err, errlen);
    }
    *out = v;
    return 0;
}

int mg_parse_int(const char *name, const char *text, long long lo, long long hi, long long *out, char *err,
                 size_t errlen)
{
    char range[64];
    snprintf(range, sizeof range, "%lld..%lld", lo, hi);
    if (!text) text = "";
    bool neg = text[0] == '-';
    const char *digits = text + neg;
    unsigned long long m;
    int rc = magnitude(digits, false, &m);
    if (rc != 0) return magnitude_fail(rc, name, text, digits, false, range, err, errlen);
    /* In range of long long, then of [lo, hi]. */
    bool fits = neg ? m <= (unsigned long long)INT64_MAX + 1 : m <= (unsigned long long)INT64_MAX;
    long long v = !fits ? 0 : neg ? (m == (unsigned long long)INT64_MAX + 1 ? INT64_MIN : -(long long)m)
                                  : (long long)m;
    if (!fits || v < lo || v > hi) {
        char why[96];
        snprintf(why, sizeof why, "out of range (%s)", range);
        return fail(name, text, why, err, errlen);
    }
    *out = v;
    return 0;
}

/* -?digits[.digits][(e|E)[-+]digits], or -?.digits[...]: the decimal
 * syntax strtod would also read, without its hex, inf, nan and spaces. */
static bool decimal_real(const char *s)
{
    if (*s == '-') s++;
    size_t lead = strspn(s, "0123456789");
    s += lead;
    size_t frac = 0;
    if (*s == '.') {
        frac = strspn(s + 1, "0123456789");
        s += 1 + frac;
    }
    if (lead + frac == 0) return false;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '-' || *s == '+') s++;
        size_t e = strspn(s, "0123456789");
        if (e == 0) return false;
        s += e;
    }
    return *s == '\0';
}

int mg_parse_real(const char *name, const char *text, double lo, double hi, double *out, char *err, size_t errlen)
{
    char why[128];
    if (!text) text = "";
    if (!decimal_real(text)) {
        snprintf(why, sizeof why, "expected a decimal number in %g..%g", lo, hi);
        return fail(name, text, why, err, errlen);
    }
    double v = strtod(text, NULL);
    if (!isfinite(v) || v < lo || v > hi) {
        snprintf(why, sizeof why, "out of range (%g..%g)", lo, hi);
        return fail(name, text, why, err, errlen);
    }
    *out = v;
    return 0;
}
