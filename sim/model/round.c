/* The one rounding routine: an exact value into any format (docs/spec/rounding.md). */
#include "round.h"

#include <string.h>

static mg_u128 low_bits(mg_u128 x, int n)
{
    if (n <= 0) return 0;
    if (n >= 128) return x;
    return x & (((mg_u128)1 << n) - 1);
}

static mg_u128 shr(mg_u128 x, int n) { return n >= 128 ? 0 : x >> n; }

/* Rounds sig to a multiple of 2^shift (shift > 0: bits below the step),
 * returning the quotient after the increment; *inexact tells whether bits
 * were lost.  A jammed sticky bit sits at least 70 bits below the step
 * (exact.h), far below the R <= 32 bits stochastic rounding reads. */
static inline uint64_t round_to_step(mg_u128 sig, int shift, const mg_rounding *rnd, bool *inexact)
{
    /* Narrow formats keep sums below 2^64: 64-bit shifts are much cheaper. */
    if ((sig >> 64) == 0 && shift < 64 && rnd->mode != MG_SR) {
        uint64_t s64 = (uint64_t)sig, q = s64 >> shift, rem = s64 & ((1ull << shift) - 1);
        *inexact = rem != 0;
        if (rem == 0 || rnd->mode == MG_RTZ) return q;
        uint64_t half = 1ull << (shift - 1);
        return q + (rem > half || (rem == half && (q & 1)));
    }
    uint64_t q = (uint64_t)shr(sig, shift);
    mg_u128 rem = low_bits(sig, shift);
    *inexact = rem != 0;
    if (rem == 0 || rnd->mode == MG_RTZ) return q;
    if (rnd->mode == MG_RNE) {
        if (shift > 128) return q; /* below half a step: sig < 2^127 */
        mg_u128 half = (mg_u128)1 << (shift - 1);
        return q + (rem > half || (rem == half && (q & 1)));
    }
    /* MG_SR: floor(x/step + r/2^R).  Only the top R bits of the remainder
     * matter: a lower nonzero part cannot carry past an integer. */
    int r_bits = rnd->rbits;
    uint64_t top = shift >= r_bits ? (uint64_t)shr(rem, shift - r_bits) : (uint64_t)(rem << (r_bits - shift));
    uint64_t r = rnd->random & ((1ull << r_bits) - 1);
    return q + (top + r >= (1ull << r_bits));
}

/* Rounds at 2^step_exp; a step at or below the value's last bit is exact. */
static inline uint64_t round_at(mg_exact x, int64_t step_exp, const mg_rounding *rnd, bool *inexact)
{
    int64_t shift = step_exp - x.exp;
    if (shift <= 0) {
        *inexact = false;
        return (uint64_t)(x.sig << -shift);
    }
    return round_to_step(x.sig, shift > 200 ? 200 : (int)shift, rnd, inexact);
}

static mg_bits pack(const mg_format *f, bool sign, uint64_t exp_field, uint64_t frac)
{
    mg_bits r = { ((uint64_t)sign << (f->exp_bits + f->frac_bits)) | (exp_field << f->frac_bits) | frac };
    return r;
}

mg_bits mg_round_pack(const mg_format *f, mg_exact x, const mg_rounding *rnd, unsigned *flags)
{
    const int m = f->frac_bits;
    switch (x.cls) {
    case MG_CLASS_NAN:
        if (f->specials == MG_SPECIALS_FIN) {
            *flags |= MG_FLAG_INVALID;
            return mg_zero(f, false);
        }
        return mg_canonical_nan(f);
    case MG_CLASS_INF:
        if (f->specials == MG_SPECIALS_IEEE) return mg_infinity(f, x.sign);
        *flags |= MG_FLAG_OVERFLOW | MG_FLAG_INEXACT;
        return mg_max_finite(f, x.sign);
    case MG_CLASS_ZERO:
        return mg_zero(f, x.sign);
    case MG_CLASS_FINITE:
        break;
    }

    /* |x| = 2^k * f with 1 <= f < 2. */
    const int64_t k = (int64_t)x.exp + mg_msb128(x.sig);
    const int64_t emin = mg_emin(f), emax = mg_emax(f);

    /* The grid: step 2^(k-M), or 2^(emin-M) below the normal range with `sub`. */
    int64_t step_exp = (k >= emin || !f->subnormals) ? k - m : emin - m;
    bool inexact;
    uint64_t q = round_at(x, step_exp, rnd, &inexact);
    if (q >> (m + 1)) { /* the increment carried out of the significand */
        q >>= 1;
        step_exp++;
    }

    /* Tininess is detected after rounding, as if the exponent range were
     * unbounded (SoftFloat's default).  Only a value just below 2^emin can
     * round up to it, so only then does this differ from k < emin. */
    bool tiny = false;
    if (k < emin) {
        bool unused;
        tiny = !(k == emin - 1 && (round_at(x, k - m, rnd, &unused) >> (m + 1)));
    }

    if (q == 0) { /* rounded to zero on the subnormal grid */
        *flags |= MG_FLAG_INEXACT | MG_FLAG_UNDERFLOW;
        return mg_zero(f, x.sign);
    }
    int64_t k_out = step_exp + m; /* exponent of the rounded value if normal */
    bool normal = (q >> m) != 0;

    if (!f->subnormals && k_out < emin) { /* ftz: flush what lies below 2^emin */
        *flags |= MG_FLAG_INEXACT | MG_FLAG_UNDERFLOW;
        return mg_zero(f, x.sign);
    }
    if (normal && (k_out > emax || (k_out == emax && (q & mg_mask64(m)) > mg_max_frac_at_emax(f)))) {
        *flags |= MG_FLAG_OVERFLOW | MG_FLAG_INEXACT;
        bool to_inf = f->specials == MG_SPECIALS_IEEE && !rnd->ovf_sat && rnd->mode != MG_RTZ;
        return to_inf ? mg_infinity(f, x.sign) : mg_max_finite(f, x.sign);
    }
    if (inexact) *flags |= MG_FLAG_INEXACT;
    if (inexact && tiny) *flags |= MG_FLAG_UNDERFLOW;
    if (!normal) return pack(f, x.sign, 0, q);
    return pack(f, x.sign, (uint64_t)(k_out + f->bias), q & mg_mask64(m));
}

const char *mg_round_mode_name(mg_round_mode m)
{
    return m == MG_RTZ ? "rtz" : m == MG_RNE ? "rne" : "sr";
}

int mg_round_mode_parse(const char *s, mg_round_mode *out)
{
    if (!strcmp(s, "rtz")) *out = MG_RTZ;
    else if (!strcmp(s, "rne")) *out = MG_RNE;
    else if (!strcmp(s, "sr")) *out = MG_SR;
    else return -1;
    return 0;
}
