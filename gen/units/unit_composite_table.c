/* The composite unit table (see unit_composite.h): adding a composite unit is
 * one entry here plus its definition. */
#include "unit_composite.h"

#include <string.h>

#include "array_cost.h"
#include "unit.h"
#include "unit_hbfp.h"
#include "unit_mac_array.h"
#include "unit_mx.h"

static const mg_composite_def hbfp_array = {
    .name = "hbfp_array",
    .summary = "weight-stationary HBFP systolic array",
    .usage = mg_hbfp_array_usage,
    .emit = mg_hbfp_array_rtl_emit,
    .verify = mg_hbfp_array_verify,
    .cost_plan = mg_array_plan_hbfp_array,
};

static const mg_composite_def hbfp_quant = {
    .name = "hbfp_quant",
    .summary = "FP32 -> HBFP block converter",
    .usage = mg_hbfp_quant_usage,
    .emit = mg_hbfp_quant_rtl_emit,
    .verify = mg_hbfp_quant_verify,
    .cost_plan = NULL,
};

static const mg_composite_def mac_array = {
    .name = "mac_array",
    .summary = "weight-stationary float MAC array (the baseline)",
    .usage = mg_mac_array_usage,
    .emit = mg_mac_array_rtl_emit,
    .verify = mg_mac_array_verify,
    .cost_plan = mg_array_plan_mac_array,
};

static const mg_composite_def mx_array = {
    .name = "mx_array",
    .summary = "weight-stationary MX (OCP microscaling) systolic array",
    .usage = mg_mx_array_usage,
    .emit = mg_mx_array_rtl_emit,
    .verify = mg_mx_array_verify,
    .cost_plan = mg_array_plan_mx_array,
};

static const mg_composite_def mx_quant = {
    .name = "mx_quant",
    .summary = "FP32 -> MX block converter",
    .usage = mg_mx_quant_usage,
    .emit = mg_mx_quant_rtl_emit,
    .verify = mg_mx_quant_verify,
    .cost_plan = NULL,
};

static const mg_composite_def *const composites[] = { &hbfp_array, &hbfp_quant, &mac_array, &mx_array, &mx_quant };

const mg_composite_def *const *mg_composite_all(size_t *count)
{
    *count = sizeof composites / sizeof composites[0];
    return composites;
}

const mg_composite_def *mg_composite_find(const char *name)
{
    for (size_t i = 0; i < sizeof composites / sizeof composites[0]; i++)
        if (!strcmp(composites[i]->name, name)) return composites[i];
    return NULL;
}

void mg_units_print_list(FILE *out, const char *(*note)(const mg_composite_def *def))
{
    size_t n;
    const mg_unit_def *const *simple = mg_unit_all(&n);
    for (size_t i = 0; i < n; i++) fprintf(out, "  %-11s %s\n", simple[i]->name, simple[i]->summary);
    const mg_composite_def *const *comp = mg_composite_all(&n);
    for (size_t i = 0; i < n; i++) {
        const char *suffix = note ? note(comp[i]) : NULL;
        fprintf(out, "  %-11s %s%s\n", comp[i]->name, comp[i]->summary, suffix ? suffix : "");
    }
}
