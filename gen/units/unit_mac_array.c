/* Parameters and Verilog emission of `mac_array` (see unit_mac_array.h). */
#include "unit_mac_array.h"

#include <string.h>

#include "rtl_emit.h"

const char mg_mac_array_usage[] =
    "  mac_array rows=R cols=C pe=fp32|bf16|bf16_bf16|e4m3fn_fp32|lba [top=NAME]\n"
    "    weight-stationary float MAC array (docs/mac_array.md), the grid and dataflow\n"
    "    of hbfp_array with mg_fmac PEs; defaults rows=16 cols=16 pe=fp32\n";

/* bf16 accumulates in fp32, as bf16 hardware does (TPU, the HBFP baselines):
 * the product of two bf16 values is exact in fp32, so pe=bf16 is "bf16
 * inputs, fp32 arithmetic"; bf16_bf16 rounds every step to bf16. */
static const mg_mac_array_pe_preset presets[] = {
    { "fp32", "fp32", "fp32", "fp32", "rne", "fp32 x fp32 + fp32, rne" },
    { "bf16", "bf16", "bf16", "fp32", "rne", "bf16 x bf16 + fp32 (fp32 accumulation), rne" },
    { "bf16_bf16", "bf16", "bf16", "bf16", "rne", "bf16 x bf16 + bf16, rne" },
    { "e4m3fn_fp32", "e4m3fn", "e4m3fn", "fp32", "rne", "FP8 e4m3fn x e4m3fn + fp32, rne" },
    { "lba", "lba8", "lba8", "lba12", "rtz", "lba8 x lba8 + lba12 (12-bit LBA accumulator), rtz" },
};

static const char known[] = "rows, cols, pe, top";

const mg_mac_array_pe_preset *mg_mac_array_presets(size_t *count)
{
    *count = sizeof presets / sizeof presets[0];
    return presets;
}

int mg_mac_array_configure(mg_mac_array_cfg *c, mg_kv_list *kv, char *err, size_t errlen)
{
    long rows, cols;
    memset(c, 0, sizeof *c);
    if (mg_kv_get_int(kv, "rows", 16, 2, MG_MAC_ARRAY_MAX_DIM, &rows, err, errlen)) return -1;
    if (mg_kv_get_int(kv, "cols", 16, 1, MG_MAC_ARRAY_MAX_DIM, &cols, err, errlen)) return -1;
    const char *pe = mg_kv_get(kv, "pe", "fp32");
    const mg_mac_array_pe_preset *p = NULL;
    for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++)
        if (!strcmp(presets[i].name, pe)) p = &presets[i];
    if (!p) {
        snprintf(err, errlen, "pe=%s: expected pe=fp32, bf16, bf16_bf16, e4m3fn_fp32 or lba", pe);
        return -1;
    }
    /* The PE is the `mac` unit of the unit table, with the preset's formats. */
    mg_kv_list mk = { .count = 4 };
    mk.items[0] = (mg_kv){ "w", p->w, false };
    mk.items[1] = (mg_kv){ "a", p->a, false };
    mk.items[2] = (mg_kv){ "acc", p->acc, false };
    mk.items[3] = (mg_kv){ "round", p->round, false };
    char merr[512];
    if (mg_unit_configure(&c->mac, "mac", &mk, merr, sizeof merr)) {
        snprintf(err, errlen, "pe=%s: %s", pe, merr);
        return -1;
    }
    c->rows = (int)rows;
    c->cols = (int)cols;
    snprintf(c->pe, sizeof c->pe, "%s", p->name);
    snprintf(c->canonical, sizeof c->canonical, "mac_array rows=%d cols=%d pe=%s", c->rows, c->cols, c->pe);
    if (mg_unit_read_top(kv, "mg_mac_array_top", c->top, sizeof c->top, c->canonical, sizeof c->canonical, err,
                         errlen))
        return -1;
    return mg_kv_check_all_used(kv, known, err, errlen);
}

int mg_mac_array_pe_params(const mg_mac_array_cfg *c, mg_param *params, int max)
{
    /* mg_fmac's parameters minus those the PE fixes itself. */
    static const char *const fixed[] = { "Fused", "RBits", "Pipe" };
    int n = 0;
    for (int i = 0; i < c->mac.n_params && n < max; i++) {
        int skip = 0;
        for (size_t j = 0; j < sizeof fixed / sizeof fixed[0]; j++) skip |= !strcmp(c->mac.params[i].name, fixed[j]);
        if (!skip) params[n++] = c->mac.params[i];
    }
    return n;
}

static const char *const array_templates[] = { "mg_mac_array", NULL };
static const mg_unit_def array_def = {
    .name = "mac_array",
    .summary = "weight-stationary float MAC array",
    .core = "mg_mac_array",
    .templates = array_templates,
};

int mg_mac_array_emit(const mg_mac_array_cfg *c, const char *outdir, const char *command_line,
                      mg_rtl_output *out, char *err, size_t errlen)
{
    /* The top wrapper is written by the generic emitter from a port table. */
    mg_unit u;
    memset(&u, 0, sizeof u);
    u.def = &array_def;
    snprintf(u.canonical, sizeof u.canonical, "%s", c->canonical);
    snprintf(u.top, sizeof u.top, "%s", c->top);
    const int ww = mg_format_width(&c->mac.fmt[0]), aw = mg_format_width(&c->mac.fmt[1]);
    const int cw = mg_format_width(&c->mac.fmt[3]);
    mg_unit_add_port(&u, "clk", MG_PORT_IN, MG_PORT_CLOCK, 1, -1);
    mg_unit_add_port(&u, "rst", MG_PORT_IN, MG_PORT_RESET_N, 1, -1);
    mg_unit_add_port(&u, "load_w", MG_PORT_IN, MG_PORT_ENABLE, 1, -1);
    mg_unit_add_port(&u, "w", MG_PORT_IN, MG_PORT_INT, c->cols * ww, -1);
    mg_unit_add_port(&u, "valid", MG_PORT_IN, MG_PORT_ENABLE, 1, -1);
    mg_unit_add_port(&u, "a", MG_PORT_IN, MG_PORT_INT, c->rows * aw, -1);
    mg_unit_add_port(&u, "acc", MG_PORT_IN, MG_PORT_INT, c->cols * cw, -1);
    mg_unit_add_port(&u, "acc", MG_PORT_OUT, MG_PORT_INT, c->cols * cw, -1);
    mg_unit_add_port(&u, "flags", MG_PORT_OUT, MG_PORT_INT, c->cols * 5, -1);
    mg_unit_add_port(&u, "events", MG_PORT_OUT, MG_PORT_INT, c->cols * 3, -1);
    mg_unit_add_port(&u, "valid", MG_PORT_OUT, MG_PORT_VALID, c->cols, -1);
    mg_unit_add_param(&u, "Rows", c->rows);
    mg_unit_add_param(&u, "Cols", c->cols);
    mg_param pe[MG_UNIT_MAX_PARAMS];
    int n = mg_mac_array_pe_params(c, pe, MG_UNIT_MAX_PARAMS - 2);
    for (int i = 0; i < n; i++) mg_unit_add_param(&u, pe[i].name, pe[i].value);
    return mg_rtl_emit_unit(&u, outdir, command_line, out, err, errlen);
}

int mg_mac_array_rtl_emit(mg_kv_list *kv, const char *outdir, const char *command_line,
                          mg_rtl_output *out, char *err, size_t errlen)
{
    mg_mac_array_cfg c;
    if (mg_mac_array_configure(&c, kv, err, errlen)) return -1;
    return mg_mac_array_emit(&c, outdir, command_line, out, err, errlen);
}
