/* The key=value parameters of `macgen accuracy dot|mac`. */
#ifndef MG_ACC_PARAMS_H
#define MG_ACC_PARAMS_H

#include <stdbool.h>

#include "acc_input.h"
#include "cli.h"

#define MG_ACC_K_MAX ((size_t)1 << 24)
#define MG_ACC_POINTS_MAX 64

typedef struct {
    char unit[16];
    mg_dot_spec spec;
    mg_rounding rnd;
    size_t k[MG_ACC_POINTS_MAX]; /* the K= list */
    int n_k;
    mg_dist dist;
    char canonical[512]; /* every parameter, spelled out */
} mg_acc_params;

/* unit is "dot" or "mac" (a dot product of one chunk into acc).  With
 * from_data, K= is refused (the arrays give K).  -1 with a reason in err. */
int mg_acc_params_parse(const char *unit, mg_kv_list *kv, bool from_data, mg_acc_params *p, char *err,
                        size_t errlen);

#endif
