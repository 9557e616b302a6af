/* The one format descriptor: a small float `eEmM` plus its attributes
 * (docs/spec/formats.md).  Every mask, bias and limit is derived from it. */
#ifndef MG_FORMAT_H
#define MG_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    MG_SPECIALS_IEEE, /* all-ones exponent: Inf (fraction 0) or NaN */
    MG_SPECIALS_FN,   /* no Inf; NaN only at all-ones exponent and fraction */
    MG_SPECIALS_FIN   /* every encoding is finite */
} mg_specials;

typedef struct {
    int exp_bits;   /* E, 2..11 */
    int frac_bits;  /* M, 0..52: fraction bits, hidden bit excluded */
    int bias;       /* |bias| < 2^16 */
    mg_specials specials;
    bool subnormals; /* true: `sub`; false: `ftz` */
} mg_format;

/* An encoding of some format, right-aligned.  Opaque so that nobody does
 * host arithmetic on a bit pattern by accident. */
typedef struct { uint64_t bits; } mg_bits;

#define MG_FORMAT_ERR_LEN 160
/* The longest format text parsed (longer is refused, never cut). */
#define MG_FORMAT_TEXT_MAX 200

/* Parses "fp32", "e4m3fn", "e4m7,fin,ftz", "lba8,bias=5", ...  Returns 0, or
 * -1 with a one-line reason in err. */
int mg_format_parse(const char *text, mg_format *out, char err[MG_FORMAT_ERR_LEN]);

/* Canonical spelling, e.g. "e4m7,fin,ftz,bias=7" (always lists every attribute). */
void mg_format_spell(const mg_format *f, char *buf, size_t len);

/* Named formats, for `macgen formats`. */
typedef struct { const char *name; const char *spelling; const char *note; } mg_named_format;
const mg_named_format *mg_named_formats(size_t *count);

static inline int mg_format_width(const mg_format *f) { return 1 + f->exp_bits + f->frac_bits; }
static inline uint64_t mg_mask64(int n) { return n >= 64 ? ~0ull : ((1ull << n) - 1); }
static inline int mg_exp_field_max(const mg_format *f) { return (1 << f->exp_bits) - 1; }
static inline int mg_emin(const mg_format *f) { return 1 - f->bias; }
/* Largest unbiased exponent of a finite value. */
static inline int mg_emax(const mg_format *f)
{
    return mg_exp_field_max(f) - (f->specials == MG_SPECIALS_IEEE ? 1 : 0) - f->bias;
}
/* Largest fraction field at exponent emax. */
static inline uint64_t mg_max_frac_at_emax(const mg_format *f)
{
    uint64_t all = mg_mask64(f->frac_bits);
    return f->specials == MG_SPECIALS_FN ? all - 1 : all;
}

/* Encodings every format has. */
mg_bits mg_zero(const mg_format *f, bool sign);
mg_bits mg_max_finite(const mg_format *f, bool sign);
mg_bits mg_infinity(const mg_format *f, bool sign);   /* ieee only */
mg_bits mg_canonical_nan(const mg_format *f);          /* ieee and fn */
bool mg_is_zero(const mg_format *f, mg_bits x);
bool mg_is_nan(const mg_format *f, mg_bits x);
bool mg_is_inf(const mg_format *f, mg_bits x);
/* Value equality of two encodings of one format (+0 == -0, NaN != NaN). */
bool mg_same_value(const mg_format *f, mg_bits x, mg_bits y);

#endif
