/* macgen matmul: Y = X * W with exactly the arithmetic of a generated unit
 * (sim/matmul; docs/matmul.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "fileio.h"
#include "matmul.h"
#include "mm_input.h"
#include "mm_report.h"
#include "unit_matmul.h"

#define CMD "matmul"

static void usage(FILE *out)
{
    fputs("usage: macgen matmul ARITH key=value... --x X.npy --w W.npy -o Y.npy [options]\n"
          "\n"
          "Y = X * W (X: R x K, W: K x C; float32 or float64 .npy, finite values) with\n"
          "exactly the arithmetic of the unit ARITH, bit for bit the generated array's:\n"
          "  mac_array   each Y[r][c] is the chain of MAC steps down a column, in K order\n"
          "              from +0, K zero-padded to whole passes of rows= (pe= or w= a= ...)\n"
          "  dot         each Y[r][c] is the chunked dot product (chunk=, acc2=)\n"
          "  hbfp_array  HBFP blocks of block= along K, block results accumulated in acc;\n"
          "              with boost=6 (the Accuracy Booster array) in the mode of --mode\n"
          "  mx_array    MX blocks (elem=, block=) along K, accumulated in acc\n"
          "X and W are converted to the operand formats with rne and saturation (mac_array,\n"
          "dot), or rounded to float32 (rne, saturating) and converted by the block\n"
          "converter (hbfp_quant, exp= rule, default floor1; mx_quant, scale= rule,\n"
          "default floor; rne).  Y holds the exact values of the result format, widened.\n"
          "\n"
          "options:\n"
          "  --x FILE, --w FILE   the operands (2-D, C order, '<f4' or '<f8')\n"
          "  -o FILE              Y, written whole or not at all\n"
          "  --out-dtype float32|float64|bits   Y's values (default: float32 when every\n"
          "                       value of the result format fits it, else float64), or\n"
          "                       the result encodings as unsigned integers\n"
          "  --stats              flags, LBA events and kinds of outputs on stdout (runs\n"
          "                       the model's step-by-step path: slower for mac_array, dot)\n"
          "  --json FILE          the same figures as JSON (implies the counting of --stats)\n"
          "  --mode 4|6           an Accuracy Booster array's pass mode (hbfp_array n=4\n"
          "                       boost=6; default 4): 6 is HBFP6 bit for bit, on W's\n"
          "                       columns as the array's 6-bit passes compute them\n"
          "  -j N                 threads, 1..256 (default: the number of CPUs); Y does\n"
          "                       not depend on it\n"
          "  --progress           progress on stderr (default: when stderr is a terminal)\n"
          "\narithmetic (the parameters and defaults of 'macgen rtl'; rows=, cols=, pipe=,\n"
          "flags=, events=, cbits=, top= are taken and change nothing but mac_array's\n"
          "padding; round=sr is refused):\n",
          out);
    mg_matmul_print_units(out);
    mg_print_exit_help(out);
}

typedef struct {
    const char *arith, *x, *w, *out, *json, *dtype;
    unsigned long long jobs, mode; /* mode: 0 when --mode is not given */
    bool stats, progress;
} mm_args;

static int parse_args(int argc, char **argv, mm_args *a)
{
    memset(a, 0, sizeof *a);
    a->progress = isatty(2);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    a->jobs = cpus > 0 ? (unsigned long long)cpus : 1;
    const mg_value_opt opts[] = { { "--x", &a->x }, { "--w", &a->w }, { "-o", &a->out }, { "--json", &a->json },
                                  { "--out-dtype", &a->dtype }, { NULL, NULL } };
    for (int i = 1; i < argc; i++) {
        int r = mg_take_value_opt(CMD, argc, argv, &i, opts);
        if (r < 0) return -1;
        if (r > 0) continue;
        if (!strcmp(argv[i], "-j")) {
            if (mg_parse_option_u64(CMD, "-j", i + 1 < argc ? argv[i + 1] : NULL, 1, MG_MM_THREADS_MAX, 0, &a->jobs))
                return -1;
            i++;
        } else if (!strcmp(argv[i], "--mode")) {
            if (mg_parse_option_u64(CMD, "--mode", i + 1 < argc ? argv[i + 1] : NULL, 4, 6, 0, &a->mode)) return -1;
            i++;
        } else if (!strcmp(argv[i], "--stats")) {
            a->stats = true;
        } else if (!strcmp(argv[i], "--progress")) {
            a->progress = true;
        } else if (mg_take_unit_arg(CMD, argv[i], &a->arith, "matmul")) {
            return -1;
        }
    }
    const char *missing = !a->arith ? "an arithmetic (mac_array, dot, hbfp_array or mx_array)"
                          : !a->x   ? "--x X.npy"
                          : !a->w   ? "--w W.npy"
                          : !a->out ? "-o Y.npy"
                                    : NULL;
    if (missing) {
        mg_error(CMD, "give %s (see macgen matmul --help)", missing);
        return -1;
    }
    const char *outs[] = { a->out, a->json };
    char err[1024];
    if (mg_outputs_distinct(outs, 2, err, sizeof err)) {
        mg_error(CMD, "%s", err);
        return -1;
    }
    return 0;
}

static void show_progress(void *ctx, unsigned long long done, unsigned long long total, double seconds)
{
    (void)ctx;
    fprintf(stderr, "\rmatmul: %3.0f%% (%.1f of %.1f M MACs, %.1f M MACs/s)   ", total ? 100.0 * (double)done / (double)total : 100.0,
            (double)done * 1e-6, (double)total * 1e-6, seconds > 0 ? (double)done / seconds * 1e-6 : 0.0);
    if (done == total) fputc('\n', stderr);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The result dtype: as asked, or float32 when it holds every value. */
static int pick_dtype(const mm_args *a, const mg_format *f, mg_mm_out_dtype *d)
{
    if (!a->dtype) {
        *d = mg_mm_out_fits(f, MG_MM_OUT_FLOAT32) ? MG_MM_OUT_FLOAT32 : MG_MM_OUT_FLOAT64;
        return 0;
    }
    char shown[64];
    if (mg_mm_out_dtype_parse(a->dtype, d) == 0) return 0;
    mg_error(CMD, "--out-dtype %s: expected float32, float64 or bits", mg_escape_text(a->dtype, shown, sizeof shown));
    return -1;
}

static int write_json(const char *path, const mg_mm_run_info *ri)
{
    mg_atomic_file f;
    char err[4400];
    if (mg_atomic_open(&f, path, err, sizeof err) == 0) {
        mg_mm_write_json(f.fp, ri);
        if (mg_atomic_commit(&f, err, sizeof err) == 0) return 0;
    }
    mg_error(CMD, "%s", err);
    return -1;
}

/* Reads, computes, writes; an exit status. */
static int run(const mm_args *a, const mg_mm_spec *s, const char *canonical)
{
    char err[4400];
    mg_mm_out_dtype dtype;
    mg_mm_shape sh;
    if (pick_dtype(a, mg_mm_result_format(s), &dtype)) return MG_EXIT_USAGE;
    if (!mg_mm_out_fits(mg_mm_result_format(s), dtype)) {
        mg_error(CMD, "--out-dtype %s cannot hold every value of the result format exactly: use float64 or bits",
                 mg_mm_out_dtype_name(dtype));
        return MG_EXIT_USAGE;
    }
    const int threads = (int)a->jobs;
    if (mg_mm_peek(a->x, a->w, &sh, err, sizeof err) ||
        mg_mm_check_memory(mg_mm_input_bytes(&sh) + mg_mm_work_bytes(s, sh.R, sh.K, sh.C, threads), err, sizeof err)) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    double *x = NULL, *w = NULL;
    mg_bits *y = NULL;
    int rc = MG_EXIT_USAGE;
    if (mg_mm_read(a->x, "X", sh.R, sh.K, &x, err, sizeof err) || mg_mm_read(a->w, "W", sh.K, sh.C, &w, err, sizeof err))
        goto fail;
    if (!(y = malloc(sh.R * sh.C * sizeof *y))) {
        snprintf(err, sizeof err, "out of memory for Y (%zu x %zu)", sh.R, sh.C);
        goto fail;
    }
    mg_mm_stats st;
    const bool count = a->stats || a->json;
    const mg_mm_options o = { threads, count, a->progress ? show_progress : NULL, NULL, 1.0 };
    const double t0 = now();
    if (mg_mm_run(s, x, w, sh.R, sh.K, sh.C, &o, y, &st, err, sizeof err)) goto fail;
    const mg_mm_run_info ri = { canonical, sh.R, sh.K, sh.C, now() - t0, threads, &st };
    int wr = mg_mm_write_npy(a->out, mg_mm_result_format(s), y, sh.R, sh.C, dtype, err, sizeof err);
    if (wr) {
        rc = mg_exit_for(wr);
        goto fail;
    }
    rc = MG_EXIT_OK;
    if (a->json && write_json(a->json, &ri)) rc = MG_EXIT_IO;
    if (a->stats) mg_mm_print_stats(stdout, &ri);
    goto out;
fail:
    mg_error(CMD, "%s", err);
out:
    free(x);
    free(w);
    free(y);
    return rc;
}

int cmd_matmul(int argc, char **argv)
{
    if (mg_wants_help(argc, argv)) {
        usage(stdout);
        return MG_EXIT_OK;
    }
    mm_args a;
    if (parse_args(argc, argv, &a)) return MG_EXIT_USAGE;
    char err[1024], canonical[640];
    mg_kv_list kv;
    mg_mm_spec s;
    if (mg_kv_collect(argc, argv, &kv, err, sizeof err) ||
        mg_matmul_configure(a.arith, &kv, (unsigned)a.mode, &s, canonical, sizeof canonical, err, sizeof err)) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    return run(&a, &s, canonical);
}
