/* The unit table: adding a unit is one entry here plus its definition. */
#include <string.h>

#include "unit.h"
#include "unit_composite.h"
#include "unit_defs.h"
#include "verilog_name.h"

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

static int valid_identifier(const char *s, size_t max)
{
    if (!s[0] || strlen(s) >= max) return 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_')) return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return 0;
    return 1;
}

int mg_unit_read_top(mg_kv_list *kv, const char *def_top, char *top, size_t len, char *canonical,
                     size_t clen, char *err, size_t errlen)
{
    const char *t = mg_kv_get(kv, "top", def_top);
    char why[256], shown[64];
    if (mg_verilog_check_name(t, why, sizeof why) != 0) {
        snprintf(err, errlen, "top: %s", why);
        return -1;
    }
    /* No '$' either: the name is also the file's name. */
    if (!valid_identifier(t, len) || (!strncmp(t, "mg_", 3) && strcmp(t, def_top))) {
        snprintf(err, errlen, "top=%s: expected a Verilog identifier not starting with mg_ (reserved for templates)",
                 mg_escape_text(t, shown, sizeof shown));
        return -1;
    }
    snprintf(top, len, "%s", t);
    if (strcmp(t, def_top)) {
        size_t l = strlen(canonical);
        snprintf(canonical + l, clen - l, " top=%s", t);
    }
    return 0;
}

int mg_unit_configure(mg_unit *u, const char *name, mg_kv_list *kv, char *err, size_t errlen)
{
    memset(u, 0, sizeof *u);
    const mg_unit_def *def = mg_unit_find(name);
    if (!def) {
        /* Every unit a command takes: the simple ones, then the composite. */
        size_t n, nc;
        const mg_unit_def *const *all = mg_unit_all(&n);
        const mg_composite_def *const *composite = mg_composite_all(&nc);
        char known[256] = "";
        for (size_t i = 0; i < n + nc; i++) {
            strncat(known, i < n ? all[i]->name : composite[i - n]->name, sizeof known - strlen(known) - 1);
            if (i + 1 < n + nc) strncat(known, ", ", sizeof known - strlen(known) - 1);
        }
        snprintf(err, errlen, "unknown unit '%s' (known: %s)", name, known);
        return -1;
    }
    u->def = def;
    snprintf(u->canonical, sizeof u->canonical, "%s", def->name);
    if (def->configure(u, kv, err, errlen)) return -1;
    char def_top[64];
    snprintf(def_top, sizeof def_top, "mg_%s_top", def->name);
    if (mg_unit_read_top(kv, def_top, u->top, sizeof u->top, u->canonical, sizeof u->canonical, err, errlen))
        return -1;
    return mg_kv_check_all_used(kv, def->known, err, errlen);
}
