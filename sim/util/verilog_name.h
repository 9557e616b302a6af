/* What may name a Verilog module or a Verilog file macgen writes or reads:
 * a Verilog-2005 simple identifier (IEEE 1364-2005, 3.7.1: a letter or '_',
 * then letters, digits, '_' and '$'), not one of the language's keywords
 * (Annex B), at most MG_VERILOG_NAME_MAX characters. */
#ifndef MG_VERILOG_NAME_H
#define MG_VERILOG_NAME_H

#include <stdbool.h>
#include <stddef.h>

#define MG_VERILOG_NAME_MAX 120

/* True when name is a Verilog-2005 keyword ("module", "wire", ...) or a
 * SystemVerilog-2017 one ("logic", "int"), which Verilator also rejects. */
bool mg_verilog_is_keyword(const char *name);

/* 0 when name may name a module; -1 with the reason in why ("'module' is a
 * Verilog keyword", "... is not a Verilog identifier"). */
int mg_verilog_check_name(const char *name, char *why, size_t whylen);

#endif
