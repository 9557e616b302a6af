/* Pieces shared by the combinational runner (verify_run.c) and the step
 * sequence runner (verify_seq.c): the entry points of a Verilated unit's
 * shared object, bit packing of lanes, and the seeded mixer. */
#ifndef MG_VERIFY_SIM_H
#define MG_VERIFY_SIM_H

#include <stdint.h>

#include "model.h"
#include "verify_run.h"

typedef struct {
    void *(*sim_new)(void);
    void (*sim_free)(void *);
    int (*in_words)(void);
    int (*out_words)(void);
    void (*eval)(void *, const uint32_t *, uint32_t *);
    void (*step)(void *, const uint32_t *, uint32_t *); /* one clock cycle */
} mg_verify_sim_api;

static inline uint64_t mg_splitmix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static inline void mg_put_bits(uint32_t *words, int pos, int width, uint64_t v)
{
    while (width > 0) {
        int w = pos / 32, b = pos % 32, take = 32 - b < width ? 32 - b : width;
        words[w] |= (uint32_t)((v & mg_mask64(take)) << b);
        v >>= take;
        pos += take;
        width -= take;
    }
}

static inline uint64_t mg_get_bits(const uint32_t *words, int pos, int width)
{
    uint64_t v = 0;
    int got = 0;
    while (got < width) {
        int w = pos / 32, b = pos % 32, take = 32 - b < width - got ? 32 - b : width - got;
        v |= (uint64_t)((words[w] >> b) & (uint32_t)mg_mask64(take)) << got;
        got += take;
        pos += take;
    }
    return v;
}

/* Runs random step sequences of a clocked unit (see mg_verify_run). */
int mg_verify_run_sequences(const mg_unit *u, const mg_verify_sim_api *api, const mg_verify_options *opt,
                            mg_verify_result *res, char *err, size_t errlen);

double mg_verify_now(void);

#endif
