/* The entries of the unit table, each defined beside its configure and
 * model code. */
#ifndef MG_UNIT_DEFS_H
#define MG_UNIT_DEFS_H

#include "unit.h"

extern const mg_unit_def mg_unit_mul;
extern const mg_unit_def mg_unit_add;
extern const mg_unit_def mg_unit_mac;
extern const mg_unit_def mg_unit_imac;
extern const mg_unit_def mg_unit_dot;

#endif
