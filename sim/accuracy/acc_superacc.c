#include "acc_superacc.h"

#include <string.h>

void mg_superacc_clear(mg_superacc *s) { memset(s, 0, sizeof *s); }

/* Adds x << bit (x < 2^64) into the two's-complement integer, or subtracts it. */
static void add_word(mg_superacc *s, uint64_t x, int bit, bool sub)
{
    int li = bit / 64, sh = bit % 64;
    uint64_t lo = x << sh, hi = sh ? x >> (64 - sh) : 0;
    uint64_t parts[2] = { lo, hi };
    unsigned carry = 0;
    for (int i = li; i < MG_SUPERACC_LIMBS; i++) {
        uint64_t add = i - li < 2 ? parts[i - li] : 0;
        uint64_t old = s->limb[i];
        if (!sub) {
            uint64_t t = old + add;
            unsigned c1 = t < old;
            s->limb[i] = t + carry;
            carry = c1 | (s->limb[i] < t);
        } else {
            uint64_t t = old - add;
            unsigned b1 = old < add;
            s->limb[i] = t - carry;
            carry = b1 | (t < carry);
        }
        if (i - li >= 1 && !carry) break;
    }
}

int mg_superacc_add(mg_superacc *s, mg_exact v, bool negate)
{
    if (v.cls == MG_CLASS_ZERO) return 0;
    if (v.cls != MG_CLASS_FINITE) return -1;
    int bit = v.exp - MG_SUPERACC_LSB;
    if (bit < 0 || bit + mg_msb128(v.sig) >= 64 * MG_SUPERACC_LIMBS - 2) return -1;
    bool sub = v.sign != negate;
    add_word(s, (uint64_t)v.sig, bit, sub);
    if (v.sig >> 64) add_word(s, (uint64_t)(v.sig >> 64), bit + 64, sub);
    return 0;
}

mg_exact mg_superacc_value(const mg_superacc *s)
{
    mg_superacc m = *s;
    mg_exact r = { MG_CLASS_ZERO, false, false, 0, 0 };
    if (m.limb[MG_SUPERACC_LIMBS - 1] >> 63) { /* negative: negate */
        r.sign = true;
        unsigned carry = 1;
        for (int i = 0; i < MG_SUPERACC_LIMBS; i++) {
            m.limb[i] = ~m.limb[i] + carry;
            carry = carry && m.limb[i] == 0;
        }
    }
    int top = MG_SUPERACC_LIMBS - 1;
    while (top >= 0 && m.limb[top] == 0) top--;
    if (top < 0) return r;
    /* The top two limbs (up to 128 bits) and a sticky bit for the rest. */
    int lo = top >= 1 ? top - 1 : 0;
    mg_u128 sig = top >= 1 ? ((mg_u128)m.limb[top] << 64) | m.limb[lo] : m.limb[top];
    bool sticky = false;
    for (int i = 0; i < lo; i++) sticky |= m.limb[i] != 0;
    /* Keep at least 40 bits between the sticky bit and a 53-bit rounding. */
    int exp = MG_SUPERACC_LSB + 64 * lo;
    if (sticky) {
        int free_bits = 127 - mg_msb128(sig);
        sig <<= free_bits;
        exp -= free_bits;
        sig |= 1;
    }
    r.cls = MG_CLASS_FINITE;
    r.sig = sig;
    r.exp = exp;
    return r;
}
