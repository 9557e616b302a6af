#include "lib_power.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib_tree.h"
#include "textfile.h"

/* ---- units ------------------------------------------------------------- */

int mg_lib_unit_scale(const char *text, const char *base, double *out)
{
    static const struct { const char *prefix; double scale; } prefixes[] = {
        { "f", 1e-15 }, { "p", 1e-12 }, { "n", 1e-9 }, { "u", 1e-6 }, { "m", 1e-3 }, { "", 1.0 }, { "k", 1e3 },
    };
    char num[32];
    size_t k = strspn(text, "0123456789.");
    if (k == 0 || k >= sizeof num) return -1;
    memcpy(num, text, k);
    num[k] = '\0';
    double v;
    if (mg_lib_number(num, &v) != 0 || !(v > 0)) return -1;
    const char *unit = text + k;
    while (*unit == ' ') unit++;
    size_t bl = strlen(base), ul = strlen(unit);
    if (ul < bl || strcasecmp(unit + ul - bl, base)) return -1;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t pl = strlen(prefixes[i].prefix);
        if (ul - bl == pl && !strncasecmp(unit, prefixes[i].prefix, pl)) {
            /* "m" is milli, but "M" never appears in a liberty unit */
            *out = v * prefixes[i].scale;
            return 0;
        }
    }
    return -1;
}

static int read_units(const mg_lib_group *lib, mg_power_lib *pl, char *err, size_t errlen)
{
    static const struct { const char *attr, *base; size_t off; } simple[] = {
        { "time_unit", "s", offsetof(mg_power_lib, time_s) },
        { "voltage_unit", "V", offsetof(mg_power_lib, volt_v) },
        { "leakage_power_unit", "W", offsetof(mg_power_lib, leak_w) },
    };
    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++) {
        const char *t = mg_lib_attr_text(lib, simple[i].attr);
        double *slot = (double *)((char *)pl + simple[i].off);
        if (!t) {
            snprintf(err, errlen, "the library has no %s", simple[i].attr);
            return -1;
        }
        if (mg_lib_unit_scale(t, simple[i].base, slot) != 0) {
            snprintf(err, errlen, "%s \"%.40s\" is not a unit macgen knows (e.g. \"1n%s\")", simple[i].attr, t,
                     simple[i].base);
            return -1;
        }
    }
    const mg_lib_attr *cap = mg_lib_attr_find(lib, "capacitive_load_unit");
    double v;
    char unit[16];
    if (!cap || !cap->complex || cap->n_vals != 2) {
        snprintf(err, errlen, "the library has no capacitive_load_unit (N, ff|pf)");
        return -1;
    }
    snprintf(unit, sizeof unit, "1%.8s", cap->vals[1]);
    if (mg_lib_number(cap->vals[0], &v) != 0 || !(v > 0) || mg_lib_unit_scale(unit, "F", &pl->cap_f) != 0) {
        snprintf(err, errlen, "capacitive_load_unit (%.20s, %.20s) is not understood", cap->vals[0], cap->vals[1]);
        return -1;
    }
    pl->cap_f *= v;
    pl->energy_j = pl->cap_f * pl->volt_v * pl->volt_v;
    return 0;
}

/* The operating voltage: the default operating conditions', else nom_voltage. */
static int read_voltage(const mg_lib_group *lib, mg_power_lib *pl, char *err, size_t errlen)
{
    const char *def = mg_lib_attr_text(lib, "default_operating_conditions");
    const mg_lib_group *oc = def ? mg_lib_group_find(lib, "operating_conditions", def) : NULL;
    const char *t = oc ? mg_lib_attr_text(oc, "voltage") : NULL;
    if (t) snprintf(pl->voltage_from, sizeof pl->voltage_from, "operating_conditions %.60s", def);
    if (!t) {
        t = mg_lib_attr_text(lib, "nom_voltage");
        snprintf(pl->voltage_from, sizeof pl->voltage_from, "nom_voltage");
    }
    double v;
    if (!t || mg_lib_number(t, &v) != 0 || !(v > 0)) {
        snprintf(err, errlen, "the library gives no voltage (default_operating_conditions or nom_voltage)");
        return -1;
    }
    pl->voltage = v * pl->volt_v;
    return 0;
}

/* ---- tables ------------------------------------------------------------ */

static int axis_kind(const char *var, mg_axis_kind *k)
{
    if (!strcmp(var, "total_output_net_capacitance")) *k = MG_AXIS_LOAD;
    else if (!strcmp(var, "input_transition_time") || !strcmp(var, "input_net_transition")) *k = MG_AXIS_SLEW;
    else return -1;
    return 0;
}

static int read_index(const mg_lib_group *g, const char *name, double **idx, int *n, char *err, size_t errlen)
{
    const mg_lib_attr *a = mg_lib_attr_find(g, name);
    if (!a) return 1;
    if (!a->complex || a->n_vals != 1) {
        snprintf(err, errlen, "line %d: %s takes one quoted list", a->line, name);
        return -1;
    }
    if (mg_lib_number_list(a->vals[0], idx, n, err, errlen) != 0) return -1;
    for (int i = 1; i < *n; i++) {
        if (!((*idx)[i] > (*idx)[i - 1])) {
            snprintf(err, errlen, "line %d: %s is not increasing", a->line, name);
            free(*idx);
            *idx = NULL;
            return -1;
        }
    }
    if (*n == 0) {
        snprintf(err, errlen, "line %d: %s is empty", a->line, name);
        return -1;
    }
    return 0;
}

static void lut_free(mg_lut *t)
{
    free(t->index[0]);
    free(t->index[1]);
    free(t->values);
    memset(t, 0, sizeof *t);
}

/* A rise_power / fall_power / power group against its template. */
static int read_table(const mg_lib_group *lib, const mg_lib_group *g, mg_lut *t, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    const char *tname = g->n_args > 0 ? g->args[0] : "scalar";
    const mg_lib_group *tpl = NULL;
    if (strcmp(tname, "scalar")) {
        tpl = mg_lib_group_find(lib, "power_lut_template", tname);
        if (!tpl) tpl = mg_lib_group_find(lib, "lu_table_template", tname);
        if (!tpl) {
            snprintf(err, errlen, "line %d: table template '%.60s' is not defined", g->line, tname);
            return -1;
        }
    }
    for (int d = 0; tpl && d < 2; d++) {
        char var[24], idx[24];
        snprintf(var, sizeof var, "variable_%d", d + 1);
        snprintf(idx, sizeof idx, "index_%d", d + 1);
        const char *v = mg_lib_attr_text(tpl, var);
        if (!v) break;
        if (axis_kind(v, &t->kind[d]) != 0) {
            snprintf(err, errlen, "line %d: template '%.40s': table variable '%.40s' is not supported", tpl->line,
                     tname, v);
            goto bad;
        }
        int rc = read_index(g, idx, &t->index[d], &t->n[d], err, errlen);
        if (rc == 1) rc = read_index(tpl, idx, &t->index[d], &t->n[d], err, errlen);
        if (rc != 0) {
            if (rc == 1) snprintf(err, errlen, "line %d: no %s for template '%.40s'", g->line, idx, tname);
            goto bad;
        }
        t->dims = d + 1;
    }
    if (tpl && mg_lib_attr_text(tpl, "variable_3")) {
        snprintf(err, errlen, "line %d: three-dimensional energy tables are not supported", tpl->line);
        goto bad;
    }
    const mg_lib_attr *vals = mg_lib_attr_find(g, "values");
    if (!vals || !vals->complex || vals->n_vals < 1) {
        snprintf(err, errlen, "line %d: %s has no values", g->line, g->type);
        goto bad;
    }
    int want = t->dims == 0 ? 1 : t->dims == 1 ? t->n[0] : t->n[0] * t->n[1], got = 0;
    t->values = malloc((size_t)want * sizeof *t->values);
    if (!t->values) {
        snprintf(err, errlen, "out of memory");
        goto bad;
    }
    for (int r = 0; r < vals->n_vals; r++) {
        double *row;
        int n;
        if (mg_lib_number_list(vals->vals[r], &row, &n, err, errlen) != 0) goto bad;
        for (int i = 0; i < n && got + i < want; i++) t->values[got + i] = row[i];
        free(row);
        got += n;
    }
    if (got != want) {
        snprintf(err, errlen, "line %d: %s has %d values where its indices make %d", vals->line, g->type, got, want);
        goto bad;
    }
    return 0;
bad:
    lut_free(t);
    return -1;
}

/* Position of x on idx[0..n-1]: the segment i and the fraction f in [0, 1]
 * (clamped to the table's edge). */
static void locate(const double *idx, int n, double x, int *i, double *f)
{
    if (n == 1 || x <= idx[0]) {
        *i = 0;
        *f = 0;
        return;
    }
    if (x >= idx[n - 1]) {
        *i = n - 2;
        *f = 1;
        return;
    }
    int k = 0;
    while (k + 2 < n && x > idx[k + 1]) k++;
    *i = k;
    *f = (x - idx[k]) / (idx[k + 1] - idx[k]);
}

double mg_lut_lookup(const mg_lut *t, double load, double slew)
{
    if (t->dims == 0) return t->values[0];
    double x[2];
    for (int d = 0; d < t->dims; d++) x[d] = t->kind[d] == MG_AXIS_LOAD ? load : slew;
    int i, j;
    double f, g;
    locate(t->index[0], t->n[0], x[0], &i, &f);
    if (t->dims == 1) {
        if (t->n[0] == 1) return t->values[0];
        return t->values[i] * (1 - f) + t->values[i + 1] * f;
    }
    locate(t->index[1], t->n[1], x[1], &j, &g);
    const int m = t->n[1];
    int i1 = t->n[0] == 1 ? i : i + 1, j1 = m == 1 ? j : j + 1;
    double v00 = t->values[i * m + j], v01 = t->values[i * m + j1];
    double v10 = t->values[i1 * m + j], v11 = t->values[i1 * m + j1];
    return (v00 * (1 - g) + v01 * g) * (1 - f) + (v10 * (1 - g) + v11 * g) * f;
}

/* ---- cells ------------------------------------------------------------- */

static int add_arc(mg_pwr_pin *p, const mg_pwr_arc *a)
{
    mg_pwr_arc *more = realloc(p->arcs, (size_t)(p->n_arcs + 1) * sizeof *more);
    if (!more) return -1;
    p->arcs = more;
    p->arcs[p->n_arcs++] = *a;
    return 0;
}

static void arc_free(mg_pwr_arc *a)
{
    lut_free(&a->rise);
    lut_free(&a->fall);
}

/* The arc of internal_power group ip for related pin `related` (-1: none):
 * rise_power and fall_power, or one power table for both. */
static int read_arc(const mg_lib_group *lib, const mg_lib_group *ip, int related, mg_pwr_arc *a, char *err,
                    size_t errlen)
{
    memset(a, 0, sizeof *a);
    a->related = related;
    for (int i = 0; i < ip->n_kids; i++) {
        const mg_lib_group *k = &ip->kids[i];
        bool rise = !strcmp(k->type, "rise_power"), fall = !strcmp(k->type, "fall_power");
        bool both = !strcmp(k->type, "power");
        if ((rise || both) && !a->has_rise) {
            if (read_table(lib, k, &a->rise, err, errlen) != 0) goto bad;
            a->has_rise = true;
        }
        if ((fall || both) && !a->has_fall) {
            if (read_table(lib, k, &a->fall, err, errlen) != 0) goto bad;
            a->has_fall = true;
        }
    }
    return 0;
bad:
    arc_free(a);
    return -1;
}

/* One internal_power group of pin p: an arc per related pin it names (or
 * one without a related pin). */
static int read_internal_power(const mg_lib_group *lib, const mg_lib_group *ip, mg_pwr_cell *c, int p,
                               char *err, size_t errlen)
{
    const char *rel = mg_lib_attr_text(ip, "related_pin");
    char names[256];
    snprintf(names, sizeof names, "%s", rel ? rel : "");
    int related[16], n = 0;
    for (char *save = NULL, *tok = strtok_r(names, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
        int r = mg_pwr_cell_pin(c, tok);
        if (r < 0 || n == 16) {
            snprintf(err, errlen, "line %d: cell %.60s: related_pin %.40s is not a pin", ip->line, c->name, tok);
            return -1;
        }
        related[n++] = r;
    }
    if (n == 0) related[n++] = -1;
    for (int i = 0; i < n; i++) {
        mg_pwr_arc a;
        if (read_arc(lib, ip, related[i], &a, err, errlen) != 0) return -1;
        if (!a.has_rise && !a.has_fall) continue;
        if (add_arc(&c->pins[p], &a) != 0) {
            arc_free(&a);
            snprintf(err, errlen, "out of memory");
            return -1;
        }
    }
    return 0;
}

static int read_pin(const mg_lib_group *g, mg_pwr_pin *p, const char *cell, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    if (g->n_args != 1 || strlen(g->args[0]) >= sizeof p->name) {
        snprintf(err, errlen, "line %d: cell %.60s: a pin group needs one pin name", g->line, cell);
        return -1;
    }
    snprintf(p->name, sizeof p->name, "%s", g->args[0]);
    const char *dir = mg_lib_attr_text(g, "direction");
    p->input = dir && (!strcmp(dir, "input") || !strcmp(dir, "inout"));
    p->output = dir && (!strcmp(dir, "output") || !strcmp(dir, "inout"));
    const char *clk = mg_lib_attr_text(g, "clock");
    p->clock = clk && !strcmp(clk, "true");
    const char *cap = mg_lib_attr_text(g, "capacitance");
    if (cap && mg_lib_number(cap, &p->cap) != 0) {
        snprintf(err, errlen, "line %d: cell %.60s pin %s: capacitance '%.30s' is not a number", g->line, cell,
                 p->name, cap);
        return -1;
    }
    return 0;
}

static void cell_free(mg_pwr_cell *c)
{
    for (int i = 0; i < c->n_pins; i++) {
        for (int j = 0; j < c->pins[i].n_arcs; j++) arc_free(&c->pins[i].arcs[j]);
        free(c->pins[i].arcs);
    }
    free(c->pins);
}

static int read_cell(const mg_lib_group *lib, const mg_lib_group *g, mg_pwr_cell *c, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    if (g->n_args != 1 || strlen(g->args[0]) >= sizeof c->name) {
        snprintf(err, errlen, "line %d: a cell group needs one name", g->line);
        return -1;
    }
    snprintf(c->name, sizeof c->name, "%s", g->args[0]);
    const char *leak = mg_lib_attr_text(g, "cell_leakage_power");
    if (leak) {
        if (mg_lib_number(leak, &c->leakage) != 0) {
            snprintf(err, errlen, "cell %.60s: cell_leakage_power '%.30s' is not a number", c->name, leak);
            return -1;
        }
        c->has_leakage = true;
    }
    int n = 0;
    for (int i = 0; i < g->n_kids; i++) {
        const char *t = g->kids[i].type;
        n += !strcmp(t, "pin");
        if (!strcmp(t, "ff") || !strcmp(t, "latch") || !strcmp(t, "ff_bank") || !strcmp(t, "latch_bank") ||
            !strcmp(t, "statetable"))
            c->sequential = true;
    }
    c->pins = calloc((size_t)(n ? n : 1), sizeof *c->pins);
    if (!c->pins) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (int i = 0; i < g->n_kids; i++)
        if (!strcmp(g->kids[i].type, "pin") && read_pin(&g->kids[i], &c->pins[c->n_pins++], c->name, err, errlen))
            return -1;
    /* Then the internal power, once every pin (a related pin) is known. */
    int p = 0;
    for (int i = 0; i < g->n_kids; i++) {
        if (strcmp(g->kids[i].type, "pin")) continue;
        for (int j = 0; j < g->kids[i].n_kids; j++) {
            const mg_lib_group *k = &g->kids[i].kids[j];
            if (!strcmp(k->type, "internal_power") && read_internal_power(lib, k, c, p, err, errlen) != 0) return -1;
        }
        p++;
    }
    return 0;
}

int mg_power_lib_parse(const char *text, mg_power_lib *pl, char *err, size_t errlen)
{
    memset(pl, 0, sizeof *pl);
    mg_lib_group lib;
    if (mg_lib_tree_parse(text, &lib, err, errlen) != 0) return -1;
    snprintf(pl->name, sizeof pl->name, "%s", lib.n_args > 0 ? lib.args[0] : "");
    int rc = -1;
    if (read_units(&lib, pl, err, errlen) != 0 || read_voltage(&lib, pl, err, errlen) != 0) goto out;
    int n = 0;
    for (int i = 0; i < lib.n_kids; i++) n += !strcmp(lib.kids[i].type, "cell");
    if (n == 0) {
        snprintf(err, errlen, "the library has no cell");
        goto out;
    }
    pl->cells = calloc((size_t)n, sizeof *pl->cells);
    if (!pl->cells) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    for (int i = 0; i < lib.n_kids; i++) {
        if (strcmp(lib.kids[i].type, "cell")) continue;
        if (read_cell(&lib, &lib.kids[i], &pl->cells[pl->n_cells], err, errlen) != 0) {
            cell_free(&pl->cells[pl->n_cells]);
            goto out;
        }
        pl->n_cells++;
    }
    rc = 0;
out:
    mg_lib_tree_free(&lib);
    if (rc != 0) mg_power_lib_free(pl);
    return rc;
}

int mg_power_lib_read(const char *path, mg_power_lib *pl, char *err, size_t errlen)
{
    char *text;
    memset(pl, 0, sizeof *pl);
    if (mg_read_file_checked(path, true, &text, NULL, err, errlen) != 0) return -1;
    char why[512];
    int rc = mg_power_lib_parse(text, pl, why, sizeof why);
    free(text);
    if (rc != 0) snprintf(err, errlen, "%s: %s", path, why);
    return rc;
}

void mg_power_lib_free(mg_power_lib *pl)
{
    for (int i = 0; i < pl->n_cells; i++) cell_free(&pl->cells[i]);
    free(pl->cells);
    pl->cells = NULL;
    pl->n_cells = 0;
}

const mg_pwr_cell *mg_power_lib_cell(const mg_power_lib *pl, const char *name)
{
    for (int i = 0; i < pl->n_cells; i++)
        if (!strcmp(pl->cells[i].name, name)) return &pl->cells[i];
    return NULL;
}

int mg_pwr_cell_pin(const mg_pwr_cell *c, const char *name)
{
    for (int i = 0; i < c->n_pins; i++)
        if (!strcmp(c->pins[i].name, name)) return i;
    return -1;
}
