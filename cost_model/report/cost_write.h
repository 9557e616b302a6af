/* A cost report as a table for people, and as JSON and CSV for machines. */
#ifndef MG_COST_WRITE_H
#define MG_COST_WRITE_H

#include <stdio.h>

#include "cost_report.h"

/* What was costed: the unit and its parameters, in command-line order. */
typedef struct {
    const char *unit;            /* "mac", or "verilog" for --rtl */
    const char *const *keys;
    const char *const *values;
    size_t n;
    const char *canonical;       /* the unit's canonical spelling ("mac w=... round=rtz"), or NULL */
} mg_cost_label;

/* "w=lba8 a=lba8 acc=lba12" into out. */
void mg_cost_label_params(const mg_cost_label *label, char *out, size_t len);

void mg_cost_print_table(FILE *out, const mg_cost_label *label, const mg_cost_report *rep);
/* Returns 0, or -1 (out of memory). */
int mg_cost_write_json(FILE *out, const mg_cost_label *label, const mg_cost_report *rep);
/* Header line and one row per block, then a "total" row. */
void mg_cost_write_csv(FILE *out, const mg_cost_label *label, const mg_cost_report *rep);
/* A CSV field, quoted when it holds a comma, quote or space. */
void mg_csv_field(FILE *out, const char *s);

#endif
