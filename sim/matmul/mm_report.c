/* The counts of a matmul run as text (--stats) and JSON (--json). */
#include "mm_report.h"

#include <string.h>

static const char *const flag_names[5] = { "inexact", "underflow", "overflow", "infinite", "invalid" };

static double rate(unsigned long long n, unsigned long long d) { return d ? (double)n / (double)d : 0.0; }

void mg_mm_print_stats(FILE *out, const mg_mm_run_info *ri)
{
    const mg_mm_stats *st = ri->stats;
    const unsigned long long outputs = (unsigned long long)ri->R * ri->C;
    fprintf(out, "matmul %s\n", ri->canonical);
    fprintf(out, "  Y %zu x %zu, K %zu: %.4g M MAC steps in %.3f s (%.1f M MACs/s, %d thread%s)\n", ri->R, ri->C,
            ri->K, (double)st->macs * 1e-6, ri->seconds, ri->seconds > 0 ? (double)st->macs / ri->seconds * 1e-6 : 0.0,
            ri->threads, ri->threads == 1 ? "" : "s");
    if (st->has_events)
        fprintf(out, "  LBA events per MAC step: overflow %llu (%.3g), underflow %llu (%.3g), swamping %llu (%.3g)\n",
                st->events.overflow, rate(st->events.overflow, st->macs), st->events.underflow,
                rate(st->events.underflow, st->macs), st->events.swamping, rate(st->events.swamping, st->macs));
    fprintf(out, "  outputs with each flag (of %llu):", outputs);
    for (int b = 4; b >= 0; b--)
        if (b != 3) fprintf(out, " %s %llu%s", flag_names[b], st->flagged[b], b ? "," : "\n");
    fprintf(out, "  outputs: %llu NaN, %llu Inf, %llu zero, %llu at the largest finite magnitude\n", st->nan, st->inf,
            st->zero, st->saturated);
}

void mg_mm_write_json(FILE *out, const mg_mm_run_info *ri)
{
    const mg_mm_stats *st = ri->stats;
    fputs("{\n  \"arith\": \"", out);
    for (const char *p = ri->canonical; *p; p++) {
        if (*p == '"' || *p == '\\') fputc('\\', out);
        fputc(*p, out);
    }
    fprintf(out, "\",\n  \"rows\": %zu,\n  \"k\": %zu,\n  \"cols\": %zu,\n  \"macs\": %llu,\n", ri->R, ri->K, ri->C,
            st->macs);
    fprintf(out, "  \"seconds\": %.6f,\n  \"threads\": %d,\n", ri->seconds, ri->threads);
    if (st->has_events)
        fprintf(out, "  \"events\": { \"overflow\": %llu, \"underflow\": %llu, \"swamping\": %llu },\n",
                st->events.overflow, st->events.underflow, st->events.swamping);
    fputs("  \"flagged\": {", out);
    for (int b = 4; b >= 0; b--)
        if (b != 3) fprintf(out, " \"%s\": %llu%s", flag_names[b], st->flagged[b], b ? "," : " },\n");
    fprintf(out, "  \"outputs\": { \"nan\": %llu, \"inf\": %llu, \"zero\": %llu, \"saturated\": %llu }\n}\n", st->nan,
            st->inf, st->zero, st->saturated);
}
