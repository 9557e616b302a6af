#include "liberty.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib_tree.h"
#include "number.h"
#include "textfile.h"

/* Whether g holds, at any depth, a group of the register kinds. */
static bool holds_register(const mg_lib_group *g)
{
    static const char *const kinds[] = { "ff", "latch", "ff_bank", "latch_bank" };
    for (int i = 0; i < g->n_kids; i++) {
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
            if (!strcmp(g->kids[i].type, kinds[k])) return true;
        if (holds_register(&g->kids[i])) return true;
    }
    return false;
}

/* The cell's own "area : X;" (a pin's area is not the cell's; of two, the
 * last), a decimal number (number.h): anything else is refused, not the
 * number strtod would read from its start. */
static int read_area(const mg_lib_group *g, mg_lib_cell *c, char *err, size_t errlen)
{
    for (int i = 0; i < g->n_attrs; i++) {
        const mg_lib_attr *a = &g->attrs[i];
        if (a->complex || a->n_vals < 1 || strcmp(a->name, "area")) continue;
        char why[160];
        if (mg_parse_real("area", a->vals[0], 0, 1e12, &c->area, why, sizeof why)) {
            snprintf(err, errlen, "cell %s: %s", c->name, why);
            return -1;
        }
        c->has_area = true;
    }
    return 0;
}

static int read_cell(const mg_lib_group *g, mg_lib_cell *c, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    snprintf(c->name, sizeof c->name, "%s", g->n_args > 0 ? g->args[0] : "");
    c->sequential = holds_register(g);
    return read_area(g, c, err, errlen);
}

/* The cells of the library group: every "cell (NAME) { ... }" in it. */
static int read_cells(const mg_lib_group *root, mg_liberty *lib, char *err, size_t errlen)
{
    size_t n = 0;
    for (int i = 0; i < root->n_kids; i++) n += !strcmp(root->kids[i].type, "cell");
    lib->cells = calloc(n ? n : 1, sizeof *lib->cells);
    if (!lib->cells) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    size_t with_area = 0;
    for (int i = 0; i < root->n_kids; i++) {
        if (strcmp(root->kids[i].type, "cell")) continue;
        mg_lib_cell *c = &lib->cells[lib->n_cells++];
        if (read_cell(&root->kids[i], c, err, errlen) != 0) return -1;
        with_area += c->has_area;
    }
    if (with_area == 0) {
        snprintf(err, errlen, "no cell with an area (not a liberty file?)");
        return -1;
    }
    return 0;
}

int mg_liberty_parse(const char *text, mg_liberty *lib, char *err, size_t errlen)
{
    memset(lib, 0, sizeof *lib);
    mg_lib_group root;
    if (mg_lib_tree_parse(text, &root, err, errlen) != 0) return -1;
    int rc = read_cells(&root, lib, err, errlen);
    mg_lib_tree_free(&root);
    if (rc != 0) mg_liberty_free(lib);
    return rc;
}

int mg_liberty_read(const char *path, mg_liberty *lib, char *err, size_t errlen)
{
    char *text;
    if (mg_read_file_checked(path, true, &text, NULL, err, errlen) != 0) return -1;
    char why[256];
    int rc = mg_liberty_parse(text, lib, why, sizeof why);
    free(text);
    if (rc != 0) snprintf(err, errlen, "%s: %s", path, why);
    return rc;
}

void mg_liberty_free(mg_liberty *lib)
{
    free(lib->cells);
    lib->cells = NULL;
    lib->n_cells = 0;
}

const mg_lib_cell *mg_liberty_find(const mg_liberty *lib, const char *name)
{
    for (size_t i = 0; i < lib->n_cells; i++)
        if (!strcmp(lib->cells[i].name, name)) return &lib->cells[i];
    return NULL;
}

const mg_lib_cell *mg_liberty_nand2(const mg_liberty *lib)
{
    const mg_lib_cell *best = NULL;
    for (size_t i = 0; i < lib->n_cells; i++) {
        const mg_lib_cell *c = &lib->cells[i];
        if (!c->has_area || c->area <= 0 || strncasecmp(c->name, "NAND2", 5)) continue;
        if (!best || c->area < best->area) best = c;
    }
    return best;
}
