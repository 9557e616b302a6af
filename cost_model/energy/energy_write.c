#include "energy_report.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A net as the netlist names it (escaped names restored). */
static const char *net_name(const mg_enetlist *nl, int k)
{
    return nl->nets[k].shown ? nl->nets[k].shown : nl->nets[k].name;
}

static const mg_energy_sum *block_sum(const mg_energy_block *b, bool timed)
{
    return timed ? &b->timed : &b->zero;
}

mg_energy_parts mg_energy_report_per_op(const mg_energy_report *r, bool timed)
{
    mg_energy_parts p = { 0, 0, 0, 0 };
    for (int i = 0; i < r->n_blocks; i++) {
        const mg_energy_parts *b = &block_sum(&r->blocks[i], timed)->per_cycle;
        double k = (double)r->blocks[i].count / r->ops_per_cycle;
        p.switching += k * b->switching;
        p.internal += k * b->internal;
        p.clock += k * b->clock;
        p.leakage += k * b->leakage;
    }
    return p;
}

double mg_energy_report_activity(const mg_energy_report *r, bool timed)
{
    double t = 0;
    long n = 0;
    for (int i = 0; i < r->n_blocks; i++) {
        const mg_energy_sum *s = block_sum(&r->blocks[i], timed);
        for (int k = 0; k < s->n_nets; k++)
            if (r->blocks[i].nl->nets[k].drivers > 0 && !s->nets[k].clock) {
                t += s->nets[k].toggles * (double)r->blocks[i].count;
                n += r->blocks[i].count;
            }
    }
    return n ? t / (double)n : 0;
}

static void print_parts(FILE *out, const char *op, const mg_energy_parts *z, const mg_energy_parts *t)
{
    const double tz = mg_energy_total(z), tt = t ? mg_energy_total(t) : 0;
    const char *rows[] = { "switching (1/2 C V^2, data nets)", "internal (the cells' energy tables)",
                           "clock network (clock nets, clock pins)", "leakage (x the clock period)" };
    const double vz[] = { z->switching, z->internal, z->clock, z->leakage };
    const double vt[] = { t ? t->switching : 0, t ? t->internal : 0, t ? t->clock : 0, t ? t->leakage : 0 };
    fprintf(out, "energy per %-29s %10s %7s%s\n", op, "pJ", "share", t ? "   SDF-timed pJ" : "");
    for (int i = 0; i < 4; i++) {
        fprintf(out, "  %-38s %10.4f %6.1f%%", rows[i], vz[i] * 1e12, tz > 0 ? 100 * vz[i] / tz : 0);
        if (t) fprintf(out, "   %12.4f", vt[i] * 1e12);
        fputc('\n', out);
    }
    fprintf(out, "  %-38s %10.4f %6.1f%%", "total", tz * 1e12, 100.0);
    if (t) fprintf(out, "   %12.4f", tt * 1e12);
    fputc('\n', out);
}

typedef struct {
    int block, net;
    double e;
} ranked;

static int by_energy(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    return x->e < y->e ? 1 : x->e > y->e ? -1 : x->block != y->block ? x->block - y->block : x->net - y->net;
}

static void print_busiest(FILE *out, const mg_energy_report *r)
{
    enum { SHOW = 8 };
    ranked top[SHOW + 1];
    int n = 0;
    for (int b = 0; b < r->n_blocks; b++) {
        const mg_energy_sum *s = &r->blocks[b].zero;
        for (int k = 0; k < s->n_nets; k++) {
            ranked x = { b, k, s->nets[k].switching_j + s->nets[k].internal_j };
            if (x.e <= 0) continue;
            if (n < SHOW) top[n++] = x;
            else if (x.e > top[SHOW - 1].e) top[SHOW - 1] = x;
            else continue;
            qsort(top, (size_t)n, sizeof *top, by_energy);
        }
    }
    if (n == 0) return;
    fprintf(out, "\nnets with the most energy (one instance, per cycle)\n");
    fprintf(out, "  %-6s %-24s %-10s %14s %9s %13s %12s\n", "block", "net", "driver", "toggles/cycle", "load fF",
            "switching fJ", "internal fJ");
    for (int i = 0; i < n; i++) {
        const mg_net_energy *ne = &r->blocks[top[i].block].zero.nets[top[i].net];
        fprintf(out, "  %-6s %-24.24s %-10.10s %14.4f %9.2f %13.3f %12.3f\n", r->blocks[top[i].block].name,
                net_name(r->blocks[top[i].block].nl, top[i].net), ne->driver ? ne->driver : "-", ne->toggles,
                ne->cap_f * 1e15, ne->switching_j * 1e15, ne->internal_j * 1e15);
    }
}

static void print_blocks(FILE *out, const mg_energy_report *r)
{
    fprintf(out, "\nblocks (one instance, per cycle; the counted instances' mean)\n");
    fprintf(out, "  %-6s %8s %9s %7s %7s %12s %12s %12s %12s %12s %10s\n", "block", "count", "simulated", "counted", "cells",
            "switching pJ", "internal pJ", "clock pJ", "leakage pJ", "total pJ", "share");
    double sum = 0;
    for (int i = 0; i < r->n_blocks; i++) sum += (double)r->blocks[i].count * mg_energy_total(&r->blocks[i].zero.per_cycle);
    for (int i = 0; i < r->n_blocks; i++) {
        const mg_energy_block *b = &r->blocks[i];
        const mg_energy_parts *p = &b->zero.per_cycle;
        double t = mg_energy_total(p);
        fprintf(out, "  %-6s %8ld %9ld %7ld %7ld %12.4f %12.4f %12.4f %12.4f %12.4f %9.1f%%\n", b->name, b->count,
                b->simulated, b->counted, b->zero.cells, p->switching * 1e12, p->internal * 1e12, p->clock * 1e12,
                p->leakage * 1e12, t * 1e12, sum > 0 ? 100 * (double)b->count * t / sum : 0);
    }
}

void mg_energy_print_table(FILE *out, const mg_energy_report *r)
{
    fprintf(out, "energy of %s%s%s (top module %s)\n", r->unit, r->params[0] ? " " : "", r->params, r->top);
    fprintf(out, "library     %s, %.3g V (%s)\n", r->liberty, r->voltage, r->voltage_from);
    fprintf(out, "clock       %.3f ns (%.1f MHz): %s\n", r->period_ns, 1000.0 / r->period_ns, r->clock_from);
    fprintf(out, "activity    zero-delay simulation of the mapped netlist (%s)%s: %ld cycles after %ld warm-up\n",
            r->sim, r->has_timed ? ", and an SDF-timed one" : "", r->cycles, r->warm);
    fprintf(out, "vectors     %s, seed %llu", r->vectors, (unsigned long long)r->seed);
    if (r->feedback) {
        if (r->dot_length > 0) fprintf(out, "; accumulator fed back, restarted every %ld steps", r->dot_length);
        else fprintf(out, "; accumulator fed back, never restarted");
    }
    fputc('\n', out);
    long cells = 0, nets = 0;
    for (int i = 0; i < r->n_blocks; i++) {
        cells += r->blocks[i].count * r->blocks[i].zero.cells;
        nets += r->blocks[i].count * r->blocks[i].zero.counted_nets;
    }
    fprintf(out, "netlist     %ld cells, %ld nets that can toggle: %.4f toggles per net per cycle\n", cells, nets,
            mg_energy_report_activity(r, false));
    if (r->has_timed)
        fprintf(out, "glitches    SDF-timed: %.4f toggles per net per cycle, %.2fx the zero-delay count\n",
                mg_energy_report_activity(r, true),
                mg_energy_report_activity(r, false) > 0
                    ? mg_energy_report_activity(r, true) / mg_energy_report_activity(r, false) : 0);
    if (r->is_array) fprintf(out, "method      %s\n", r->method);
    fputc('\n', out);
    mg_energy_parts z = mg_energy_report_per_op(r, false), t = mg_energy_report_per_op(r, true);
    print_parts(out, r->op, &z, r->has_timed ? &t : NULL);
    double e = mg_energy_total(&z);
    if (e > 0) {
        fprintf(out, "%ss per joule  %.4g  (%.4g G %ss/s per W", r->op, 1 / e, 1e-9 / e, r->op);
        if (!strcmp(r->op, "MAC")) fprintf(out, "; %.4g GOPS/W counting a MAC as 2 operations", 2e-9 / e);
        fprintf(out, ")\n");
        fprintf(out, "power       %.4g mW at %.1f MHz (%.4g %s%s a cycle)\n",
                e * r->ops_per_cycle / (r->period_ns * 1e-9) * 1e3, 1000.0 / r->period_ns, r->ops_per_cycle, r->op,
                r->ops_per_cycle == 1 ? "" : "s");
    }
    if (r->is_array) print_blocks(out, r);
    print_busiest(out, r);
    fprintf(out, "\n(pre-layout: pin capacitances only, no wires, clock tree or placement; docs/energy.md)\n");
}

/* ---- JSON and CSV -------------------------------------------------------- */

/* Joules as picojoules with 9 significant digits (leakage of a small
 * netlist is attojoules). */
static double pj(double j)
{
    double x = j * 1e12;
    if (x == 0 || !isfinite(x)) return x;
    double scale = pow(10, 8 - floor(log10(fabs(x))));
    return round(x * scale) / scale;
}

static cJSON *parts_json(const mg_energy_parts *p)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    cJSON_AddNumberToObject(o, "switching_pj", pj(p->switching));
    cJSON_AddNumberToObject(o, "internal_pj", pj(p->internal));
    cJSON_AddNumberToObject(o, "clock_pj", pj(p->clock));
    cJSON_AddNumberToObject(o, "leakage_pj", pj(p->leakage));
    cJSON_AddNumberToObject(o, "total_pj", pj(mg_energy_total(p)));
    return o;
}

static cJSON *nets_json(const mg_energy_block *b, bool timed)
{
    cJSON *arr = cJSON_CreateArray();
    const mg_energy_sum *s = block_sum(b, timed);
    for (int k = 0; arr && k < s->n_nets; k++) {
        if (b->nl->nets[k].drivers == 0) continue;
        const mg_net_energy *ne = &s->nets[k];
        cJSON *n = cJSON_CreateObject();
        if (!n) return arr;
        cJSON_AddStringToObject(n, "name", net_name(b->nl, k));
        cJSON_AddStringToObject(n, "driver", ne->driver ? ne->driver : "");
        cJSON_AddNumberToObject(n, "toggles_per_cycle", round(ne->toggles * 1e6) / 1e6);
        cJSON_AddNumberToObject(n, "load_ff", round(ne->cap_f * 1e15 * 1e4) / 1e4);
        cJSON_AddNumberToObject(n, "switching_fj", round(ne->switching_j * 1e15 * 1e4) / 1e4);
        cJSON_AddNumberToObject(n, "internal_fj", round(ne->internal_j * 1e15 * 1e4) / 1e4);
        cJSON_AddBoolToObject(n, "clock", ne->clock);
        cJSON_AddItemToArray(arr, n);
    }
    return arr;
}

int mg_energy_write_json(FILE *out, const mg_energy_report *r)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) return -1;
    cJSON_AddStringToObject(o, "unit", r->unit);
    cJSON_AddStringToObject(o, "params", r->params);
    cJSON_AddStringToObject(o, "top", r->top);
    cJSON_AddStringToObject(o, "liberty", r->liberty);
    cJSON_AddNumberToObject(o, "voltage_v", r->voltage);
    cJSON_AddNumberToObject(o, "clock_ns", r->period_ns);
    cJSON_AddStringToObject(o, "clock_from", r->clock_from);
    cJSON *act = cJSON_AddObjectToObject(o, "activity");
    if (act) {
        cJSON_AddStringToObject(act, "source", r->has_timed ? "zero-delay simulation and SDF-timed simulation"
                                                            : "zero-delay simulation");
        cJSON_AddStringToObject(act, "simulator", r->sim);
        cJSON_AddStringToObject(act, "vectors", r->vectors);
        cJSON_AddNumberToObject(act, "seed", (double)r->seed);
        cJSON_AddNumberToObject(act, "cycles", (double)r->cycles);
        cJSON_AddNumberToObject(act, "warm_up_cycles", (double)r->warm);
        cJSON_AddNumberToObject(act, "dot_length", (double)r->dot_length);
        cJSON_AddBoolToObject(act, "accumulator_fed_back", r->feedback);
        cJSON_AddNumberToObject(act, "toggles_per_net_per_cycle", round(mg_energy_report_activity(r, false) * 1e6) / 1e6);
        if (r->has_timed)
            cJSON_AddNumberToObject(act, "timed_toggles_per_net_per_cycle",
                                    round(mg_energy_report_activity(r, true) * 1e6) / 1e6);
    }
    cJSON_AddStringToObject(o, "operation", r->op);
    cJSON_AddNumberToObject(o, "ops_per_cycle", r->ops_per_cycle);
    mg_energy_parts z = mg_energy_report_per_op(r, false);
    cJSON_AddItemToObject(o, "per_op", parts_json(&z));
    double e = mg_energy_total(&z);
    cJSON_AddNumberToObject(o, "pj_per_op", pj(e));
    cJSON_AddNumberToObject(o, "ops_per_joule", e > 0 ? 1 / e : 0);
    cJSON_AddNumberToObject(o, "gops_per_w", e > 0 ? round(1e-9 / e * 1e3) / 1e3 : 0);
    cJSON_AddNumberToObject(o, "power_mw", round(e * r->ops_per_cycle / (r->period_ns * 1e-9) * 1e3 * 1e6) / 1e6);
    if (r->has_timed) {
        mg_energy_parts t = mg_energy_report_per_op(r, true);
        cJSON_AddItemToObject(o, "per_op_timed", parts_json(&t));
        cJSON_AddNumberToObject(o, "pj_per_op_timed", pj(mg_energy_total(&t)));
    }
    if (r->is_array) cJSON_AddStringToObject(o, "method", r->method);
    cJSON *blocks = cJSON_AddArrayToObject(o, "blocks");
    for (int i = 0; blocks && i < r->n_blocks; i++) {
        const mg_energy_block *b = &r->blocks[i];
        cJSON *bj = cJSON_CreateObject();
        if (!bj) break;
        cJSON_AddStringToObject(bj, "name", b->name);
        cJSON_AddNumberToObject(bj, "count", (double)b->count);
        cJSON_AddNumberToObject(bj, "simulated", (double)b->simulated);
        cJSON_AddNumberToObject(bj, "counted", (double)b->counted);
        cJSON_AddNumberToObject(bj, "cells", (double)b->zero.cells);
        cJSON_AddNumberToObject(bj, "leakage_nw", round(b->zero.leakage_w * 1e9 * 1e4) / 1e4);
        cJSON_AddItemToObject(bj, "per_cycle", parts_json(&b->zero.per_cycle));
        if (r->has_timed) cJSON_AddItemToObject(bj, "per_cycle_timed", parts_json(&b->timed.per_cycle));
        cJSON_AddItemToObject(bj, "nets", nets_json(b, false));
        if (r->has_timed) cJSON_AddItemToObject(bj, "nets_timed", nets_json(b, true));
        cJSON_AddItemToArray(blocks, bj);
    }
    char *text = cJSON_Print(o);
    cJSON_Delete(o);
    if (!text) return -1;
    fputs(text, out);
    fputc('\n', out);
    free(text);
    return 0;
}

/* A CSV field: quoted when it holds a comma, quote or line break. */
static void csv_text(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
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

void mg_energy_write_csv(FILE *out, const mg_energy_report *r)
{
    fputs("record,block,name,driver,toggles_per_cycle,load_ff,switching_pj,internal_pj,clock_pj,leakage_pj,total_pj\n",
          out);
    for (int timed = 0; timed <= (r->has_timed ? 1 : 0); timed++) {
        mg_energy_parts p = mg_energy_report_per_op(r, timed);
        fprintf(out, "%s,,", timed ? "per_op_timed" : "per_op");
        char label[700];
        snprintf(label, sizeof label, "%s%s%s", r->unit, r->params[0] ? " " : "", r->params);
        csv_text(out, label);
        fprintf(out, ",,%.6f,,%.9g,%.9g,%.9g,%.9g,%.9g\n", mg_energy_report_activity(r, timed), pj(p.switching),
                pj(p.internal), pj(p.clock), pj(p.leakage), pj(mg_energy_total(&p)));
    }
    for (int timed = 0; timed <= (r->has_timed ? 1 : 0); timed++) {
        for (int i = 0; i < r->n_blocks; i++) {
            const mg_energy_block *b = &r->blocks[i];
            const mg_energy_sum *s = block_sum(b, timed);
            for (int k = 0; k < s->n_nets; k++) {
                if (b->nl->nets[k].drivers == 0) continue;
                const mg_net_energy *ne = &s->nets[k];
                fprintf(out, "%s,%s,", timed ? "net_timed" : "net", b->name);
                csv_text(out, net_name(b->nl, k));
                double sw = ne->clock ? 0 : ne->switching_j, in = ne->clock ? 0 : ne->internal_j;
                double ck = ne->clock ? ne->switching_j + ne->internal_j : 0;
                fprintf(out, ",%s,%.6f,%.4f,%.9f,%.9f,%.9f,,%.9f\n", ne->driver ? ne->driver : "", ne->toggles,
                        ne->cap_f * 1e15, sw * 1e12, in * 1e12, ck * 1e12, (ne->switching_j + ne->internal_j) * 1e12);
            }
        }
    }
}
