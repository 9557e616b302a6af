/* Internals of `macgen verify` for the HBFP units: the Verilator build of
 * sim/harness/hbfp_tb.cpp around the unit (cached by a hash of every input),
 * the stimulus/result files, and the per-unit checks. */
#ifndef MG_VERIFY_HBFP_H
#define MG_VERIFY_HBFP_H

#include <stddef.h>
#include <stdint.h>

#include "unit_hbfp.h"

typedef struct {
    uint64_t seed;
    unsigned long cases;   /* matrix multiplies (array) or blocks (quant) */
    const char *rtl_dir;   /* NULL: freshly emitted RTL */
} mg_hbfp_verify_opts;

/* Builds (or finds) the driver for top module `top`: quant selects the
 * converter's port list.  emit() writes the unit's Verilog into a directory
 * when rtl_dir is NULL.  exe receives the driver's path. */
typedef int (*mg_hbfp_emit_fn)(const void *cfg, const char *dir, char *err, size_t errlen);
int mg_hbfp_build_driver(const char *top, int quant, const void *cfg, mg_hbfp_emit_fn emit,
                         const char *rtl_dir, char *exe, size_t exelen, int *cached, char *err,
                         size_t errlen);

/* Runs the driver on words[0..n_words) (the stimulus file body, steps
 * first) and returns the result words (malloc'ed, *n_out of them). */
int mg_hbfp_run_driver(const char *exe, const uint32_t *words, size_t n_words, uint32_t **result,
                       size_t *n_out, char *err, size_t errlen);

/* Bit fields in little-endian word vectors. */
void mg_hbfp_put_bits(uint32_t *w, long pos, int width, uint64_t v);
uint64_t mg_hbfp_get_bits(const uint32_t *w, long pos, int width);
static inline long mg_hbfp_words(long bits) { return (bits + 31) / 32; }

/* A small deterministic generator (splitmix64). */
static inline uint64_t mg_hbfp_rand(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* An FP32 encoding of a random value near 2^e (subnormal or zero below
 * 2^-126, largest binade at e >= 127); random sign. */
uint32_t mg_hbfp_random_fp32(uint64_t *s, int e);

/* Each returns an exit status and prints its own PASS/FAIL report. */
int mg_hbfp_verify_array(const mg_hbfp_array_cfg *c, const mg_hbfp_verify_opts *o);
int mg_hbfp_verify_quant(const mg_hbfp_quant_cfg *c, const mg_hbfp_verify_opts *o);

#endif
