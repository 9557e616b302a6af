/* Static timing of a liberty-mapped flat netlist with OpenSTA (Debian's
 * `opensta`, run as `sta -no_splash -exit cmds.tcl` from an argument list).
 * The script is a constant text in which only the validated top-module name
 * is substituted; the liberty and the netlist are the flow's files in the
 * work directory (flow.h).
 *
 * A unit with no flip-flop is timed from inputs to outputs against a virtual
 * clock; a clocked unit with a clock on every port that drives a flip-flop's
 * clock pin, register to register and through the ports, with zero external
 * input and output delay.  Either way the figure is the smallest clock period
 * that meets setup: the period minus the worst slack (for a combinational
 * unit, the critical path's arrival time).  No wire load, no clock skew, no
 * input slew or output load: a pre-layout estimate. */
#ifndef MG_STA_H
#define MG_STA_H

#include <stdbool.h>
#include <stddef.h>

#define MG_STA_SCRIPT "sta.tcl"
#define MG_STA_LOG "sta.log"
/* The clock period of the script, ns: longer than any path we time. */
#define MG_STA_PERIOD_NS 1000.0

typedef struct {
    bool clocked;          /* some port drives a flip-flop clock pin */
    double delay_ns;       /* period - worst slack */
    char start[160];       /* the critical path's start point ("a_i[6]", "_123_/CLK") */
    char end[160];         /* and its end point */
} mg_sta_result;

/* Writes the script into workdir/MG_STA_SCRIPT. */
int mg_sta_write_script(const char *workdir, const char *top, char *err, size_t errlen);

/* Reads OpenSTA's output (the "macgen-clocks:" line and a report_checks
 * path).  -1 with a reason: an "Error:" line of OpenSTA, or no path. */
int mg_sta_parse(const char *log, mg_sta_result *res, char *err, size_t errlen);

/* Writes the script, runs OpenSTA in workdir (time limit timeout_s, 0:
 * none; run_tool.h) and parses its output.  -1 with one line in err when sta
 * is missing, fails, times out or prints no report. */
int mg_sta_run(const char *workdir, const char *top, unsigned timeout_s, mg_sta_result *res,
               char *err, size_t errlen);

#endif
