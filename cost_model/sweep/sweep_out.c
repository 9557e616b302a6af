#include "sweep_out.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "cost_write.h"
#include "textfile.h"

/* Reading a report: the first key that is missing, not a number or out
 * of range is remembered, and the report refused with it. */
typedef struct {
    const char *bad;   /* the first bad key, or NULL */
    const char *why;
} reader;

/* The largest figure a cost report holds (a 1024 x 1024 array of FP32
 * MACs has about 10^10 gates): anything larger is damage, not a result. */
#define FIGURE_MAX 1e15

static double figure(reader *rd, const cJSON *o, const char *key, bool integral)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    const char *why = !v                                        ? "missing"
                      : !cJSON_IsNumber(v)                      ? "not a number"
                      : !(v->valuedouble >= 0 && v->valuedouble <= FIGURE_MAX) ? "out of range (0..1e15)"
                      : integral && v->valuedouble != (double)(long long)v->valuedouble ? "not a whole number"
                                                                                         : NULL;
    if (why && !rd->bad) {
        rd->bad = key;
        rd->why = why;
    }
    return why ? 0 : v->valuedouble;
}

static long count(reader *rd, const cJSON *o, const char *key) { return (long)figure(rd, o, key, true); }

/* A key that is a number or null (null: absent, e.g. no timing). */
static bool present(reader *rd, const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsNumber(v)) return true;
    if (!cJSON_IsNull(v) && !rd->bad) {
        rd->bad = key;
        rd->why = v ? "neither a number nor null" : "missing";
    }
    return false;
}

static void read_blocks(reader *rd, const cJSON *root, mg_sweep_result *r)
{
    const cJSON *blocks = cJSON_GetObjectItemCaseSensitive(root, "blocks"), *b;
    if (!cJSON_IsArray(blocks) && !rd->bad) rd->bad = "blocks", rd->why = "not a list";
    cJSON_ArrayForEach(b, blocks) {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(b, "name");
        if (!cJSON_IsString(name) || r->n_blocks == MG_COST_MAX_BLOCKS) {
            if (!rd->bad) rd->bad = "blocks", rd->why = "a block without a name, or too many";
            return;
        }
        snprintf(r->block_names[r->n_blocks], sizeof r->block_names[0], "%s", name->valuestring);
        r->block_gates[r->n_blocks] = count(rd, b, "gates");
        r->block_nand2[r->n_blocks] = figure(rd, b, "nand2_eq", false);
        r->n_blocks++;
    }
}

int mg_sweep_read_result(const char *json_path, mg_sweep_result *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    r->verify = -1;
    char *text;
    if (mg_read_text_file(json_path, &text, NULL, err, errlen) != 0) return -1;
    cJSON *root = cJSON_Parse(text);
    free(text);
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        snprintf(err, errlen, "%s is not a macgen cost report (not a JSON object)", json_path);
        return -1;
    }
    reader rd = { NULL, NULL };
    r->gates = count(&rd, root, "gates");
    r->inverters = count(&rd, root, "inverters");
    r->transistors = count(&rd, root, "transistors");
    r->flops = count(&rd, root, "flops");
    r->depth = count(&rd, root, "depth");
    r->nand2_eq = figure(&rd, root, "nand2_eq", false);
    const cJSON *sum = cJSON_GetObjectItemCaseSensitive(root, "blocks_sum");
    r->blocks_gates = cJSON_IsObject(sum) ? count(&rd, sum, "gates") : r->gates;
    if (present(&rd, root, "delay_ns")) {
        r->has_timing = true;
        r->delay_ns = figure(&rd, root, "delay_ns", false);
        r->fmax_mhz = figure(&rd, root, "fmax_mhz", false);
    }
    const cJSON *lib = cJSON_GetObjectItemCaseSensitive(root, "liberty");
    if (cJSON_IsObject(lib)) {
        r->has_area = true;
        r->area = figure(&rd, lib, "area_um2", false);
        r->gate_eq = figure(&rd, lib, "gate_eq", false);
    } else if (!cJSON_IsNull(lib) && !rd.bad) {
        rd.bad = "liberty";
        rd.why = lib ? "neither an object nor null" : "missing";
    }
    read_blocks(&rd, root, r);
    cJSON_Delete(root);
    if (rd.bad) {
        snprintf(err, errlen, "%s is a malformed cost report: \"%s\" is %s", json_path, rd.bad, rd.why);
        return -1;
    }
    return 0;
}

/* The union of block names over all points, in table order. */
typedef struct {
    size_t n;
    char names[2 * MG_COST_MAX_BLOCKS][128];
} block_union;

static int compare_ranked(const void *a, const void *b)
{
    const char *x = a, *y = b;
    int rx = mg_cost_block_rank(x), ry = mg_cost_block_rank(y);
    if (rx != ry) return rx < ry ? -1 : 1;
    return strcmp(x, y);
}

static void collect_blocks(const mg_sweep_plan *plan, const mg_sweep_result *res, block_union *u)
{
    u->n = 0;
    for (size_t p = 0; p < plan->n; p++) {
        for (size_t i = 0; i < res[p].n_blocks; i++) {
            bool seen = false;
            for (size_t j = 0; j < u->n && !seen; j++) seen = !strcmp(u->names[j], res[p].block_names[i]);
            if (!seen && u->n < sizeof u->names / sizeof u->names[0])
                snprintf(u->names[u->n++], sizeof u->names[0], "%s", res[p].block_names[i]);
        }
    }
    qsort(u->names, u->n, sizeof u->names[0], compare_ranked);
}

static long block_gates(const mg_sweep_result *r, const char *name)
{
    for (size_t i = 0; i < r->n_blocks; i++)
        if (!strcmp(r->block_names[i], name)) return r->block_gates[i];
    return 0;
}

static void point_params(const mg_sweep_point *pt, char *out, size_t len)
{
    out[0] = '\0';
    size_t used = 0;
    for (size_t k = 0; k < pt->n && used < len; k++) {
        int n = snprintf(out + used, len - used, "%s%s=%s", k ? " " : "", pt->keys[k], pt->values[k]);
        if (n < 0) break;
        used += (size_t)n;
    }
}

void mg_sweep_write_csv(FILE *out, const mg_sweep_plan *plan, const mg_sweep_result *res)
{
    bool area = false, verify = false, timing = false;
    for (size_t p = 0; p < plan->n; p++) {
        area |= res[p].has_area;
        timing |= res[p].has_timing;
        verify |= res[p].verify >= 0;
    }
    block_union *u = malloc(sizeof *u);
    if (!u) return;
    collect_blocks(plan, res, u);
    fputs("label,unit,params,gates,inverters,nand2_eq,transistors,flops,depth,blocks_gates", out);
    if (area) fputs(",area_um2,gate_eq", out);
    if (timing) fputs(",delay_ns,fmax_mhz", out);
    if (verify) fputs(",verify", out);
    for (size_t j = 0; j < u->n; j++) fprintf(out, ",gates:%s", u->names[j]);
    fputc('\n', out);
    for (size_t p = 0; p < plan->n; p++) {
        const mg_sweep_point *pt = &plan->points[p];
        const mg_sweep_result *r = &res[p];
        char params[4096];
        point_params(pt, params, sizeof params);
        mg_csv_field(out, pt->label);
        fputc(',', out);
        mg_csv_field(out, pt->unit);
        fputc(',', out);
        mg_csv_field(out, params);
        fprintf(out, ",%ld,%ld,%.2f,%ld,%ld,%ld,%ld", r->gates, r->inverters, r->nand2_eq,
                r->transistors, r->flops, r->depth, r->blocks_gates);
        if (area) fprintf(out, ",%.2f,%.2f", r->area, r->gate_eq);
        if (timing) fprintf(out, ",%.3f,%.1f", r->delay_ns, r->fmax_mhz);
        if (verify) fprintf(out, ",%s", r->verify == 0 ? "pass" : r->verify == 1 ? "MISMATCH" : "");
        for (size_t j = 0; j < u->n; j++) fprintf(out, ",%ld", block_gates(r, u->names[j]));
        fputc('\n', out);
    }
    free(u);
}

/* Labels go into the data file, never into the script; tabs and quotes in
 * them would break the columns, so they become spaces. */
static void tsv_label(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) fputc(*s == '\t' || *s == '"' || *s == '\n' ? ' ' : *s, out);
    fputc('"', out);
}

void mg_sweep_write_plot_data(FILE *out, const mg_sweep_plan *plan, const mg_sweep_result *res)
{
    block_union *u = malloc(sizeof *u);
    if (!u) return;
    collect_blocks(plan, res, u);
    fputs("point", out);
    for (size_t j = 0; j < u->n; j++) {
        fputc('\t', out);
        tsv_label(out, u->names[j]);
    }
    fputc('\n', out);
    for (size_t p = 0; p < plan->n; p++) {
        tsv_label(out, plan->points[p].label);
        for (size_t j = 0; j < u->n; j++) fprintf(out, "\t%ld", block_gates(&res[p], u->names[j]));
        fputc('\n', out);
    }
    free(u);
}

void mg_sweep_write_plot_script(FILE *out, const mg_sweep_plan *plan, const mg_sweep_result *res,
                                const char *title)
{
    block_union *u = malloc(sizeof *u);
    if (!u) return;
    collect_blocks(plan, res, u);
    /* Only numbers and plain text are written here: the title loses every
     * character that could end the string, labels stay in the data file. */
    char safe[128];
    size_t n = 0;
    for (const char *t = title; *t && n + 1 < sizeof safe; t++) {
        char c = *t;
        bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                     strchr(" _,.:=+-()/", c);
        safe[n++] = plain ? c : '_';
    }
    safe[n] = '\0';
    int width = 360 + 70 * (int)plan->n;
    if (width > 4000) width = 4000;
    /* Sixteen distinguishable fill colours (gnuplot's default cycle has 8). */
    static const char *const colours[] = {
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
        "#9c755f", "#bab0ac", "#1f3b73", "#8cd17d", "#d37295", "#499894", "#86bcb6", "#000000",
    };
    for (size_t i = 0; i < sizeof colours / sizeof colours[0]; i++)
        fprintf(out, "set linetype %zu lc rgb \"%s\"\n", i + 1, colours[i]);
    fprintf(out,
            "set terminal pngcairo size %d,600 noenhanced font \"sans,10\"\n"
            "set output '" MG_SWEEP_PLOT_PNG "'\n"
            "set datafile separator \"\\t\"\n"
            "set title \"%s\" noenhanced\n"
            "set style data histograms\n"
            "set style histogram rowstacked\n"
            "set style fill solid 0.85 border -1\n"
            "set boxwidth 0.75\n"
            "set key outside right top vertical noenhanced\n"
            "set ylabel \"2-input gates (incl. inverters)\"\n"
            "set yrange [0:*]\n"
            "set grid ytics\n"
            "set xtics rotate by -30 noenhanced\n"
            "set bmargin 8\n"
            "plot for [i=2:%zu] '" MG_SWEEP_PLOT_DATA "' using i:xtic(1) title columnheader(i)\n",
            width, safe, u->n + 1);
    free(u);
}
