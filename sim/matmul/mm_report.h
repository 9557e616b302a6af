/* Reporting a matmul run: its counts as text lines and as JSON. */
#ifndef MG_MM_REPORT_H
#define MG_MM_REPORT_H

#include <stdio.h>

#include "matmul.h"

typedef struct {
    const char *canonical; /* the arithmetic, spelled */
    size_t R, K, C;
    double seconds;
    int threads;
    const mg_mm_stats *stats;
} mg_mm_run_info;

/* Four lines: the run, the LBA events per MAC step (when counted), the
 * outputs with each flag, the kinds of outputs. */
void mg_mm_print_stats(FILE *out, const mg_mm_run_info *ri);
/* The same figures as one JSON object (keys one a line). */
void mg_mm_write_json(FILE *out, const mg_mm_run_info *ri);

#endif
