/* The random numbers of accuracy runs: xoshiro256** seeded by splitmix64.
 * Every dot product (row) gets its own stream, derived from (seed, point,
 * row) alone, so results do not depend on the number of threads. */
#ifndef MG_ACC_RNG_H
#define MG_ACC_RNG_H

#include <stdint.h>

typedef struct { uint64_t s[4]; } mg_rng;

static inline uint64_t mg_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static inline void mg_rng_seed(mg_rng *r, uint64_t seed, uint64_t point, uint64_t row)
{
    uint64_t x = seed;
    x = mg_splitmix64(&x) ^ point;
    x = mg_splitmix64(&x) ^ row;
    for (int i = 0; i < 4; i++) r->s[i] = mg_splitmix64(&x);
}

static inline uint64_t mg_rotl64(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t mg_rng_next(mg_rng *r)
{
    uint64_t *s = r->s;
    uint64_t out = mg_rotl64(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = mg_rotl64(s[3], 45);
    return out;
}

/* A double uniform in (0, 1): never 0, so logarithms stay finite. */
static inline double mg_rng_open01(mg_rng *r)
{
    return ((double)(mg_rng_next(r) >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

#endif
