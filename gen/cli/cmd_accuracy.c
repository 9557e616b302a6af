/* macgen accuracy: the error a unit's arithmetic adds to dot products, against
 * the exact dot product of the same quantized inputs. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acc_params.h"
#include "acc_vrr.h"
#include "acc_write.h"
#include "cli.h"
#include "commands.h"
#include "fileio.h"
#include "npy.h"

#define CMD "accuracy"
#define MACS_MAX (1ull << 36) /* per point: about ten minutes at 100 M MAC/s */

static void usage(FILE *out)
{
    fputs("usage: macgen accuracy dot|mac|hbfp_dot|hbfp_quant|mx_dot key=value... [options]\n"
          "\n"
          "Runs the golden model on many dot products and compares each result R with\n"
          "the exact dot product S of the same quantized inputs (exact integers, not\n"
          "fp64).  Per length K it reports the mean, RMS and largest |R-S|/|S| (rows with\n"
          "S != 0), the fraction of R equal to S correctly rounded to fp32, the SQNR in\n"
          "dB, the Wasserstein-1 distance between the laws of R and S, Var(R)/Var(S)\n"
          "beside the variance retention predicted by a Sakr et al. swamping model,\n"
          "and the LBA events (swamping, underflow, overflow) per MAC step.\n"
          "\n"
          "parameters (dot; mac is a dot product of one chunk into acc):\n"
          "  w= a= prod= acc= acc2= chunk= round= rbits= ovf= fused=   as in 'macgen eval dot'\n"
          "                  (defaults lba8, lba8, acc, lba12, acc, 16; chunk=0: no chunking)\n"
          "hbfp_dot: n= block= exp= round= rbits= acc= (as 'macgen eval hbfp_dot'; default acc=fp32)\n"
          "          boost=6 mix=F: the Accuracy Booster mix, a fraction F (default 0.01) of\n"
          "          the dot products, spread evenly, in HBFP6 (docs/spec/hbfp.md section 7)\n"
          "mx_dot:   elem= block= mxscale=floor|ceil round= rbits= acc= fused= (as eval mx_dot)\n"
          "hbfp_quant: n= block= exp= round= rbits=: the conversion alone, every element\n"
          "          of a block one result (R its block value, S its fp32 input)\n"
          "          inputs are rounded to fp32, cut into blocks along K (the last one\n"
          "          zero-padded); S is the exact dot product of the fp32 inputs\n"
          "  K=64,1024,...   dot-product lengths, one point each (default 1024)\n"
          "  dist=normal|laplace|uniform scale=S mean=M   inputs (default normal 1 0);\n"
          "                  drawn reals are rounded to w and a with rne and saturation\n"
          "options:\n"
          "  --trials N      dot products per point (default 1000, at most 10^7)\n"
          "  --seed S        random seed (default 1); results do not depend on -j\n"
          "  --data W.npy A.npy  row i of each N x K array (float32/float64) is one dot\n"
          "                  product's operands, rounded to w and a (rne, saturating)\n"
          "  --json F, --csv F   write the figures (whole files or nothing)\n"
          "  -j N            threads (default: the number of CPUs)\n"
          "  --progress      a progress line on stderr (default: when stderr is a terminal)\n"
          "  --quiet         no table on stdout\n"
          "exit status: 0 done, 2 bad input, 4 an output file could not be written\n",
          out);
}

typedef struct {
    const char *unit, *json, *csv, *data_w, *data_a;
    unsigned long long trials, seed, jobs;
    bool progress, quiet;
} acc_args;

static int value_option(int argc, char **argv, int *i, acc_args *a)
{
    const char *arg = argv[*i];
    const char **slot = !strcmp(arg, "--json") ? &a->json : !strcmp(arg, "--csv") ? &a->csv : NULL;
    if (!strcmp(arg, "--data")) {
        if (*i + 2 >= argc) return mg_error(CMD, "--data needs two files: W.npy A.npy"), -1;
        a->data_w = argv[++*i];
        a->data_a = argv[++*i];
        return 1;
    }
    if (slot) {
        if (*i + 1 >= argc || !argv[*i + 1][0]) return mg_error(CMD, "%s needs a file name", arg), -1;
        *slot = argv[++*i];
        return 1;
    }
    const char *next = *i + 1 < argc ? argv[*i + 1] : NULL;
    unsigned long long *num = !strcmp(arg, "--trials") ? &a->trials : !strcmp(arg, "--seed") ? &a->seed
                              : !strcmp(arg, "-j") ? &a->jobs : NULL;
    if (!num) return 0;
    unsigned long long hi = num == &a->trials ? 10000000ull : num == &a->jobs ? 256 : ~0ull;
    if (mg_parse_option_u64(CMD, arg, next, num == &a->seed ? 0 : 1, hi, num)) return -1;
    ++*i;
    return 1;
}

static int parse_args(int argc, char **argv, acc_args *a)
{
    memset(a, 0, sizeof *a);
    a->trials = 1000;
    a->seed = 1;
    a->progress = isatty(2);
    for (int i = 1; i < argc; i++) {
        int r = value_option(argc, argv, &i, a);
        if (r < 0) return -1;
        if (r > 0) continue;
        if (!strcmp(argv[i], "--progress")) a->progress = true;
        else if (!strcmp(argv[i], "--quiet")) a->quiet = true;
        else if (argv[i][0] == '-') return mg_error(CMD, "unknown option %s (see macgen accuracy --help)", argv[i]), -1;
        else if (!mg_is_kv(argv[i]) && !a->unit) a->unit = argv[i];
        else if (!mg_is_kv(argv[i])) return mg_error(CMD, "unexpected argument '%s'", argv[i]), -1;
    }
    if (!a->unit) return mg_error(CMD, "give a unit: dot or mac (see macgen accuracy --help)"), -1;
    if (a->jobs == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        a->jobs = cpus > 0 ? (unsigned long long)cpus : 1;
    }
    return 0;
}

/* Reads the --data pair; -1 after one error line. */
static int load_data(const acc_args *a, double **w, double **x, size_t *rows, size_t *k)
{
    char err[4400];
    size_t r2, k2;
    if (mg_npy_read(a->data_w, w, rows, k, err, sizeof err) || mg_npy_read(a->data_a, x, &r2, &k2, err, sizeof err)) {
        mg_error(CMD, "%s", err);
        return -1;
    }
    if (r2 != *rows || k2 != *k) {
        mg_error(CMD, "--data: %s is %zu x %zu but %s is %zu x %zu; expected one shape", a->data_w, *rows, *k,
                 a->data_a, r2, k2);
        return -1;
    }
    for (size_t i = 0; i < *rows * *k; i++)
        if ((*w)[i] != (*w)[i] || (*x)[i] != (*x)[i]) {
            mg_error(CMD, "--data: NaN at row %zu, column %zu", i / *k, i % *k);
            return -1;
        }
    return 0;
}

typedef void (*writer_fn)(FILE *, const mg_acc_report *);

/* A device, pipe or symbolic link (/dev/stdout, /dev/full, a FIFO) is
 * written in place: renaming a temporary onto it would replace the node. */
static int write_special(const char *path, writer_fn fn, const mg_acc_report *r)
{
    FILE *fp = fopen(path, "w");
    if (!fp) {
        mg_error(CMD, "%s: %s", path, strerror(errno));
        return -1;
    }
    fn(fp, r);
    int bad = fflush(fp) != 0 || ferror(fp);
    int e = errno;
    if (fclose(fp) != 0) bad = 1;
    if (bad) mg_error(CMD, "%s: %s", path, strerror(e));
    return bad ? -1 : 0;
}

/* Writes path whole or not at all; -1 after one error line. */
static int write_file(const char *path, writer_fn fn, const mg_acc_report *r)
{
    mg_atomic_file f;
    char err[4400];
    struct stat st;
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) return write_special(path, fn, r);
    if (mg_atomic_open(&f, path, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        return -1;
    }
    fn(f.fp, r);
    if (mg_atomic_commit(&f, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        return -1;
    }
    return 0;
}

static int run_points(const acc_args *a, const mg_acc_params *p, const double *dw, const double *da, size_t rows,
                      mg_acc_point *pts)
{
    const mg_dot_spec *s = &p->spec;
    for (int i = 0; i < p->n_k; i++) {
        char err[512], label[64];
        mg_acc_job job = { *s, p->rnd, p->is_block ? &p->block : NULL, p->k[i], dw ? rows : a->trials, dw, da,
                           p->dist, a->seed, (uint64_t)i, (int)a->jobs, a->progress, label };
        snprintf(label, sizeof label, "K=%zu", p->k[i]);
        if ((double)job.rows * (double)job.k > (double)MACS_MAX) {
            mg_error(CMD, "K=%zu x %zu trials is over 2^36 MAC steps per point: fewer trials or a smaller K", job.k,
                     job.rows);
            return -1;
        }
        pts[i].k = p->k[i];
        if (mg_acc_run(&job, &pts[i].res, err, sizeof err) != 0) {
            mg_error(CMD, "%s", err);
            return -1;
        }
        /* The swamping model applies to float accumulation of products. */
        pts[i].vrr_predicted = p->is_block ? NAN
                                           : mg_acc_vrr_predict(s->mac.acc.frac_bits, s->acc2.frac_bits,
                                                                p->rnd.mode == MG_RNE, p->k[i], s->chunk);
    }
    return 0;
}

static int write_outputs(const acc_args *a, const mg_acc_report *rep)
{
    if (a->json && write_file(a->json, mg_acc_write_json, rep)) return -1;
    if (a->csv && write_file(a->csv, mg_acc_write_csv, rep)) return -1;
    if (!a->quiet) {
        mg_acc_write_table(stdout, rep);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            mg_error(CMD, "cannot write standard output");
            return -1;
        }
    }
    return 0;
}

int cmd_accuracy(int argc, char **argv)
{
    if (mg_wants_help(argc, argv)) {
        usage(stdout);
        return MG_EXIT_OK;
    }
    acc_args a;
    mg_kv_list kv;
    char err[512];
    if (parse_args(argc, argv, &a) != 0) return MG_EXIT_USAGE;
    if (mg_kv_collect(argc, argv, &kv, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    static mg_acc_params p; /* large; one per process */
    double *dw = NULL, *da = NULL;
    size_t rows = 0, k = 0;
    if (mg_acc_params_parse(a.unit, &kv, a.data_w != NULL, &p, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    if (a.data_w) {
        if (load_data(&a, &dw, &da, &rows, &k) != 0) {
            free(dw);
            free(da);
            return MG_EXIT_USAGE;
        }
        p.k[0] = k;
        p.n_k = 1;
    }
    mg_acc_point pts[MG_ACC_POINTS_MAX];
    int rc = run_points(&a, &p, dw, da, rows, pts) ? MG_EXIT_USAGE : MG_EXIT_OK;
    mg_acc_report rep = { &p, pts, p.n_k, a.trials, a.seed, a.data_w, a.data_a };
    if (rc == MG_EXIT_OK && write_outputs(&a, &rep) != 0) rc = MG_EXIT_IO;
    free(dw);
    free(da);
    return rc;
}
