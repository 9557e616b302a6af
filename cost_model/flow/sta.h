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

#include "flow.h"

#define MG_STA_SCRIPT "sta.tcl"
#define MG_STA_LOG "sta.log"
/* The clock period of the script, ns: longer than any path we time. */
#define MG_STA_PERIOD_NS 1000.0

/* The opening of every OpenSTA script of macgen (this timing and the
 * energy flow's netlist dump), in two pieces so that a script may print
 * between them.  @TOP@ and @PERIOD@ are for the writer to substitute.
 * MG_STA_FIND_CLOCKS reads the flow's liberty and netlist, links @TOP@
 * and sorts the inputs into mg_clocks (those whose net reaches a flip-flop
 * clock pin that is not an asynchronous one: the flat netlist has no clock
 * buffers, ABC never touches clock nets) and mg_inputs, then prints
 * "macgen-clocks: N". */
#define MG_STA_FIND_CLOCKS \
    "read_liberty " MG_FLOW_LIBERTY_LINK "\n" \
    "read_verilog " MG_FLOW_NETLIST "\n" \
    "link_design @TOP@\n" \
    "set_cmd_units -time ns\n" \
    "set mg_ckpins {}\n" \
    "set mg_async {}\n" \
    "foreach pin [all_registers -async_pins] { lappend mg_async [get_full_name $pin] }\n" \
    "foreach pin [all_registers -clock_pins] {\n" \
    "  set name [get_full_name $pin]\n" \
    "  if {[lsearch -exact $mg_async $name] < 0} { lappend mg_ckpins $name }\n" \
    "}\n" \
    "set mg_clocks {}\n" \
    "set mg_inputs {}\n" \
    "foreach port [all_inputs] {\n" \
    "  set name [get_full_name $port]\n" \
    "  set is_clock 0\n" \
    "  foreach pin [get_pins -quiet -of_objects [get_nets -quiet $name]] {\n" \
    "    if {[lsearch -exact $mg_ckpins [get_full_name $pin]] >= 0} { set is_clock 1; break }\n" \
    "  }\n" \
    "  if {$is_clock} { lappend mg_clocks $name } else { lappend mg_inputs $port }\n" \
    "}\n" \
    "puts \"macgen-clocks: [llength $mg_clocks]\"\n"

/* MG_STA_CONSTRAIN clocks the mg_clocks at @PERIOD@ ns (a virtual clock
 * when there is none) with zero input and output delay on the other ports. */
#define MG_STA_CONSTRAIN \
    "if {[llength $mg_clocks] == 0} {\n" \
    "  create_clock -name mg_clk -period @PERIOD@\n" \
    "} else {\n" \
    "  create_clock -name mg_clk -period @PERIOD@ [get_ports $mg_clocks]\n" \
    "}\n" \
    "if {[llength $mg_inputs] > 0} { set_input_delay 0 -clock mg_clk $mg_inputs }\n" \
    "set_output_delay 0 -clock mg_clk [all_outputs]\n"

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
