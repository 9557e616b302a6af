/* What `macgen accuracy` would measure, without measuring it: the sweep's
 * --accuracy validates each point with it before anything runs, and its
 * --merge checks each a<I>.json against it. */
#ifndef MG_ACCURACY_CMD_H
#define MG_ACCURACY_CMD_H

#include <stddef.h>

typedef struct {
    char unit[32];            /* dot, mac, hbfp_dot, ... */
    char params[512];         /* the canonical parameters ("mac w=... round=rtz") */
    char dist[16];
    double scale, mean;
    unsigned long long trials, seed;
    size_t k;                 /* the first K */
} mg_acc_identity;

/* Parses an accuracy command line (argv[0] "accuracy", argv[1] the unit)
 * exactly as cmd_accuracy does, without running it; argv's key=value
 * strings are cut in place.  0, or -1 with the reason in err. */
int mg_accuracy_identity(int argc, char **argv, mg_acc_identity *id, char *err, size_t errlen);

#endif
