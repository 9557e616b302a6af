/* The Verilator model cache of `macgen verify` (one entry per build, see
 * verify_build.h): where it lives, the FNV-1a hash of the sources that names
 * an entry, the completion marker that makes an entry valid, the removal of
 * temporary directories that interrupted builds left, and the small path
 * and file helpers the builder needs (paths are allocated, never cut). */
#ifndef MG_VERIFY_CACHE_H
#define MG_VERIFY_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fileio.h"

typedef struct {
    uint64_t h;
} mg_fnv;

#define MG_FNV_INIT { 1469598103934665603ull }

void mg_fnv_add(mg_fnv *f, const void *data, size_t len);
/* Adds s with its terminating NUL (so "ab"+"c" differs from "a"+"bc"). */
void mg_fnv_str(mg_fnv *f, const char *s);

/* The longest path the cache creates below its root, so that a root too
 * long for the system is refused before anything is written. */
#define MG_VERIFY_CACHE_SUFFIX_MAX 160

/* $MACGEN_CACHE, or build/verilator beside the running macgen (malloc'ed).
 * NULL with err when it cannot be found or is too long ("path too long"). */
char *mg_verify_cache_root(char *err, size_t errlen);

/* The formatted string (malloc'ed; NULL only when memory is exhausted).
 * Paths are joined with mg_path_join (fileio.h). */
char *mg_strdupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The whole file (NUL-terminated, caller frees), or NULL when unreadable. */
char *mg_verify_read_file(const char *path, size_t *len);
bool mg_verify_path_exists(const char *path);
/* Removes path and everything below it (symlinks themselves, never their
 * targets); best effort. */
void mg_verify_remove_tree(const char *path);
/* A private directory "<TMPDIR or /tmp>/macgen-<tag>-XXXXXX" (malloc'ed). */
char *mg_verify_temp_dir(const char *tag, char *err, size_t errlen);

/* The completion marker of an entry: dir/unit.ok names the size and the
 * checksum of dir/unit.so; it is written last, before the entry is renamed
 * into place.  valid: the marker exists and unit.so matches it. */
int mg_verify_entry_seal(const char *dir, char *err, size_t errlen);
bool mg_verify_entry_valid(const char *dir);

/* Removes the root's tmp.<pid>.* directories whose build is over (its
 * process is gone) or older than an hour: what interrupted builds left. */
void mg_verify_cache_sweep(const char *root);

#endif
