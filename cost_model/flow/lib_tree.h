/* A Liberty (.lib) file as a tree: groups ("cell (INVX1) { ... }") holding
 * attributes ("area : 16;", "index_1 (\"0.06, 0.18\");") and groups.  Only
 * the syntax: what the names mean is the readers' business (liberty.h: the
 * cells' areas for the cost model; lib_power.h: the energy tables).  The
 * one Liberty parser of macgen.  Strings come unquoted; a line ending in a
 * backslash continues. */
#ifndef MG_LIB_TREE_H
#define MG_LIB_TREE_H

#include <stdbool.h>
#include <stddef.h>

/* Deeper nesting is refused (a liberty file nests about 5 deep). */
#define MG_LIB_TREE_MAX_DEPTH 32

typedef struct {
    char *name;
    char **vals;     /* the value (simple attribute) or the arguments (complex) */
    int n_vals;
    bool complex;    /* name ( a, b ) ; rather than name : value ; */
    int line;
} mg_lib_attr;

typedef struct mg_lib_group {
    char *type;                 /* "library", "cell", "pin", "rise_power", ... */
    char **args;                /* cell (INVX1): "INVX1" */
    int n_args;
    mg_lib_attr *attrs;
    int n_attrs;
    struct mg_lib_group *kids;
    int n_kids;
    int line;
} mg_lib_group;

/* Parses text into *root (the file's one top group, "library").  -1 with
 * "line N: what is wrong" in err on a syntax error, "not a liberty file
 * (...)" when it fails before any library group began. */
int mg_lib_tree_parse(const char *text, mg_lib_group *root, char *err, size_t errlen);
void mg_lib_tree_free(mg_lib_group *g);

/* The first attribute called name directly in g, or NULL. */
const mg_lib_attr *mg_lib_attr_find(const mg_lib_group *g, const char *name);
/* Its first value, or NULL when absent. */
const char *mg_lib_attr_text(const mg_lib_group *g, const char *name);
/* The first kid group of that type (and, when arg is not NULL, first
 * argument arg), or NULL. */
const mg_lib_group *mg_lib_group_find(const mg_lib_group *g, const char *type, const char *arg);

/* A whole string as a finite number ("0.06", " 1e-3 "), else -1. */
int mg_lib_number(const char *s, double *out);
/* A comma- or space-separated list of numbers ("0.06, 0.18, 0.42") into a
 * malloc'd array; -1 with a reason when an entry is not a number. */
int mg_lib_number_list(const char *s, double **out, int *n, char *err, size_t errlen);

#endif
