#include "cost_write.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"

void mg_cost_label_params(const mg_cost_label *label, char *out, size_t len)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < label->n && used < len; i++) {
        int n = snprintf(out + used, len - used, "%s%s=%s", i ? " " : "", label->keys[i],
                         label->values[i]);
        if (n < 0) break;
        used += (size_t)n;
    }
}

/* Two decimals, so that JSON, CSV and the table agree. */
static double two_decimals(double x)
{
    return round(x * 100.0) / 100.0;
}

void mg_cost_print_table(FILE *out, const mg_cost_label *label, const mg_cost_report *rep)
{
    char params[1024];
    mg_cost_label_params(label, params, sizeof params);
    fprintf(out, "cost of %s%s%s (top module %s)\n", label->unit, params[0] ? " " : "", params,
            rep->top);
    fprintf(out, "yosys %s, flow %s, gates = 2-input %s + inverters\n\n", rep->yosys_version,
            rep->flow_hash, MG_FLOW_GATE_SET);
    fprintf(out, "%-14s %-38s %5s %8s %6s %6s %10s %11s", "block", "role", "inst", "gates", "inv",
            "flops", "NAND2 eq", "transistors");
    if (rep->has_liberty) fprintf(out, " %11s %9s", "area um^2", "GE");
    fputc('\n', out);
    for (size_t i = 0; i < rep->n_blocks; i++) {
        const mg_cost_block *b = &rep->blocks[i];
        fprintf(out, "%-14s %-38s %5ld %8ld %6ld %6ld %10.2f %11ld", b->name,
                mg_cost_block_role(b->name), b->instances, b->gates, b->inverters, b->flops,
                mg_cost_nand2_eq(b->transistors), b->transistors);
        if (rep->has_liberty)
            fprintf(out, " %11.2f %9.2f", b->area, two_decimals(mg_cost_gate_eq(rep, b->area)));
        fputc('\n', out);
    }
    fprintf(out, "%-14s %-38s %5s %8ld %6ld %6ld %10.2f %11ld", "total", "", "", rep->gates,
            rep->inverters, rep->flops, mg_cost_nand2_eq(rep->transistors), rep->transistors);
    if (rep->has_liberty)
        fprintf(out, " %11.2f %9.2f", rep->area, two_decimals(mg_cost_gate_eq(rep, rep->area)));
    fprintf(out, "\n\n");
    fprintf(out, "depth        %ld gate levels (longest path, flattened, flip-flops cut)\n", rep->depth);
    fprintf(out, "transistors  %ld (%s; Yosys stat -tech cmos: %ld%s)\n", rep->transistors,
            rep->transistors_estimate ? "estimate: reset flip-flops weighed 20 each" : "exact count",
            rep->yosys_transistors, rep->transistors_estimate ? "+" : "");
    fprintf(out, "NAND2 eq     %.2f (transistors / 4)\n", mg_cost_nand2_eq(rep->transistors));
    fprintf(out, "cells       ");
    for (size_t i = 0; i < rep->n_cells; i++)
        fprintf(out, " %s %ld", rep->cells[i].type, rep->cells[i].count);
    fputc('\n', out);
    if (rep->has_liberty) {
        fprintf(out, "liberty      %s: %.2f um^2 = %.2f %s equivalents (%s = %.2f um^2); relative "
                     "figures, not sign-off\n",
                rep->liberty_name, rep->area, two_decimals(mg_cost_gate_eq(rep, rep->area)),
                rep->nand2_cell, rep->nand2_cell, rep->nand2_area);
        fprintf(out, "lib cells   ");
        for (size_t i = 0; i < rep->n_lib_cells; i++)
            fprintf(out, " %s %ld", rep->lib_cells[i].type, rep->lib_cells[i].count);
        fputc('\n', out);
    }
}

static cJSON *cell_object(const mg_cost_cell_count *cells, size_t n)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; o && i < n; i++) cJSON_AddNumberToObject(o, cells[i].type, (double)cells[i].count);
    return o;
}

int mg_cost_write_json(FILE *out, const mg_cost_label *label, const mg_cost_report *rep)
{
    cJSON *root = cJSON_CreateObject();
    if (!root) return -1;
    cJSON_AddStringToObject(root, "unit", label->unit);
    cJSON *params = cJSON_AddObjectToObject(root, "params");
    for (size_t i = 0; params && i < label->n; i++)
        cJSON_AddStringToObject(params, label->keys[i], label->values[i]);
    cJSON_AddStringToObject(root, "top", rep->top);
    cJSON_AddNumberToObject(root, "gates", (double)rep->gates);
    cJSON_AddNumberToObject(root, "inverters", (double)rep->inverters);
    cJSON_AddNumberToObject(root, "nand2_eq", mg_cost_nand2_eq(rep->transistors));
    cJSON_AddNumberToObject(root, "transistors", (double)rep->transistors);
    cJSON_AddBoolToObject(root, "transistors_estimate", rep->transistors_estimate);
    cJSON_AddNumberToObject(root, "yosys_transistors", (double)rep->yosys_transistors);
    cJSON_AddNumberToObject(root, "flops", (double)rep->flops);
    cJSON_AddNumberToObject(root, "depth", (double)rep->depth);
    cJSON_AddStringToObject(root, "yosys_version", rep->yosys_version);
    cJSON_AddStringToObject(root, "flow_hash", rep->flow_hash);
    cJSON_AddStringToObject(root, "gate_set", MG_FLOW_GATE_SET ",NOT");
    cJSON_AddItemToObject(root, "cells", cell_object(rep->cells, rep->n_cells));
    cJSON *blocks = cJSON_AddArrayToObject(root, "blocks");
    for (size_t i = 0; blocks && i < rep->n_blocks; i++) {
        const mg_cost_block *b = &rep->blocks[i];
        cJSON *jb = cJSON_CreateObject();
        if (!jb) break;
        cJSON_AddStringToObject(jb, "name", b->name);
        cJSON_AddStringToObject(jb, "role", mg_cost_block_role(b->name));
        cJSON_AddNumberToObject(jb, "instances", (double)b->instances);
        cJSON_AddNumberToObject(jb, "gates", (double)b->gates);
        cJSON_AddNumberToObject(jb, "inverters", (double)b->inverters);
        cJSON_AddNumberToObject(jb, "flops", (double)b->flops);
        cJSON_AddNumberToObject(jb, "nand2_eq", mg_cost_nand2_eq(b->transistors));
        cJSON_AddNumberToObject(jb, "transistors", (double)b->transistors);
        if (rep->has_liberty) {
            cJSON_AddNumberToObject(jb, "area_um2", two_decimals(b->area));
            cJSON_AddNumberToObject(jb, "gate_eq", two_decimals(mg_cost_gate_eq(rep, b->area)));
        }
        cJSON_AddItemToArray(blocks, jb);
    }
    if (rep->has_liberty) {
        cJSON *jl = cJSON_AddObjectToObject(root, "liberty");
        if (jl) {
            cJSON_AddStringToObject(jl, "file", rep->liberty_name);
            cJSON_AddStringToObject(jl, "nand2_cell", rep->nand2_cell);
            cJSON_AddNumberToObject(jl, "nand2_area_um2", rep->nand2_area);
            cJSON_AddNumberToObject(jl, "area_um2", two_decimals(rep->area));
            cJSON_AddNumberToObject(jl, "gate_eq", two_decimals(mg_cost_gate_eq(rep, rep->area)));
            cJSON_AddItemToObject(jl, "cells", cell_object(rep->lib_cells, rep->n_lib_cells));
        }
    } else {
        cJSON_AddNullToObject(root, "liberty");
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text) return -1;
    fputs(text, out);
    fputc('\n', out);
    free(text);
    return 0;
}

void mg_csv_field(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\" \n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"') fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void csv_row(FILE *out, const char *unit, const char *params, const char *block, long inst,
                    long gates, long inv, long flops, long transistors, long depth, bool lib,
                    double area, double ge)
{
    mg_csv_field(out, unit);
    fputc(',', out);
    mg_csv_field(out, params);
    fputc(',', out);
    mg_csv_field(out, block);
    fprintf(out, ",%ld,%ld,%ld,%ld,%.2f,%ld,", inst, gates, inv, flops, mg_cost_nand2_eq(transistors),
            transistors);
    if (depth >= 0) fprintf(out, "%ld", depth);
    if (lib)
        fprintf(out, ",%.2f,%.2f\n", area, ge);
    else
        fputs(",,\n", out);
}

void mg_cost_write_csv(FILE *out, const mg_cost_label *label, const mg_cost_report *rep)
{
    char params[1024];
    mg_cost_label_params(label, params, sizeof params);
    fputs("unit,params,block,instances,gates,inverters,flops,nand2_eq,transistors,depth,area_um2,"
          "gate_eq\n",
          out);
    for (size_t i = 0; i < rep->n_blocks; i++) {
        const mg_cost_block *b = &rep->blocks[i];
        csv_row(out, label->unit, params, b->name, b->instances, b->gates, b->inverters, b->flops,
                b->transistors, -1, rep->has_liberty, b->area,
                two_decimals(mg_cost_gate_eq(rep, b->area)));
    }
    csv_row(out, label->unit, params, "total", 1, rep->gates, rep->inverters, rep->flops,
            rep->transistors, rep->depth, rep->has_liberty, rep->area,
            two_decimals(mg_cost_gate_eq(rep, rep->area)));
}
