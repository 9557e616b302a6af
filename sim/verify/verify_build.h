/* Builds (or finds in the cache) the Verilated lanes model of a unit as a
 * shared object that macgen loads: build/verilator/<hash>/unit.so. */
#ifndef MG_VERIFY_BUILD_H
#define MG_VERIFY_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "unit.h"

typedef struct {
    char so_path[1200];
    char dir[1100];
    bool cached;        /* found in the cache, nothing was built */
    double build_seconds;
} mg_verify_artifact;

/* rtl_dir: verify the Verilog in that directory (top module u->top) instead
 * of freshly emitted RTL. */
int mg_verify_build(const mg_unit *u, const char *rtl_dir, int lanes, mg_verify_artifact *out,
                    char *err, size_t errlen);

/* The lanes wrapper: `lanes` copies of u's top, inputs packed in port-table
 * order into in_i, outputs into out_o.  Returns the lane strides. */
void mg_verify_write_lanes(FILE *fp, const mg_unit *u, int lanes);
int mg_verify_bus_width(int lane_bits, int lanes);

#endif
