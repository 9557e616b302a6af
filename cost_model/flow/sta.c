#include "sta.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "run_tool.h"
#include "flow.h"
#include "textfile.h"

/* The opening (sta.h) finds the clock ports, clocks them and constrains
 * the other ports; the "macgen-clocks:" line tells the reader which case it was. */
static const char sta_script[] =
    "# macgen timing (OpenSTA); see docs/cost_model.md\n"
    MG_STA_FIND_CLOCKS
    MG_STA_CONSTRAIN
    "report_checks -path_delay max -digits 4\n";

int mg_sta_write_script(const char *workdir, const char *top, char *err, size_t errlen)
{
    if (!mg_flow_valid_module(top)) {
        snprintf(err, errlen, "'%s' is not a plain Verilog module name", top);
        return -1;
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", workdir, MG_STA_SCRIPT);
    mg_atomic_file f;
    if (mg_atomic_open(&f, path, err, errlen) != 0) return -1;
    for (const char *p = sta_script; *p;) {
        if (!strncmp(p, "@TOP@", 5)) {
            fputs(top, f.fp);
            p += 5;
        } else if (!strncmp(p, "@PERIOD@", 8)) {
            fprintf(f.fp, "%.1f", MG_STA_PERIOD_NS);
            p += 8;
        } else {
            fputc(*p++, f.fp);
        }
    }
    return mg_atomic_commit(&f, err, errlen);
}

/* Whether the n bytes at s hold word (the log is not split into strings). */
static bool has_word(const char *s, size_t n, const char *word)
{
    size_t w = strlen(word);
    for (size_t i = 0; i + w <= n; i++)
        if (!memcmp(s + i, word, w)) return true;
    return false;
}

/* The name after "Startpoint: " / "Endpoint: " (up to " (") and what it is,
 * from OpenSTA's description in the parentheses: "_172_ (flip-flop)",
 * "a_i[6] (input)". */
static void point_name(const char *line, size_t len, char *out, size_t outlen)
{
    size_t n = 0;
    while (n < len && !(line[n] == ' ' && n + 1 < len && line[n + 1] == '(')) n++;
    const char *kind = "";
    if (has_word(line + n, len - n, "flip-flop")) kind = " (flip-flop)";
    else if (has_word(line + n, len - n, "latch")) kind = " (latch)";
    else if (has_word(line + n, len - n, "input port")) kind = " (input)";
    else if (has_word(line + n, len - n, "output port")) kind = " (output)";
    snprintf(out, outlen, "%.*s%s", (int)(n < 120 ? n : 120), line, kind);
}

/* report_checks prints the worst path of each path group; the period is
 * set by the worst of the clock's group (recovery and removal checks of
 * asynchronous resets, group "**async_default**", are no clock period). */
typedef struct {
    char start[160], end[160];
    bool async;
} sta_path;

static void take_path(mg_sta_result *res, const sta_path *cur, double slack, bool *have)
{
    if (cur->async || !cur->start[0] || !cur->end[0]) return;
    double delay = MG_STA_PERIOD_NS - slack;
    if (*have && delay <= res->delay_ns) return;
    *have = true;
    res->delay_ns = delay;
    memcpy(res->start, cur->start, sizeof res->start);
    memcpy(res->end, cur->end, sizeof res->end);
}

int mg_sta_parse(const char *log, mg_sta_result *res, char *err, size_t errlen)
{
    memset(res, 0, sizeof *res);
    bool have_clocks = false, have_path = false;
    sta_path cur = { "", "", false };
    for (const char *p = log; *p;) {
        size_t n = strcspn(p, "\n");
        const char *s = p, *eol = p + n;
        while (s < eol && *s == ' ') s++;
        size_t m = (size_t)(eol - s);
        char *num_end;
        double v = m ? strtod(s, &num_end) : 0;
        if (m >= 6 && !strncmp(s, "Error:", 6)) {
            snprintf(err, errlen, "OpenSTA: %.*s", (int)(m < 300 ? m : 300), s);
            return -1;
        } else if (m > 15 && !strncmp(s, "macgen-clocks: ", 15)) {
            res->clocked = atoi(s + 15) > 0;
            have_clocks = true;
        } else if (m > 12 && !strncmp(s, "Startpoint: ", 12)) {
            memset(&cur, 0, sizeof cur);
            point_name(s + 12, m - 12, cur.start, sizeof cur.start);
        } else if (m > 10 && !strncmp(s, "Endpoint: ", 10)) {
            point_name(s + 10, m - 10, cur.end, sizeof cur.end);
        } else if (m > 12 && !strncmp(s, "Path Group: ", 12)) {
            cur.async = has_word(s, m, "async_default");
        } else if (m && num_end != s && num_end < eol && has_word(num_end, (size_t)(eol - num_end), "slack (")) {
            take_path(res, &cur, v, &have_path);   /* "   989.2060   slack (MET)" */
        }
        p += n;
        if (*p == '\n') p++;
    }
    if (!have_clocks || !have_path) {
        snprintf(err, errlen, "OpenSTA printed no timing report (no path from inputs or registers?)");
        return -1;
    }
    return 0;
}

int mg_sta_run(const char *workdir, const char *top, unsigned timeout_s, mg_sta_result *res,
               char *err, size_t errlen)
{
    if (mg_sta_write_script(workdir, top, err, errlen) != 0) return -1;
    char log[4200];
    snprintf(log, sizeof log, "%s/%s", workdir, MG_STA_LOG);
    const char *argv[] = { "sta", "-no_splash", "-exit", MG_STA_SCRIPT, NULL };
    mg_tool_cmd cmd = { argv, workdir, log, timeout_s };
    mg_tool_result r;
    /* This OpenSTA exits 0 even after an error; its output decides. */
    int ran = mg_tool_run(&cmd, &r, err, errlen);
    if (ran != 0 && r.how != MG_TOOL_EXITED) return -1;   /* missing, killed, timed out */
    char *text = NULL, why[512];
    if (mg_read_text_file(log, &text, NULL, why, sizeof why) != 0) {
        snprintf(err, errlen, "OpenSTA wrote no output (%s)", why);
        return -1;
    }
    int rc = mg_sta_parse(text, res, err, errlen);
    free(text);
    if (ran != 0 && (rc == 0 || !strstr(err, "Error")))
        snprintf(err, errlen, "OpenSTA failed (exit status %d)%s", r.code,
                 rc == 0 ? "" : " and printed no timing report");
    return ran != 0 ? -1 : rc;
}
