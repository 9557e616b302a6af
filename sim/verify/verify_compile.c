/* Verilator and g++ runs of a verify build (see verify_compile.h). */
#include "verify_compile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "run_tool.h"
#include "verify_cache.h"
#include "verify_tool.h"

/* The C++ flags of the runtime and the shim: those of Verilator's own
 * makefile for a model without coverage, SystemC or tracing (`make -n -f
 * V<top>.mk verilated.o` shows them), position-independent for the shared
 * object. */
static const char *const cxx_flags[] = {
    "-DVM_COVERAGE=0", "-DVM_SC=0", "-DVM_TRACE=0", "-DVM_TRACE_FST=0", "-DVM_TRACE_VCD=0",
    "-faligned-new", "-std=gnu++17", "-fPIC", "-O2", "-w",
};
#define N_CXX_FLAGS (sizeof cxx_flags / sizeof cxx_flags[0])

/* g++ with the flags above, the Verilator include folders, then `extra`
 * (NULL-terminated), logged to log. */
static int gxx(const char *vroot, const char *const *extra, const char *log, char *err, size_t errlen)
{
    char *inc = mg_strdupf("-I%s/include", vroot), *inc2 = mg_strdupf("-I%s/include/vltstd", vroot);
    const char *argv[48];
    size_t n = 0;
    argv[n++] = "g++";
    for (size_t k = 0; k < N_CXX_FLAGS; k++) argv[n++] = cxx_flags[k];
    argv[n++] = inc;
    argv[n++] = inc2;
    while (*extra && n < 47) argv[n++] = *extra++;
    argv[n] = NULL;
    int rc = inc && inc2 ? mg_verify_tool(argv, NULL, log, err, errlen) : -1;
    if (!inc || !inc2) snprintf(err, errlen, "out of memory");
    free(inc);
    free(inc2);
    return rc;
}

/* ccache keeps its objects inside the verify cache unless the user chose a
 * place (CCACHE_DIR): its default under HOME may not be writable, and then
 * every build would fail with an error that names Verilator. */
static void place_ccache(const char *root)
{
    const char *dir = getenv("CCACHE_DIR");
    if (dir && *dir) return;
    char *mine = mg_path_join(root, "ccache");
    if (mine) setenv("CCACHE_DIR", mine, 1);
    free(mine);
}

int mg_verify_build_runtime(const char *root, const char *vroot, const char *version, char **rtdir, char *err,
                            size_t errlen)
{
    place_ccache(root);
    mg_fnv f = MG_FNV_INIT;
    mg_fnv_str(&f, version);
    mg_fnv_str(&f, vroot);
    *rtdir = mg_strdupf("%s/runtime-%016llx", root, (unsigned long long)f.h);
    if (!*rtdir || mg_make_dirs(*rtdir, err, errlen)) return -1;
    static const char *const srcs[] = { "verilated", "verilated_threads" };
    int rc = 0;
    for (int i = 0; rc == 0 && i < 2; i++) {
        char *obj = mg_strdupf("%s/%s.o", *rtdir, srcs[i]);
        char *tmp = mg_strdupf("%s/%s.tmp.%ld.o", *rtdir, srcs[i], (long)getpid());
        char *src = mg_strdupf("%s/include/%s.cpp", vroot, srcs[i]);
        char *log = mg_strdupf("%s/%s.log", *rtdir, srcs[i]);
        if (!obj || !tmp || !src || !log) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
        } else if (!mg_verify_path_exists(obj)) {
            const char *extra[] = { "-c", src, "-o", tmp, NULL };
            rc = gxx(vroot, extra, log, err, errlen);
            if (rc == 0 && rename(tmp, obj) != 0) {
                snprintf(err, errlen, "cannot rename %s: %s", tmp, strerror(errno));
                rc = -1;
            }
        }
        free(obj);
        free(tmp);
        free(src);
        free(log);
    }
    return rc;
}

/* Verilator, in dir: the wrapper and every module into obj/Vmg_lanes__ALL.a. */
static int verilate(const char *dir, char *const *names, size_t n_names, bool large, char *err, size_t errlen)
{
    const char **argv = calloc(n_names + 32, sizeof *argv);
    char **paths = calloc(n_names + 1, sizeof *paths);
    char *log = mg_path_join(dir, "verilator.log");
    int rc = -1;
    if (!argv || !paths || !log) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    size_t n = 0;
    /* MG_CHECK_PROTOCOL: the arrays' simulation-time protocol checks
     * ($error on a misuse, docs/hbfp_array.md "Rules"), counted by the shim. */
    static const char *const common[] = { "verilator", "--cc", "--build", "-Wno-fatal", "--top-module", "mg_lanes",
                                          "--prefix", "Vmg_lanes", "-Mdir", "obj", "-CFLAGS", "-fPIC",
                                          "-DMG_CHECK_PROTOCOL", NULL };
    for (const char *const *c = common; *c; c++) argv[n++] = *c;
    /* Small units: the fastest model.  Large grids: a compile that stays short. */
    if (!large) argv[n++] = "-O3";
    argv[n++] = "-MAKEFLAGS";
    argv[n++] = large ? "OPT_FAST=-O1" : "OPT_FAST=-O2";
    if (mg_tool_exists("ccache")) {
        argv[n++] = "-MAKEFLAGS";
        argv[n++] = "OBJCACHE=ccache";
    }
    for (size_t i = 0; i < n_names; i++) {
        if (!(paths[i] = mg_path_join("rtl", names[i]))) {
            snprintf(err, errlen, "out of memory");
            goto out;
        }
        argv[n++] = paths[i];
    }
    argv[n] = NULL;
    rc = mg_verify_tool(argv, dir, log, err, errlen);
out:
    for (size_t i = 0; paths && i < n_names; i++) free(paths[i]);
    free(paths);
    free(argv);
    free(log);
    return rc;
}

int mg_verify_build_model(const char *dir, const char *rtdir, const char *vroot, const char *shim,
                          char *const *names, size_t n_names, bool large, char *err, size_t errlen)
{
    if (verilate(dir, names, n_names, large, err, errlen)) return -1;
    char *src = mg_path_join(dir, "mg_shim.cpp"), *obj_inc = mg_strdupf("-I%s/obj", dir);
    char *archive = mg_path_join(dir, "obj/Vmg_lanes__ALL.a"), *so = mg_path_join(dir, "unit.so");
    char *rt1 = mg_path_join(rtdir, "verilated.o"), *rt2 = mg_path_join(rtdir, "verilated_threads.o");
    char *log = mg_path_join(dir, "shim.log");
    int rc = -1;
    mg_atomic_file af;
    if (!src || !obj_inc || !archive || !so || !rt1 || !rt2 || !log) {
        snprintf(err, errlen, "out of memory");
    } else if (mg_atomic_open(&af, src, err, errlen) == 0) {
        fputs(shim, af.fp);
        if (mg_atomic_commit(&af, err, errlen) == 0) {
            const char *extra[] = { "-shared", obj_inc, src, archive, rt1, rt2, "-pthread", "-o", so, NULL };
            rc = gxx(vroot, extra, log, err, errlen);
        }
    }
    free(src);
    free(obj_inc);
    free(archive);
    free(so);
    free(rt1);
    free(rt2);
    free(log);
    return rc;
}
