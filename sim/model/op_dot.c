#include "ops.h"

size_t mg_dot_random_words(const mg_dot_spec *spec, size_t k)
{
    size_t chunks = spec->chunk ? (k + spec->chunk - 1) / spec->chunk : 1;
    return k + chunks;
}

static void count(mg_event_counts *c, unsigned ev)
{
    if (!c) return;
    c->overflow += (ev & MG_EVENT_OVERFLOW) != 0;
    c->underflow += (ev & MG_EVENT_UNDERFLOW) != 0;
    c->swamping += (ev & MG_EVENT_SWAMP) != 0;
}

mg_bits mg_dot(const mg_dot_spec *spec, const mg_bits *w, const mg_bits *a, size_t k,
               const mg_rounding *rnd, const uint64_t *random, unsigned *flags,
               mg_event_counts *counts)
{
    size_t chunk = spec->chunk ? spec->chunk : k;
    mg_rounding r = *rnd;
    mg_bits total = mg_zero(&spec->acc2, false);
    size_t word = 0, chunk_index = 0;
    for (size_t start = 0; start < k; start += chunk, chunk_index++) {
        mg_bits acc = mg_zero(&spec->mac.acc, false);
        size_t end = start + chunk < k ? start + chunk : k;
        for (size_t i = start; i < end; i++) {
            unsigned ev = 0;
            if (random) r.random = random[word++];
            acc = mg_mac(&spec->mac, w[i], a[i], acc, &r, flags, &ev);
            count(counts, ev);
        }
        if (random) r.random = random[k + chunk_index];
        /* The chunk-sum addition counts its events like a MAC's add step: a
         * zero result that is inexact is a nonzero exact sum lost to zero. */
        unsigned fl = 0;
        mg_bits next = mg_add(&spec->acc2, total, &spec->mac.acc, acc, &spec->acc2, &r, &fl);
        unsigned ev = 0;
        if (fl & MG_FLAG_OVERFLOW) ev |= MG_EVENT_OVERFLOW;
        if ((fl & MG_FLAG_INEXACT) && mg_is_zero(&spec->acc2, next)) ev |= MG_EVENT_UNDERFLOW;
        if (!mg_is_zero(&spec->mac.acc, acc) && !mg_is_nan(&spec->mac.acc, acc) &&
            !mg_is_inf(&spec->mac.acc, acc) && !mg_is_nan(&spec->acc2, total) &&
            !mg_is_inf(&spec->acc2, total) && mg_same_value(&spec->acc2, next, total))
            ev |= MG_EVENT_SWAMP;
        count(counts, ev);
        *flags |= fl;
        total = next;
    }
    return total;
}
