/* THE unit table: every unit every command knows, simple and composite.
 * Adding a unit is its record (gen/units/unit_NAME.c, see unit.h) plus one
 * line here. */
#include <string.h>

#include "unit.h"

extern const mg_unit_def mg_unit_mul;
extern const mg_unit_def mg_unit_add;
extern const mg_unit_def mg_unit_mac;
extern const mg_unit_def mg_unit_imac;
extern const mg_unit_def mg_unit_dot;
extern const mg_unit_def mg_unit_quant;
extern const mg_unit_def mg_unit_hbfp_array;
extern const mg_unit_def mg_unit_hbfp_quant;
extern const mg_unit_def mg_unit_mac_array;
extern const mg_unit_def mg_unit_mx_array;
extern const mg_unit_def mg_unit_mx_quant;

static const mg_unit_def *const units[] = {
    &mg_unit_mul, &mg_unit_add, &mg_unit_mac, &mg_unit_imac, &mg_unit_dot, &mg_unit_quant,
    &mg_unit_hbfp_array, &mg_unit_hbfp_quant, &mg_unit_mac_array, &mg_unit_mx_array, &mg_unit_mx_quant,
};

const mg_unit_def *const *mg_unit_all(size_t *count)
{
    *count = sizeof units / sizeof units[0];
    return units;
}

const mg_unit_def *mg_unit_find(const char *name)
{
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (!strcmp(units[i]->name, name)) return units[i];
    return NULL;
}

bool mg_unit_has_eval(const mg_unit_def *def) { return def->eval_outputs > 0 || def->eval; }

void mg_units_print_list(FILE *out, const char *(*note)(const mg_unit_def *def))
{
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        const char *suffix = note ? note(units[i]) : NULL;
        fprintf(out, "  %-11s %s%s\n", units[i]->name, units[i]->summary, suffix ? suffix : "");
    }
}

static void kind_text(const mg_param_spec *s, char *buf, size_t len)
{
    switch (s->kind) {
    case MG_PARAM_FORMAT: snprintf(buf, len, "FMT"); break;
    case MG_PARAM_INT_TYPE: snprintf(buf, len, "int%ld..int%ld", s->lo, s->hi); break;
    case MG_PARAM_INT: snprintf(buf, len, "%ld..%ld", s->lo, s->hi); break;
    case MG_PARAM_ENUM: snprintf(buf, len, "%s", s->choices); break;
    case MG_PARAM_FLAG: snprintf(buf, len, "0|1"); break;
    }
}

static void default_text(const mg_param_spec *s, char *buf, size_t len)
{
    if (!s->def) snprintf(buf, len, "required");
    else if (s->def_rule == MG_DEF_TEXT) snprintf(buf, len, "default %s", s->def);
    else if (s->def_rule == MG_DEF_SAME_AS) snprintf(buf, len, "default: as %s", s->def);
    else snprintf(buf, len, "default rne for an ieee %s, else rtz", s->def);
}

void mg_unit_print_params(FILE *out, const mg_unit_def *def, bool for_eval, const char *indent)
{
    for (int i = 0; def->params[i].key; i++) {
        const mg_param_spec *s = &def->params[i];
        if (s->scope == (for_eval ? MG_FOR_RTL : MG_FOR_EVAL)) continue;
        char kind[64], dflt[96], lhs[96];
        kind_text(s, kind, sizeof kind);
        default_text(s, dflt, sizeof dflt);
        snprintf(lhs, sizeof lhs, "%s=%s", s->key, kind);
        fprintf(out, "%s%-22s %s (%s)\n", indent, lhs, s->help, dflt);
    }
    if (!for_eval) fprintf(out, "%s%-22s %s\n", indent, "top=NAME", "top module name (default mg_UNIT_top)");
}

void mg_unit_print_help(FILE *out, const mg_unit_def *def, bool for_eval, const char *indent)
{
    mg_unit_print_params(out, def, for_eval, indent);
    for (const char *p = def->notes; p && *p;) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);
        fprintf(out, "%s%.*s\n", indent, len, p);
        p += len + (nl != NULL);
    }
}

int mg_unit_configure(mg_unit *u, const char *name, mg_kv_list *kv, char *err, size_t errlen)
{
    const mg_unit_def *def = mg_unit_find(name);
    if (!def) {
        char known[256] = "";
        for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
            strncat(known, units[i]->name, sizeof known - strlen(known) - 1);
            if (i + 1 < sizeof units / sizeof units[0]) strncat(known, ", ", sizeof known - strlen(known) - 1);
        }
        snprintf(err, errlen, "unknown unit '%s' (known: %s)", name, known);
        return -1;
    }
    if (mg_unit_resolve(u, def, kv, false, err, errlen)) return -1;
    if (def->configure && def->configure(u, err, errlen)) return -1;
    return def->rtl_check ? def->rtl_check(u, err, errlen) : 0;
}

int mg_unit_configure_eval(mg_unit *u, const mg_unit_def *def, mg_kv_list *kv, char *err, size_t errlen)
{
    if (mg_unit_resolve(u, def, kv, true, err, errlen)) return -1;
    return def->configure ? def->configure(u, err, errlen) : 0;
}
