/* Playing a stream of steps through a device (see verify_stream.h). */
#include "verify_stream.h"

#include <stdio.h>
#include <stdlib.h>

#include "verify_shim.h"

int mg_verify_stream(const char *so_path, const uint32_t *in, size_t steps, long in_words, long out_words,
                     bool clocked, uint32_t **out, mg_verify_stream_errors *checks, char *err, size_t errlen)
{
    mg_verify_sim_api api;
    if (mg_verify_sim_open(so_path, &api, err, errlen)) return -1;
    if (api.in_words() != in_words || api.out_words() != out_words) {
        snprintf(err, errlen, "%s has buses of %d and %d words, the driver expects %ld and %ld", so_path,
                 api.in_words(), api.out_words(), in_words, out_words);
        return -1;
    }
    uint32_t *res = malloc((steps ? steps : 1) * (size_t)out_words * sizeof *res);
    void *sim = res ? api.sim_new() : NULL;
    if (!sim) {
        free(res);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    void (*play)(void *, const uint32_t *, uint32_t *) = clocked ? api.cycle : api.eval;
    if (checks) *checks = (mg_verify_stream_errors){ 0, 0 };
    for (size_t s = 0; s < steps; s++) {
        play(sim, in + s * (size_t)in_words, res + s * (size_t)out_words);
        if (!checks) continue;
        int n = api.errors(sim);
        if (n > 0 && checks->count == 0) checks->first_step = s;
        checks->count = (unsigned long)(n > 0 ? n : 0);
    }
    api.sim_free(sim);
    *out = res;
    return 0;
}
