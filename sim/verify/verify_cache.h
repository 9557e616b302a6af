/* The Verilator model cache shared by every `macgen verify` driver (scalar
 * units: verify_build.c; HBFP and MAC arrays: verify_hbfp_build.c): where it
 * lives, and the FNV-1a hash of the sources that names a cached build. */
#ifndef MG_VERIFY_CACHE_H
#define MG_VERIFY_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t h;
} mg_fnv;

#define MG_FNV_INIT { 1469598103934665603ull }

void mg_fnv_add(mg_fnv *f, const void *data, size_t len);
/* Adds s with its terminating NUL (so "ab"+"c" differs from "a"+"bc"). */
void mg_fnv_str(mg_fnv *f, const char *s);

/* build/verilator beside the running macgen, or $MACGEN_CACHE. */
int mg_verify_cache_root(char *buf, size_t len, char *err, size_t errlen);

/* The whole file (NUL-terminated, caller frees), or NULL when unreadable. */
char *mg_verify_read_file(const char *path, size_t *len);

bool mg_verify_path_exists(const char *path);

#endif
