/* Parameters and Verilog emission of `mac_array` (see unit_mac_array.h). */
#include "unit_mac_array.h"

#include <string.h>

#include "array_cost.h"
#include "rtl_emit.h"

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

static const mg_param_spec array_params[] = {
    MG_P_INT("rows", 16, 2, MG_MAC_ARRAY_MAX_DIM, MG_SHOW_ALWAYS, "rows R"),
    MG_P_INT("cols", 16, 1, MG_MAC_ARRAY_MAX_DIM, MG_SHOW_ALWAYS, "columns C"),
    MG_P_ENUM("pe", "fp32", "fp32|bf16|bf16_bf16|e4m3fn_fp32|lba", MG_SHOW_ALWAYS,
              "processing element: a preset of the mac unit's formats and rounding"),
    { "pipe", MG_PARAM_INT, MG_DEF_TEXT, "0", 0, MG_MAC_ARRAY_MAX_PIPE, NULL, MG_SHOW_NONDEFAULT, MG_FOR_RTL,
      "register stages in each PE's MAC (row skew and latency: pipe+1 cycles a row)" },
    MG_P_LEAN,
    MG_P_ARCH,
    MG_PARAM_END,
};

const mg_mac_array_pe_preset *mg_mac_array_presets(size_t *count)
{
    *count = sizeof presets / sizeof presets[0];
    return presets;
}

int mg_mac_array_configure(mg_mac_array_cfg *c, mg_kv_list *kv, char *err, size_t errlen)
{
    mg_unit u;
    memset(c, 0, sizeof *c);
    if (mg_unit_resolve(&u, &mg_unit_mac_array, kv, false, err, errlen)) return -1;
    const mg_mac_array_pe_preset *p = &presets[mg_unit_int(&u, "pe")];
    /* The PE is the `mac` unit of the unit table, with the preset's formats. */
    mg_kv_list mk = { .count = 5 };
    mk.items[0] = (mg_kv){ "w", p->w, false };
    mk.items[1] = (mg_kv){ "a", p->a, false };
    mk.items[2] = (mg_kv){ "acc", p->acc, false };
    mk.items[3] = (mg_kv){ "round", p->round, false };
    mk.items[4] = (mg_kv){ "arch", u.area ? "area" : "speed", false };
    char merr[512];
    if (mg_unit_configure(&c->mac, "mac", &mk, merr, sizeof merr)) {
        snprintf(err, errlen, "pe=%s: %s", p->name, merr);
        return -1;
    }
    c->rows = (int)mg_unit_int(&u, "rows");
    c->cols = (int)mg_unit_int(&u, "cols");
    c->pipe = (int)mg_unit_int(&u, "pipe");
    c->flags = mg_unit_int(&u, "flags") != 0;
    c->events = mg_unit_int(&u, "events") != 0;
    snprintf(c->pe, sizeof c->pe, "%s", p->name);
    snprintf(c->canonical, sizeof c->canonical, "%s", u.canonical);
    snprintf(c->top, sizeof c->top, "%s", u.top);
    return 0;
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
    /* The array's own choices, named only when they differ from the
     * templates' defaults (so the default array's Verilog is unchanged). */
    const mg_param extra[] = { { "Pipe", c->pipe }, { "Flags", c->flags }, { "Events", c->events } };
    const long defaults[] = { 0, 1, 1 };
    for (size_t j = 0; j < sizeof extra / sizeof extra[0]; j++)
        if (extra[j].value != defaults[j] && n < max) params[n++] = extra[j];
    return n;
}

static const char *const array_templates[] = { "mg_mac_array", NULL };

/* arch=auto: the rule of mg_unit_auto_area over the PE preset's formats;
 * pipelined PEs keep the fast structures, as a pipelined mac does. */
static bool auto_area_array(const mg_unit *u)
{
    if (mg_unit_int(u, "pipe")) return false;
    const mg_mac_array_pe_preset *p = &presets[mg_unit_int(u, "pe")];
    const char *const names[] = { p->w, p->a, p->acc };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        mg_format f;
        char ferr[MG_FORMAT_ERR_LEN];
        if (mg_format_parse(names[i], &f, ferr) || !mg_arch_narrow(&f)) return false;
    }
    return true;
}

int mg_mac_array_emit(const mg_mac_array_cfg *c, const char *outdir, const char *command_line,
                      mg_rtl_output *out, char *err, size_t errlen)
{
    /* The top wrapper is written by the generic emitter from a port table. */
    mg_unit u;
    memset(&u, 0, sizeof u);
    u.def = &mg_unit_mac_array;
    u.area = c->mac.area;
    snprintf(u.canonical, sizeof u.canonical, "%s", c->canonical);
    snprintf(u.top, sizeof u.top, "%s", c->top);
    const int ww = mg_format_width(mg_unit_format(&c->mac, "w")), aw = mg_format_width(mg_unit_format(&c->mac, "a"));
    const int cw = mg_format_width(mg_unit_format(&c->mac, "acc"));
    mg_unit_add_port(&u, "clk", MG_PORT_IN, MG_PORT_CLOCK, 1, NULL);
    mg_unit_add_port(&u, "rst", MG_PORT_IN, MG_PORT_RESET_N, 1, NULL);
    mg_unit_add_port(&u, "load_w", MG_PORT_IN, MG_PORT_ENABLE, 1, NULL);
    mg_unit_add_port(&u, "w", MG_PORT_IN, MG_PORT_INT, c->cols * ww, NULL);
    mg_unit_add_port(&u, "valid", MG_PORT_IN, MG_PORT_ENABLE, 1, NULL);
    mg_unit_add_port(&u, "a", MG_PORT_IN, MG_PORT_INT, c->rows * aw, NULL);
    mg_unit_add_port(&u, "acc", MG_PORT_IN, MG_PORT_INT, c->cols * cw, NULL);
    mg_unit_add_port(&u, "acc", MG_PORT_OUT, MG_PORT_INT, c->cols * cw, NULL);
    mg_unit_add_optional_out(&u, c->flags, "flags", MG_PORT_INT, c->cols * 5);
    mg_unit_add_optional_out(&u, c->events, "events", MG_PORT_INT, c->cols * 3);
    mg_unit_add_port(&u, "valid", MG_PORT_OUT, MG_PORT_VALID, c->cols, NULL);
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

const mg_unit_def mg_unit_mac_array = {
    .name = "mac_array",
    .summary = "weight-stationary float MAC array, the baseline (docs/mac_array.md)",
    .params = array_params,
    .core = "mg_mac_array", .templates = array_templates,
    .emit = mg_mac_array_rtl_emit,
    .auto_area = auto_area_array,
    .driver = MG_DRIVER_STREAM, .verify = mg_mac_array_verify,
    .cost_plan = mg_array_plan_mac_array,
};
