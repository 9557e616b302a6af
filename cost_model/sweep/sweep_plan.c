#include "sweep_plan.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textfile.h"

static int is_format_attribute(const char *piece, size_t len)
{
    static const char *const attrs[] = { "ieee", "fn", "fin", "sub", "ftz" };
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
        if (strlen(attrs[i]) == len && !strncmp(piece, attrs[i], len)) return 1;
    return len > 5 && !strncmp(piece, "bias=", 5);
}

int mg_sweep_split_values(const char *list, char out[][160], size_t max, size_t *n, char *err,
                          size_t errlen)
{
    *n = 0;
    const char *p = list;
    for (;;) {
        size_t len = strcspn(p, ",");
        if (len == 0) {
            snprintf(err, errlen, "empty value in '%s'", list);
            return -1;
        }
        if (*n > 0 && is_format_attribute(p, len)) {
            size_t used = strlen(out[*n - 1]);
            if (used + 1 + len >= 160) {
                snprintf(err, errlen, "value too long in '%s'", list);
                return -1;
            }
            snprintf(out[*n - 1] + used, 160 - used, ",%.*s", (int)len, p);
        } else {
            if (*n == max) {
                snprintf(err, errlen, "more than %zu values in '%s'", max, list);
                return -1;
            }
            if (len >= 160) {
                snprintf(err, errlen, "value too long in '%s'", list);
                return -1;
            }
            snprintf(out[*n], 160, "%.*s", (int)len, p);
            (*n)++;
        }
        p += len;
        if (!*p) break;
        p++;
    }
    return 0;
}

static int set_unit(mg_sweep_point *pt, const char *unit, char *err, size_t errlen)
{
    if (strlen(unit) >= sizeof pt->unit) {
        snprintf(err, errlen, "unit name too long: %s", unit);
        return -1;
    }
    snprintf(pt->unit, sizeof pt->unit, "%s", unit);
    return 0;
}

/* Appends "key=value" to a label; false when it does not fit (a label is
 * refused, never cut: two cut labels could name one point). */
static bool append(char *buf, size_t len, const char *fmt_key, const char *value)
{
    size_t used = strlen(buf);
    int n = snprintf(buf + used, len - used, "%s%s=%s", used ? " " : "", fmt_key, value);
    return n >= 0 && (size_t)n < len - used;
}

static int label_too_long(char *err, size_t errlen)
{
    snprintf(err, errlen, "a point's label would be longer than 255 characters (give fewer or shorter values, "
             "or a points file with label=TEXT)");
    return -1;
}

static int grid_points(const char *unit, const mg_kv_list *kv, char (*values)[MG_SWEEP_MAX_VALUES][160],
                       mg_sweep_plan *plan, char *err, size_t errlen);

int mg_sweep_grid(const char *unit, const mg_kv_list *kv, mg_sweep_plan *plan, char *err,
                  size_t errlen)
{
    memset(plan, 0, sizeof *plan);
    if (kv->count > MG_SWEEP_MAX_KEYS) {
        snprintf(err, errlen, "more than %d parameters", MG_SWEEP_MAX_KEYS);
        return -1;
    }
    char (*values)[MG_SWEEP_MAX_VALUES][160] = calloc(MG_SWEEP_MAX_KEYS, sizeof *values);
    if (!values) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = grid_points(unit, kv, values, plan, err, errlen);
    free(values);
    return rc;
}

static int grid_points(const char *unit, const mg_kv_list *kv, char (*values)[MG_SWEEP_MAX_VALUES][160],
                       mg_sweep_plan *plan, char *err, size_t errlen)
{
    size_t counts[MG_SWEEP_MAX_KEYS];
    size_t total = 1;
    for (size_t k = 0; k < kv->count; k++) {
        if (strlen(kv->items[k].key) >= sizeof plan->points[0].keys[0]) {
            snprintf(err, errlen, "parameter name too long: %s", kv->items[k].key);
            return -1;
        }
        char why[256];
        if (mg_sweep_split_values(kv->items[k].value, values[k], MG_SWEEP_MAX_VALUES, &counts[k], why,
                                  sizeof why) != 0) {
            snprintf(err, errlen, "%s: %s", kv->items[k].key, why);
            return -1;
        }
        total *= counts[k];
        if (total > MG_SWEEP_MAX_POINTS) {
            snprintf(err, errlen, "more than %d combinations", MG_SWEEP_MAX_POINTS);
            return -1;
        }
    }
    plan->points = calloc(total, sizeof *plan->points);
    if (!plan->points) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < total; i++) {
        mg_sweep_point *pt = &plan->points[i];
        if (set_unit(pt, unit, err, errlen) != 0) {
            mg_sweep_plan_free(plan);
            return -1;
        }
        /* Mixed radix: the last key is the least significant digit. */
        size_t rest = i;
        size_t digit[MG_SWEEP_MAX_KEYS];
        for (size_t k = kv->count; k-- > 0;) {
            digit[k] = rest % counts[k];
            rest /= counts[k];
        }
        bool any_varies = false, fits = true;
        for (size_t k = 0; k < kv->count; k++) {
            snprintf(pt->keys[k], sizeof pt->keys[k], "%s", kv->items[k].key);
            snprintf(pt->values[k], sizeof pt->values[k], "%s", values[k][digit[k]]);
            if (counts[k] > 1) {
                fits = fits && append(pt->label, sizeof pt->label, pt->keys[k], pt->values[k]);
                any_varies = true;
            }
        }
        pt->n = kv->count;
        if (!any_varies)
            for (size_t k = 0; k < pt->n; k++)
                fits = fits && append(pt->label, sizeof pt->label, pt->keys[k], pt->values[k]);
        if (!fits) {
            mg_sweep_plan_free(plan);
            return label_too_long(err, errlen);
        }
        if (!pt->label[0]) snprintf(pt->label, sizeof pt->label, "%s", unit);
    }
    plan->n = total;
    return 0;
}

static int parse_point_line(char *line, mg_sweep_point *pt, char *err, size_t errlen)
{
    memset(pt, 0, sizeof *pt);
    char *save = NULL;
    bool have_unit = false;
    for (char *tok = strtok_r(line, " \t\r", &save); tok; tok = strtok_r(NULL, " \t\r", &save)) {
        if (!have_unit) {
            if (strchr(tok, '=')) {
                snprintf(err, errlen, "a line starts with the unit, not '%s'", tok);
                return -1;
            }
            if (set_unit(pt, tok, err, errlen) != 0) return -1;
            have_unit = true;
            continue;
        }
        char *eq = strchr(tok, '=');
        if (!eq || eq == tok) {
            snprintf(err, errlen, "'%s' is not key=value", tok);
            return -1;
        }
        *eq = '\0';
        if (!strcmp(tok, "label")) {
            if (strlen(eq + 1) >= sizeof pt->label) {
                snprintf(err, errlen, "label= is longer than %zu characters", sizeof pt->label - 1);
                return -1;
            }
            snprintf(pt->label, sizeof pt->label, "%s", eq + 1);
            continue;
        }
        if (pt->n == MG_SWEEP_MAX_KEYS || strlen(tok) >= sizeof pt->keys[0] ||
            strlen(eq + 1) >= sizeof pt->values[0]) {
            snprintf(err, errlen, "too many or too long parameters");
            return -1;
        }
        for (size_t k = 0; k < pt->n; k++) {
            if (!strcmp(pt->keys[k], tok)) {
                snprintf(err, errlen, "parameter '%s' given twice", tok);
                return -1;
            }
        }
        snprintf(pt->keys[pt->n], sizeof pt->keys[0], "%s", tok);
        snprintf(pt->values[pt->n], sizeof pt->values[0], "%s", eq + 1);
        pt->n++;
    }
    if (!pt->label[0]) {
        for (size_t k = 0; k < pt->n; k++)
            if (!append(pt->label, sizeof pt->label, pt->keys[k], pt->values[k])) return label_too_long(err, errlen);
        if (!pt->label[0]) snprintf(pt->label, sizeof pt->label, "%s", pt->unit);
    }
    return 0;
}

int mg_sweep_read_points(const char *path, mg_sweep_plan *plan, char *err, size_t errlen)
{
    memset(plan, 0, sizeof *plan);
    char *text;
    if (mg_read_text_file(path, &text, NULL, err, errlen) != 0) return -1;
    int rc = 0;
    size_t cap = 0, lineno = 0;
    for (char *line = text; *line && rc == 0;) {
        char *nl = line + strcspn(line, "\n");
        bool last = *nl == '\0';
        *nl = '\0';
        lineno++;
        const char *s = line + strspn(line, " \t\r");
        if (*s && *s != '#') {
            if (plan->n == MG_SWEEP_MAX_POINTS) {
                snprintf(err, errlen, "%s: more than %d points", path, MG_SWEEP_MAX_POINTS);
                rc = -1;
                break;
            }
            if (plan->n == cap) {
                cap = cap ? cap * 2 : 16;
                mg_sweep_point *more = realloc(plan->points, cap * sizeof *more);
                if (!more) {
                    snprintf(err, errlen, "out of memory");
                    rc = -1;
                    break;
                }
                plan->points = more;
            }
            char why[256];
            if (parse_point_line(line, &plan->points[plan->n], why, sizeof why) != 0) {
                snprintf(err, errlen, "%s line %zu: %s", path, lineno, why);
                rc = -1;
                break;
            }
            plan->n++;
        }
        if (last) break;
        line = nl + 1;
    }
    free(text);
    if (rc == 0 && plan->n == 0) {
        snprintf(err, errlen, "%s holds no point (lines 'UNIT key=value ...')", path);
        rc = -1;
    }
    if (rc != 0) mg_sweep_plan_free(plan);
    return rc;
}

void mg_sweep_plan_free(mg_sweep_plan *plan)
{
    free(plan->points);
    plan->points = NULL;
    plan->n = 0;
}
