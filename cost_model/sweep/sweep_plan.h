/* The points of a sweep: every combination of key=v1,v2,... values, or the
 * lines of a points file ("UNIT key=value ... [label=TEXT]"). */
#ifndef MG_SWEEP_PLAN_H
#define MG_SWEEP_PLAN_H

#include <stddef.h>

#include "cli.h"

#define MG_SWEEP_MAX_KEYS 16
#define MG_SWEEP_MAX_VALUES 64
#define MG_SWEEP_MAX_POINTS 4096

typedef struct {
    char unit[64];
    char label[256];     /* what the point is called in progress, CSV, plot */
    size_t n;
    char keys[MG_SWEEP_MAX_KEYS][32];
    char values[MG_SWEEP_MAX_KEYS][160];
} mg_sweep_point;

typedef struct {
    mg_sweep_point *points;
    size_t n;
} mg_sweep_plan;

/* Splits "lba12,e4m6,fin,ftz,fp32" into values.  A format keeps its own
 * attributes: a piece that is ieee, fn, fin, sub, ftz or bias=N belongs to
 * the value before it ("e4m6,fin,ftz" is one value).  -1 on an empty
 * value or more than max values. */
int mg_sweep_split_values(const char *list, char out[][160], size_t max, size_t *n, char *err,
                          size_t errlen);

/* Every combination of the values of kv, the last key varying fastest.  A
 * point's label lists the keys with more than one value ("acc=lba12"), or
 * all its parameters when none varies. */
int mg_sweep_grid(const char *unit, const mg_kv_list *kv, mg_sweep_plan *plan, char *err,
                  size_t errlen);

/* One point per line: "UNIT key=value ... [label=TEXT]"; blank lines and
 * lines starting with '#' are skipped.  The label defaults to the
 * parameters.  Errors name the line. */
int mg_sweep_read_points(const char *path, mg_sweep_plan *plan, char *err, size_t errlen);

void mg_sweep_plan_free(mg_sweep_plan *plan);

#endif
