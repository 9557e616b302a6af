/* Golden-model throughput of the MX dot step (mg_mx_dot_step, docs/spec/mx.md
 * section 4): one block of 32 fp6_e3m2 (and fp8_e4m3) elements times another,
 * accumulated in fp32, one core.  Blocks cycle through a table of seeded
 * random codes and scales; each result feeds the next step, so no call can
 * be optimised away.  Best of 3 runs; prints steps/s and element MACs/s. */
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "mx.h"

enum { BLOCKS = 256, B = 32, STEPS = 1 << 19, REPEATS = 3 };

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static uint64_t next_random(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint32_t codes[BLOCKS][B];
static uint8_t scales[BLOCKS];

static void bench(mg_mx_elem elem)
{
    const mg_mx_elem_info *in = mg_mx_elem_get(elem);
    uint64_t seed = 1;
    for (int j = 0; j < BLOCKS; j++) {
        scales[j] = (uint8_t)(110 + next_random(&seed) % 30);
        for (int i = 0; i < B; i++) codes[j][i] = (uint32_t)next_random(&seed) & (uint32_t)mg_mask64(in->bits);
    }
    const mg_format fp32 = { 8, 23, 127, MG_SPECIALS_IEEE, true };
    const mg_mx_dot_spec spec = { elem, B, fp32, false };
    double best = 0;
    uint64_t checksum = 0;
    for (int rep = 0; rep < REPEATS; rep++) {
        mg_bits acc = { 0 };
        unsigned flags = 0;
        double t0 = now_seconds();
        for (int k = 0; k < STEPS; k++) {
            int a = k % BLOCKS, b = (k * 7 + 3) % BLOCKS;
            acc = mg_mx_dot_step(&spec, scales[a], codes[a], scales[b], codes[b], acc, &flags);
            checksum += acc.bits;
            if ((k & 1023) == 1023) acc.bits = 0; /* keep the sum finite */
        }
        double t = now_seconds() - t0;
        if (best == 0 || t < best) best = t;
        checksum ^= flags;
    }
    char what[64];
    snprintf(what, sizeof what, "mx_dot %s B=32 fp32 acc:", in->name);
    printf("bench model %-44s %8.2f M steps/s  (%.1f M element MACs/s; %d steps in %.3f s, best of 3, checksum %016llx)\n",
           what, STEPS / best / 1e6, STEPS * (double)B / best / 1e6, STEPS, best, (unsigned long long)checksum);
}

int main(void)
{
    bench(MG_MX_FP6_E3M2);
    bench(MG_MX_FP8_E4M3);
    return 0;
}
