#include "cell_class.h"

#include <string.h>

typedef struct {
    const char *type;
    mg_cell_class cls;
} cell_row;

static const cell_row cell_table[] = {
    { "$_NOT_",    { MG_CELL_INV,   2, true } },
    { "$_NAND_",   { MG_CELL_GATE2, 4, true } },
    { "$_NOR_",    { MG_CELL_GATE2, 4, true } },
    { "$_AND_",    { MG_CELL_GATE2, 6, true } },
    { "$_OR_",     { MG_CELL_GATE2, 6, true } },
    { "$_ANDNOT_", { MG_CELL_GATE2, 6, true } },
    { "$_ORNOT_",  { MG_CELL_GATE2, 6, true } },
    { "$_XOR_",    { MG_CELL_GATE2, 12, true } },
    { "$_XNOR_",   { MG_CELL_GATE2, 12, true } },
    /* Not produced by the flow's gate set, known for completeness. */
    { "$_BUF_",    { MG_CELL_OTHER, 1, true } },
    { "$_MUX_",    { MG_CELL_OTHER, 12, true } },
    { "$_DFF_P_",  { MG_CELL_FLOP, 16, true } },
    { "$_DFF_N_",  { MG_CELL_FLOP, 16, true } },
};

/* Flip-flop types outside Yosys' cmos table: its 16-transistor DFF plus a
 * 4-transistor reset or enable. */
#define MG_UNCOSTED_FLOP_TRANSISTORS 20

mg_cell_class mg_cell_classify(const char *type)
{
    for (size_t i = 0; i < sizeof cell_table / sizeof cell_table[0]; i++)
        if (!strcmp(cell_table[i].type, type)) return cell_table[i].cls;
    static const char *const flop_prefixes[] = { "$_DFF", "$_SDFF", "$_ALDFF", "$_DLATCH", "$_SR_" };
    for (size_t i = 0; i < sizeof flop_prefixes / sizeof flop_prefixes[0]; i++) {
        if (!strncmp(type, flop_prefixes[i], strlen(flop_prefixes[i])))
            return (mg_cell_class){ MG_CELL_FLOP, MG_UNCOSTED_FLOP_TRANSISTORS, false };
    }
    return (mg_cell_class){ MG_CELL_OTHER, 0, false };
}
