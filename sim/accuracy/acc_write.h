/* The results of `macgen accuracy`: a table, JSON and CSV. */
#ifndef MG_ACC_WRITE_H
#define MG_ACC_WRITE_H

#include <stdio.h>

#include "acc_params.h"
#include "acc_run.h"

typedef struct {
    size_t k;
    mg_acc_result res;
    double vrr_predicted;
} mg_acc_point;

typedef struct {
    const mg_acc_params *params;
    const mg_acc_point *points;
    int n;
    unsigned long long trials, seed;
    const char *data_w, *data_a; /* NULL: drawn from params->dist */
} mg_acc_report;

void mg_acc_write_table(FILE *out, const mg_acc_report *r);
void mg_acc_write_json(FILE *out, const mg_acc_report *r);
void mg_acc_write_csv(FILE *out, const mg_acc_report *r);
/* The CSV header line (for sweeps that join columns). */
const char *mg_acc_csv_header(void);
void mg_acc_csv_fields(FILE *out, const mg_acc_point *p);

#endif
