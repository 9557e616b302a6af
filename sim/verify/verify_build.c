#include "verify_build.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "embedded.h"
#include "fileio.h"
#include "rtl_emit.h"
#include "verify_cache.h"

#define SALT "macgen-verify-1"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int write_whole(const char *path, const char *text, size_t len, char *err, size_t errlen)
{
    mg_atomic_file af;
    if (mg_atomic_open(&af, path, err, errlen)) return -1;
    fwrite(text, 1, len, af.fp);
    return mg_atomic_commit(&af, err, errlen);
}

static int run_logged(const char *const argv[], const char *cwd, const char *log, char *err, size_t errlen)
{
    int status;
    if (mg_run_tool(argv, cwd, log, &status, err, errlen)) return -1;
    if (status != 0) {
        snprintf(err, errlen, "%s failed (exit %d); its output is in %s", argv[0], status, log);
        return -1;
    }
    return 0;
}

static int tool_output(const char *const argv[], const char *log, char *out, size_t outlen, char *err,
                       size_t errlen)
{
    unlink(log);
    if (run_logged(argv, NULL, log, err, errlen)) return -1;
    size_t len;
    char *text = mg_verify_read_file(log, &len);
    if (!text) {
        snprintf(err, errlen, "cannot read %s", log);
        return -1;
    }
    text[strcspn(text, "\r\n")] = '\0';
    snprintf(out, outlen, "%s", text);
    free(text);
    return 0;
}

static const char *const cxx_defines[] = {
    "-DVM_COVERAGE=0", "-DVM_SC=0", "-DVM_TRACE=0", "-DVM_TRACE_FST=0", "-DVM_TRACE_VCD=0",
    "-faligned-new", "-std=gnu++17", "-fPIC", "-O2", "-w",
};
#define N_DEFINES (sizeof cxx_defines / sizeof cxx_defines[0])

/* verilated.o and verilated_threads.o, compiled once per Verilator version. */
static int build_runtime(const char root[1024], const char vroot[1024], const char *version, char rtdir[1400], size_t rtlen,
                         char *err, size_t errlen)
{
    mg_fnv f = MG_FNV_INIT;
    mg_fnv_str(&f, version);
    mg_fnv_str(&f, vroot);
    snprintf(rtdir, rtlen, "%s/runtime-%016llx", root, (unsigned long long)f.h);
    if (mg_make_dirs(rtdir, err, errlen)) return -1;
    const char *srcs[] = { "verilated", "verilated_threads" };
    for (int i = 0; i < 2; i++) {
        char obj[1600], tmp[1700], src[1200], inc[1200], inc2[1200], log[1600];
        snprintf(obj, sizeof obj, "%s/%s.o", rtdir, srcs[i]);
        if (mg_verify_path_exists(obj)) continue;
        snprintf(tmp, sizeof tmp, "%s.tmp.%d.o", obj, (int)getpid());
        snprintf(src, sizeof src, "%s/include/%s.cpp", vroot, srcs[i]);
        snprintf(inc, sizeof inc, "-I%s/include", vroot);
        snprintf(inc2, sizeof inc2, "-I%s/include/vltstd", vroot);
        snprintf(log, sizeof log, "%s/%s.log", rtdir, srcs[i]);
        const char *argv[32];
        int n = 0;
        argv[n++] = "g++";
        for (size_t k = 0; k < N_DEFINES; k++) argv[n++] = cxx_defines[k];
        argv[n++] = inc;
        argv[n++] = inc2;
        argv[n++] = "-c";
        argv[n++] = src;
        argv[n++] = "-o";
        argv[n++] = tmp;
        argv[n] = NULL;
        if (run_logged(argv, NULL, log, err, errlen)) return -1;
        if (rename(tmp, obj)) {
            snprintf(err, errlen, "cannot rename %s: %s", tmp, strerror(errno));
            return -1;
        }
    }
    return 0;
}

int mg_verify_bus_width(int lane_bits, int lanes)
{
    int w = lane_bits * lanes;
    if (w < 65) w = 65;
    return (w + 31) / 32 * 32;
}

void mg_verify_write_lanes(FILE *fp, const mg_unit *u, int lanes)
{
    int in_bits = 0, out_bits = 0;
    for (int i = 0; i < u->n_ports; i++) {
        if (!mg_port_is_data(&u->ports[i])) continue;
        if (u->ports[i].dir == MG_PORT_IN) in_bits += u->ports[i].width;
        else out_bits += u->ports[i].width;
    }
    int in_w = mg_verify_bus_width(in_bits, lanes), out_w = mg_verify_bus_width(out_bits, lanes);
    fprintf(fp, "// Lanes wrapper for macgen verify: %d copies of %s.\n", lanes, u->top);
    fprintf(fp, "// clk_i drives every lane's clock (unused by a combinational unit).\n");
    fprintf(fp, "`default_nettype none\n\nmodule mg_lanes (\n");
    fprintf(fp, "  input  wire clk_i,\n");
    fprintf(fp, "  input  wire [%d:0] in_i,\n  output wire [%d:0] out_o\n);\n", in_w - 1, out_w - 1);
    fprintf(fp, "  genvar lane;\n  generate\n    for (lane = 0; lane < %d; lane = lane + 1) begin : gen_lane\n",
            lanes);
    fprintf(fp, "      %s u_unit (\n", u->top);
    int in_off = 0, out_off = 0;
    for (int i = 0; i < u->n_ports; i++) {
        const mg_port *p = &u->ports[i];
        int in = p->dir == MG_PORT_IN;
        char pin[24];
        mg_port_pin(p, pin, sizeof pin);
        const char *sep = i + 1 < u->n_ports ? "," : "";
        if (!mg_port_is_data(p)) {
            fprintf(fp, "        .%s (clk_i)%s\n", pin, sep);
            continue;
        }
        fprintf(fp, "        .%s (%s[lane*%d+%d +: %d])%s\n", pin, in ? "in_i" : "out_o", in ? in_bits : out_bits,
                in ? in_off : out_off, p->width, sep);
        if (in) in_off += p->width;
        else out_off += p->width;
    }
    fprintf(fp, "      );\n    end\n  endgenerate\n");
    if (out_w > out_bits * lanes)
        fprintf(fp, "  assign out_o[%d:%d] = {%d{1'b0}};\n", out_w - 1, out_bits * lanes, out_w - out_bits * lanes);
    if (in_w > in_bits * lanes)
        fprintf(fp, "  wire unused_ok = &{1'b0, in_i[%d:%d], 1'b0};\n", in_w - 1, in_bits * lanes);
    if (!mg_unit_is_clocked(u)) fprintf(fp, "  wire unused_clk_ok = &{1'b0, clk_i, 1'b0};\n");
    fprintf(fp, "endmodule\n\n`default_nettype wire\n");
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Copies the .v files of src into dest; -1 when there is none. */
static int copy_rtl_dir(const char *src, const char dest[1300], char *err, size_t errlen)
{
    DIR *d = opendir(src);
    if (!d) {
        snprintf(err, errlen, "--rtl %s: %s", src, strerror(errno));
        return -1;
    }
    char *names[256];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 256) {
        size_t len = strlen(e->d_name);
        if (len > 2 && !strcmp(e->d_name + len - 2, ".v") && strcmp(e->d_name, "mg_lanes.v"))
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], cmp_str);
    int rc = n ? 0 : -1;
    if (!n) snprintf(err, errlen, "--rtl %s: no .v files there", src);
    for (int i = 0; i < n; i++) {
        char from[4400], to[1700];
        snprintf(from, sizeof from, "%s/%s", src, names[i]);
        snprintf(to, sizeof to, "%s/%s", dest, names[i]);
        size_t len;
        char *text = rc ? NULL : mg_verify_read_file(from, &len);
        if (!rc && !text) {
            snprintf(err, errlen, "cannot read %s", from);
            rc = -1;
        }
        if (!rc && write_whole(to, text, len, err, errlen)) rc = -1;
        free(text);
        free(names[i]);
    }
    return rc;
}

/* Hash of every source that goes into the model, in name order. */
static int hash_dir(const char dir[1300], mg_fnv *f, char **files, int *n_files, int max, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "cannot open %s", dir);
        return -1;
    }
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) != NULL && n < max) {
        size_t len = strlen(e->d_name);
        if (len > 2 && !strcmp(e->d_name + len - 2, ".v")) files[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(files, (size_t)n, sizeof files[0], cmp_str);
    for (int i = 0; i < n; i++) {
        char path[1700];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        size_t len;
        char *text = mg_verify_read_file(path, &len);
        if (!text) {
            snprintf(err, errlen, "cannot read %s", path);
            return -1;
        }
        mg_fnv_str(f, files[i]);
        mg_fnv_add(f, text, len);
        free(text);
    }
    *n_files = n;
    return 0;
}

static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        unlink(path);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char sub[8192];
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        struct stat st;
        if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode)) remove_tree(sub);
        else unlink(sub);
    }
    closedir(d);
    rmdir(path);
}

int mg_verify_build(const mg_unit *u, const char *rtl_dir, int lanes, mg_verify_artifact *out,
                    char *err, size_t errlen)
{
    double t0 = now_seconds();
    memset(out, 0, sizeof *out);
    char root[1024];
    if (mg_verify_cache_root(root, sizeof root, err, errlen)) return -1;
    if (mg_make_dirs(root, err, errlen)) return -1;
    if (!mg_tool_exists("verilator")) {
        snprintf(err, errlen, "verilator not found in PATH (make deps installs it)");
        return -1;
    }
    if (!mg_tool_exists("g++")) {
        snprintf(err, errlen, "g++ not found in PATH (make deps installs it)");
        return -1;
    }

    /* Stage the sources in a private temporary directory. */
    char tmp[1200], rtl[1300];
    snprintf(tmp, sizeof tmp, "%s/tmp.%d", root, (int)getpid());
    remove_tree(tmp);
    snprintf(rtl, sizeof rtl, "%s/rtl", tmp);
    if (mg_make_dirs(rtl, err, errlen)) return -1;
    if (rtl_dir) {
        if (copy_rtl_dir(rtl_dir, rtl, err, errlen)) goto fail;
    } else {
        char cmd[700];
        snprintf(cmd, sizeof cmd, "macgen rtl %s", u->canonical);
        mg_rtl_output ro;
        if (mg_rtl_emit_unit(u, rtl, cmd, &ro, err, errlen)) goto fail;
    }
    {
        char lanes_path[4400];
        snprintf(lanes_path, sizeof lanes_path, "%s/mg_lanes.v", rtl);
        mg_atomic_file af;
        if (mg_atomic_open(&af, lanes_path, err, errlen)) goto fail;
        mg_verify_write_lanes(af.fp, u, lanes);
        if (mg_atomic_commit(&af, err, errlen)) goto fail;
    }

    char vlog[4400], version[256], vroot[1024];
    snprintf(vlog, sizeof vlog, "%s/verilator-query.log", tmp);
    const char *vq[] = { "verilator", "--version", NULL };
    if (tool_output(vq, vlog, version, sizeof version, err, errlen)) goto fail;
    const char *vr[] = { "verilator", "--getenv", "VERILATOR_ROOT", NULL };
    if (tool_output(vr, vlog, vroot, sizeof vroot, err, errlen)) goto fail;

    mg_fnv f = MG_FNV_INIT;
    mg_fnv_str(&f, SALT);
    mg_fnv_str(&f, version);
    const mg_embedded_file *shim = mg_embedded_find("mg_shim.cpp");
    if (!shim) {
        snprintf(err, errlen, "mg_shim.cpp is missing from this build of macgen");
        goto fail;
    }
    mg_fnv_str(&f, shim->text);
    char *files[256];
    int n_files = 0;
    if (hash_dir(rtl, &f, files, &n_files, 256, err, errlen)) goto fail;

    snprintf(out->dir, sizeof out->dir, "%s/%016llx", root, (unsigned long long)f.h);
    snprintf(out->so_path, sizeof out->so_path, "%s/%016llx/unit.so", root, (unsigned long long)f.h);
    if (mg_verify_path_exists(out->so_path)) {
        for (int i = 0; i < n_files; i++) free(files[i]);
        remove_tree(tmp);
        out->cached = true;
        out->build_seconds = now_seconds() - t0;
        return 0;
    }

    char rtdir[1400];
    if (build_runtime(root, vroot, version, rtdir, sizeof rtdir, err, errlen)) goto fail_files;

    /* Verilate and compile the model (an archive of position-independent code). */
    {
        const char *argv[300];
        int n = 0;
        argv[n++] = "verilator";
        argv[n++] = "--cc";
        argv[n++] = "--build";
        argv[n++] = "-O3";
        argv[n++] = "-Wno-fatal";
        argv[n++] = "--top-module";
        argv[n++] = "mg_lanes";
        argv[n++] = "--prefix";
        argv[n++] = "Vmg_lanes";
        argv[n++] = "-Mdir";
        argv[n++] = "obj";
        argv[n++] = "-CFLAGS";
        argv[n++] = "-fPIC";
        argv[n++] = "-MAKEFLAGS";
        argv[n++] = "OPT_FAST=-O2";
        if (mg_tool_exists("ccache")) {
            argv[n++] = "-MAKEFLAGS";
            argv[n++] = "OBJCACHE=ccache";
        }
        char paths[256][300];
        for (int i = 0; i < n_files && n < 290; i++) {
            snprintf(paths[i], sizeof paths[i], "rtl/%s", files[i]);
            argv[n++] = paths[i];
        }
        argv[n] = NULL;
        char log[4400];
        snprintf(log, sizeof log, "%s/verilator.log", tmp);
        if (run_logged(argv, tmp, log, err, errlen)) goto fail_files;
    }
    {
        char inc[1100], inc2[1100], obj_inc[4400], archive[4400], rt1[4400], rt2[4400], shim_path[4400],
            so_tmp[4400], log[4400];
        snprintf(shim_path, sizeof shim_path, "%s/mg_shim.cpp", tmp);
        if (write_whole(shim_path, shim->text, strlen(shim->text), err, errlen)) goto fail_files;
        snprintf(inc, sizeof inc, "-I%s/include", vroot);
        snprintf(inc2, sizeof inc2, "-I%s/include/vltstd", vroot);
        snprintf(obj_inc, sizeof obj_inc, "-I%s/obj", tmp);
        snprintf(archive, sizeof archive, "%s/obj/Vmg_lanes__ALL.a", tmp);
        snprintf(rt1, sizeof rt1, "%s/verilated.o", rtdir);
        snprintf(rt2, sizeof rt2, "%s/verilated_threads.o", rtdir);
        snprintf(so_tmp, sizeof so_tmp, "%s/unit.so", tmp);
        snprintf(log, sizeof log, "%s/shim.log", tmp);
        const char *argv[40];
        int n = 0;
        argv[n++] = "g++";
        for (size_t k = 0; k < N_DEFINES; k++) argv[n++] = cxx_defines[k];
        argv[n++] = "-shared";
        argv[n++] = inc;
        argv[n++] = inc2;
        argv[n++] = obj_inc;
        argv[n++] = shim_path;
        argv[n++] = archive;
        argv[n++] = rt1;
        argv[n++] = rt2;
        argv[n++] = "-pthread";
        argv[n++] = "-o";
        argv[n++] = so_tmp;
        argv[n] = NULL;
        if (run_logged(argv, NULL, log, err, errlen)) goto fail_files;
    }
    for (int i = 0; i < n_files; i++) free(files[i]);
    /* Publish; a concurrent build of the same hash may have won the race. */
    if (rename(tmp, out->dir) != 0) {
        if (!mg_verify_path_exists(out->so_path)) {
            snprintf(err, errlen, "cannot move %s to %s: %s", tmp, out->dir, strerror(errno));
            remove_tree(tmp);
            return -1;
        }
        remove_tree(tmp);
    }
    out->build_seconds = now_seconds() - t0;
    return 0;
fail_files:
    for (int i = 0; i < n_files; i++) free(files[i]);
    /* Keep the directory for its logs; the next run starts afresh. */
    return -1;
fail:
    remove_tree(tmp);
    return -1;
}
