/* Readers for what Yosys 0.23 writes: `stat -json` (cell counts per module),
 * the text of `stat -tech cmos` and `stat -liberty` (transistors, areas: the
 * JSON of 0.23 has neither), `ltp` (logic depth) and its log (errors). */
#ifndef MG_YOSYS_STAT_H
#define MG_YOSYS_STAT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *type;     /* "$_NAND_", "NAND2X1", or a module name for an instance */
    long count;
} mg_ys_cell;

typedef struct {
    char *name;     /* as Yosys spells it: "\\top", "$paramod\\mg_round\\W=..." */
    mg_ys_cell *cells;
    size_t n_cells;
    double area;    /* from the liberty text report, when has_area */
    bool has_area;
} mg_ys_module;

typedef struct {
    char creator[160];   /* "Yosys 0.23 (git sha1 7ce5011c24b)" */
    mg_ys_module *mods;
    size_t n_mods;
} mg_ys_design;

/* Parses the text of `stat -json`.  Returns 0, or -1 with a reason. */
int mg_ys_read_stat_json(const char *text, mg_ys_design *d, char *err, size_t errlen);
void mg_ys_design_free(mg_ys_design *d);
/* The module called name, or NULL. */
const mg_ys_module *mg_ys_find(const mg_ys_design *d, const char *name);

/* The module a cell of type cell_type instantiates, or NULL for a plain
 * cell.  stat -json names module "\\mg_lzc" but an instance's type "mg_lzc"
 * (only the leading backslash differs; "$paramod\\..." types keep theirs). */
const mg_ys_module *mg_ys_find_instance(const mg_ys_design *d, const char *cell_type);

/* Attaches the "Chip area for module 'X': N" figures of a `stat -liberty`
 * report to the modules of d (0 for a module of instances only, which Yosys
 * gives no line); -1 if another module of d has none. */
int mg_ys_read_areas(const char *text, mg_ys_design *d, char *err, size_t errlen);

/* The "Chip area for top module 'X': N" figure (the whole design) of a
 * `stat -liberty` report; -1 if absent (Yosys prints it only when the
 * design has a hierarchy). */
int mg_ys_read_top_area(const char *text, double *area);

/* The whole design's "Estimated number of transistors" of a `stat -tech cmos`
 * report (the design-hierarchy figure when there is one); *plus is true when
 * Yosys marked it '+' (some cells had no cost).  -1 if absent. */
int mg_ys_read_transistors(const char *text, long *total, bool *plus, char *err, size_t errlen);

/* The length of "Longest topological path in M (length=N)"; a design with no
 * combinational path prints none and has depth 0; -1 when the line is there
 * but N is not a sensible count (negative, not a number). */
long mg_ys_read_ltp(const char *text);

/* The last line of a Yosys log that starts with "ERROR:" (or, failing that,
 * the last non-empty line) into out; empty if the log is empty. */
void mg_ys_last_error(const char *log, char *out, size_t len);

/* "Yosys 0.23 (git sha1 X)" -> "0.23 (git sha1 X)". */
void mg_ys_version(const char *creator, char *out, size_t len);

/* A module's base name: "\\top" -> "top", "$paramod\\mg_round\\W=8" and
 * "$paramod$3f2a..\\mg_round" -> "mg_round". */
void mg_ys_base_name(const char *module, char *out, size_t len);

#endif
