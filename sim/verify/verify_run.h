/* Drives a Verilated unit (loaded from the shared object the builder made,
 * verify_build.h) and the golden model side by side, lane by lane, on many
 * threads. */
#ifndef MG_VERIFY_RUN_H
#define MG_VERIFY_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include "unit.h"
#include "verify_build.h"

#define MG_VERIFY_MAX_REPORTS 8

typedef struct {
    bool exhaustive;
    uint64_t vectors;  /* random vectors (after the corner cases) */
    uint64_t seed;
    int lanes;
    int threads;
    bool progress;
    /* Timing passes (combinational units): MG_VERIFY_BOTH compares; the
     * others run only the golden model or only the Verilated unit over the
     * same vectors, comparing nothing. */
    enum { MG_VERIFY_BOTH, MG_VERIFY_MODEL_ONLY, MG_VERIFY_RTL_ONLY } only;
} mg_verify_options;
/* Clocked units run random step sequences of 1 to MG_VERIFY_MAX_SEQ steps
 * (resets, clears, enables and vector ends mixed in); `vectors` then counts
 * steps. */
#define MG_VERIFY_MAX_SEQ 4096

typedef struct {
    uint64_t index;                   /* vector number (clocked units: sequence number) */
    uint64_t step;                    /* clocked units: the cycle within the sequence */
    uint64_t in[MG_UNIT_MAX_PORTS];
    uint64_t expected[MG_UNIT_MAX_PORTS];
    uint64_t actual[MG_UNIT_MAX_PORTS];
} mg_verify_mismatch;

typedef struct {
    uint64_t checked;                 /* vectors, or steps of sequences */
    uint64_t sequences;               /* clocked units */
    uint64_t corners;
    uint64_t mismatches;    /* found before stopping */
    mg_verify_mismatch first[MG_VERIFY_MAX_REPORTS];
    int n_first;
    double seconds;
} mg_verify_result;

/* Builds (or finds in the cache) the lanes device of u: `lanes` copies of
 * its top, from rtl_dir (--rtl) or fresh RTL.  0 or an MG_FAIL_* code
 * (mg_verify_build). */
int mg_verify_lanes_build(const mg_unit *u, const char *rtl_dir, int lanes, mg_verify_artifact *out, char *err,
                          size_t errlen);

/* -1 with err when the model cannot be loaded or run. */
int mg_verify_run(const mg_unit *u, const char *so_path, const mg_verify_options *opt,
                  mg_verify_result *res, char *err, size_t errlen);

#endif
