#include "cost_run.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "breakdown.h"
#include "fileio.h"
#include "flow.h"
#include "liberty.h"
#include "run_tool.h"
#include "cli.h"
#include "textfile.h"
#include "yosys_stat.h"

static int read_result(const char *dir, const char *name, char **text, char *err, size_t errlen)
{
    char *path = mg_path_join(dir, name);
    char why[4400] = "out of memory";
    int rc = path ? mg_read_text_file(path, text, NULL, why, sizeof why) : -1;
    free(path);
    if (rc != 0) snprintf(err, errlen, "Yosys wrote no %s (%s)", name, why);
    return rc;
}

/* Reads the liberty file (so that an unreadable one fails before Yosys runs)
 * and links it into the work directory. */
static int prepare_liberty(const mg_cost_input *in, mg_liberty *lib, mg_cost_report *rep, char *err,
                           size_t errlen)
{
    char why[4400];
    if (mg_liberty_read(in->liberty, lib, why, sizeof why) != 0) {
        snprintf(err, errlen, "unreadable liberty file: %s", why);
        return -1;
    }
    const mg_lib_cell *nand2 = mg_liberty_nand2(lib);
    if (!nand2) {
        snprintf(err, errlen, "liberty file %s has no NAND2 cell (needed for gate equivalents)",
                 in->liberty);
        return -1;
    }
    snprintf(rep->nand2_cell, sizeof rep->nand2_cell, "%s", nand2->name);
    rep->nand2_area = nand2->area;
    const char *slash = strrchr(in->liberty, '/');
    snprintf(rep->liberty_name, sizeof rep->liberty_name, "%s", slash ? slash + 1 : in->liberty);
    /* The link must work from the work directory: make the target absolute. */
    char *cwd = in->liberty[0] == '/' ? NULL : getcwd(NULL, 0);
    char *abs = in->liberty[0] == '/' ? strdup(in->liberty) : cwd ? mg_path_join(cwd, in->liberty) : NULL;
    char *link = mg_path_join(in->workdir, MG_FLOW_LIBERTY_LINK);
    int rc = 0;
    if (!abs || !link) {
        snprintf(err, errlen, "cannot find the current directory: %s", strerror(errno));
        rc = -1;
    } else if (symlink(abs, link) != 0) {
        snprintf(err, errlen, "cannot link %s: %s", link, strerror(errno));
        rc = -1;
    }
    free(cwd);
    free(abs);
    free(link);
    return rc;
}

static int run_yosys(const mg_cost_input *in, char *err, size_t errlen)
{
    char *log = mg_path_join(in->workdir, MG_FLOW_LOG);
    if (!log) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    const char *argv[] = { "yosys", "-q", "-s", MG_FLOW_SCRIPT, NULL };
    mg_tool_cmd cmd = { argv, in->workdir, log, in->timeout_s };
    mg_tool_result r;
    int rc = mg_tool_run(&cmd, &r, err, errlen);
    if (rc == 0 || r.how != MG_TOOL_EXITED || r.code == 127) {
        free(log);
        return rc == 0 ? 0 : MG_FAIL_TOOL;
    }
    /* Yosys' own "ERROR: ..." line says more than its last lines. */
    char *text = NULL, last[512] = "", why[256], esc[512];
    int read = mg_read_text_file(log, &text, NULL, why, sizeof why);
    free(log);
    if (read == 0) {
        mg_ys_last_error(text, last, sizeof last);
        free(text);
    }
    if (last[0])
        snprintf(err, errlen, "yosys failed (exit status %d): %s", r.code,
                 mg_escape_text(last, esc, sizeof esc));
    return MG_FAIL_TOOL;
}

static int read_generic(const mg_cost_input *in, mg_cost_report *rep, char *err, size_t errlen)
{
    char *json = NULL, *cmos = NULL, *depth = NULL;
    mg_ys_design d = { 0 };
    int rc = -1;
    if (read_result(in->workdir, MG_FLOW_GENERIC_JSON, &json, err, errlen) != 0 ||
        read_result(in->workdir, MG_FLOW_GENERIC_CMOS, &cmos, err, errlen) != 0 ||
        read_result(in->workdir, MG_FLOW_DEPTH, &depth, err, errlen) != 0)
        goto out;
    if (mg_ys_read_stat_json(json, &d, err, errlen) != 0) goto out;
    mg_ys_version(d.creator, rep->yosys_version, sizeof rep->yosys_version);
    if (mg_cost_breakdown(&d, in->top, rep, err, errlen) != 0) goto out;
    if (mg_ys_read_transistors(cmos, &rep->yosys_transistors, &rep->transistors_estimate, err,
                               errlen) != 0)
        goto out;
    rep->depth = mg_ys_read_ltp(depth);
    if (rep->depth < 0) {
        char line[120];
        snprintf(err, errlen, "Yosys' ltp report holds no depth: '%s'",
                 mg_escape_bytes(depth, strcspn(depth, "\n"), line, sizeof line));
        goto out;
    }
    rc = 0;
out:
    mg_ys_design_free(&d);
    free(json);
    free(cmos);
    free(depth);
    return rc;
}

static int read_liberty(const mg_cost_input *in, const mg_liberty *lib, mg_cost_report *rep,
                        char *err, size_t errlen)
{
    char *json = NULL, *area = NULL;
    mg_ys_design d = { 0 };
    int rc = -1;
    if (read_result(in->workdir, MG_FLOW_LIBERTY_JSON, &json, err, errlen) != 0 ||
        read_result(in->workdir, MG_FLOW_LIBERTY_AREA, &area, err, errlen) != 0)
        goto out;
    if (mg_ys_read_stat_json(json, &d, err, errlen) != 0 ||
        mg_ys_read_areas(area, &d, err, errlen) != 0 ||
        mg_cost_breakdown_liberty(&d, lib, in->top, rep, err, errlen) != 0)
        goto out;
    /* The roll-up must agree with Yosys' own total, where it prints one. */
    double yosys_total;
    if (mg_ys_read_top_area(area, &yosys_total) == 0 &&
        fabs(yosys_total - rep->area) > 0.01 + 1e-9 * yosys_total) {
        snprintf(err, errlen, "area roll-up %.2f disagrees with Yosys' total %.2f", rep->area,
                 yosys_total);
        goto out;
    }
    rc = 0;
out:
    mg_ys_design_free(&d);
    free(json);
    free(area);
    return rc;
}

int mg_cost_run(const mg_cost_input *in, mg_cost_report *rep, char *err, size_t errlen)
{
    memset(rep, 0, sizeof *rep);
    bool with_liberty = in->liberty != NULL;
    mg_liberty lib = { 0 };
    int rc = -1;
    char *script = mg_path_join(in->workdir, MG_FLOW_SCRIPT);
    if (!script) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    if (with_liberty && prepare_liberty(in, &lib, rep, err, errlen) != 0) goto out;
    if (mg_flow_write(script, in->top, in->files, in->n_files, with_liberty, err, errlen) != 0)
        goto out;
    mg_flow_hash(with_liberty, rep->flow_hash);
    rc = MG_FAIL_TOOL;
    if (run_yosys(in, err, errlen) != 0) goto out;
    /* Yosys ran: anything wrong with its results is Yosys failing. */
    if (read_generic(in, rep, err, errlen) != 0) goto out;
    if (with_liberty && read_liberty(in, &lib, rep, err, errlen) != 0) goto out;
    rc = 0;
out:
    free(script);
    mg_liberty_free(&lib);
    return rc;
}
