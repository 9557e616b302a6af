/* Just enough of a Liberty (.lib) reader for the cost model: each cell's
 * name, area and whether it is sequential (has an ff or latch group), and
 * the library's NAND2 cell, the unit of gate equivalents. */
#ifndef MG_LIBERTY_H
#define MG_LIBERTY_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char name[128];
    double area;       /* in the library's area unit (um^2 for OSU 0.18) */
    bool has_area;
    bool sequential;
} mg_lib_cell;

typedef struct {
    mg_lib_cell *cells;
    size_t n_cells;
} mg_liberty;

/* Reads the cells of a liberty file.  -1 with a reason when the file cannot
 * be read or holds no cell with an area. */
int mg_liberty_read(const char *path, mg_liberty *lib, char *err, size_t errlen);
/* The same from text already in memory (what the tests use). */
int mg_liberty_parse(const char *text, mg_liberty *lib, char *err, size_t errlen);
void mg_liberty_free(mg_liberty *lib);

const mg_lib_cell *mg_liberty_find(const mg_liberty *lib, const char *name);
/* The smallest cell whose name starts with "NAND2" (any case: NAND2X1,
 * nand2_1, ...), or NULL. */
const mg_lib_cell *mg_liberty_nand2(const mg_liberty *lib);

#endif
