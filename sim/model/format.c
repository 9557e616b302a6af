#include "format.h"
#include "number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Aliases expand to a spelling that is then parsed like any user text, so an
 * alias can be followed by attributes ("lba8,bias=5"). */
static const mg_named_format named_formats[] = {
    { "fp64", "e11m52,ieee,sub", "IEEE 754 binary64" },
    { "fp32", "e8m23,ieee,sub", "IEEE 754 binary32" },
    { "fp16", "e5m10,ieee,sub", "IEEE 754 binary16" },
    { "bf16", "e8m7,ieee,sub", "bfloat16" },
    { "e4m3fn", "e4m3,fn,sub", "OCP FP8 E4M3 (no Inf, one NaN, max 448)" },
    { "e4m3", "e4m3", "IEEE-like FP8 E4M3 (with Inf, max 240)" },
    { "e5m2", "e5m2", "OCP FP8 E5M2" },
    { "lba12", "e4m7,fin,ftz", "LBA 12-bit accumulator (M7E4)" },
    { "lba8", "e3m4,fin,ftz", "LBA FP8 weights/activations (M4E3)" },
};

const mg_named_format *mg_named_formats(size_t *count)
{
    *count = sizeof named_formats / sizeof named_formats[0];
    return named_formats;
}

static int fail(char err[MG_FORMAT_ERR_LEN], const char *text, const char *why)
{
    /* A long text is cut in the message so that the reason survives (and
     * the reason is bounded, so the whole line fits MG_FORMAT_ERR_LEN). */
    size_t n = strlen(text);
    snprintf(err, MG_FORMAT_ERR_LEN, "format '%.*s%s': %.100s", n > 40 ? 37 : (int)n, text, n > 40 ? "..." : "", why);
    return -1;
}

/* A conflict with an alias's own attributes: say what the alias means. */
static int conflict(char err[MG_FORMAT_ERR_LEN], const char *text, const char *why, const mg_named_format *alias)
{
    if (!alias || !strchr(alias->spelling, ',')) return fail(err, text, why);
    snprintf(err, MG_FORMAT_ERR_LEN, "format '%s': %s (%s means %s; spell the format out instead)", text, why,
             alias->name, alias->spelling);
    return -1;
}

/* One decimal field of "eEmM" (number.h: no leading zero, no sign): the
 * digits at s, at most 4, into *v; returns the number of digits, 0 when
 * they are not a plain decimal number. */
static size_t width_field(const char *s, long *v)
{
    char digits[8], why[128];
    size_t n = strspn(s, "0123456789");
    long long x;
    if (n == 0 || n > 4) return 0;
    snprintf(digits, sizeof digits, "%.*s", (int)n, s);
    if (mg_parse_int("width", digits, 0, 9999, &x, why, sizeof why)) return 0;
    *v = (long)x;
    return n;
}

/* Parses "eEmM" at the start of s; returns the length consumed or 0. */
static size_t parse_widths(const char *s, long *e, long *m)
{
    if (s[0] != 'e') return 0;
    size_t ne = width_field(s + 1, e);
    if (ne == 0 || s[1 + ne] != 'm') return 0;
    size_t nm = width_field(s + 2 + ne, m);
    return nm ? 2 + ne + nm : 0;
}

/* Expands a leading alias of text into buf and returns it (NULL: none, buf
 * is text).  Its attributes define it: further attributes may repeat them
 * ("lba12,ftz") or add a bias ("lba8,bias=5"), but not contradict them
 * ("lba8,sub" is an error). */
static const mg_named_format *expand_alias(const char *text, char *buf, size_t len)
{
    const char *rest = strchr(text, ',');
    size_t head = rest ? (size_t)(rest - text) : strlen(text);
    snprintf(buf, len, "%s", text);
    for (size_t i = 0; i < sizeof named_formats / sizeof named_formats[0]; i++) {
        if (strlen(named_formats[i].name) == head && !strncmp(text, named_formats[i].name, head)) {
            snprintf(buf, len, "%s%s", named_formats[i].spelling, rest ? rest : "");
            return &named_formats[i];
        }
    }
    return NULL;
}

int mg_format_parse(const char *text, mg_format *out, char err[MG_FORMAT_ERR_LEN])
{
    char buf[MG_FORMAT_TEXT_MAX + 64];
    if (!text || !*text) return fail(err, "", "empty format name");
    if (strlen(text) > MG_FORMAT_TEXT_MAX) return fail(err, "(too long)", "format text longer than 200 characters");

    const mg_named_format *alias = expand_alias(text, buf, sizeof buf);

    long e, m;
    size_t n = parse_widths(buf, &e, &m);
    if (n == 0)
        return fail(err, text, "unknown format (expected eEmM[,attr...] or a name listed by 'macgen formats')");
    const char *p = buf + n;
    bool fn_suffix = false;
    if (!strncmp(p, "fn", 2) && (p[2] == '\0' || p[2] == ',')) { /* "e4m3fn" spelled directly */
        fn_suffix = true;
        p += 2;
    }
    if (*p != '\0' && *p != ',') return fail(err, text, "unknown format (expected eEmM[,attr...])");
    if (e < 2 || e > 11) return fail(err, text, "exponent width E must be 2..11");
    if (m < 0 || m > 52) return fail(err, text, "fraction width M must be 0..52");
    if (1 + e + m > 64) return fail(err, text, "total width 1+E+M must be at most 64 bits");

    mg_format f = { (int)e, (int)m, (1 << (e - 1)) - 1, fn_suffix ? MG_SPECIALS_FN : MG_SPECIALS_IEEE, true };
    int specials_set = fn_suffix, denorm_set = 0, bias_set = 0;
    mg_specials last_specials = f.specials;
    bool last_sub = true;
    while (*p == ',') {
        p++;
        size_t len = strcspn(p, ",");
        char attr[MG_FORMAT_TEXT_MAX + 1];
        snprintf(attr, sizeof attr, "%.*s", (int)len, p); /* fits: text is shorter */
        p += len;
        mg_specials sp;
        bool is_sp = true;
        if (!strcmp(attr, "ieee")) sp = MG_SPECIALS_IEEE;
        else if (!strcmp(attr, "fn")) sp = MG_SPECIALS_FN;
        else if (!strcmp(attr, "fin")) sp = MG_SPECIALS_FIN;
        else is_sp = false;
        if (is_sp) {
            if (specials_set && sp != last_specials) return conflict(err, text, "conflicting specials (ieee/fn/fin)", alias);
            specials_set = 1;
            last_specials = f.specials = sp;
            continue;
        }
        if (!strcmp(attr, "sub") || !strcmp(attr, "ftz")) {
            bool sub = !strcmp(attr, "sub");
            if (denorm_set && sub != last_sub) return conflict(err, text, "conflicting attributes sub and ftz", alias);
            denorm_set = 1;
            last_sub = f.subnormals = sub;
            continue;
        }
        if (!strncmp(attr, "bias=", 5)) {
            long long b;
            char why[160];
            if (mg_parse_int("bias", attr + 5, -65535, 65535, &b, why, sizeof why))
                return fail(err, text, why);
            if (bias_set && b != f.bias) return fail(err, text, "bias given twice");
            bias_set = 1;
            f.bias = (int)b;
            continue;
        }
        return fail(err, text, "unknown attribute (known: bias=B, ieee, fn, fin, sub, ftz)");
    }
    if (m == 0 && f.specials != MG_SPECIALS_FIN)
        return fail(err, text, "M = 0 needs the 'fin' attribute (ieee and fn need a fraction bit)");
    *out = f;
    return 0;
}

void mg_format_spell(const mg_format *f, char *buf, size_t len)
{
    static const char *const sp[] = { "ieee", "fn", "fin" };
    snprintf(buf, len, "e%dm%d,%s,%s,bias=%d", f->exp_bits, f->frac_bits, sp[f->specials],
             f->subnormals ? "sub" : "ftz", f->bias);
}

static mg_bits make(const mg_format *f, bool sign, uint64_t exp_field, uint64_t frac)
{
    mg_bits r = { ((uint64_t)sign << (f->exp_bits + f->frac_bits)) | (exp_field << f->frac_bits) | frac };
    return r;
}

mg_bits mg_zero(const mg_format *f, bool sign) { return make(f, sign, 0, 0); }

mg_bits mg_max_finite(const mg_format *f, bool sign)
{
    uint64_t xmax = (uint64_t)mg_exp_field_max(f);
    if (f->specials == MG_SPECIALS_IEEE) return make(f, sign, xmax - 1, mg_mask64(f->frac_bits));
    return make(f, sign, xmax, mg_max_frac_at_emax(f));
}

mg_bits mg_infinity(const mg_format *f, bool sign) { return make(f, sign, (uint64_t)mg_exp_field_max(f), 0); }

mg_bits mg_canonical_nan(const mg_format *f)
{
    uint64_t frac = f->specials == MG_SPECIALS_FN ? mg_mask64(f->frac_bits) : 1ull << (f->frac_bits - 1);
    return make(f, false, (uint64_t)mg_exp_field_max(f), frac);
}

static uint64_t exp_field(const mg_format *f, mg_bits x) { return (x.bits >> f->frac_bits) & mg_mask64(f->exp_bits); }
static uint64_t frac_field(const mg_format *f, mg_bits x) { return x.bits & mg_mask64(f->frac_bits); }

bool mg_is_zero(const mg_format *f, mg_bits x)
{
    return exp_field(f, x) == 0 && (!f->subnormals || frac_field(f, x) == 0);
}

bool mg_is_nan(const mg_format *f, mg_bits x)
{
    if (exp_field(f, x) != (uint64_t)mg_exp_field_max(f)) return false;
    if (f->specials == MG_SPECIALS_IEEE) return frac_field(f, x) != 0;
    if (f->specials == MG_SPECIALS_FN) return frac_field(f, x) == mg_mask64(f->frac_bits);
    return false;
}

bool mg_is_inf(const mg_format *f, mg_bits x)
{
    return f->specials == MG_SPECIALS_IEEE && exp_field(f, x) == (uint64_t)mg_exp_field_max(f) &&
           frac_field(f, x) == 0;
}

bool mg_same_value(const mg_format *f, mg_bits x, mg_bits y)
{
    if (mg_is_nan(f, x) || mg_is_nan(f, y)) return false;
    if (mg_is_zero(f, x) && mg_is_zero(f, y)) return true;
    return x.bits == y.bits;
}
