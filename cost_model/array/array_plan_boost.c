/* The hierarchical cost plan of the Accuracy Booster array (`hbfp_array n=4
 * boost=6`, array_cost.h, docs/hbfp_array.md): its distinct blocks are the
 * PE (mg_hbfp_pe, or mg_hbfp_boost_pe for 6x4 PEs), the join stages
 * (mg_hbfp_boost_join: the high- and low-digit columns of a pair, or the one
 * kind of the 6x4 array) and the edge units: mg_hbfp_boost_edge, built for
 * the 6-bit block sum as sign and magnitude, except the 4x4 array's
 * high-digit columns' (HBFP4 edge units, mg_hbfp_edge). */
#include <stdio.h>

#include "array_cost.h"

static void add_pe(mg_array_plan *p)
{
    const mg_hbfp_array_cfg *c = &p->hbfp;
    const int wide = c->boost.pe == MG_BOOST_PE_6X4;
    mg_array_block *pe = mg_array_new_block(p, "pe", wide ? "mg_hbfp_boost_pe" : "mg_hbfp_pe", (long)c->rows * c->cols);
    snprintf(pe->unit.canonical, sizeof pe->unit.canonical, "array block pe");
    mg_array_block_port(pe, "clk", MG_PORT_IN, 1);
    mg_array_block_port(pe, "rst", MG_PORT_IN, 1);
    mg_array_block_port(pe, "load", MG_PORT_IN, 1);
    mg_array_block_port(pe, "w", MG_PORT_IN, c->boost.w_bits);
    mg_array_block_port(pe, "w", MG_PORT_OUT, c->boost.w_bits);
    mg_array_block_port(pe, "a", MG_PORT_IN, c->n);
    mg_array_block_port(pe, "a", MG_PORT_OUT, c->n);
    mg_array_block_port(pe, "psum", MG_PORT_IN, c->boost.pe_sum_width);
    mg_array_block_port(pe, "psum", MG_PORT_OUT, c->boost.pe_sum_width);
    if (wide) {
        mg_unit_add_param(&pe->unit, "WBits", c->boost.w_bits);
        mg_unit_add_param(&pe->unit, "ABits", c->n);
    } else {
        mg_unit_add_param(&pe->unit, "N", c->n);
    }
    mg_unit_add_param(&pe->unit, "SumWidth", c->boost.pe_sum_width);
}

/* One kind of join stage (mg_hbfp_boost_join's Kind), count instances. */
static void add_join(mg_array_plan *p, const char *name, int kind, long count)
{
    const mg_hbfp_array_cfg *c = &p->hbfp;
    mg_array_block *j = mg_array_new_block(p, name, "mg_hbfp_boost_join", count);
    snprintf(j->unit.canonical, sizeof j->unit.canonical, "array block %s", name);
    mg_array_block_port(j, "clk", MG_PORT_IN, 1);
    mg_array_block_port(j, "rst", MG_PORT_IN, 1);
    mg_array_block_port(j, "boost", MG_PORT_IN, 1);
    mg_array_block_port(j, "psum", MG_PORT_IN, c->boost.pe_sum_width);
    mg_array_block_port(j, "part", MG_PORT_IN, c->boost.part_width);
    mg_array_block_port(j, "part", MG_PORT_OUT, c->boost.part_width);
    mg_array_block_port(j, "sum", MG_PORT_OUT, c->sum_width);
    mg_array_block_port(j, "count", MG_PORT_OUT, mg_unit_ceil_log2(c->sum_width));
    mg_unit_add_param(&j->unit, "Kind", kind);
    mg_unit_add_param(&j->unit, "SumWidth", c->boost.pe_sum_width);
    mg_unit_add_param(&j->unit, "NarrowWidth", c->boost.narrow_width);
    mg_unit_add_param(&j->unit, "OutWidth", c->sum_width);
    mg_unit_add_param(&j->unit, "PartWidth", c->boost.part_width);
}

/* The result columns' edge unit (mg_hbfp_boost_edge): the 6-bit block sum
 * as sign, magnitude and leading-zero count from the join stage, count
 * instances. */
static void add_edge(mg_array_plan *p, long count)
{
    const mg_hbfp_array_cfg *c = &p->hbfp;
    const int aw = mg_format_width(&c->acc);
    const mg_format *f = &c->acc;
    mg_array_block *edge = mg_array_new_block(p, "edge", "mg_hbfp_boost_edge", count);
    snprintf(edge->unit.canonical, sizeof edge->unit.canonical, "array block edge");
    mg_array_block_port(edge, "clk", MG_PORT_IN, 1);
    mg_array_block_port(edge, "rst", MG_PORT_IN, 1);
    mg_array_block_port(edge, "load_e", MG_PORT_IN, 1);
    mg_array_block_port(edge, "eb", MG_PORT_IN, 8);
    mg_array_block_port(edge, "eb", MG_PORT_OUT, 8);
    mg_array_block_port(edge, "ea", MG_PORT_IN, 8);
    mg_array_block_port(edge, "ea", MG_PORT_OUT, 8);
    mg_array_block_port(edge, "en", MG_PORT_IN, 1);
    mg_array_block_port(edge, "en", MG_PORT_OUT, 1);
    mg_array_block_port(edge, "sign", MG_PORT_IN, 1);
    mg_array_block_port(edge, "mag", MG_PORT_IN, c->sum_width - 1);
    mg_array_block_port(edge, "count", MG_PORT_IN, mg_unit_ceil_log2(c->sum_width));
    mg_array_block_port(edge, "acc", MG_PORT_IN, aw);
    mg_array_block_port(edge, "flags", MG_PORT_IN, 5);
    mg_array_block_port(edge, "acc", MG_PORT_OUT, aw);
    mg_array_block_port(edge, "flags", MG_PORT_OUT, 5);
    mg_unit_add_param(&edge->unit, "N", c->boost.width);
    mg_unit_add_param(&edge->unit, "MagWidth", c->sum_width - 1);
    mg_unit_add_param(&edge->unit, "ExpBits", f->exp_bits);
    mg_unit_add_param(&edge->unit, "FracBits", f->frac_bits);
    mg_unit_add_param(&edge->unit, "Bias", f->bias);
    mg_unit_add_param(&edge->unit, "Specials", f->specials == MG_SPECIALS_IEEE ? 0 : f->specials == MG_SPECIALS_FN ? 1 : 2);
    mg_unit_add_param(&edge->unit, "Sub", f->subnormals ? 1 : 0);
    mg_unit_add_param(&edge->unit, "Pipe", c->pipe);
    mg_unit_add_param(&edge->unit, "ExpWidth", c->exp_width);
}

int mg_array_plan_boost_grid(mg_array_plan *p)
{
    p->emit_whole = mg_array_emit_hbfp_array;
    const mg_hbfp_array_cfg *c = &p->hbfp;
    const long edges = (long)c->groups * c->cols;
    add_pe(p);
    if (c->boost.pe == MG_BOOST_PE_6X4) {
        add_join(p, "join", 2, edges);
        add_edge(p, edges);
    } else {
        add_join(p, "join_hi", 0, edges / 2);
        add_join(p, "join_lo", 1, edges / 2);
        /* The high-digit columns' edge units show 4-bit results only. */
        mg_array_edge_block(p, "edge_hi", c->n, c->boost.narrow_width, edges / 2);
        /* Last: pipe=0 chains it, and its chain is the longer one. */
        add_edge(p, edges / 2);
    }
    snprintf(p->array_module, sizeof p->array_module, "mg_hbfp_boost_array");
    /* The valid_o delay line (Lat + Cols - 1 flip-flops) and the mode
     * register; the Cols/2 AND gates that hide the high-digit columns'
     * valid_o in a 6-bit pass are not counted. */
    p->own_flops = mg_hbfp_array_latency(c) + c->cols - 1 + 1;
    p->depth_chain = c->pipe == 0 ? c->groups : 1;
    p->rows = c->rows;
    p->cols = c->cols;
    snprintf(p->canonical, sizeof p->canonical, "%s", c->canonical);
    snprintf(p->top, sizeof p->top, "%s", c->top);
    return 0;
}
