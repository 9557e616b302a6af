/* What the block arrays share (hbfp_array, its Accuracy Booster form and
 * mx_array, one mg_hbfp_array_cfg): the geometry checks of their
 * configuration, the edge units' exponent width and the top ports and
 * parameters of their wrappers (unit_block_array.h). */
#include "unit_block_array.h"

#include <stdlib.h>
#include <string.h>

int mg_block_check_size(long block, int min, int max, char *err, size_t errlen)
{
    if (block >= min && block <= max && !(block & (block - 1))) return 0;
    snprintf(err, errlen, "block=%ld must be a power of two from %d to %d", block, min, max);
    return -1;
}

int mg_block_array_resolve(mg_hbfp_array_cfg *c, mg_unit *u, const mg_unit_def *def, mg_kv_list *kv, int block_min,
                           int block_max, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    if (mg_unit_resolve(u, def, kv, false, err, errlen)) return -1;
    long rows = mg_unit_int(u, "rows"), block = mg_unit_int(u, "block");
    if (mg_block_check_size(block, block_min, block_max, err, errlen)) return -1;
    if (rows % block) {
        snprintf(err, errlen, "rows=%ld must be a multiple of block=%ld (a group of B rows sums one block)", rows,
                 block);
        return -1;
    }
    c->acc = *mg_unit_format(u, "acc");
    if (c->acc.frac_bits < 1 || mg_format_width(&c->acc) > 64) {
        snprintf(err, errlen, "acc=%s: the array needs a float format with 1 or more fraction bits and at most 64 bits",
                 mg_unit_text(u, "acc"));
        return -1;
    }
    c->rows = (int)rows;
    c->cols = (int)mg_unit_int(u, "cols");
    c->block = (int)block;
    c->groups = (int)(rows / block);
    c->pipe = (int)mg_unit_int(u, "pipe");
    snprintf(c->canonical, sizeof c->canonical, "%s", u->canonical);
    snprintf(c->top, sizeof c->top, "%s", u->top);
    return 0;
}

int mg_block_array_exp_width(const mg_format *acc, long blk_span)
{
    long fmt_span = (1L << acc->exp_bits) + labs((long)acc->bias) + acc->frac_bits + 64;
    long span = fmt_span > blk_span ? fmt_span : blk_span;
    return mg_unit_bits_for(2 * span) + 1;
}

size_t mg_block_array_ports(const mg_hbfp_array_cfg *c, mg_block_top_port *ports)
{
    const long acc_w = mg_format_width(&c->acc);
    const long w_bits = c->boost.width ? c->boost.w_bits : c->n;
    size_t n = 0;
    ports[n++] = (mg_block_top_port){ "clk_i", 1, 1, NULL };
    ports[n++] = (mg_block_top_port){ "rst_ni", 1, 1, NULL };
    ports[n++] = (mg_block_top_port){ "load_w_i", 1, 1, NULL };
    ports[n++] = (mg_block_top_port){ "w_i", 1, (long)c->cols * w_bits, NULL };
    ports[n++] = (mg_block_top_port){ "load_e_i", 1, 1, NULL };
    ports[n++] = (mg_block_top_port){ "eb_i", 1, (long)c->cols * 8, NULL };
    if (c->boost.width) ports[n++] = (mg_block_top_port){ "boost_i", 1, 1, NULL };
    ports[n++] = (mg_block_top_port){ "valid_i", 1, 1, NULL };
    ports[n++] = (mg_block_top_port){ "a_i", 1, (long)c->rows * c->n, NULL };
    ports[n++] = (mg_block_top_port){ "ea_i", 1, (long)c->groups * 8, NULL };
    ports[n++] = (mg_block_top_port){ "en_i", 1, c->groups, NULL };
    ports[n++] = (mg_block_top_port){ "acc_i", 1, c->cols * acc_w, NULL };
    ports[n++] = (mg_block_top_port){ "acc_o", 0, c->cols * acc_w, NULL };
    ports[n++] = (mg_block_top_port){ "flags_o", 0, (long)c->cols * 5, NULL };
    ports[n++] = (mg_block_top_port){ "valid_o", 0, c->cols, NULL };
    return n;
}
