/* Shared helpers of the golden-model tests (header only: every test is one
 * translation unit).  Nothing here computes a rounded result: expected values
 * come from hand derivations, the host FPU, or exact integer arithmetic in
 * the tests themselves. */
#ifndef MG_TEST_HELPERS_H
#define MG_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model.h"

/* ---- formats and rounding parameters ---------------------------------- */

/* Parses a format that the test knows to be valid; fails the test otherwise. */
static inline mg_format tf_format(const char *text)
{
    mg_format f;
    char err[MG_FORMAT_ERR_LEN];
    memset(&f, 0, sizeof f);
    if (mg_format_parse(text, &f, err) != 0) {
        print_error("format '%s' should parse: %s\n", text, err);
        fail();
    }
    return f;
}

static inline mg_rounding tf_round(mg_round_mode mode)
{
    mg_rounding r;
    memset(&r, 0, sizeof r);
    r.mode = mode;
    r.rbits = MG_RBITS_DEFAULT;
    return r;
}

static inline mg_rounding tf_round_sr(int rbits, uint64_t random)
{
    mg_rounding r = tf_round(MG_SR);
    r.rbits = rbits;
    r.random = random;
    return r;
}

static inline mg_bits tf_bits(uint64_t v)
{
    mg_bits b = { v };
    return b;
}

/* ---- host encodings (only to build operands and read host results) ---- */

static inline uint32_t tf_f32_bits(float x)
{
    uint32_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

static inline float tf_f32_from(uint32_t u)
{
    float x;
    memcpy(&x, &u, sizeof x);
    return x;
}

static inline uint64_t tf_f64_bits(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

static inline double tf_f64_from(uint64_t u)
{
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

/* ---- deterministic random numbers (splitmix64, state passed in) ------- */

typedef struct { uint64_t s; } tf_rng;

static inline uint64_t tf_next(tf_rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0 (the tiny modulo bias does not matter here). */
static inline uint64_t tf_below(tf_rng *r, uint64_t n) { return tf_next(r) % n; }

/* ---- an independent reading of an encoding (docs/spec/formats.md) ------- */

/* value = (-1)^sign * mant * 2^exp for finite encodings. */
typedef struct {
    int kind; /* 0 finite (incl. zero), 1 infinity, 2 NaN */
    int sign;
    uint64_t mant;
    int exp;
} tf_value;

static inline tf_value tf_read(const mg_format *f, uint64_t bits)
{
    tf_value v = { 0, 0, 0, 0 };
    int e = f->exp_bits, m = f->frac_bits;
    uint64_t frac = bits & ((m ? (1ull << m) : 1ull) - 1);
    if (m == 0) frac = 0;
    uint64_t x = (bits >> m) & ((1ull << e) - 1);
    uint64_t all_x = (1ull << e) - 1;
    uint64_t all_f = m ? (m == 64 ? ~0ull : (1ull << m) - 1) : 0;
    v.sign = (int)((bits >> (e + m)) & 1);
    if (x == all_x && f->specials == MG_SPECIALS_IEEE) {
        v.kind = frac == 0 ? 1 : 2;
        return v;
    }
    if (x == all_x && f->specials == MG_SPECIALS_FN && frac == all_f) {
        v.kind = 2;
        return v;
    }
    if (x == 0) {
        v.mant = f->subnormals ? frac : 0;
        v.exp = 1 - f->bias - m;
        return v;
    }
    v.mant = (1ull << m) | frac;
    v.exp = (int)x - f->bias - m;
    return v;
}

/* The value as a host double (exact for every format up to fp64 whose
 * exponent range fits a double's; used for ordering and messages only). */
static inline double tf_to_double(const mg_format *f, uint64_t bits)
{
    tf_value v = tf_read(f, bits);
    if (v.kind == 2) return __builtin_nan("");
    double mag = v.kind == 1 ? __builtin_inf() : __builtin_ldexp((double)v.mant, v.exp);
    return v.sign ? -mag : mag;
}

/* ---- hand-derived case tables ---------------------------------------- */

typedef enum { TF_QUANT, TF_MUL, TF_ADD, TF_FMA } tf_op;

typedef struct {
    tf_op op;
    const char *fa, *fb, *fc, *out; /* quant: fa is the input format */
    mg_rounding rnd;
    uint64_t a, b, c;
    uint64_t want;
    unsigned flags;
    const char *why;
} tf_case;

static inline uint64_t tf_run_case(const tf_case *t, unsigned *flags)
{
    mg_format fa = tf_format(t->fa), out = tf_format(t->out);
    *flags = 0;
    switch (t->op) {
    case TF_QUANT:
        return mg_quant(&fa, tf_bits(t->a), &out, &t->rnd, flags).bits;
    case TF_MUL: {
        mg_format fb = tf_format(t->fb);
        return mg_mul(&fa, tf_bits(t->a), &fb, tf_bits(t->b), &out, &t->rnd, flags).bits;
    }
    case TF_ADD: {
        mg_format fb = tf_format(t->fb);
        return mg_add(&fa, tf_bits(t->a), &fb, tf_bits(t->b), &out, &t->rnd, flags).bits;
    }
    case TF_FMA: {
        mg_format fb = tf_format(t->fb), fc = tf_format(t->fc);
        return mg_fma(&fa, tf_bits(t->a), &fb, tf_bits(t->b), &fc, tf_bits(t->c), &out, &t->rnd, flags)
            .bits;
    }
    }
    return 0;
}

/* Runs every case, prints each mismatch with its reason, then fails once. */
static inline void tf_run_cases(const tf_case *cases, size_t n)
{
    static const char *const op_names[] = { "quant", "mul", "add", "fma" };
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        const tf_case *t = &cases[i];
        unsigned flags;
        uint64_t got = tf_run_case(t, &flags);
        if (got != t->want || flags != t->flags) {
            print_error("case %zu (%s): %s %s a=%llx b=%llx c=%llx out=%s %s r=%llx/%d: "
                        "want %llx fl %02x, got %llx fl %02x\n",
                        i, t->why, op_names[t->op], t->fa, (unsigned long long)t->a,
                        (unsigned long long)t->b, (unsigned long long)t->c, t->out,
                        mg_round_mode_name(t->rnd.mode), (unsigned long long)t->rnd.random,
                        t->rnd.rbits, (unsigned long long)t->want, t->flags,
                        (unsigned long long)got, flags);
            bad++;
        }
    }
    if (bad) {
        print_error("%d of %zu hand-derived cases failed\n", bad, n);
        fail();
    }
}

#define TF_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Rounding parameter shorthands for case tables. */
#define RTZ { MG_RTZ, MG_RBITS_DEFAULT, 0, false }
#define RNE { MG_RNE, MG_RBITS_DEFAULT, 0, false }
#define RTZ_SAT { MG_RTZ, MG_RBITS_DEFAULT, 0, true }
#define RNE_SAT { MG_RNE, MG_RBITS_DEFAULT, 0, true }
#define SR(rbits, r) { MG_SR, (rbits), (r), false }

/* Flag shorthands. */
#define NV MG_FLAG_INVALID
#define OF MG_FLAG_OVERFLOW
#define UF MG_FLAG_UNDERFLOW
#define NX MG_FLAG_INEXACT

#endif
