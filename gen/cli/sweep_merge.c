/* `macgen sweep --merge DIR <sweep arguments>`: the results the emitted
 * commands left in DIR, read in the order of the plan the same arguments
 * give, into the same table, CSV and chart as a local sweep.  A file counts
 * only for the point it stands for: p<I>.json must record that point's
 * unit and canonical parameters, this macgen's synthesis flow, the sweep's
 * library and the Yosys of the other points; a<I>.json its accuracy unit,
 * parameters, K, distribution, trials and seed; v<I>.json its verify
 * outcome.  Every figure is read as a number in range or refused. */
#include <cjson/cJSON.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "sweep_cmd.h"
#include "textfile.h"
#include "workdir.h"

#define CMD "sweep"
#define LISTED_MAX 6 /* missing points named in the one error line */

int mg_sweep_read_verify(const char *json, const mg_sweep_point *pt, const mg_sweep_expect *exp, char *err,
                         size_t errlen)
{
    char *text;
    if (mg_read_text_file(json, &text, NULL, err, errlen) != 0) return -1;
    cJSON *root = cJSON_Parse(text);
    free(text);
    const cJSON *unit = cJSON_GetObjectItemCaseSensitive(root, "unit");
    const cJSON *canon = cJSON_GetObjectItemCaseSensitive(root, "canonical");
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "verify");
    int rc = -1;
    if (!cJSON_IsString(unit) || !cJSON_IsString(canon) || !cJSON_IsString(v) ||
        (strcmp(v->valuestring, "pass") && strcmp(v->valuestring, "mismatch")))
        snprintf(err, errlen, "%s is a malformed verify result", json);
    else if (strcmp(unit->valuestring, pt->unit) || strcmp(canon->valuestring, exp->canonical))
        snprintf(err, errlen, "%s is not this point's verify result: it verifies %.80s, not %s", json,
                 canon->valuestring, exp->canonical);
    else
        rc = strcmp(v->valuestring, "pass") ? 1 : 0;
    cJSON_Delete(root);
    return rc;
}

static bool present(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

typedef enum { POINT_OK, POINT_MISSING, POINT_FAILED, POINT_BAD } point_state;

/* Reads point i into res (and acc); says why not in why. */
static point_state read_point(const char *dir, const mg_sweep_plan *plan, size_t i, const mg_sweep_expect *exp,
                              const sweep_args *a, char *yosys, size_t ylen, mg_sweep_result *res,
                              mg_sweep_acc *acc, char *why, size_t len)
{
    char json[PATH_MAX + 64], ajson[PATH_MAX + 64], vjson[PATH_MAX + 64], failed[PATH_MAX + 64], *text, err[256];
    const mg_sweep_point *pt = &plan->points[i];
    mg_sweep_file_name(failed, sizeof failed, dir, "p", i, "failed");
    if (mg_read_text_file(failed, &text, NULL, err, sizeof err) == 0) {
        text[strcspn(text, "\n")] = 0;
        snprintf(why, len, "%.200s", text);
        free(text);
        return POINT_FAILED;
    }
    mg_sweep_file_name(json, sizeof json, dir, "p", i, "json");
    mg_sweep_file_name(ajson, sizeof ajson, dir, "a", i, "json");
    mg_sweep_file_name(vjson, sizeof vjson, dir, "v", i, "json");
    if (!present(json)) {
        snprintf(why, len, "missing");
        return POINT_MISSING;
    }
    if (mg_sweep_check_cost_identity(json, pt, &exp[i], a, yosys, ylen, why, len) ||
        mg_sweep_read_result(json, res, why, len) ||
        (acc && mg_sweep_read_accuracy(ajson, json, &exp[i].acc, acc, why, len)))
        return POINT_BAD;
    if (a->verify) {
        int v = mg_sweep_read_verify(vjson, pt, &exp[i], why, len);
        if (v < 0) return POINT_BAD;
        res->verify = v;
    }
    return POINT_OK;
}

/* Reads every point; one error line (the first bad file, or the points
 * without a result) and -1 when any is not there. */
static int read_all(const mg_sweep_plan *plan, const mg_sweep_expect *exp, const sweep_args *a,
                    mg_sweep_result *res, mg_sweep_acc *acc)
{
    char line[2048] = "", why[1024], bad_line[1400] = "", yosys[128] = "";
    size_t absent = 0, bad = 0, len = 0;
    for (size_t i = 0; i < plan->n; i++) {
        point_state st = read_point(a->merge, plan, i, exp, a, yosys, sizeof yosys, &res[i], acc ? &acc[i] : NULL,
                                    why, sizeof why);
        if (st == POINT_OK) continue;
        if (st == POINT_BAD) {
            if (bad++ == 0)
                snprintf(bad_line, sizeof bad_line, "point '%s' (job %zu): %s", plan->points[i].label, i + 1, why);
            continue;
        }
        if (++absent <= LISTED_MAX && len < sizeof line)
            len += (size_t)snprintf(line + len, sizeof line - len, "%s%s (job %zu: %s)", absent > 1 ? ", " : "",
                                    plan->points[i].label, i + 1, why);
    }
    if (bad)
        mg_error(CMD, "--merge %s: %s%s", a->merge, bad_line,
                 bad > 1 ? " (and more points with files that are damaged or not theirs)" : "");
    else if (absent)
        mg_error(CMD, "--merge %s: %zu of %zu points have no result: %s%s", a->merge, absent, plan->n, line,
                 absent > LISTED_MAX ? ", ..." : "");
    return bad || absent ? -1 : 0;
}

int mg_sweep_merge(const mg_sweep_plan *plan, const mg_sweep_expect *exp, const sweep_args *a, long base)
{
    char work[4096], err[1024];
    mg_sweep_result *res = calloc(plan->n, sizeof *res);
    mg_sweep_acc *acc = a->accuracy ? calloc(plan->n, sizeof *acc) : NULL;
    int rc = MG_EXIT_USAGE;
    if (!res || (a->accuracy && !acc)) {
        mg_error(CMD, "out of memory");
    } else if (read_all(plan, exp, a, res, acc) == 0) {
        if (mg_workdir_create(CMD, work, sizeof work, err, sizeof err) != 0) {
            mg_error(CMD, "%s", err);
            rc = MG_EXIT_IO;
        } else {
            int wrc = mg_sweep_write_outputs(plan, res, acc, work, a, err, sizeof err);
            if (wrc != 0) {
                mg_error(CMD, "%s", err);
                rc = mg_exit_for(wrc);
            } else {
                mg_sweep_print_summary(plan, res, acc, base);
                size_t mismatches = 0;
                for (size_t p = 0; p < plan->n; p++) mismatches += res[p].verify == 1;
                rc = mismatches ? MG_EXIT_MISMATCH : MG_EXIT_OK;
                if (mismatches)
                    mg_error(CMD, "%zu point%s failed verification (see the verify column)", mismatches,
                             mismatches == 1 ? "" : "s");
            }
            mg_workdir_remove(work);
        }
    }
    free(res);
    free(acc);
    return rc;
}
