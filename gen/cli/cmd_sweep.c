/* macgen sweep: `macgen cost` (and optionally `macgen verify`) over every
 * combination of parameter values, in parallel worker processes, with a
 * progress line per finished point, a CSV and a gnuplot PNG of gates by
 * block. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "cost_write.h"
#include "fileio.h"
#include "run_tool.h"
#include "sweep_cmd.h"
#include "textfile.h"
#include "workdir.h"
#include "yosys_stat.h"

#define CMD "sweep"



static int parse_args(int argc, char **argv, sweep_args *a)
{
    const char *run_point = NULL;
    memset(a, 0, sizeof *a);
    a->run_point = -1;
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
        else if (!strcmp(arg, "--accuracy")) slot = &a->accuracy;
        else if (!strcmp(arg, "--emit-jobs")) slot = &a->emit_jobs;
        else if (!strcmp(arg, "--results")) slot = &a->results;
        else if (!strcmp(arg, "--merge")) slot = &a->merge;
        else if (!strcmp(arg, "--series")) slot = &a->series;
        else if (!strcmp(arg, "--run-point")) slot = &run_point;
        else if (!strcmp(arg, "--tool-timeout")) slot = &a->timeout;
        if (slot) {
            if (i + 1 >= argc || !argv[i + 1][0]) {
                mg_error(CMD, "%s needs a value (see macgen sweep --help)", arg);
                return -1;
            }
            *slot = argv[++i];
        } else if (!strcmp(arg, "-j") || !strncmp(arg, "-j", 2) || !strcmp(arg, "--jobs")) {
            const char *v = arg[2] && arg[1] == 'j' ? arg + 2 : (i + 1 < argc ? argv[++i] : NULL);
            unsigned long long jobs;
            if (mg_parse_option_u64(CMD, "-j", v, 1, 256, 0, &jobs)) return -1;
            a->jobs = (long)jobs;
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
    if (run_point) {
        unsigned long long p;
        if (mg_parse_option_u64(CMD, "--run-point", run_point, 0, MG_SWEEP_MAX_POINTS - 1, 0, &p)) return -1;
        a->run_point = (long)p;
        if (!a->results) {
            mg_error(CMD, "--run-point I needs --results DIR (the emitted job lines give both)");
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
    const char *liberty = a->liberty;
    char **v = calloc(pt->n + 10, sizeof *v);
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
        if (liberty || a->tech) {
            v[n++] = strdup(liberty ? "--liberty" : "--tech");
            v[n++] = strdup(liberty ? liberty : a->tech);
        }
    }
    if (a->timeout) {
        v[n++] = strdup("--tool-timeout");
        v[n++] = strdup(a->timeout);
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
/* Worker exit statuses: a failed run adds its own exit status to its base,
 * so that the sweep can exit with it. */
enum { WORKER_OK = 0, WORKER_MISMATCH = 1, WORKER_COST_FAILED = 10, WORKER_VERIFY_FAILED = 20 };
#define WORKER_RC_SPAN 10


/* In the child: cost the point, then verify it. */
static void run_worker(const mg_sweep_point *pt, size_t index, const char *dir, const sweep_args *a)
{
    char json[4200], log[4200];
    mg_sweep_file_name(json, sizeof json, dir, "p", index, "json");
    mg_sweep_file_name(log, sizeof log, dir, "p", index, "log");
    int argc;
    char **argv = point_argv("cost", pt, json, a, &argc);
    if (!argv || redirect(log) != 0) _exit(WORKER_COST_FAILED + MG_EXIT_IO);
    int rc = cmd_cost(argc, argv);
    fflush(stdout);
    fflush(stderr);
    mg_tool_reraise_pending();
    if (rc != MG_EXIT_OK) _exit(WORKER_COST_FAILED + (rc < WORKER_RC_SPAN ? rc : MG_EXIT_USAGE));
    if (a->accuracy) {
        mg_sweep_file_name(json, sizeof json, dir, "a", index, "json");
        rc = mg_sweep_run_accuracy(pt, a->accuracy, json);
        if (rc != MG_EXIT_OK) _exit(WORKER_COST_FAILED + (rc < WORKER_RC_SPAN ? rc : MG_EXIT_USAGE));
    }
    if (!a->verify) _exit(WORKER_OK);
    mg_sweep_file_name(log, sizeof log, dir, "v", index, "log");
    sweep_args va = *a;
    va.liberty = NULL;
    va.tech = NULL;
    argv = point_argv("verify", pt, NULL, &va, &argc);
    if (!argv || redirect(log) != 0) _exit(WORKER_VERIFY_FAILED + MG_EXIT_IO);
    rc = cmd_verify(argc, argv);
    fflush(stdout);
    fflush(stderr);
    mg_tool_reraise_pending();
    _exit(rc == MG_EXIT_OK         ? WORKER_OK
          : rc == MG_EXIT_MISMATCH ? WORKER_MISMATCH
                                   : WORKER_VERIFY_FAILED + (rc < WORKER_RC_SPAN ? rc : MG_EXIT_USAGE));
}

/* The last line a failed worker logged. */
static void worker_message(const char *dir, const char *what, size_t i, char *out, size_t len)
{
    char name[64], err[256], *text;
    snprintf(name, sizeof name, "%s%zu.log", what, i);
    char *path = mg_path_join(dir, name);
    out[0] = '\0';
    if (path && mg_read_text_file(path, &text, NULL, err, sizeof err) == 0) {
        mg_ys_last_error(text, out, len);
        free(text);
    }
    free(path);
    if (!out[0]) snprintf(out, len, "no message");
}

typedef struct {
    int status;     /* worker exit status, or -1 while not finished */
    pid_t pid;
} worker_state;

/* Passes a signal macgen got on to the running workers, once: each stops
 * its tool run and cleans up (run_tool.c), and the sweep waits for them
 * before it removes its directory and ends with the same signal. */
static void stop_workers(const worker_state *w, size_t next, bool *stopped)
{
    int sig = mg_tool_pending_signal();
    if (!sig || *stopped) return;
    for (size_t i = 0; i < next; i++)
        if (w[i].status < 0 && w[i].pid > 0) kill(w[i].pid, sig);
    *stopped = true;
}

/* Waits for a worker to end.  Polls every 50 ms instead of blocking, so that
 * a signal that arrives just before the wait is still seen at once: returns
 * 0 when a signal is pending that has not been passed on yet. */
static pid_t wait_worker(int *st, bool stopped)
{
    for (;;) {
        pid_t pid = waitpid(-1, st, WNOHANG);
        if (pid != 0) return pid;
        if (mg_tool_pending_signal() && !stopped) return 0;
        struct timespec nap = { 0, 50L * 1000 * 1000 };
        nanosleep(&nap, NULL);
    }
}

/* Runs every point; returns the index of the first failed point, or -1. */
static long run_points(const mg_sweep_plan *plan, const char *dir, const sweep_args *a,
                       mg_sweep_result *res, mg_sweep_acc *acc, worker_state *w, const mg_signal_guard *guard,
                       char *err, size_t errlen)
{
    size_t next = 0, running = 0, done = 0;
    long failed = -1;
    bool stopped = false;
    const pid_t sweep_pid = getpid();
    for (size_t i = 0; i < plan->n; i++) w[i].status = -1;
    while (done < plan->n) {
        stop_workers(w, next, &stopped);   /* once stopped, no more launches */
        if (failed < 0 && !stopped && next < plan->n && running < (size_t)a->jobs) {
            fflush(stdout);
            fflush(stderr);
            pid_t pid = fork();
            if (pid < 0) {
                snprintf(err, errlen, "cannot start a worker: %s", strerror(errno));
                failed = (long)next;
                w[next].status = WORKER_COST_FAILED + MG_EXIT_USAGE;
                done += plan->n - next;   /* never started */
                next = plan->n;
                continue;
            }
            if (pid == 0) {
                /* A worker dies with the sweep, even a sweep killed by
                 * SIGKILL (which it cannot pass on): SIGTERM from the
                 * kernel, then the worker stops its tools and cleans up.
                 * A sweep gone before the request took hold is checked. */
                prctl(PR_SET_PDEATHSIG, SIGTERM);
                if (getppid() != sweep_pid) _exit(WORKER_COST_FAILED + MG_EXIT_TOOL);
                /* The worker's own temporary directories go inside the
                 * sweep's, which the sweep removes after every worker has
                 * ended, even one a signal killed mid-cleanup. */
                setenv("TMPDIR", dir, 1);
                mg_tool_restore_signals(guard);
                run_worker(&plan->points[next], next, dir, a);
            }
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
        pid_t pid = wait_worker(&st, stopped);
        if (pid == 0) continue;   /* a signal to pass on */
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
        w[i].status = WIFEXITED(st) ? WEXITSTATUS(st) : WORKER_COST_FAILED + MG_EXIT_USAGE;
        const mg_sweep_point *pt = &plan->points[i];
        if (w[i].status >= WORKER_COST_FAILED) {
            char msg[512];
            worker_message(dir, w[i].status < WORKER_VERIFY_FAILED ? "p" : "v", i, msg, sizeof msg);
            fprintf(stderr, "sweep [%zu/%zu] %s: %s\n", done, plan->n, pt->label, stopped ? "stopped" : "FAILED");
            if (failed < 0) {
                failed = (long)i;
                snprintf(err, errlen, "point '%s' failed: %s", pt->label, msg);
            }
            continue;
        }
        char json[4200];
        mg_sweep_file_name(json, sizeof json, dir, "p", i, "json");
        char why[512];
        int bad = mg_sweep_read_result(json, &res[i], why, sizeof why);
        if (!bad && acc) {
            char ajson[4200];
            mg_sweep_file_name(ajson, sizeof ajson, dir, "a", i, "json");
            bad = mg_sweep_read_accuracy(ajson, json, NULL, &acc[i], why, sizeof why);
        }
        if (bad) {
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



/* Options, plan, baseline and what every point's results must say they
 * are (*exp, malloc'd); every point validated as its runs would, before
 * anything runs or is written.  0, or an exit status after one error line. */
static int load_plan(int argc, char **argv, sweep_args *a, mg_sweep_plan *plan, long *base, mg_sweep_expect **exp)
{
    if (parse_args(argc, argv, a) != 0) return MG_EXIT_USAGE;
    unsigned timeout = MG_TOOL_TIMEOUT_DEFAULT;
    if (a->timeout && mg_tool_parse_timeout(CMD, a->timeout, &timeout) != 0) return MG_EXIT_USAGE;
    mg_tool_set_default_timeout(timeout);
    char err[1024];
    const char *outputs[] = { a->csv, a->png };
    mg_kv_list kv;
    if (mg_outputs_distinct(outputs, 2, err, sizeof err) != 0 ||
        mg_kv_collect(a->n_kv, a->kv_args, &kv, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    if (a->points && kv.count) {
        mg_error(CMD, "--points FILE takes no key=value parameters (got %s=...)", kv.items[0].key);
        return MG_EXIT_USAGE;
    }
    int rc = a->points ? mg_sweep_read_points(a->points, plan, err, sizeof err)
                       : mg_sweep_grid(a->unit, &kv, plan, err, sizeof err);
    if (rc != 0) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    *base = a->baseline ? find_point(plan, a->baseline) : -1;
    if (a->baseline && *base < 0) {
        mg_error(CMD, "--baseline %s names no point (labels look like %s)", a->baseline, plan->points[0].label);
        mg_sweep_plan_free(plan);
        return MG_EXIT_USAGE;
    }
    *exp = calloc(plan->n, sizeof **exp);
    if (!*exp || mg_sweep_validate(plan, a, *exp, err, sizeof err) != 0) {
        mg_error(CMD, "%s", *exp ? err : "out of memory");
        free(*exp);
        mg_sweep_plan_free(plan);
        return MG_EXIT_USAGE;
    }
    return 0;
}

/* After every worker has ended: the exit status, and the outputs and summary
 * when every point succeeded. */
static int finish_sweep(const mg_sweep_plan *plan, const sweep_args *a, mg_sweep_result *res,
                        const mg_sweep_acc *acc, const worker_state *w, long failed, const char *dir, long base,
                        const char *run_err)
{
    char err[1024];
    if (failed >= 0) {
        /* The failed run's own exit status (tool, I/O, input). */
        int st = w[failed].status;
        int exit_code = st >= WORKER_COST_FAILED ? st % WORKER_RC_SPAN : MG_EXIT_USAGE;
        mg_error(CMD, "%s", run_err);
        return exit_code <= MG_EXIT_MISMATCH ? MG_EXIT_USAGE : exit_code;
    }
    int wrc = mg_sweep_write_outputs(plan, res, acc, dir, a, err, sizeof err);
    if (wrc != 0) {
        mg_error(CMD, "%s", err);
        return mg_exit_for(wrc);
    }
    mg_sweep_print_summary(plan, res, acc, base);
    size_t mismatches = 0;
    for (size_t p = 0; p < plan->n; p++) mismatches += res[p].verify == 1;
    if (!mismatches) return MG_EXIT_OK;
    mg_error(CMD, "%zu point%s failed verification (see the verify column)", mismatches, mismatches == 1 ? "" : "s");
    return MG_EXIT_MISMATCH;
}

int cmd_sweep(int argc, char **argv)
{
    if (mg_wants_help(argc, argv)) {
        mg_sweep_usage(stdout);
        return MG_EXIT_OK;
    }
    sweep_args a;
    mg_sweep_plan plan;
    mg_sweep_expect *exp;
    long base;
    char err[1024];
    int rc = load_plan(argc, argv, &a, &plan, &base, &exp);
    if (rc != 0) return rc;
    if (a.emit_jobs || a.run_point >= 0 || a.merge) {
        rc = a.emit_jobs ? mg_sweep_emit_jobs(&plan, &a)
             : a.merge   ? mg_sweep_merge(&plan, exp, &a, base)
                         : mg_sweep_run_one(&plan, exp, &a);
        free(exp);
        mg_sweep_plan_free(&plan);
        return rc;
    }
    free(exp);
    char dir[4096];
    mg_sweep_result *res = calloc(plan.n, sizeof *res);
    mg_sweep_acc *acc = a.accuracy ? calloc(plan.n, sizeof *acc) : NULL;
    worker_state *w = calloc(plan.n, sizeof *w);
    /* From before the directory exists until it is gone again, a signal is
     * only noted: the sweep stops its workers, removes the directory, and
     * main() ends macgen with the signal. */
    mg_signal_guard guard;
    mg_tool_catch_signals(&guard);
    int exit_code;
    if (!res || !w || (a.accuracy && !acc)) {
        mg_error(CMD, "out of memory");
        exit_code = MG_EXIT_USAGE;
    } else if (mg_workdir_create(CMD, dir, sizeof dir, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        exit_code = MG_EXIT_IO;
    } else {
        fprintf(stderr, "sweep: %zu point%s, %ld worker%s\n", plan.n, plan.n == 1 ? "" : "s", a.jobs,
                a.jobs == 1 ? "" : "s");
        long failed = run_points(&plan, dir, &a, res, acc, w, &guard, err, sizeof err);
        exit_code = mg_tool_pending_signal() ? MG_EXIT_TOOL
                                             : finish_sweep(&plan, &a, res, acc, w, failed, dir, base, err);
        mg_workdir_remove(dir);
    }
    mg_tool_restore_signals(&guard);
    free(res);
    free(acc);
    free(w);
    mg_sweep_plan_free(&plan);
    return exit_code;
}
