/* What a Yosys cell type counts as in the cost model, and what it weighs.
 *
 * After the fixed flow (see flow.c) the netlist holds only these kinds:
 *   - 2-input gates $_AND_ $_NAND_ $_OR_ $_NOR_ $_XOR_ $_XNOR_ $_ANDNOT_
 *     $_ORNOT_: each one gate (an XOR is one 2-input gate, not three);
 *   - inverters $_NOT_: counted as gates too, and also reported alone;
 *   - flip-flops $_DFF_P_ and, for asynchronously reset registers,
 *     $_DFF_PN0_/$_DFF_PN1_: never gates, counted as flops.
 * Multiplexers are not in the gate set, so ABC builds every mux from the
 * gates above (a 2:1 mux typically costs 2-3 of them); enables and
 * synchronous resets of registers become gates the same way.
 *
 * Weights are transistors of a static CMOS cell, the figures of Yosys'
 * `stat -tech cmos` table (NAND2/NOR2 4, AND2/OR2/ANDNOT/ORNOT 6, XOR2/XNOR2
 * 12, NOT 2, DFF 16); one NAND2 equivalent is 4 transistors.  Yosys gives
 * reset flops no cost; macgen weighs them 20 (its DFF plus a 4-transistor
 * reset), which is why the transistor total is then an estimate. */
#ifndef MG_CELL_CLASS_H
#define MG_CELL_CLASS_H

#include <stdbool.h>

typedef enum {
    MG_CELL_GATE2,   /* a 2-input gate */
    MG_CELL_INV,     /* an inverter */
    MG_CELL_FLOP,    /* a flip-flop or latch */
    MG_CELL_OTHER    /* anything else (reported, weighed if known) */
} mg_cell_kind;

typedef struct {
    mg_cell_kind kind;
    int transistors;    /* macgen's weight; 0 when unknown */
    bool yosys_costed;  /* Yosys' cmos table knows this type */
} mg_cell_class;

/* Classifies a generic Yosys cell type such as "$_NAND_". */
mg_cell_class mg_cell_classify(const char *type);

/* Transistors per NAND2 equivalent. */
#define MG_NAND2_TRANSISTORS 4

#endif
