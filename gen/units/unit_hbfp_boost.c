/* The Accuracy Booster array, `hbfp_array n=4 boost=6` (docs/spec/hbfp.md
 * section 7, docs/hbfp_array.md): its parameters and its Verilog, the
 * template mg_hbfp_boost_array with concrete parameters.  Without boost=
 * the array is mg_hbfp_array, emitted by unit_hbfp.c as before. */
#include <string.h>

#include "rtl_emit.h"
#include "unit.h"
#include "unit_block_array.h"
#include "unit_hbfp.h"

/* The one configuration built: HBFP4 PEs with an exact HBFP6 mode. */
#define BOOST_N 4
#define BOOST_WIDTH 6

const char *mg_hbfp_boost_pe_name(int pe) { return pe == MG_BOOST_PE_6X4 ? "6x4" : "4x4"; }

int mg_hbfp_boost_configure(mg_hbfp_array_cfg *c, long boost, long pe, bool pe_given, char *err, size_t errlen)
{
    memset(&c->boost, 0, sizeof c->boost);
    if (boost == 0) {
        if (!pe_given) return 0;
        snprintf(err, errlen, "boost_pe= only applies with boost=6 (the Accuracy Booster array)");
        return -1;
    }
    if (boost != BOOST_WIDTH || c->n != BOOST_N) {
        snprintf(err, errlen,
                 "boost=%ld with n=%d: the Accuracy Booster array is built for n=4 boost=6 only "
                 "(HBFP4 PEs that also run HBFP6 exactly)", boost, c->n);
        return -1;
    }
    if (pe == MG_BOOST_PE_4X4 && c->cols % 2) {
        snprintf(err, errlen, "cols=%d must be even with boost_pe=4x4 (a 6-bit weight's two digits use a column pair)",
                 c->cols);
        return -1;
    }
    const int lb = mg_unit_ceil_log2(c->block);
    c->boost.width = BOOST_WIDTH;
    c->boost.pe = (int)pe;
    c->boost.narrow_width = c->sum_width;
    /* 4x4: digit products |h|,|l| <= 7 as in HBFP4; 6x4: |q| <= 31 times a digit <= 7. */
    c->boost.w_bits = pe == MG_BOOST_PE_6X4 ? BOOST_WIDTH : c->n;
    c->boost.pe_sum_width = pe == MG_BOOST_PE_6X4 ? BOOST_WIDTH + c->n - 1 + lb : c->sum_width;
    /* P = 8*S_hh + S_hl = sum h_a * q_b: |P| <= 4 * 31 * B < 2^(7 + lb). */
    c->boost.part_width = pe == MG_BOOST_PE_6X4 ? 1 : c->sum_width + 1;
    c->boost.slowdown = pe == MG_BOOST_PE_6X4 ? 2 : 4;
    c->sum_width = 2 * BOOST_WIDTH - 1 + lb;
    return 0;
}

int mg_hbfp_boost_emit(const mg_hbfp_array_cfg *c, const char *outdir, const char *command_line,
                       mg_rtl_output *out, char *err, size_t errlen)
{
    static const char *const own[] = { "mg_hbfp_boost_array", NULL };
    memset(out, 0, sizeof *out);
    if (mg_rtl_emit_templates("hbfp_array", own, outdir, command_line, out, err, errlen)) return -1;
    mg_block_top_port ports[MG_BLOCK_ARRAY_PORTS];
    const size_t n_ports = mg_block_array_ports(c, ports);
    const mg_block_top_param params[] = {
        { "Rows", c->rows },
        { "Cols", c->cols },
        { "N", c->n },
        { "WBits", c->boost.w_bits },
        { "Boost", c->boost.width },
        { "Arch", c->boost.pe },
        { "Block", c->block },
        { "PeSumWidth", c->boost.pe_sum_width },
        { "NarrowWidth", c->boost.narrow_width },
        { "SumWidth", c->sum_width },
        { "PartWidth", c->boost.part_width },
        MG_BLOCK_ARRAY_EDGE_PARAMS(c),
    };
    return mg_block_emit_wrapper(outdir, c->top, command_line, c->canonical, "mg_hbfp_boost_array", ports, n_ports,
                                 params, sizeof params / sizeof params[0], out, err, errlen);
}
