/* Golden-model throughput: operations per second of mg_mac on the LBA
 * formats (lba8 x lba8 + lba12, rtz; unfused and fused) and of mg_add /
 * mg_mul on fp32 (rne), and of the MX dot step (mg_mx_dot_step), one core.  Inputs cycle through a table of seeded
 * random encodings; each result feeds the next step (the accumulator) or a
 * checksum, so no call can be optimised away.  Prints one line per figure. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mac_plan.h"
#include "model.h"
#include "mx.h"

/* Each figure is the best of REPEATS runs: a throughput benchmark on a shared
 * virtual machine is disturbed by other work, never sped up by it. */
enum { TABLE = 4096, STEPS = 1 << 24, REPEATS = 3 };

static double keep_best(double best, double seconds) { return best == 0 || seconds < best ? seconds : best; }

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

static mg_bits table_a[TABLE], table_b[TABLE];

static void fill(int bits, uint64_t seed)
{
    for (int i = 0; i < TABLE; i++) {
        table_a[i].bits = next_random(&seed) & mg_mask64(bits);
        table_b[i].bits = next_random(&seed) & mg_mask64(bits);
    }
}

static void report(const char *what, double seconds, uint64_t checksum)
{
    printf("bench model %-44s %8.1f M ops/s  (%d ops in %.3f s, best of 3, checksum %016llx)\n", what,
           STEPS / seconds / 1e6, STEPS, seconds, (unsigned long long)checksum);
}

/* plan: the tabulated-product path (mg_mac_plan), which verify and dot use. */
static void bench_mac(bool fused, bool plan, const char *what)
{
    mg_mac_spec spec = mg_mac_spec_lba_default();
    spec.fused = fused;
    mg_rounding rtz = mg_rounding_make(MG_RTZ);
    fill(8, 1);
    mg_mac_plan *mac_plan = plan ? mg_mac_plan_new(&spec, &rtz) : NULL;
    if (plan && !mac_plan) {
        printf("bench model %-44s (no plan for this spec)\n", what);
        return;
    }
    double best = 0;
    uint64_t checksum = 0;
    for (int rep = 0; rep < REPEATS; rep++) {
        mg_bits acc = { 0 };
        unsigned flags = 0, events = 0;
        checksum = 0;
        double t0 = now_seconds();
        for (int i = 0; i < STEPS; i++) {
            int j = i & (TABLE - 1);
            acc = mac_plan ? mg_mac_plan_step(mac_plan, table_a[j], table_b[j], acc, &flags, &events)
                           : mg_mac(&spec, table_a[j], table_b[j], acc, &rtz, &flags, &events);
            checksum += acc.bits;
            if (j == TABLE - 1) acc.bits = 0; /* restart so the sum keeps moving */
        }
        best = keep_best(best, now_seconds() - t0);
        checksum ^= flags ^ events;
    }
    report(what, best, checksum);
    mg_mac_plan_free(mac_plan);
}

static void bench_fp32(bool add, const char *what)
{
    char err[MG_FORMAT_ERR_LEN];
    mg_format fp32;
    mg_format_parse("fp32", &fp32, err);
    mg_rounding rne = mg_rounding_make(MG_RNE);
    fill(32, 2);
    double best = 0;
    uint64_t checksum = 0;
    for (int rep = 0; rep < REPEATS; rep++) {
        unsigned flags = 0;
        checksum = 0;
        double t0 = now_seconds();
        for (int i = 0; i < STEPS; i++) {
            int j = i & (TABLE - 1);
            mg_bits r = add ? mg_add(&fp32, table_a[j], &fp32, table_b[j], &fp32, &rne, &flags)
                            : mg_mul(&fp32, table_a[j], &fp32, table_b[j], &fp32, &rne, &flags);
            checksum += r.bits;
        }
        best = keep_best(best, now_seconds() - t0);
        checksum ^= flags;
    }
    report(what, best, checksum);
}

/* The MX dot step (mg_mx_dot_step): one block of 32 elements times another,
 * fp32 accumulation; blocks cycle through a table of seeded random codes and
 * scales. */
enum { MX_BLOCKS = 256, MX_B = 32, MX_STEPS = 1 << 19 };
static uint32_t codes[MX_BLOCKS][MX_B];
static uint8_t scales[MX_BLOCKS];

static void bench_mx_dot(mg_mx_elem elem)
{
    const mg_mx_elem_info *in = mg_mx_elem_get(elem);
    uint64_t seed = 1;
    for (int j = 0; j < MX_BLOCKS; j++) {
        scales[j] = (uint8_t)(110 + next_random(&seed) % 30);
        for (int i = 0; i < MX_B; i++) codes[j][i] = (uint32_t)next_random(&seed) & (uint32_t)mg_mask64(in->bits);
    }
    const mg_format fp32 = { 8, 23, 127, MG_SPECIALS_IEEE, true };
    const mg_mx_dot_spec spec = { elem, MX_B, fp32, false };
    double best = 0;
    uint64_t checksum = 0;
    for (int rep = 0; rep < REPEATS; rep++) {
        mg_bits acc = { 0 };
        unsigned flags = 0;
        double t0 = now_seconds();
        for (int k = 0; k < MX_STEPS; k++) {
            int a = k % MX_BLOCKS, b = (k * 7 + 3) % MX_BLOCKS;
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
           what, MX_STEPS / best / 1e6, MX_STEPS * (double)MX_B / best / 1e6, MX_STEPS, best, (unsigned long long)checksum);
}

int main(void)
{
    bench_mac(false, true, "mac lba8 x lba8 + lba12 rtz (plan):");
    bench_mac(false, false, "mac lba8 x lba8 + lba12 rtz (mg_mac):");
    bench_mac(true, false, "mac lba8 x lba8 + lba12 rtz fused=1 (mg_mac):");
    bench_fp32(true, "add fp32 rne:");
    bench_fp32(false, "mul fp32 rne:");
    bench_mx_dot(MG_MX_FP6_E3M2);
    bench_mx_dot(MG_MX_FP8_E4M3);
    return 0;
}
