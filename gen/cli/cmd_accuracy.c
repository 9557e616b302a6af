/* macgen accuracy: the error a unit's arithmetic adds to dot products, against
 * the exact dot product of the same quantized inputs. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acc_params.h"
#include "acc_vrr.h"
#include "acc_write.h"
#include "accuracy_cmd.h"
#include "cli.h"
#include "commands.h"
#include "fileio.h"
#include "memlimit.h"
#include "npy.h"

#define CMD "accuracy"
#define MACS_MAX (1ull << 36) /* per point: about ten minutes at 100 M MAC/s */
/* The memory of a point, checked against the limit (memlimit.h) before it
 * is taken: the program and its tables, then per result (a dot product, or
 * an element for hbfp_quant) its row record and the two sorted copies the
 * Wasserstein distance takes; --data adds its two arrays
 * (MG_NPY_BYTES_PER_ELEMENT each). */
#define BASE_BYTES (64.0 * 1024 * 1024)
#define ROW_BYTES (double)(sizeof(mg_acc_row) + 2 * sizeof(double))

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
          "  --seed S        random seed (decimal or 0x hex; default 1); results do not\n"
          "                  depend on -j\n"
          "  --data W.npy A.npy  row i of each N x K array (float32/float64) is one dot\n"
          "                  product's operands, rounded to w and a (rne, saturating);\n"
          "                  K=, dist=, scale=, mean= and --trials do not apply\n"
          "  --json F, --csv F   write the figures (whole files or nothing, two\n"
          "                  different files; a symbolic link keeps pointing at its file)\n"
          "  -j N            threads (default: the number of CPUs)\n"
          "  --progress      a progress line on stderr (default: when stderr is a terminal)\n"
          "  --quiet         no table on stdout\n"
          "Numbers are decimal (--seed also 0x hex).  Memory: a point (and --data) is\n"
          "refused before it starts when it would take more than MACGEN_MEM_LIMIT\n"
          "(bytes, K/M/G/T suffix, 0: no limit; default half the RAM).\n",
          out);
    mg_print_exit_help(out);
}

typedef struct {
    const char *unit, *json, *csv, *data_w, *data_a;
    unsigned long long trials, seed, jobs;
    bool trials_given; /* --trials given (refused with --data: the rows are the trials) */
    bool progress, quiet;
} acc_args;

/* One option with a value at argv[*i]: 1 taken (advancing *i), 0 not one,
 * -1 with a reason in err. */
static int value_option(int argc, char **argv, int *i, acc_args *a, char *err, size_t errlen)
{
    const char *arg = argv[*i];
    const char **slot = !strcmp(arg, "--json") ? &a->json : !strcmp(arg, "--csv") ? &a->csv : NULL;
    if (!strcmp(arg, "--data")) {
        if (*i + 2 >= argc) return snprintf(err, errlen, "--data needs two files: W.npy A.npy"), -1;
        a->data_w = argv[++*i];
        a->data_a = argv[++*i];
        return 1;
    }
    if (slot) {
        if (*i + 1 >= argc || !argv[*i + 1][0]) return snprintf(err, errlen, "%s needs a file name", arg), -1;
        *slot = argv[++*i];
        return 1;
    }
    const char *next = *i + 1 < argc ? argv[*i + 1] : NULL;
    /* -j N, -jN and --jobs N, as sweep takes them. */
    bool glued = !strncmp(arg, "-j", 2) && arg[2];
    unsigned long long *num = !strcmp(arg, "--trials") ? &a->trials : !strcmp(arg, "--seed") ? &a->seed
                              : !strcmp(arg, "-j") || !strcmp(arg, "--jobs") || glued ? &a->jobs : NULL;
    if (!num) return 0;
    unsigned long long hi = num == &a->trials ? 10000000ull : num == &a->jobs ? 256 : ~0ull;
    const char *name = glued ? "-j" : arg, *value = glued ? arg + 2 : next;
    if (!value) return snprintf(err, errlen, "%s needs a value", name), -1;
    if (mg_parse_uint(name, value, num == &a->seed ? 0 : 1, hi, num == &a->seed ? MG_NUM_HEX : 0, num, err, errlen))
        return -1;
    if (num == &a->trials) a->trials_given = true;
    if (!glued) ++*i;
    return 1;
}

/* The options and the unit; -1 with a reason in err. */
static int parse_args(int argc, char **argv, acc_args *a, char *err, size_t errlen)
{
    memset(a, 0, sizeof *a);
    a->trials = 1000;
    a->seed = 1;
    a->progress = isatty(2);
    for (int i = 1; i < argc; i++) {
        int r = value_option(argc, argv, &i, a, err, errlen);
        if (r < 0) return -1;
        if (r > 0) continue;
        if (!strcmp(argv[i], "--progress")) a->progress = true;
        else if (!strcmp(argv[i], "--quiet")) a->quiet = true;
        else if (argv[i][0] == '-')
            return snprintf(err, errlen, "unknown option %s (see macgen accuracy --help)", argv[i]), -1;
        else if (!mg_is_kv(argv[i]) && !a->unit) a->unit = argv[i];
        else if (!mg_is_kv(argv[i])) return snprintf(err, errlen, "unexpected argument '%s'", argv[i]), -1;
    }
    if (!a->unit) return snprintf(err, errlen, "give a unit: dot or mac (see macgen accuracy --help)"), -1;
    if (a->data_w && a->trials_given)
        return snprintf(err, errlen, "--trials: with --data each row of the arrays is one trial"), -1;
    if (a->jobs == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        a->jobs = cpus > 0 ? (unsigned long long)cpus : 1;
    }
    const char *outputs[] = { a->json, a->csv };
    return mg_outputs_distinct(outputs, 2, err, errlen);
}

/* Options, unit and parameters (argv's key=value pairs are cut in place);
 * -1 with a reason in err. */
static int parse_all(int argc, char **argv, acc_args *a, mg_acc_params *p, char *err, size_t errlen)
{
    mg_kv_list kv;
    if (parse_args(argc, argv, a, err, errlen) || mg_kv_collect(argc, argv, &kv, err, errlen)) return -1;
    return mg_acc_params_parse(a->unit, &kv, a->data_w != NULL, p, err, errlen);
}

int mg_accuracy_identity(int argc, char **argv, mg_acc_identity *id, char *err, size_t errlen)
{
    acc_args a;
    mg_acc_params *p = malloc(sizeof *p);
    if (!p) return snprintf(err, errlen, "out of memory"), -1;
    int rc = parse_all(argc, argv, &a, p, err, errlen);
    if (rc == 0) {
        memset(id, 0, sizeof *id);
        snprintf(id->unit, sizeof id->unit, "%s", p->unit);
        snprintf(id->params, sizeof id->params, "%s", p->canonical);
        snprintf(id->dist, sizeof id->dist, "%s", mg_dist_name(p->dist.kind));
        id->scale = p->dist.scale;
        id->mean = p->dist.mean;
        id->trials = a.trials;
        id->seed = a.seed;
        id->k = p->k[0];
    }
    free(p);
    return rc;
}

/* Reads the --data pair; -1 after one error line. */
static int load_data(const acc_args *a, double **w, double **x, size_t *rows, size_t *k)
{
    char err[4400];
    size_t r2, k2;
    /* Shapes first: a mismatch or an input too large for the memory limit
     * is refused before anything is read. */
    if (mg_npy_shape(a->data_w, rows, k, err, sizeof err) || mg_npy_shape(a->data_a, &r2, &k2, err, sizeof err)) {
        mg_error(CMD, "%s", err);
        return -1;
    }
    if (r2 != *rows || k2 != *k) {
        mg_error(CMD, "--data: %s is %zu x %zu but %s is %zu x %zu; expected one shape", a->data_w, *rows, *k,
                 a->data_a, r2, k2);
        return -1;
    }
    char what[128];
    snprintf(what, sizeof what, "--data (2 x %zu x %zu elements)", *rows, *k);
    if (mg_mem_check(what, BASE_BYTES + ROW_BYTES * (double)*rows +
                               2.0 * MG_NPY_BYTES_PER_ELEMENT * (double)*rows * (double)*k,
                     err, sizeof err) ||
        mg_npy_read(a->data_w, w, rows, k, err, sizeof err) || mg_npy_read(a->data_a, x, &r2, &k2, err, sizeof err)) {
        mg_error(CMD, "%s", err);
        return -1;
    }
    if (r2 != *rows || k2 != *k) { /* changed while we read it */
        mg_error(CMD, "--data: %s changed while it was read", a->data_a);
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

/* Writes the --json and --csv reports as cost writes its reports
 * (fileio.h: each to a temporary beside the file, or beside a symbolic
 * link's target, renamed into place; a device or FIFO written directly),
 * both complete before either is renamed; -1 after one error line. */
static int write_reports(const acc_args *a, const mg_acc_report *r)
{
    const char *paths[2] = { a->json, a->csv };
    const writer_fn fns[2] = { mg_acc_write_json, mg_acc_write_csv };
    mg_atomic_file f[2];
    bool open[2] = { false, false };
    char err[4400];
    int rc = 0;
    for (int i = 0; i < 2 && rc == 0; i++) {
        if (!paths[i]) continue;
        if (mg_atomic_open(&f[i], paths[i], err, sizeof err) != 0) {
            rc = -1;
            break;
        }
        open[i] = true;
        fns[i](f[i].fp, r);
        if (fflush(f[i].fp) != 0 || ferror(f[i].fp)) {
            snprintf(err, sizeof err, "cannot write %s: %s", paths[i], strerror(errno));
            rc = -1;
        }
    }
    for (int i = 0; i < 2; i++) {
        if (!open[i]) continue;
        if (rc != 0) mg_atomic_abort(&f[i]);
        else if (mg_atomic_commit(&f[i], err, sizeof err) != 0) rc = -1;
    }
    if (rc != 0) mg_error(CMD, "%s", err);
    return rc;
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
        double results = (double)job.rows * (p->is_block && p->block.kind == MG_ACC_BLOCK_HBFP_QUANT ? (double)job.k : 1);
        if (!dw && mg_mem_check(label, BASE_BYTES + ROW_BYTES * results, err, sizeof err)) {
            mg_error(CMD, "%s", err);
            return -1;
        }
        pts[i].k = p->k[i];
        if (mg_acc_run(&job, &pts[i].res, err, sizeof err) != 0) {
            mg_error(CMD, "%s", err);
            return -1;
        }
        /* No row with S != 0: no relative error and no SQNR to report (they
         * would read as a perfect 0 and inf). */
        if (pts[i].res.stats.rows_nonzero == 0) {
            mg_error(CMD, "K=%zu: every exact dot product is 0 (%s): relative errors and SQNR are undefined", job.k,
                     dw ? "all-zero data, or data that rounds to 0 in w and a" : "inputs that round to 0 in w and a");
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
    if (write_reports(a, rep)) return -1;
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
    char err[512];
    static mg_acc_params p; /* large; one per process */
    if (parse_all(argc, argv, &a, &p, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    double *dw = NULL, *da = NULL;
    size_t rows = 0, k = 0;
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
