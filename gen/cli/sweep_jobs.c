/* Scale-out for `macgen sweep`: --emit-jobs writes one shell command per
 * point (for GNU parallel, `parallel --sshloginfile`, or a Slurm job array);
 * each command (--run-point I) costs its point, runs its accuracy and its
 * verify, and leaves p<I>.json / a<I>.json / v<I>.json (or p<I>.failed) in
 * the results folder; --merge (sweep_merge.c) reads them back.
 *
 * One job is one line whatever the input: every word is shell-quoted, and
 * a value holding a control character (a newline would split the job in
 * two and run its second half as a command) is refused. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "fileio.h"
#include "sweep_cmd.h"
#include "textfile.h"
#include "workdir.h"

#define CMD "sweep"

/* Writes s for a POSIX shell: as is when every character is safe, else in
 * single quotes (a quote inside becomes '\''). */
static void shell_word(FILE *out, const char *s)
{
    if (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./=,:+-@%") == strlen(s)) {
        fputs(s, out);
        return;
    }
    fputc('\'', out);
    for (; *s; s++) {
        if (*s == '\'') fputs("'\\''", out);
        else fputc(*s, out);
    }
    fputc('\'', out);
}

/* -1 with a reason naming what when s holds a control character. */
static int one_line(const char *what, const char *s, char *err, size_t errlen)
{
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == 0x7f) {
            char shown[80];
            snprintf(err, errlen, "%s '%s' holds a control character: a job must be one line (a newline would "
                     "run the rest of it as a command); remove it", what, mg_escape_text(s, shown, sizeof shown));
            return -1;
        }
    }
    return 0;
}

/* Every value that goes into a job line (or names where the jobs go). */
static int check_job_values(const mg_sweep_plan *plan, const sweep_args *a, const char *exe, const char *results,
                            char *err, size_t errlen)
{
    const char *const named[][2] = { { "--emit-jobs", a->emit_jobs }, { "--results", results },
                                     { "--accuracy", a->accuracy }, { "--liberty", a->liberty },
                                     { "--tech", a->tech }, { "--tool-timeout", a->timeout },
                                     { "the path of macgen itself", exe } };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (named[i][1] && one_line(named[i][0], named[i][1], err, errlen)) return -1;
    for (size_t p = 0; p < plan->n; p++) {
        const mg_sweep_point *pt = &plan->points[p];
        if (one_line("the unit", pt->unit, err, errlen)) return -1;
        for (size_t k = 0; k < pt->n; k++)
            if (one_line("a parameter", pt->keys[k], err, errlen) || one_line(pt->keys[k], pt->values[k], err, errlen))
                return -1;
    }
    return 0;
}

static void emit_line(FILE *out, const char *exe, const mg_sweep_point *pt, size_t i, const char *results,
                      const sweep_args *a)
{
    shell_word(out, exe);
    fputs(" sweep ", out);
    shell_word(out, pt->unit);
    for (size_t k = 0; k < pt->n; k++) {
        fputc(' ', out);
        shell_word(out, pt->keys[k]);
        fputc('=', out);
        shell_word(out, pt->values[k]);
    }
    fprintf(out, " --run-point %zu --results ", i);
    shell_word(out, results);
    /* Every option that changes the result or the run. */
    const char *const opts[][2] = { { "--accuracy", a->accuracy }, { "--liberty", a->liberty },
                                    { "--tech", a->tech }, { "--tool-timeout", a->timeout } };
    for (size_t o = 0; o < sizeof opts / sizeof opts[0]; o++) {
        if (!opts[o][1]) continue;
        fprintf(out, " %s ", opts[o][0]);
        shell_word(out, opts[o][1]);
    }
    if (a->verify) fputs(" --verify", out);
    fputc('\n', out);
}

int mg_sweep_emit_jobs(const mg_sweep_plan *plan, const sweep_args *a)
{
    char results[PATH_MAX + 16], exe[PATH_MAX], abs_results[PATH_MAX], err[4400];
    if (a->results) snprintf(results, sizeof results, "%s", a->results);
    else if ((size_t)snprintf(results, sizeof results, "%s.results", a->emit_jobs) >= sizeof results) {
        mg_error(CMD, "--emit-jobs %s: path too long", a->emit_jobs);
        return MG_EXIT_USAGE;
    }
    if (!realpath("/proc/self/exe", exe)) snprintf(exe, sizeof exe, "macgen");
    if (check_job_values(plan, a, exe, results, err, sizeof err)) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    /* The jobs file first: when it cannot be written (a directory, no
     * permission) nothing is created, the results folder included. */
    mg_atomic_file f;
    if (mg_atomic_open(&f, a->emit_jobs, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_IO;
    }
    if (mg_make_dirs(results, err, sizeof err) != 0 || !realpath(results, abs_results)) {
        mg_atomic_abort(&f);
        mg_error(CMD, "--results %s: cannot create the folder", results);
        return MG_EXIT_IO;
    }
    if (one_line("--results", abs_results, err, sizeof err)) { /* the folder's full path */
        mg_atomic_abort(&f);
        mg_error(CMD, "%s", err);
        return MG_EXIT_USAGE;
    }
    for (size_t i = 0; i < plan->n; i++) emit_line(f.fp, exe, &plan->points[i], i, abs_results, a);
    if (mg_atomic_commit(&f, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_IO;
    }
    printf("%zu job%s in %s; results go to %s (then: macgen sweep --merge ", plan->n, plan->n == 1 ? "" : "s",
           a->emit_jobs, abs_results);
    shell_word(stdout, abs_results);
    printf(" <same arguments>)\n");
    return MG_EXIT_OK;
}

static void mark_failed(const char *results, size_t i, const char *what, int rc)
{
    char path[PATH_MAX + 64], err[256];
    mg_sweep_file_name(path, sizeof path, results, "p", i, "failed");
    mg_atomic_file f;
    if (mg_atomic_open(&f, path, err, sizeof err) != 0) return;
    fprintf(f.fp, "%s failed (exit status %d)\n", what, rc);
    mg_atomic_commit(&f, err, sizeof err);
}

/* The argument vector of the point's cost or verify run. */
typedef struct {
    char kv[MG_SWEEP_MAX_KEYS][200];
    char *argv[MG_SWEEP_MAX_KEYS + 12];
    int argc;
} run_argv;

static void point_argv(run_argv *v, const char *command, const mg_sweep_point *pt, const sweep_args *a)
{
    v->argc = 0;
    v->argv[v->argc++] = (char *)command;
    v->argv[v->argc++] = (char *)pt->unit;
    for (size_t k = 0; k < pt->n; k++) {
        snprintf(v->kv[k], sizeof v->kv[k], "%s=%s", pt->keys[k], pt->values[k]); /* fits: plan limits */
        v->argv[v->argc++] = v->kv[k];
    }
    if (a->timeout) {
        v->argv[v->argc++] = "--tool-timeout";
        v->argv[v->argc++] = (char *)a->timeout;
    }
    v->argv[v->argc] = NULL;
}

/* v<I>.json: what verify found for the point (the merge checks it). */
static int write_verify(const char *path, const mg_sweep_point *pt, const mg_sweep_expect *exp, bool mismatch)
{
    char err[512];
    mg_atomic_file f;
    if (mg_atomic_open(&f, path, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_IO;
    }
    fprintf(f.fp, "{\"unit\": \"%s\", \"canonical\": \"", pt->unit);
    for (const char *c = exp->canonical; *c; c++) fprintf(f.fp, *c == '"' || *c == '\\' ? "\\%c" : "%c", *c);
    fprintf(f.fp, "\", \"verify\": \"%s\"}\n", mismatch ? "mismatch" : "pass");
    if (mg_atomic_commit(&f, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_IO;
    }
    return MG_EXIT_OK;
}

int mg_sweep_run_one(const mg_sweep_plan *plan, const mg_sweep_expect *exp, const sweep_args *a)
{
    if (plan->n != 1) {
        mg_error(CMD, "--run-point takes one point (each key one value), not %zu", plan->n);
        return MG_EXIT_USAGE;
    }
    const mg_sweep_point *pt = &plan->points[0];
    size_t i = (size_t)a->run_point;
    char json[PATH_MAX + 64], ajson[PATH_MAX + 64], vjson[PATH_MAX + 64], failed[PATH_MAX + 64];
    mg_sweep_file_name(json, sizeof json, a->results, "p", i, "json");
    mg_sweep_file_name(ajson, sizeof ajson, a->results, "a", i, "json");
    mg_sweep_file_name(vjson, sizeof vjson, a->results, "v", i, "json");
    mg_sweep_file_name(failed, sizeof failed, a->results, "p", i, "failed");
    /* An earlier run's files never stand for this one. */
    remove(failed);
    remove(json);
    remove(ajson);
    remove(vjson);
    run_argv v;
    point_argv(&v, "cost", pt, a);
    const char *extra[] = { "--json", json, "--quiet", a->liberty ? "--liberty" : "--tech",
                            a->liberty ? a->liberty : a->tech };
    for (size_t e = 0; e < (a->liberty || a->tech ? 5u : 3u); e++) v.argv[v.argc++] = (char *)extra[e];
    v.argv[v.argc] = NULL;
    int rc = cmd_cost(v.argc, v.argv);
    if (rc != MG_EXIT_OK) {
        mark_failed(a->results, i, "cost", rc);
        return rc;
    }
    if (a->accuracy && (rc = mg_sweep_run_accuracy(pt, a->accuracy, ajson)) != MG_EXIT_OK) {
        remove(json);
        mark_failed(a->results, i, "accuracy", rc);
        return rc;
    }
    if (!a->verify) return MG_EXIT_OK;
    point_argv(&v, "verify", pt, a);
    rc = cmd_verify(v.argc, v.argv);
    if (rc == MG_EXIT_OK || rc == MG_EXIT_MISMATCH) {
        int wrc = write_verify(vjson, pt, exp, rc == MG_EXIT_MISMATCH);
        return wrc != MG_EXIT_OK ? wrc : rc;
    }
    remove(json);
    remove(ajson);
    mark_failed(a->results, i, "verify", rc);
    return rc;
}
