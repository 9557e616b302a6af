/* The unit table: adding a unit is one entry here plus its definition. */
#include <string.h>

#include "unit.h"
#include "unit_defs.h"

static const mg_unit_def *const units[] = { &mg_unit_mul, &mg_unit_add, &mg_unit_mac, &mg_unit_imac, &mg_unit_dot };

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

static int valid_identifier(const char *s)
{
    if (!s[0] || strlen(s) >= 64) return 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_')) return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return 0;
    return 1;
}

int mg_unit_configure(mg_unit *u, const char *name, mg_kv_list *kv, char *err, size_t errlen)
{
    memset(u, 0, sizeof *u);
    const mg_unit_def *def = mg_unit_find(name);
    if (!def) {
        size_t n;
        const mg_unit_def *const *all = mg_unit_all(&n);
        char known[256] = "";
        for (size_t i = 0; i < n; i++) {
            strncat(known, all[i]->name, sizeof known - strlen(known) - 1);
            if (i + 1 < n) strncat(known, ", ", sizeof known - strlen(known) - 1);
        }
        snprintf(err, errlen, "unknown unit '%s' (known: %s)", name, known);
        return -1;
    }
    u->def = def;
    snprintf(u->canonical, sizeof u->canonical, "%s", def->name);
    if (def->configure(u, kv, err, errlen)) return -1;
    char def_top[64];
    snprintf(def_top, sizeof def_top, "mg_%s_top", def->name);
    const char *top = mg_kv_get(kv, "top", def_top);
    if (!valid_identifier(top) || (!strncmp(top, "mg_", 3) && strcmp(top, def_top))) {
        snprintf(err, errlen, "top=%s: expected a Verilog identifier not starting with mg_ (reserved for templates)", top);
        return -1;
    }
    snprintf(u->top, sizeof u->top, "%s", top);
    if (strcmp(top, def_top)) {
        size_t len = strlen(u->canonical);
        snprintf(u->canonical + len, sizeof u->canonical - len, " top=%s", top);
    }
    return mg_kv_check_all_used(kv, def->known, err, errlen);
}
