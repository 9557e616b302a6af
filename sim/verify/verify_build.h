/* The one Verilator builder of `macgen verify`: stages the Verilog of a
 * device (freshly emitted, or a user's --rtl DIR after its checks) with the
 * wrapper mg_lanes, hashes everything that goes into the model, and finds
 * the entry in the cache (validated by its completion marker) or builds it:
 * Verilator, then the C++ shim (harness/mg_shim.cpp) linked into a shared
 * object, in a private tmp.* directory renamed into place when complete.
 * Every driver (verify_run.c, verify_seq.c, verify_array.c,
 * verify_quant.c) loads the result through verify_sim.c. */
#ifndef MG_VERIFY_BUILD_H
#define MG_VERIFY_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "verify_device.h"

/* Writes the device's Verilog (every module it needs) into dir. */
typedef int (*mg_verify_emit_fn)(const void *ctx, const char *dir, char *err, size_t errlen);

typedef struct {
    const mg_verify_device *dev;
    const char *rtl_dir;        /* the user's Verilog (--rtl DIR), or NULL: emit */
    mg_verify_emit_fn emit;
    const void *emit_ctx;
    /* Large devices (arrays, converters): lighter C++ optimisation, which
     * keeps the compile of a big grid short (the simulation stays far from
     * the 10x penalty of -O0). */
    bool large;
    /* The memory a cold build is estimated to take (0: not checked): over
     * the limit (memlimit.h) the build is refused before it starts. */
    double build_bytes;
    const char *build_what;     /* what it is, for the message ("a 1024 x 1024 array") */
} mg_verify_build_spec;

typedef struct {
    char *dir;          /* the cache entry (malloc'ed) */
    char *so_path;      /* its unit.so (malloc'ed) */
    bool cached;        /* found in the cache, nothing was built */
    double build_seconds;
} mg_verify_artifact;

/* 0, or a failure (sim/util/cli.h; the command maps it with mg_exit_for)
 * with one line in err: MG_FAIL_INPUT (a bad --rtl DIR, a cache path too
 * long), MG_FAIL_TOOL (Verilator or g++ missing, failing or interrupted),
 * MG_FAIL_IO (the cache or a temporary directory cannot be written). */
int mg_verify_build(const mg_verify_build_spec *s, mg_verify_artifact *out, char *err, size_t errlen);
void mg_verify_artifact_free(mg_verify_artifact *a);

#endif
