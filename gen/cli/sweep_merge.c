/* `macgen sweep --merge DIR <sweep arguments>`: the results the emitted
 * commands left in DIR, read in the order of the plan the same arguments
 * give, into the same table, CSV and chart as a local sweep. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sweep_cmd.h"
#include "textfile.h"
#include "workdir.h"

#define CMD "sweep"
#define LISTED_MAX 6 /* missing points named in the one error line */

/* Reads point i; on failure says why in why ("missing" or the failure). */
static int read_point(const char *dir, size_t i, mg_sweep_result *r, mg_sweep_acc *acc, char *why, size_t len)
{
    char json[PATH_MAX + 64], ajson[PATH_MAX + 64], failed[PATH_MAX + 64], *text, err[256];
    mg_sweep_file_name(failed, sizeof failed, dir, "p", i, "failed");
    if (mg_read_text_file(failed, &text, NULL, err, sizeof err) == 0) {
        text[strcspn(text, "\n")] = 0;
        snprintf(why, len, "%s", text);
        free(text);
        return -1;
    }
    mg_sweep_file_name(json, sizeof json, dir, "p", i, "json");
    mg_sweep_file_name(ajson, sizeof ajson, dir, "a", i, "json");
    if (mg_sweep_read_result(json, r, err, sizeof err) != 0 ||
        (acc && mg_sweep_read_accuracy(ajson, json, acc, err, sizeof err) != 0)) {
        snprintf(why, len, "missing");
        return -1;
    }
    return 0;
}

/* Names the points without a result in one line; returns how many. */
static size_t report_missing(const mg_sweep_plan *plan, const char *dir, mg_sweep_result *res, mg_sweep_acc *acc)
{
    char line[2048] = "", why[256];
    size_t bad = 0, len = 0;
    for (size_t i = 0; i < plan->n; i++) {
        if (read_point(dir, i, &res[i], acc ? &acc[i] : NULL, why, sizeof why) == 0) continue;
        if (++bad <= LISTED_MAX && len < sizeof line)
            len += (size_t)snprintf(line + len, sizeof line - len, "%s%s (job %zu: %s)", bad > 1 ? ", " : "",
                                    plan->points[i].label, i + 1, why);
    }
    if (bad)
        mg_error(CMD, "--merge %s: %zu of %zu points have no result: %s%s", dir, bad, plan->n, line,
                 bad > LISTED_MAX ? ", ..." : "");
    return bad;
}

int mg_sweep_merge(const mg_sweep_plan *plan, const sweep_args *a, long base)
{
    char work[4096], err[1024];
    mg_sweep_result *res = calloc(plan->n, sizeof *res);
    mg_sweep_acc *acc = a->accuracy ? calloc(plan->n, sizeof *acc) : NULL;
    int rc = MG_EXIT_USAGE;
    if (!res || (a->accuracy && !acc)) {
        mg_error(CMD, "out of memory");
    } else if (report_missing(plan, a->merge, res, acc) == 0) {
        if (mg_workdir_create(CMD, work, sizeof work, err, sizeof err) != 0) {
            mg_error(CMD, "%s", err);
        } else {
            int wrc = mg_sweep_write_outputs(plan, res, acc, work, a, err, sizeof err);
            if (wrc != 0) {
                mg_error(CMD, "%s", err);
                rc = mg_exit_for(wrc);
            } else {
                mg_sweep_print_summary(plan, res, acc, base);
                rc = MG_EXIT_OK;
            }
            mg_workdir_remove(work);
        }
    }
    free(res);
    free(acc);
    return rc;
}
