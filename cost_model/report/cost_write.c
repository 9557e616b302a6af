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

static void table_row(FILE *out, const char *name, const char *role, const char *inst,
                      const mg_cost_block *b)
{
    fprintf(out, "%-14s %-38s %5s %8ld %6ld %6ld %10.2f %11ld\n", name, role, inst, b->gates,
            b->inverters, b->flops, mg_cost_nand2_eq(b->transistors), b->transistors);
}

static void print_blocks(FILE *out, const mg_cost_report *rep)
{
    fprintf(out, "blocks, each synthesized stand-alone (hierarchy kept: no logic shared across "
                 "a block boundary)\n");
    fprintf(out, "%-14s %-38s %5s %8s %6s %6s %10s %11s\n", "block", "role", "inst", "gates", "inv",
            "flops", "NAND2 eq", "transistors");
    char inst[24];
    for (size_t i = 0; i < rep->n_blocks; i++) {
        const mg_cost_block *b = &rep->blocks[i];
        snprintf(inst, sizeof inst, "%ld", b->instances);
        table_row(out, b->name, mg_cost_block_role(b->name), inst, b);
    }
    table_row(out, "sum of blocks", "", "", &rep->block_sum);
    mg_cost_block flat = { .gates = rep->gates, .inverters = rep->inverters, .flops = rep->flops,
                           .transistors = rep->transistors };
    table_row(out, "flat total", "the whole unit flattened (headline figures)", "", &flat);
    const mg_cost_block *s = &rep->block_sum;
    fprintf(out, "%-14s %-38s %5s %+8ld %+6ld %+6ld %+10.2f %+11ld\n", "flat - blocks",
            "sharing and simplification across blocks", "", rep->gates - s->gates,
            rep->inverters - s->inverters, rep->flops - s->flops,
            mg_cost_nand2_eq(rep->transistors) - mg_cost_nand2_eq(s->transistors),
            rep->transistors - s->transistors);
}

void mg_cost_print_table(FILE *out, const mg_cost_label *label, const mg_cost_report *rep)
{
    char params[1024];
    mg_cost_label_params(label, params, sizeof params);
    fprintf(out, "cost of %s%s%s (top module %s)\n", label->unit, params[0] ? " " : "", params,
            rep->top);
    fprintf(out, "yosys %s, flow %s, gates = 2-input %s + inverters\n\n", rep->yosys_version,
            rep->flow_hash, MG_FLOW_GATE_SET);
    fprintf(out, "gates        %ld (flat synthesis of the whole unit; %ld inverters)\n", rep->gates,
            rep->inverters);
    fprintf(out, "NAND2 eq     %.2f (transistors / 4)\n", mg_cost_nand2_eq(rep->transistors));
    fprintf(out, "transistors  %ld (%s; Yosys stat -tech cmos: %ld%s)\n", rep->transistors,
            rep->transistors_estimate ? "estimate: reset flip-flops weighed 20 each" : "exact count",
            rep->yosys_transistors, rep->transistors_estimate ? "+" : "");
    fprintf(out, "flops        %ld\n", rep->flops);
    fprintf(out, "depth        %ld gate levels (longest path, flip-flops cut)\n", rep->depth);
    if (rep->has_liberty)
        fprintf(out, "area         %.2f um^2 = %.2f %s equivalents (%s, %s = %.2f um^2)\n", rep->area,
                two_decimals(mg_cost_gate_eq(rep, rep->area)), rep->nand2_cell, rep->liberty_name,
                rep->nand2_cell, rep->nand2_area);
    if (rep->has_timing) {
        fprintf(out, "delay        %.3f ns (%s), fmax %.1f MHz\n", rep->delay_ns,
                rep->clocked ? "smallest clock period meeting setup, ports at zero external delay"
                             : "critical path, inputs to outputs",
                mg_cost_fmax_mhz(rep));
        fprintf(out, "critical     %s -> %s\n", rep->path_start, rep->path_end);
    }
    if (rep->has_liberty)
        fprintf(out, "             (OpenSTA, no wire load, placement or clock tree: relative "
                     "pre-layout figures, not sign-off)\n");
    fprintf(out, "cells       ");
    for (size_t i = 0; i < rep->n_cells; i++)
        fprintf(out, " %s %ld", rep->cells[i].type, rep->cells[i].count);
    fputc('\n', out);
    if (rep->has_liberty) {
        fprintf(out, "lib cells   ");
        for (size_t i = 0; i < rep->n_lib_cells; i++)
            fprintf(out, " %s %ld", rep->lib_cells[i].type, rep->lib_cells[i].count);
        fputc('\n', out);
    }
    fputc('\n', out);
    print_blocks(out, rep);
}

static cJSON *cell_object(const mg_cost_cell_count *cells, size_t n)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; o && i < n; i++) cJSON_AddNumberToObject(o, cells[i].type, (double)cells[i].count);
    return o;
}

/* Top-level area_um2, delay_ns, fmax_mhz (null without a library) and the
 * critical path. */
static void add_timing(cJSON *root, const mg_cost_report *rep)
{
    if (rep->has_liberty)
        cJSON_AddNumberToObject(root, "area_um2", two_decimals(rep->area));
    else
        cJSON_AddNullToObject(root, "area_um2");
    if (!rep->has_timing) {
        cJSON_AddNullToObject(root, "delay_ns");
        cJSON_AddNullToObject(root, "fmax_mhz");
        cJSON_AddNullToObject(root, "critical_path");
        return;
    }
    cJSON_AddNumberToObject(root, "delay_ns", round(rep->delay_ns * 1000.0) / 1000.0);
    cJSON_AddNumberToObject(root, "fmax_mhz", round(mg_cost_fmax_mhz(rep) * 10.0) / 10.0);
    cJSON *cp = cJSON_AddObjectToObject(root, "critical_path");
    if (!cp) return;
    cJSON_AddStringToObject(cp, "kind", rep->clocked ? "clock period" : "inputs to outputs");
    cJSON_AddStringToObject(cp, "start", rep->path_start);
    cJSON_AddStringToObject(cp, "end", rep->path_end);
}

int mg_cost_write_json(FILE *out, const mg_cost_label *label, const mg_cost_report *rep)
{
    cJSON *root = cJSON_CreateObject();
    if (!root) return -1;
    cJSON_AddStringToObject(root, "unit", label->unit);
    cJSON *params = cJSON_AddObjectToObject(root, "params");
    for (size_t i = 0; params && i < label->n; i++)
        cJSON_AddStringToObject(params, label->keys[i], label->values[i]);
    /* What the figures are of: a sweep's --merge checks it against the point. */
    if (label->canonical) cJSON_AddStringToObject(root, "canonical", label->canonical);
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
    add_timing(root, rep);
    cJSON *sum = cJSON_AddObjectToObject(root, "blocks_sum");
    if (sum) {
        const mg_cost_block *s = &rep->block_sum;
        cJSON_AddNumberToObject(sum, "gates", (double)s->gates);
        cJSON_AddNumberToObject(sum, "inverters", (double)s->inverters);
        cJSON_AddNumberToObject(sum, "flops", (double)s->flops);
        cJSON_AddNumberToObject(sum, "nand2_eq", mg_cost_nand2_eq(s->transistors));
        cJSON_AddNumberToObject(sum, "transistors", (double)s->transistors);
        cJSON_AddNumberToObject(sum, "flat_minus_blocks_gates", (double)(rep->gates - s->gates));
    }
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

/* One CSV row; total (the flat figures) carries depth, area and timing. */
static void csv_row(FILE *out, const char *unit, const char *params, const mg_cost_block *b,
                    const mg_cost_report *rep, bool total)
{
    mg_csv_field(out, unit);
    fputc(',', out);
    mg_csv_field(out, params);
    fputc(',', out);
    mg_csv_field(out, b->name);
    fprintf(out, ",%ld,%ld,%ld,%ld,%.2f,%ld,", b->instances, b->gates, b->inverters, b->flops,
            mg_cost_nand2_eq(b->transistors), b->transistors);
    if (total) fprintf(out, "%ld", rep->depth);
    if (total && rep->has_liberty)
        fprintf(out, ",%.2f,%.2f", rep->area, two_decimals(mg_cost_gate_eq(rep, rep->area)));
    else
        fputs(",,", out);
    if (total && rep->has_timing)
        fprintf(out, ",%.3f,%.1f\n", rep->delay_ns, mg_cost_fmax_mhz(rep));
    else
        fputs(",,\n", out);
}

void mg_cost_write_csv(FILE *out, const mg_cost_label *label, const mg_cost_report *rep)
{
    char params[1024];
    mg_cost_label_params(label, params, sizeof params);
    fputs("unit,params,block,instances,gates,inverters,flops,nand2_eq,transistors,depth,area_um2,"
          "gate_eq,delay_ns,fmax_mhz\n",
          out);
    for (size_t i = 0; i < rep->n_blocks; i++)
        csv_row(out, label->unit, params, &rep->blocks[i], rep, false);
    csv_row(out, label->unit, params, &rep->block_sum, rep, false);
    mg_cost_block total = { .name = "total", .instances = 1, .gates = rep->gates,
                            .inverters = rep->inverters, .flops = rep->flops,
                            .transistors = rep->transistors };
    csv_row(out, label->unit, params, &total, rep, true);
}
