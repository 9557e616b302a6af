/* Scale-out for `macgen sweep`: --emit-jobs writes one shell command per
 * point (for GNU parallel, `parallel --sshloginfile`, or a Slurm job array);
 * each command (--run-point I) costs its point, runs its accuracy, and
 * leaves p<I>.json / a<I>.json (or p<I>.failed) in the results folder;
 * --merge reads them back in plan order and writes what a local sweep would. */
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

static void emit_line(FILE *out, const char *exe, const mg_sweep_point *pt, size_t i, const char *results,
                      const sweep_args *a)
{
    char kv[400], idx[32];
    shell_word(out, exe);
    fputs(" sweep ", out);
    shell_word(out, pt->unit);
    for (size_t k = 0; k < pt->n; k++) {
        snprintf(kv, sizeof kv, "%s=%s", pt->keys[k], pt->values[k]);
        fputc(' ', out);
        shell_word(out, kv);
    }
    snprintf(idx, sizeof idx, "%zu", i);
    fprintf(out, " --run-point %s --results ", idx);
    shell_word(out, results);
    if (a->accuracy) {
        fputs(" --accuracy ", out);
        shell_word(out, a->accuracy);
    }
    if (a->liberty || a->tech) {
        fputs(a->liberty ? " --liberty " : " --tech ", out);
        shell_word(out, a->liberty ? a->liberty : a->tech);
    }
    fputc('\n', out);
}

int mg_sweep_emit_jobs(const mg_sweep_plan *plan, const sweep_args *a)
{
    char results[PATH_MAX + 16], exe[PATH_MAX], abs_results[PATH_MAX], err[4400];
    if (a->results) snprintf(results, sizeof results, "%s", a->results);
    else snprintf(results, sizeof results, "%.*s.results", PATH_MAX - 16, a->emit_jobs);
    if (mg_make_dirs(results, err, sizeof err) != 0 || !realpath(results, abs_results)) {
        mg_error(CMD, "--results %s: cannot create the folder", results);
        return MG_EXIT_IO;
    }
    if (!realpath("/proc/self/exe", exe)) snprintf(exe, sizeof exe, "macgen");
    mg_atomic_file f;
    if (mg_atomic_open(&f, a->emit_jobs, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_IO;
    }
    for (size_t i = 0; i < plan->n; i++) emit_line(f.fp, exe, &plan->points[i], i, abs_results, a);
    if (mg_atomic_commit(&f, err, sizeof err) != 0) {
        mg_error(CMD, "%s", err);
        return MG_EXIT_IO;
    }
    printf("%zu job%s in %s; results go to %s (then: macgen sweep --merge %s <same arguments>)\n", plan->n,
           plan->n == 1 ? "" : "s", a->emit_jobs, abs_results, abs_results);
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

int mg_sweep_run_one(const mg_sweep_plan *plan, const sweep_args *a)
{
    if (plan->n != 1) {
        mg_error(CMD, "--run-point takes one point (each key one value), not %zu", plan->n);
        return MG_EXIT_USAGE;
    }
    const mg_sweep_point *pt = &plan->points[0];
    size_t i = (size_t)a->run_point;
    char json[PATH_MAX + 64], ajson[PATH_MAX + 64], failed[PATH_MAX + 64], kv[MG_SWEEP_MAX_KEYS][200];
    char *argv[MG_SWEEP_MAX_KEYS + 10];
    int argc = 0;
    mg_sweep_file_name(json, sizeof json, a->results, "p", i, "json");
    mg_sweep_file_name(ajson, sizeof ajson, a->results, "a", i, "json");
    mg_sweep_file_name(failed, sizeof failed, a->results, "p", i, "failed");
    remove(failed);
    argv[argc++] = "cost";
    argv[argc++] = (char *)pt->unit;
    for (size_t k = 0; k < pt->n; k++) {
        snprintf(kv[k], sizeof kv[k], "%s=%s", pt->keys[k], pt->values[k]);
        argv[argc++] = kv[k];
    }
    argv[argc++] = "--json";
    argv[argc++] = json;
    argv[argc++] = "--quiet";
    if (a->liberty || a->tech) {
        argv[argc++] = a->liberty ? "--liberty" : "--tech";
        argv[argc++] = (char *)(a->liberty ? a->liberty : a->tech);
    }
    argv[argc] = NULL;
    int rc = cmd_cost(argc, argv);
    if (rc != MG_EXIT_OK) {
        mark_failed(a->results, i, "cost", rc);
        return rc;
    }
    if (a->accuracy && (rc = mg_sweep_run_accuracy(pt, a->accuracy, ajson)) != MG_EXIT_OK) {
        remove(json);
        mark_failed(a->results, i, "accuracy", rc);
    }
    return rc;
}
