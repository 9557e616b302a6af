/* macgen sweep: `macgen cost` (and optionally `macgen verify`) over every
 * combination of parameter values, in parallel worker processes, with a
 * progress line per finished point, a CSV and a gnuplot PNG of gates by
 * block. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "cost_write.h"
#include "fileio.h"
#include "sweep_out.h"
#include "sweep_plan.h"
#include "textfile.h"
#include "workdir.h"
#include "yosys_stat.h"

#define CMD "sweep"

static void usage(FILE *out)
{
    fputs("usage: macgen sweep UNIT key=v1,v2,... [options]\n"
          "       macgen sweep --points FILE [options]\n"
          "\n"
          "Runs 'macgen cost' on every combination of the values (the last key varies\n"
          "fastest), N points at a time, printing a line per finished point on stderr\n"
          "and a summary table on stdout.  A format keeps its attributes: in\n"
          "acc=e4m7,fin,ftz,fp32 the values are 'e4m7,fin,ftz' and 'fp32'.\n"
          "A points file has one point per line, 'UNIT key=value ... [label=TEXT]',\n"
          "for sets that are not a grid (e.g. different units side by side).\n"
          "\n"
          "options:\n"
          "  -j N            worker processes (default: the number of CPUs)\n"
          "  --csv FILE      one row per point: totals, verify result, gates per block\n"
          "  --png FILE      a gnuplot chart of gates per block, stacked, per point\n"
          "  --liberty FILE  pass --liberty to every cost run (adds area and timing columns)\n"
          "  --tech NAME     pass --tech to every cost run (e.g. osu018)\n"
          "  --verify        also run 'macgen verify' (default vectors) on every point;\n"
          "                  exit status 1 if any point mismatches\n"
          "  --title TEXT    the chart's title\n"
          "  --baseline LABEL  add columns with each point's saving against the point\n"
          "                  with that label (e.g. --baseline acc=fp32)\n"
          "\n"
          "example: macgen sweep mac w=lba8 a=lba8 acc=lba12,bf16,fp16,fp32 --png acc.png\n"
          "A point that cannot be costed stops the sweep: one line naming it, exit 2,\n"
          "no output files.\n",
          out);
}

typedef struct {
    const char *unit, *points, *csv, *png, *liberty, *tech, *title, *baseline;
    long jobs;
    bool verify;
    /* The key=value arguments, without option values (a --title or
     * --baseline value may contain '=' too). */
    char *kv_args[64];
    int n_kv;
} sweep_args;

static int parse_args(int argc, char **argv, sweep_args *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char **slot = NULL;
        if (!strcmp(arg, "--csv")) slot = &a->csv;
        else if (!strcmp(arg, "--png")) slot = &a->png;
        else if (!strcmp(arg, "--liberty")) slot = &a->liberty;
        else if (!strcmp(arg, "--tech")) slot = &a->tech;
        else if (!strcmp(arg, "--points")) slot = &a->points;
        else if (!strcmp(arg, "--title")) slot = &a->title;
        else if (!strcmp(arg, "--baseline")) slot = &a->baseline;
        if (slot) {
            if (i + 1 >= argc || !argv[i + 1][0]) {
                mg_error(CMD, "%s needs a value (see macgen sweep --help)", arg);
                return -1;
            }
            *slot = argv[++i];
        } else if (!strcmp(arg, "-j") || !strncmp(arg, "-j", 2) || !strcmp(arg, "--jobs")) {
            const char *v = arg[2] && arg[1] == 'j' ? arg + 2 : (i + 1 < argc ? argv[++i] : "");
            char *end;
            a->jobs = strtol(v, &end, 10);
            if (!*v || *end || a->jobs < 1 || a->jobs > 256) {
                mg_error(CMD, "-j wants a number of workers from 1 to 256, not '%s'", v);
                return -1;
            }
        } else if (!strcmp(arg, "--verify")) {
            a->verify = true;
        } else if (arg[0] == '-') {
            mg_error(CMD, "unknown option %s (see macgen sweep --help)", arg);
            return -1;
        } else if (mg_is_kv(arg)) {
            if (a->n_kv == (int)(sizeof a->kv_args / sizeof a->kv_args[0])) {
                mg_error(CMD, "too many key=value parameters");
                return -1;
            }
            a->kv_args[a->n_kv++] = argv[i];
        } else if (!a->unit) {
            a->unit = arg;
        } else {
            mg_error(CMD, "unexpected argument '%s' (parameters are key=v1,v2,...)", arg);
            return -1;
        }
    }
    if (!a->unit == !a->points) {
        mg_error(CMD, "give a UNIT with key=v1,v2,... or --points FILE (see macgen sweep --help)");
        return -1;
    }
    if (a->jobs == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        a->jobs = cpus > 0 ? cpus : 1;
    }
    return 0;
}

/* The argument vector of one cost or verify run of a point (malloc'd
 * strings: the commands write into their arguments). */
static char **point_argv(const char *command, const mg_sweep_point *pt, const char *json,
                         const sweep_args *a, int *argc)
{
    char **v = calloc(pt->n + 8, sizeof *v);
    if (!v) return NULL;
    int n = 0;
    v[n++] = strdup(command);
    v[n++] = strdup(pt->unit);
    for (size_t k = 0; k < pt->n; k++) {
        size_t len = strlen(pt->keys[k]) + strlen(pt->values[k]) + 2;
        if ((v[n] = malloc(len))) snprintf(v[n], len, "%s=%s", pt->keys[k], pt->values[k]);
        n++;
    }
    if (json) {
        v[n++] = strdup("--json");
        v[n++] = strdup(json);
        v[n++] = strdup("--quiet");
        if (a && (a->liberty || a->tech)) {
            v[n++] = strdup(a->liberty ? "--liberty" : "--tech");
            v[n++] = strdup(a->liberty ? a->liberty : a->tech);
        }
    }
    for (int i = 0; i < n; i++)
        if (!v[i]) return NULL;
    *argc = n;
    return v;
}

/* Standard output to /dev/null, standard error to log. */
static int redirect(const char *log)
{
    int out = open("/dev/null", O_WRONLY);
    int err = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (out < 0 || err < 0) return -1;
    fflush(stdout);
    fflush(stderr);
    dup2(out, 1);
    dup2(err, 2);
    close(out);
    close(err);
    return 0;
}

/* Worker exit statuses. */
enum { WORKER_OK = 0, WORKER_MISMATCH = 1, WORKER_COST_FAILED = 2, WORKER_VERIFY_FAILED = 3 };

static void file_name(char *out, size_t len, const char *dir, const char *what, size_t i,
                      const char *ext)
{
    snprintf(out, len, "%s/%s%zu.%s", dir, what, i, ext);
}

/* In the child: cost the point, then verify it. */
static void run_worker(const mg_sweep_point *pt, size_t index, const char *dir, const sweep_args *a)
{
    char json[4200], log[4200];
    file_name(json, sizeof json, dir, "p", index, "json");
    file_name(log, sizeof log, dir, "p", index, "log");
    int argc;
    char **argv = point_argv("cost", pt, json, a, &argc);
    if (!argv || redirect(log) != 0) _exit(WORKER_COST_FAILED);
    int rc = cmd_cost(argc, argv);
    fflush(stdout);
    fflush(stderr);
    if (rc != MG_EXIT_OK) _exit(WORKER_COST_FAILED);
    if (!a->verify) _exit(WORKER_OK);
    file_name(log, sizeof log, dir, "v", index, "log");
    argv = point_argv("verify", pt, NULL, NULL, &argc);
    if (!argv || redirect(log) != 0) _exit(WORKER_VERIFY_FAILED);
    rc = cmd_verify(argc, argv);
    fflush(stdout);
    fflush(stderr);
    _exit(rc == MG_EXIT_OK ? WORKER_OK : rc == MG_EXIT_MISMATCH ? WORKER_MISMATCH : WORKER_VERIFY_FAILED);
}

/* The last line a failed worker logged. */
static void worker_message(const char *dir, const char *what, size_t i, char *out, size_t len)
{
    char path[4200], err[256], *text;
    file_name(path, sizeof path, dir, what, i, "log");
    out[0] = '\0';
    if (mg_read_text_file(path, &text, NULL, err, sizeof err) == 0) {
        mg_ys_last_error(text, out, len);
        free(text);
    }
    if (!out[0]) snprintf(out, len, "no message");
}

typedef struct {
    int status;     /* worker exit status, or -1 while not finished */
    pid_t pid;
} worker_state;

/* Runs every point; returns the index of the first failed point, or -1. */
static long run_points(const mg_sweep_plan *plan, const char *dir, const sweep_args *a,
                       mg_sweep_result *res, worker_state *w, char *err, size_t errlen)
{
    size_t next = 0, running = 0, done = 0;
    long failed = -1;
    while (done < plan->n) {
        if (failed < 0 && next < plan->n && running < (size_t)a->jobs) {
            fflush(stdout);
            fflush(stderr);
            pid_t pid = fork();
            if (pid < 0) {
                snprintf(err, errlen, "cannot start a worker: %s", strerror(errno));
                failed = (long)next;
                w[next].status = WORKER_COST_FAILED;
                done += plan->n - next;   /* never started */
                next = plan->n;
                continue;
            }
            if (pid == 0) run_worker(&plan->points[next], next, dir, a);
            w[next].pid = pid;
            next++;
            running++;
            continue;
        }
        if (running == 0) {
            done += plan->n - next;   /* a failure stopped the launches */
            break;
        }
        int st;
        pid_t pid = waitpid(-1, &st, 0);
        if (pid < 0) {
            if (errno == EINTR) continue;
            snprintf(err, errlen, "waiting for workers: %s", strerror(errno));
            return failed >= 0 ? failed : 0;
        }
        size_t i = 0;
        while (i < next && w[i].pid != pid) i++;
        if (i == next) continue;
        running--;
        done++;
        w[i].status = WIFEXITED(st) ? WEXITSTATUS(st) : WORKER_COST_FAILED;
        const mg_sweep_point *pt = &plan->points[i];
        if (w[i].status == WORKER_COST_FAILED || w[i].status == WORKER_VERIFY_FAILED) {
            char msg[512];
            worker_message(dir, w[i].status == WORKER_COST_FAILED ? "p" : "v", i, msg, sizeof msg);
            fprintf(stderr, "sweep [%zu/%zu] %s: FAILED\n", done, plan->n, pt->label);
            if (failed < 0) {
                failed = (long)i;
                snprintf(err, errlen, "point '%s' failed: %s", pt->label, msg);
            }
            continue;
        }
        char json[4200];
        file_name(json, sizeof json, dir, "p", i, "json");
        char why[512];
        if (mg_sweep_read_result(json, &res[i], why, sizeof why) != 0) {
            if (failed < 0) {
                failed = (long)i;
                snprintf(err, errlen, "point '%s': %s", pt->label, why);
            }
            continue;
        }
        if (a->verify) res[i].verify = w[i].status == WORKER_MISMATCH ? 1 : 0;
        fprintf(stderr, "sweep [%zu/%zu] %s: %ld gates, depth %ld%s\n", done, plan->n, pt->label,
                res[i].gates, res[i].depth,
                !a->verify ? "" : res[i].verify ? ", verify MISMATCH" : ", verified");
    }
    return failed;
}

/* The index of the point labelled label, or -1. */
static long find_point(const mg_sweep_plan *plan, const char *label)
{
    for (size_t p = 0; p < plan->n; p++)
        if (!strcmp(plan->points[p].label, label)) return (long)p;
    return -1;
}

/* With a library, area and delay columns; with a baseline point, two more:
 * the fraction of its gates and of its NAND2 equivalents each point saves. */
static void print_summary(const mg_sweep_plan *plan, const mg_sweep_result *res, long base)
{
    bool timing = res[0].has_timing;
    printf("%-40s %9s %10s %6s %6s", "point", "gates", "NAND2 eq", "depth", "flops");
    if (timing) printf(" %10s %9s", "um^2", "ns");
    if (base >= 0) printf(" %12s %12s", "gates saved", "NAND2 saved");
    putchar('\n');
    for (size_t p = 0; p < plan->n; p++) {
        printf("%-40s %9ld %10.2f %6ld %6ld", plan->points[p].label, res[p].gates, res[p].nand2_eq,
               res[p].depth, res[p].flops);
        if (timing) printf(" %10.0f %9.3f", res[p].area, res[p].delay_ns);
        if (base >= 0 && res[base].gates > 0 && res[base].nand2_eq > 0)
            printf(" %11.1f%% %11.1f%%", 100.0 * (1.0 - (double)res[p].gates / (double)res[base].gates),
                   100.0 * (1.0 - res[p].nand2_eq / res[base].nand2_eq));
        putchar('\n');
    }
}

/* Copies the PNG gnuplot wrote into the (still uncommitted) output. */
static int copy_file(const char *from, FILE *to, char *err, size_t errlen)
{
    FILE *in = fopen(from, "rb");
    if (!in) {
        snprintf(err, errlen, "gnuplot wrote no picture");
        return -1;
    }
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) fwrite(buf, 1, n, to);
    fclose(in);
    return 0;
}

static int plot(const mg_sweep_plan *plan, const mg_sweep_result *res, const char *dir,
                const sweep_args *a, FILE *png, char *err, size_t errlen)
{
    char path[4200], title[256];
    snprintf(path, sizeof path, "%s/%s", dir, MG_SWEEP_PLOT_DATA);
    FILE *f = fopen(path, "w");
    if (!f) {
        snprintf(err, errlen, "cannot write %.900s: %s", path, strerror(errno));
        return -1;
    }
    mg_sweep_write_plot_data(f, plan, res);
    fclose(f);
    snprintf(path, sizeof path, "%s/%s", dir, MG_SWEEP_PLOT_SCRIPT);
    if (!(f = fopen(path, "w"))) {
        snprintf(err, errlen, "cannot write %.900s: %s", path, strerror(errno));
        return -1;
    }
    if (a->title)
        snprintf(title, sizeof title, "%s", a->title);
    else
        snprintf(title, sizeof title, "macgen sweep %s: 2-input gates by block",
                 a->unit ? a->unit : "points");
    mg_sweep_write_plot_script(f, plan, res, title);
    fclose(f);
    const char *argv[] = { "gnuplot", MG_SWEEP_PLOT_SCRIPT, NULL };
    char log[4200];
    snprintf(log, sizeof log, "%s/gnuplot.log", dir);
    int status;
    if (mg_run_tool(argv, dir, log, &status, err, errlen) != 0) return -1;
    if (status != 0) {
        char *text, why[256], last[512] = "no message";
        if (mg_read_text_file(log, &text, NULL, why, sizeof why) == 0) {
            mg_ys_last_error(text, last, sizeof last);
            free(text);
        }
        snprintf(err, errlen, "gnuplot failed (exit status %d): %s", status, last);
        return -1;
    }
    snprintf(path, sizeof path, "%s/%s", dir, MG_SWEEP_PLOT_PNG);
    return copy_file(path, png, err, errlen);
}

/* CSV and PNG are complete in temporary files before either is renamed. */
static int write_outputs(const mg_sweep_plan *plan, const mg_sweep_result *res, const char *dir,
                         const sweep_args *a, char *err, size_t errlen)
{
    mg_atomic_file csv, png;
    bool have_csv = false, have_png = false;
    int rc = -1;
    if (a->csv) {
        if (mg_atomic_open(&csv, a->csv, err, errlen) != 0) goto out;
        have_csv = true;
        mg_sweep_write_csv(csv.fp, plan, res);
    }
    if (a->png) {
        if (mg_atomic_open(&png, a->png, err, errlen) != 0) goto out;
        have_png = true;
        if (plot(plan, res, dir, a, png.fp, err, errlen) != 0) goto out;
    }
    if (have_csv) {
        have_csv = false;
        if (mg_atomic_commit(&csv, err, errlen) != 0) goto out;
    }
    if (have_png) {
        have_png = false;
        if (mg_atomic_commit(&png, err, errlen) != 0) {
            if (a->csv) remove(a->csv);
            goto out;
        }
    }
    rc = 0;
out:
    if (have_csv) mg_atomic_abort(&csv);
    if (have_png) mg_atomic_abort(&png);
    return rc;
}

int cmd_sweep(int argc, char **argv)
{
    if (mg_wants_help(argc, argv)) {
        usage(stdout);
        return MG_EXIT_OK;
    }
    sweep_args a;
    if (parse_args(argc, argv, &a) != 0) return MG_EXIT_USAGE;
    char err[1024];
    mg_kv_list kv;
    if (mg_kv_collect(a.n_kv, a.kv_args, &kv, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    if (a.points && kv.count) {
        mg_error(CMD, "--points FILE takes no key=value parameters (got %s=...)", kv.items[0].key);
        return MG_EXIT_USAGE;
    }
    mg_sweep_plan plan;
    int rc = a.points ? mg_sweep_read_points(a.points, &plan, err, sizeof err)
                      : mg_sweep_grid(a.unit, &kv, &plan, err, sizeof err);
    if (rc != 0) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    long base = a.baseline ? find_point(&plan, a.baseline) : -1;
    if (a.baseline && base < 0) {
        mg_error(CMD, "--baseline %s names no point (labels look like %s)", a.baseline, plan.points[0].label);
        mg_sweep_plan_free(&plan);
        return MG_EXIT_USAGE;
    }
    char dir[4096];
    mg_sweep_result *res = calloc(plan.n, sizeof *res);
    worker_state *w = calloc(plan.n, sizeof *w);
    if (!res || !w || mg_workdir_create(CMD, dir, sizeof dir, err, sizeof err) != 0) {
        if (!res || !w) snprintf(err, sizeof err, "out of memory");
        free(res);
        free(w);
        mg_sweep_plan_free(&plan);
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    fprintf(stderr, "sweep: %zu point%s, %ld worker%s\n", plan.n, plan.n == 1 ? "" : "s", a.jobs,
            a.jobs == 1 ? "" : "s");
    long failed = run_points(&plan, dir, &a, res, w, err, sizeof err);
    int exit_code = MG_EXIT_OK;
    if (failed >= 0 || write_outputs(&plan, res, dir, &a, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        exit_code = MG_EXIT_USAGE;
    } else {
        print_summary(&plan, res, base);
        size_t mismatches = 0;
        for (size_t p = 0; p < plan.n; p++) mismatches += res[p].verify == 1;
        if (mismatches) {
            mg_error(CMD, "%zu point%s failed verification (see the verify column)", mismatches,
                     mismatches == 1 ? "" : "s");
            exit_code = MG_EXIT_MISMATCH;
        }
    }
    mg_workdir_remove(dir);
    free(res);
    free(w);
    mg_sweep_plan_free(&plan);
    return exit_code;
}
