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
#include "sta.h"
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

/* The blocks' stand-alone costs, from the hierarchy-kept run: block rows
 * and their sum.  The totals it sets are overwritten by read_flat. */
static int read_hier(const mg_cost_input *in, const char *file, mg_cost_report *rep, char *err,
                     size_t errlen)
{
    char *json = NULL;
    mg_ys_design d = { 0 };
    int rc = -1;
    if (read_result(in->workdir, file, &json, err, errlen) != 0) goto out;
    if (mg_ys_read_stat_json(json, &d, err, errlen) != 0) goto out;
    if (mg_cost_breakdown(&d, in->top, rep, err, errlen) != 0) goto out;
    mg_cost_block *s = &rep->block_sum;
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "blocks");
    s->instances = 1;
    s->gates = rep->gates;
    s->inverters = rep->inverters;
    s->flops = rep->flops;
    s->other_cells = rep->other_cells;
    s->transistors = rep->transistors;
    rc = 0;
out:
    mg_ys_design_free(&d);
    free(json);
    return rc;
}

/* The headline figures, from the flat run: its one module rolled up like
 * any design (into a scratch report: the blocks stay the hierarchy's). */
static int read_flat(const mg_cost_input *in, mg_cost_report *rep, char *err, size_t errlen)
{
    char *json = NULL, *cmos = NULL, *depth = NULL;
    mg_ys_design d = { 0 };
    mg_cost_report *flat = calloc(1, sizeof *flat);
    int rc = -1;
    if (!flat) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (read_result(in->workdir, MG_FLOW_FLAT_JSON, &json, err, errlen) != 0 ||
        read_result(in->workdir, MG_FLOW_FLAT_CMOS, &cmos, err, errlen) != 0 ||
        read_result(in->workdir, MG_FLOW_DEPTH, &depth, err, errlen) != 0)
        goto out;
    if (mg_ys_read_stat_json(json, &d, err, errlen) != 0) goto out;
    mg_ys_version(d.creator, rep->yosys_version, sizeof rep->yosys_version);
    if (mg_cost_breakdown(&d, in->top, flat, err, errlen) != 0) goto out;
    if (mg_ys_read_transistors(cmos, &rep->yosys_transistors, &rep->transistors_estimate, err,
                               errlen) != 0)
        goto out;
    rep->gates = flat->gates;
    rep->inverters = flat->inverters;
    rep->flops = flat->flops;
    rep->other_cells = flat->other_cells;
    rep->transistors = flat->transistors;
    memcpy(rep->cells, flat->cells, sizeof rep->cells);
    rep->n_cells = flat->n_cells;
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
    free(flat);
    free(json);
    free(cmos);
    free(depth);
    return rc;
}

/* The flat netlist mapped to the library: total area and cells. */
static int read_liberty(const mg_cost_input *in, const mg_liberty *lib, mg_cost_report *rep,
                        char *err, size_t errlen)
{
    char *json = NULL, *area = NULL;
    mg_ys_design d = { 0 };
    mg_cost_report *flat = calloc(1, sizeof *flat);
    int rc = -1;
    if (!flat) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (read_result(in->workdir, MG_FLOW_LIBERTY_JSON, &json, err, errlen) != 0 ||
        read_result(in->workdir, MG_FLOW_LIBERTY_AREA, &area, err, errlen) != 0)
        goto out;
    if (mg_ys_read_stat_json(json, &d, err, errlen) != 0 ||
        mg_ys_read_areas(area, &d, err, errlen) != 0 ||
        mg_cost_breakdown_liberty(&d, lib, in->top, flat, err, errlen) != 0)
        goto out;
    rep->area = flat->area;
    memcpy(rep->lib_cells, flat->lib_cells, sizeof rep->lib_cells);
    rep->n_lib_cells = flat->n_lib_cells;
    rep->has_liberty = true;
    rc = 0;
out:
    mg_ys_design_free(&d);
    free(flat);
    free(json);
    free(area);
    return rc;
}

static int run_timing(const mg_cost_input *in, mg_cost_report *rep, char *err, size_t errlen)
{
    mg_sta_result sta;
    if (mg_sta_run(in->workdir, in->top, in->timeout_s, &sta, err, errlen) != 0) return -1;
    rep->has_timing = true;
    rep->clocked = sta.clocked;
    rep->delay_ns = sta.delay_ns;
    snprintf(rep->path_start, sizeof rep->path_start, "%s", sta.start);
    snprintf(rep->path_end, sizeof rep->path_end, "%s", sta.end);
    return 0;
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
    const char *text = in->flat_only ? mg_flow_text_flat_only() : mg_flow_text(with_liberty);
    if (mg_flow_write(script, in->top, in->files, in->n_files, text, err, errlen) != 0) goto out;
    mg_flow_hash(with_liberty, rep->flow_hash);
    rc = MG_FAIL_TOOL;
    if (run_yosys(in, err, errlen) != 0) goto out;
    /* Yosys ran: anything wrong with its results is Yosys failing. */
    if (read_hier(in, in->flat_only ? MG_FLOW_FLAT_JSON : MG_FLOW_HIER_JSON, rep, err, errlen) != 0 ||
        read_flat(in, rep, err, errlen) != 0)
        goto out;
    if (with_liberty && read_liberty(in, &lib, rep, err, errlen) != 0) goto out;
    if (with_liberty && in->timing && run_timing(in, rep, err, errlen) != 0) goto out;
    rc = 0;
out:
    free(script);
    mg_liberty_free(&lib);
    return rc;
}
