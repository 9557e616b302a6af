/* The one Verilator builder (see verify_build.h). */
#include "verify_build.h"

#include "memlimit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "embedded.h"
#include "fileio.h"
#include "run_tool.h"
#include "verify_cache.h"
#include "verify_compile.h"
#include "verify_rtl_dir.h"
#include "verify_rtl_check.h"
#include "verify_tool.h"

/* -3: the Verilog is compiled with MG_CHECK_PROTOCOL (verify_compile.c). */
#define SALT "macgen-verify-3"
#define WRAPPER "mg_lanes.v"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* What one build knows; every path is allocated. */
typedef struct {
    const mg_verify_build_spec *s;
    char *root, *stage, *tmp;
    char *version, *vroot;
    char **names;       /* the staged .v files, sorted */
    size_t n_names;
    const char *shim;   /* harness/mg_shim.cpp */
    unsigned long long hash;
} build;

/* Writes the wrapper into the stage. */
static int write_wrapper(build *b, char *err, size_t errlen)
{
    char *path = mg_path_join(b->stage, WRAPPER);
    mg_atomic_file af;
    int rc = !path || mg_atomic_open(&af, path, err, errlen) ? -1 : 0;
    if (rc == 0) {
        mg_verify_write_wrapper(af.fp, b->s->dev);
        rc = mg_atomic_commit(&af, err, errlen);
    }
    free(path);
    return rc;
}

/* The device's Verilog in a private directory: a --rtl DIR after its
 * checks, or fresh RTL; then the wrapper.  0 or an MG_FAIL_* code. */
static int stage(build *b, char *err, size_t errlen)
{
    b->stage = mg_verify_temp_dir("verify", err, errlen);
    if (!b->stage) return MG_FAIL_IO;
    const char *rtl = b->s->rtl_dir;
    if (rtl) {
        char **names;
        size_t n;
        if (mg_verify_list_verilog(rtl, WRAPPER, &names, &n, err, errlen)) return MG_FAIL_INPUT;
        int bad = mg_verify_check_rtl(rtl, names, n, b->s->dev, err, errlen);
        mg_verify_free_names(names, n);
        if (bad) return MG_FAIL_INPUT;
        if (mg_verify_copy_verilog(rtl, WRAPPER, b->stage, err, errlen)) return MG_FAIL_IO;
    } else if (b->s->emit(b->s->emit_ctx, b->stage, err, errlen)) {
        return MG_FAIL_IO;
    }
    if (write_wrapper(b, err, errlen)) return MG_FAIL_IO;
    if (mg_verify_list_verilog(b->stage, NULL, &b->names, &b->n_names, err, errlen)) return MG_FAIL_IO;
    return 0;
}

/* Runs verilator with args, keeping the first line of its output that
 * starts with prefix in *out. */
static int verilator_says(build *b, const char *arg1, const char *arg2, const char *prefix, char **out, char *err,
                          size_t errlen)
{
    char *log = mg_path_join(b->stage, "verilator-query.log");
    const char *argv[] = { "verilator", arg1, arg2, NULL };
    int rc = log ? mg_verify_tool_line(argv, prefix, log, out, err, errlen) : -1;
    if (!log) snprintf(err, errlen, "out of memory");
    free(log);
    return rc;
}

/* Verilator's version and the hash that names the entry. */
static int hash_inputs(build *b, char *err, size_t errlen)
{
    if (verilator_says(b, "--version", NULL, "Verilator ", &b->version, err, errlen)) return MG_FAIL_TOOL;
    const mg_embedded_file *shim = mg_embedded_find("mg_shim.cpp");
    if (!shim) {
        snprintf(err, errlen, "mg_shim.cpp is missing from this build of macgen");
        return MG_FAIL_TOOL;
    }
    b->shim = shim->text;
    mg_fnv f = MG_FNV_INIT;
    mg_fnv_str(&f, SALT);
    mg_fnv_str(&f, b->version);
    mg_fnv_str(&f, b->shim);
    mg_fnv_str(&f, b->s->large ? "large" : "small");
    for (size_t i = 0; i < b->n_names; i++) {
        char *path = mg_path_join(b->stage, b->names[i]);
        size_t len;
        char *text = path ? mg_verify_read_file(path, &len) : NULL;
        if (!text) snprintf(err, errlen, "cannot read %s", path ? path : b->names[i]);
        free(path);
        if (!text) return MG_FAIL_IO;
        mg_fnv_str(&f, b->names[i]);
        mg_fnv_add(&f, text, len);
        free(text);
    }
    b->hash = (unsigned long long)f.h;
    return 0;
}

/* A new private directory in the cache, the sources copied into it. */
static int make_tmp(build *b, char *err, size_t errlen)
{
    const char *env = getenv("MACGEN_CACHE");
    const char *where = env && *env ? "MACGEN_CACHE" : "beside macgen; set MACGEN_CACHE to move it";
    char why[600];
    if (mg_make_dirs(b->root, why, sizeof why)) {
        snprintf(err, errlen, "the verify cache %s (%s): %s", b->root, where, why);
        return MG_FAIL_IO;
    }
    mg_verify_cache_sweep(b->root);
    b->tmp = mg_strdupf("%s/tmp.%ld.XXXXXX", b->root, (long)getpid());
    if (!b->tmp || !mkdtemp(b->tmp)) {
        snprintf(err, errlen, "the verify cache %s (%s): cannot create a directory in it: %s", b->root, where,
                 strerror(errno));
        return MG_FAIL_IO;
    }
    char *rtl = mg_path_join(b->tmp, "rtl");
    int rc = !rtl || mg_make_dirs(rtl, err, errlen) || mg_verify_copy_verilog(b->stage, NULL, rtl, err, errlen);
    free(rtl);
    return rc ? MG_FAIL_IO : 0;
}

/* Moves the finished build into place (over a damaged entry; a concurrent
 * build of the same hash may have won the race). */
static int publish(build *b, const char *entry, char *err, size_t errlen)
{
    if (mg_verify_entry_seal(b->tmp, err, errlen)) return MG_FAIL_IO;
    /* mkdtemp made it private; an entry is readable like any directory the
     * user creates (other users may share a cache read-only). */
    const mode_t mask = umask(0);
    umask(mask);
    chmod(b->tmp, 0777 & ~mask);
    if (mg_verify_path_exists(entry) && !mg_verify_entry_valid(entry)) {
        char *old = mg_strdupf("%s/tmp.%ld.damaged-%016llx", b->root, (long)getpid(), b->hash);
        if (old && rename(entry, old) == 0) mg_verify_remove_tree(old);
        free(old);
    }
    if (rename(b->tmp, entry) != 0 && !mg_verify_entry_valid(entry)) {
        snprintf(err, errlen, "cannot move %s to %s: %s", b->tmp, entry, strerror(errno));
        return MG_FAIL_IO;
    }
    mg_verify_remove_tree(b->tmp); /* only there when another build won */
    return 0;
}

static int find_or_build(build *b, mg_verify_artifact *out, char *err, size_t errlen)
{
    int rc = stage(b, err, errlen);
    if (!rc) rc = hash_inputs(b, err, errlen);
    if (rc) return rc;
    out->dir = mg_strdupf("%s/%016llx", b->root, b->hash);
    out->so_path = out->dir ? mg_path_join(out->dir, "unit.so") : NULL;
    if (!out->so_path) {
        snprintf(err, errlen, "out of memory");
        return MG_FAIL_IO;
    }
    if (mg_verify_entry_valid(out->dir)) {
        out->cached = true;
        return 0;
    }
    if (b->s->build_bytes > 0) {
        char what[160];
        snprintf(what, sizeof what, "the Verilator build of %s", b->s->build_what ? b->s->build_what : "this unit");
        if (mg_mem_check(what, b->s->build_bytes, err, errlen)) return MG_FAIL_INPUT;
    }
    rc = make_tmp(b, err, errlen);
    if (!rc && verilator_says(b, "--getenv", "VERILATOR_ROOT", "/", &b->vroot, err, errlen)) rc = MG_FAIL_TOOL;
    char *rtdir = NULL;
    if (!rc && mg_verify_build_runtime(b->root, b->vroot, b->version, &rtdir, err, errlen)) rc = MG_FAIL_TOOL;
    if (!rc && mg_verify_build_model(b->tmp, rtdir, b->vroot, b->shim, b->names, b->n_names, b->s->large, err,
                                     errlen))
        rc = MG_FAIL_TOOL;
    free(rtdir);
    /* A failed build keeps its directory for the logs; a later build sweeps it. */
    return rc ? rc : publish(b, out->dir, err, errlen);
}

int mg_verify_build(const mg_verify_build_spec *s, mg_verify_artifact *out, char *err, size_t errlen)
{
    const double t0 = now_seconds();
    memset(out, 0, sizeof *out);
    build b = { .s = s };
    int rc = 0;
    b.root = mg_verify_cache_root(err, errlen);
    if (!b.root) rc = MG_FAIL_INPUT;
    for (const char *const *t = (const char *const[]){ "verilator", "g++", NULL }; !rc && *t; t++)
        if (!mg_tool_exists(*t)) {
            snprintf(err, errlen, "%s not found in PATH (make deps installs it)", *t);
            rc = MG_FAIL_TOOL;
        }
    if (!rc) rc = find_or_build(&b, out, err, errlen);
    if (b.stage) mg_verify_remove_tree(b.stage);
    if (b.names) mg_verify_free_names(b.names, b.n_names);
    free(b.stage);
    free(b.tmp);
    free(b.root);
    free(b.version);
    free(b.vroot);
    out->build_seconds = now_seconds() - t0;
    if (rc) mg_verify_artifact_free(out);
    return rc;
}

void mg_verify_artifact_free(mg_verify_artifact *a)
{
    free(a->dir);
    free(a->so_path);
    a->dir = a->so_path = NULL;
}
