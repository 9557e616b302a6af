/* The compiler runs of a verify build, with every Verilator and g++ flag in
 * this one place (verify_compile.c). */
#ifndef MG_VERIFY_COMPILE_H
#define MG_VERIFY_COMPILE_H

#include <stdbool.h>
#include <stddef.h>

/* verilated.o and verilated_threads.o, compiled once per Verilator version
 * into root/runtime-<hash> (*rtdir, malloc'ed): most of a clean build. */
int mg_verify_build_runtime(const char *root, const char *vroot, const char *version, char **rtdir, char *err,
                            size_t errlen);

/* In dir (holding rtl/<names>): Verilates the wrapper mg_lanes into obj/
 * and links the shim with it and the runtime into dir/unit.so. */
int mg_verify_build_model(const char *dir, const char *rtdir, const char *vroot, const char *shim,
                          char *const *names, size_t n_names, bool large, char *err, size_t errlen);

#endif
