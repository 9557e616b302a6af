/* The Verilator build and run of the HBFP driver (see verify_hbfp.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "embedded.h"
#include "fileio.h"
#include "verify_cache.h"
#include "verify_hbfp.h"
#include "verify_rtl_dir.h"
#include "workdir.h"

#define SALT "macgen-hbfp-verify-1"

void mg_hbfp_put_bits(uint32_t *w, long pos, int width, uint64_t v)
{
    for (int i = 0; i < width; i++, pos++) {
        uint32_t bit = (uint32_t)((v >> i) & 1u) << (pos % 32);
        w[pos / 32] = (w[pos / 32] & ~((uint32_t)1 << (pos % 32))) | bit;
    }
}

uint64_t mg_hbfp_get_bits(const uint32_t *w, long pos, int width)
{
    uint64_t v = 0;
    for (int i = 0; i < width; i++, pos++) v |= (uint64_t)((w[pos / 32] >> (pos % 32)) & 1u) << i;
    return v;
}

uint32_t mg_hbfp_random_fp32(uint64_t *s, int e)
{
    uint64_t r = mg_hbfp_rand(s);
    uint32_t sign = (uint32_t)(r >> 63) << 31;
    uint32_t frac = (uint32_t)r & 0x7fffffu;
    if (e > 127) e = 127;
    if (e >= -126) return sign | ((uint32_t)(e + 127) << 23) | frac;
    if (e < -149) return sign;
    /* Subnormal with its leading one at bit e + 149. */
    int lead = e + 149;
    return sign | (1u << lead) | (frac & ((1u << lead) - 1u));
}

int mg_hbfp_build_driver(const char *top, int tb_flags, const void *cfg, mg_hbfp_emit_fn emit,
                         const char *rtl_dir, char *exe, size_t exelen, int *cached, char *err,
                         size_t errlen)
{
    char work[512] = "", src_dir[1024];
    if (!rtl_dir) {
        if (mg_workdir_create("hbfp-rtl", work, sizeof work, err, errlen)) return -1;
        if (emit(cfg, work, err, errlen)) {
            mg_workdir_remove(work);
            return -1;
        }
        snprintf(src_dir, sizeof src_dir, "%s", work);
    } else {
        snprintf(src_dir, sizeof src_dir, "%s", rtl_dir);
    }
    int rc = -1;
    char **names = NULL;
    size_t n_names = 0;
    if (mg_verify_list_verilog(src_dir, &names, &n_names, err, errlen)) goto out;

    /* The cache key: salt, driver source, port list, top, every file. */
    const mg_embedded_file *tb = mg_embedded_find("hbfp_tb.cpp");
    if (!tb) {
        snprintf(err, errlen, "hbfp_tb.cpp is missing from this build of macgen");
        goto out;
    }
    mg_fnv f = MG_FNV_INIT;
    mg_fnv_add(&f, SALT, sizeof SALT);
    mg_fnv_add(&f, tb->text, strlen(tb->text));
    mg_fnv_add(&f, &tb_flags, sizeof tb_flags);
    mg_fnv_add(&f, top, strlen(top) + 1);
    for (size_t i = 0; i < n_names; i++) {
        char path[1400];
        size_t len;
        snprintf(path, sizeof path, "%s/%s", src_dir, names[i]);
        char *text = mg_verify_read_file(path, &len);
        if (!text) {
            snprintf(err, errlen, "cannot read %s", path);
            goto out;
        }
        mg_fnv_add(&f, names[i], strlen(names[i]) + 1);
        mg_fnv_add(&f, text, len);
        free(text);
    }
    char root[1024], dir[1100], tmp[1200];
    if (mg_verify_cache_root(root, sizeof root, err, errlen)) goto out;
    snprintf(dir, sizeof dir, "%s/hbfp-%016llx", root, (unsigned long long)f.h);
    snprintf(exe, exelen, "%s/hbfp_tb", dir);
    *cached = mg_verify_path_exists(exe);
    if (*cached) {
        rc = 0;
        goto out;
    }

    /* Build in a private directory and rename it into place when complete. */
    snprintf(tmp, sizeof tmp, "%s.tmp.%d", dir, (int)getpid());
    char mdir[1300], tbpath[1300], log[1300];
    snprintf(mdir, sizeof mdir, "%s/obj", tmp);
    snprintf(tbpath, sizeof tbpath, "%s/hbfp_tb.cpp", tmp);
    snprintf(log, sizeof log, "%s/build.log", tmp);
    if (mg_make_dirs(mdir, err, errlen)) goto out;
    mg_atomic_file af;
    if (mg_atomic_open(&af, tbpath, err, errlen)) goto out;
    fputs(tb->text, af.fp);
    if (mg_atomic_commit(&af, err, errlen)) goto out;

    const char **argv = calloc(n_names + 40, sizeof *argv);
    char **paths = calloc(n_names, sizeof *paths);
    if (!argv || !paths) {
        free(argv);
        free(paths);
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    int k = 0;
    argv[k++] = "verilator";
    argv[k++] = "--cc";
    argv[k++] = "--exe";
    argv[k++] = "--build";
    argv[k++] = "-Wno-fatal";
    argv[k++] = "--prefix";
    argv[k++] = "Vhbfp";
    argv[k++] = "--top-module";
    argv[k++] = top;
    argv[k++] = "-Mdir";
    argv[k++] = mdir;
    argv[k++] = "-o";
    argv[k++] = "../hbfp_tb";
    /* -O1 keeps the C++ compile of a large grid short; the simulation
     * stays far from the 10x penalty of -O0. */
    argv[k++] = "-MAKEFLAGS";
    argv[k++] = mg_tool_exists("ccache") ? "OPT_FAST=-O1 OBJCACHE=ccache" : "OPT_FAST=-O1";
    /* One -CFLAGS per define (the driver's #ifdefs, hbfp_tb.cpp). */
    if (tb_flags & MG_HBFP_TB_QUANT) {
        argv[k++] = "-CFLAGS";
        argv[k++] = "-DHBFP_QUANT";
    }
    if (tb_flags & MG_HBFP_TB_QUANT_SR) {
        argv[k++] = "-CFLAGS";
        argv[k++] = "-DHBFP_QUANT_SR";
    }
    if (tb_flags & MG_HBFP_TB_CLOCKED) {
        argv[k++] = "-CFLAGS";
        argv[k++] = "-DHBFP_CLOCKED";
    }
    argv[k++] = tbpath;
    for (size_t i = 0; i < n_names; i++) {
        paths[i] = malloc(1400);
        if (paths[i]) snprintf(paths[i], 1400, "%s/%s", src_dir, names[i]);
        argv[k++] = paths[i] ? paths[i] : "";
    }
    argv[k] = NULL;
    int status;
    int run = mg_run_tool(argv, NULL, log, &status, err, errlen);
    for (size_t i = 0; i < n_names; i++) free(paths[i]);
    free(paths);
    free(argv);
    if (run) goto out;
    if (status != 0) {
        snprintf(err, errlen, "verilator failed (exit %d); its output is in %s", status, log);
        goto out;
    }
    if (rename(tmp, dir) && !mg_verify_path_exists(exe)) {
        snprintf(err, errlen, "cannot rename %s to %s: %s", tmp, dir, strerror(errno));
        goto out;
    }
    mg_workdir_remove(tmp); /* only left when another run won the race */
    rc = 0;
out:
    if (names) mg_verify_free_names(names, n_names);
    if (work[0]) mg_workdir_remove(work);
    return rc;
}

int mg_hbfp_run_driver(const char *exe, const uint32_t *words, size_t n_words, uint32_t **result,
                       size_t *n_out, char *err, size_t errlen)
{
    char work[512], stim[700], res[700], log[700];
    if (mg_workdir_create("hbfp-run", work, sizeof work, err, errlen)) return -1;
    snprintf(stim, sizeof stim, "%s/stimulus.bin", work);
    snprintf(res, sizeof res, "%s/result.bin", work);
    snprintf(log, sizeof log, "%s/run.log", work);
    int rc = -1;
    FILE *fp = fopen(stim, "wb");
    if (!fp || fwrite(words, 4, n_words, fp) != n_words) {
        snprintf(err, errlen, "cannot write %s", stim);
        if (fp) fclose(fp);
        goto out;
    }
    if (fclose(fp)) {
        snprintf(err, errlen, "cannot write %s", stim);
        goto out;
    }
    const char *argv[] = { exe, stim, res, NULL };
    int status;
    if (mg_run_tool(argv, NULL, log, &status, err, errlen)) goto out;
    if (status != 0) {
        size_t len;
        char *text = mg_verify_read_file(log, &len);
        snprintf(err, errlen, "the Verilated driver failed (exit %d): %.*s", status,
                 text ? (int)strcspn(text, "\n") : 0, text ? text : "");
        free(text);
        goto out;
    }
    size_t len;
    char *text = mg_verify_read_file(res, &len);
    if (!text) {
        snprintf(err, errlen, "cannot read %s", res);
        goto out;
    }
    *result = (uint32_t *)(void *)text;
    *n_out = len / 4;
    rc = 0;
out:
    mg_workdir_remove(work);
    return rc;
}
