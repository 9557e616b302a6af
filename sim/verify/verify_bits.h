/* Bit fields in little-endian vectors of 32-bit words (the buses of the
 * wrapper mg_lanes) and the seeded generators of the drivers. */
#ifndef MG_VERIFY_BITS_H
#define MG_VERIFY_BITS_H

#include <stdint.h>

static inline uint64_t mg_verify_mask(int width) { return width >= 64 ? ~0ull : (1ull << width) - 1; }

/* ORs v (width bits) into words at bit pos: the field must be zero. */
static inline void mg_put_bits(uint32_t *words, long pos, int width, uint64_t v)
{
    while (width > 0) {
        long w = pos / 32;
        int b = (int)(pos % 32), take = 32 - b < width ? 32 - b : width;
        words[w] |= (uint32_t)((v & mg_verify_mask(take)) << b);
        v >>= take;
        pos += take;
        width -= take;
    }
}

/* Sets the field of width bits at pos to v, whatever it held. */
static inline void mg_set_bits(uint32_t *words, long pos, int width, uint64_t v)
{
    for (long p = pos, left = width; left > 0;) {
        int b = (int)(p % 32), take = 32 - b < left ? 32 - b : (int)left;
        words[p / 32] &= ~(uint32_t)(mg_verify_mask(take) << b);
        p += take;
        left -= take;
    }
    mg_put_bits(words, pos, width, v);
}

static inline uint64_t mg_get_bits(const uint32_t *words, long pos, int width)
{
    uint64_t v = 0;
    int got = 0;
    while (got < width) {
        long w = pos / 32;
        int b = (int)(pos % 32), take = 32 - b < width - got ? 32 - b : width - got;
        v |= (uint64_t)((words[w] >> b) & (uint32_t)mg_verify_mask(take)) << got;
        got += take;
        pos += take;
    }
    return v;
}

static inline long mg_verify_words(long bits) { return (bits + 31) / 32; }

/* The splitmix64 finaliser of x. */
static inline uint64_t mg_splitmix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

/* The next number of the splitmix64 sequence of state *s. */
static inline uint64_t mg_verify_rand(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

#endif
