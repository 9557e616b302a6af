/* The entry points of a Verilated device's shared object (the extern "C"
 * functions of harness/mg_shim.cpp), loaded once per run. */
#ifndef MG_VERIFY_SHIM_H
#define MG_VERIFY_SHIM_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    void *(*sim_new)(void);
    void (*sim_free)(void *);
    int (*in_words)(void);
    int (*out_words)(void);
    void (*eval)(void *, const uint32_t *, uint32_t *);  /* combinational */
    void (*step)(void *, const uint32_t *, uint32_t *);  /* a cycle, outputs after the edge */
    void (*cycle)(void *, const uint32_t *, uint32_t *); /* a cycle, outputs before the edge */
    int (*errors)(void *); /* $error reports so far (MG_CHECK_PROTOCOL checks) */
} mg_verify_sim_api;

/* Loads so_path (kept loaded until exit: the Verilated model's static
 * destructors live in it); -1 with err when it cannot be loaded or lacks an
 * entry point. */
int mg_verify_sim_open(const char *so_path, mg_verify_sim_api *api, char *err, size_t errlen);

#endif
