/* The float MAC array `mac_array` (docs/mac_array.md): the grid and dataflow
 * of the HBFP array (docs/spec/hbfp.md section 4) with mg_fmac processing elements, the
 * baseline of the density comparison.  Its PE arithmetic is exactly the `mac`
 * unit's (unfused, round rne or rtz), configured through the unit table, so
 * the formats, derived parameters and limits are the same as `macgen rtl mac`. */
#ifndef MG_UNIT_MAC_ARRAY_H
#define MG_UNIT_MAC_ARRAY_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"
#include "rtl.h"
#include "unit.h"

#define MG_MAC_ARRAY_MAX_DIM 1024
#define MG_MAC_ARRAY_MAX_PIPE 4

typedef struct {
    int rows, cols;
    char pe[24];        /* preset name: fp32, bf16, bf16_bf16, e4m3fn_fp32, lba */
    mg_unit mac;        /* the PE's MAC step, as `macgen rtl mac` configures it */
    int pipe;           /* pipe=: register stages in each PE's MAC */
    bool flags, events; /* flags=, events=: the PEs' flag and event logic */
    char top[64];
    char canonical[512];
} mg_mac_array_cfg;

/* One PE preset: its name, the `mac` parameters it stands for, and words. */
typedef struct {
    const char *name;
    const char *w, *a, *acc, *round;
    const char *what;
} mg_mac_array_pe_preset;

const mg_mac_array_pe_preset *mg_mac_array_presets(size_t *count);

/* Reads and checks rows, cols, pe, top (every pair of kv must be known). */
int mg_mac_array_configure(mg_mac_array_cfg *c, mg_kv_list *kv, char *err, size_t errlen);

/* Template parameters shared by mg_mac_array and mg_mac_array_pe (the
 * mg_fmac parameters of the PE's formats): fills params, returns how many. */
int mg_mac_array_pe_params(const mg_mac_array_cfg *c, mg_param *params, int max);

/* Cycles a PE takes from its inputs to its registered sum. */
static inline int mg_mac_array_pe_latency(const mg_mac_array_cfg *c) { return c->pipe + 1; }
/* Cycles from a wavefront's start to column 0's result. */
static inline int mg_mac_array_latency(const mg_mac_array_cfg *c) { return c->rows * (c->pipe + 1); }

int mg_mac_array_emit(const mg_mac_array_cfg *c, const char *outdir, const char *command_line,
                      mg_rtl_output *out, char *err, size_t errlen);

/* mg_rtl_emit for mac_array (same contract as rtl.h). */
int mg_mac_array_rtl_emit(mg_kv_list *kv, const char *outdir, const char *command_line,
                          mg_rtl_output *out, char *err, size_t errlen);

/* `macgen verify mac_array ...` (sim/verify/verify_mac_array.c): argv[0] is
 * "verify", the first positional argument "mac_array".  Returns an exit
 * status. */
int mg_mac_array_verify(int argc, char **argv);

/* Its record (unit.h). */
extern const mg_unit_def mg_unit_mac_array;

#endif
