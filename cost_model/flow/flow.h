/* The one fixed Yosys flow of the cost model.  The script is written from a
 * constant template; only validated module and file names are substituted,
 * and every path in it is relative to the work directory Yosys runs in (a
 * liberty file is reached through the symlink "cells.lib" there), so no user
 * string ever needs quoting. */
#ifndef MG_FLOW_H
#define MG_FLOW_H

#include <stdbool.h>
#include <stddef.h>

/* Files the flow writes into its work directory. */
#define MG_FLOW_SCRIPT "flow.ys"
#define MG_FLOW_LOG "yosys.log"
#define MG_FLOW_FLAT_JSON "flat_stat.json"
#define MG_FLOW_FLAT_CMOS "flat_cmos.txt"
#define MG_FLOW_HIER_JSON "hier_stat.json"
#define MG_FLOW_HIER_CMOS "hier_cmos.txt"
#define MG_FLOW_DEPTH "depth.txt"
#define MG_FLOW_LIBERTY_LINK "cells.lib"
#define MG_FLOW_LIBERTY_JSON "liberty_stat.json"
#define MG_FLOW_LIBERTY_AREA "liberty_area.txt"
#define MG_FLOW_NETLIST "netlist.v"

/* The gate set ABC maps to (NOT is always added by ABC). */
#define MG_FLOW_GATE_SET "AND,NAND,OR,NOR,XOR,XNOR,ANDNOT,ORNOT"

/* The flow text, placeholders included (what the hash covers). */
const char *mg_flow_text(bool liberty);
/* The flat run alone (no block breakdown): --check-flat of the arrays. */
const char *mg_flow_text_flat_only(void);
/* FNV-1a 64 of mg_flow_text(liberty), 16 lower-case hex digits. */
void mg_flow_hash(bool liberty, char out[17]);

/* [A-Za-z_][A-Za-z0-9_$]*, not a Verilog keyword: what may stand for the
 * top module. */
bool mg_flow_valid_module(const char *name);
/* A relative path of [A-Za-z0-9_.+-] components separated by '/', without
 * "..": what may stand for a Verilog file. */
bool mg_flow_valid_file(const char *path);

/* Writes the script to path from text (one of the mg_flow_text*), with the
 * names substituted.  -1 with a reason on an invalid name. */
int mg_flow_write(const char *path, const char *top, const char *const *files, size_t n_files,
                  const char *text, char *err, size_t errlen);

#endif
