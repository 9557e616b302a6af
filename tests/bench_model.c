/* Golden-model throughput: operations per second of mg_mac on the LBA
 * formats (lba8 x lba8 + lba12, rtz; unfused and fused) and of mg_add /
 * mg_mul on fp32 (rne), one core.  Inputs cycle through a table of seeded
 * random encodings; each result feeds the next step (the accumulator) or a
 * checksum, so no call can be optimised away.  Prints one line per figure. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mac_plan.h"
#include "model.h"

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

int main(void)
{
    bench_mac(false, true, "mac lba8 x lba8 + lba12 rtz (plan):");
    bench_mac(false, false, "mac lba8 x lba8 + lba12 rtz (mg_mac):");
    bench_mac(true, false, "mac lba8 x lba8 + lba12 rtz fused=1 (mg_mac):");
    bench_fp32(true, "add fp32 rne:");
    bench_fp32(false, "mul fp32 rne:");
    return 0;
}
