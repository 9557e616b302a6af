/* The device description and its wrapper module mg_lanes (see
 * verify_device.h). */
#include "verify_device.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mg_verify_device_init(mg_verify_device *d, const char *top, const char *clock)
{
    memset(d, 0, sizeof *d);
    snprintf(d->top, sizeof d->top, "%s", top);
    snprintf(d->clock, sizeof d->clock, "%s", clock ? clock : "");
    d->lanes = 1;
}

long mg_verify_device_add(mg_verify_device *d, const char *name, bool out, int width, bool word_aligned)
{
    if (d->n_pins == MG_VERIFY_MAX_PINS) return -1;
    long *end = out ? &d->out_stride : &d->in_stride;
    if (word_aligned) *end = (*end + 31) / 32 * 32;
    mg_verify_pin *p = &d->pins[d->n_pins++];
    snprintf(p->name, sizeof p->name, "%s", name);
    p->out = out;
    p->width = width;
    p->offset = *end;
    *end += width;
    if (word_aligned) *end = (*end + 31) / 32 * 32;
    return p->offset;
}

long mg_verify_bus_bits(const mg_verify_device *d, bool out)
{
    long w = (out ? d->out_stride : d->in_stride) * d->lanes;
    if (w < 65) w = 65;
    return (w + 31) / 32 * 32;
}

static int by_offset(const void *a, const void *b)
{
    long x = (*(const mg_verify_pin *const *)a)->offset, y = (*(const mg_verify_pin *const *)b)->offset;
    return (x > y) - (x < y);
}

/* Ties the bits of out_o between a lane's output pins to 0. */
static void write_output_gaps(FILE *fp, const mg_verify_device *d)
{
    const mg_verify_pin *outs[MG_VERIFY_MAX_PINS];
    int n = 0;
    for (int i = 0; i < d->n_pins; i++)
        if (d->pins[i].out) outs[n++] = &d->pins[i];
    qsort(outs, (size_t)n, sizeof outs[0], by_offset);
    long pos = 0;
    for (int i = 0; i <= n; i++) {
        long next = i < n ? outs[i]->offset : d->out_stride;
        if (next > pos)
            fprintf(fp, "      assign out_o[lane*%ld+%ld +: %ld] = {%ld{1'b0}};\n", d->out_stride, pos, next - pos,
                    next - pos);
        if (i < n) pos = outs[i]->offset + outs[i]->width;
    }
}

void mg_verify_write_wrapper(FILE *fp, const mg_verify_device *d)
{
    const long in_w = mg_verify_bus_bits(d, false), out_w = mg_verify_bus_bits(d, true);
    const long in_used = d->in_stride * d->lanes, out_used = d->out_stride * d->lanes;
    fprintf(fp, "// Lanes wrapper for macgen verify: %d copies of %s.\n", d->lanes, d->top);
    fprintf(fp, "// clk_i drives every lane's clock (unused by a combinational unit).\n");
    fprintf(fp, "`default_nettype none\n\nmodule mg_lanes (\n");
    fprintf(fp, "  input  wire clk_i,\n");
    fprintf(fp, "  input  wire [%ld:0] in_i,\n  output wire [%ld:0] out_o\n);\n", in_w - 1, out_w - 1);
    fprintf(fp, "  genvar lane;\n  generate\n    for (lane = 0; lane < %d; lane = lane + 1) begin : gen_lane\n",
            d->lanes);
    fprintf(fp, "      %s u_unit (\n", d->top);
    if (d->clock[0]) fprintf(fp, "        .%s (clk_i)%s\n", d->clock, d->n_pins ? "," : "");
    for (int i = 0; i < d->n_pins; i++) {
        const mg_verify_pin *p = &d->pins[i];
        fprintf(fp, "        .%s (%s[lane*%ld+%ld +: %d])%s\n", p->name, p->out ? "out_o" : "in_i",
                p->out ? d->out_stride : d->in_stride, p->offset, p->width, i + 1 < d->n_pins ? "," : "");
    }
    fprintf(fp, "      );\n");
    write_output_gaps(fp, d);
    fprintf(fp, "    end\n  endgenerate\n");
    if (out_w > out_used)
        fprintf(fp, "  assign out_o[%ld:%ld] = {%ld{1'b0}};\n", out_w - 1, out_used, out_w - out_used);
    if (in_w > in_used) fprintf(fp, "  wire unused_ok = &{1'b0, in_i[%ld:%ld], 1'b0};\n", in_w - 1, in_used);
    if (!d->clock[0]) fprintf(fp, "  wire unused_clk_ok = &{1'b0, clk_i, 1'b0};\n");
    fprintf(fp, "endmodule\n\n`default_nettype wire\n");
}
