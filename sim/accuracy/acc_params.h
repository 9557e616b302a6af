/* The key=value parameters of `macgen accuracy dot|mac`. */
#ifndef MG_ACC_PARAMS_H
#define MG_ACC_PARAMS_H

#include <stdbool.h>

#include "acc_block.h"
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
    bool is_block;             /* hbfp_dot, mx_dot: block below, not spec */
    mg_acc_block_spec block;
    char canonical[512]; /* every parameter, spelled out */
} mg_acc_params;

/* unit is "dot", "mac" (a dot product of one chunk into acc), "hbfp_dot"
 * or "mx_dot".  With from_data, K= is refused (the arrays give K).  -1 with
 * a reason in err. */
int mg_acc_params_parse(const char *unit, mg_kv_list *kv, bool from_data, mg_acc_params *p, char *err,
                        size_t errlen);

/* The block units' own parameters (acc_params_block.c). */
int mg_acc_params_parse_block(const char *unit, mg_kv_list *kv, mg_acc_params *p, char *err, size_t errlen);

#endif
