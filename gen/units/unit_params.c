/* The typed parameter table of a unit (unit.h): resolving key=value pairs
 * into values, defaults, the canonical spelling and the known-key check. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "verilog_name.h"

static bool in_scope(const mg_param_spec *s, bool for_eval)
{
    return s->scope == MG_FOR_ALL || s->scope == (for_eval ? MG_FOR_EVAL : MG_FOR_RTL);
}

static int spec_index(const mg_unit_def *def, const char *key)
{
    for (int i = 0; def->params[i].key; i++)
        if (!strcmp(def->params[i].key, key)) return i;
    return -1;
}

static int parse_long(const char *key, const char *text, long lo, long hi, long *out, char *err, size_t errlen)
{
    long long x;
    if (mg_parse_int(key, text, lo, hi, &x, err, errlen)) return -1;
    *out = (long)x;
    return 0;
}

/* Index of text among "a|b|c", or -1. */
static long choice_index(const char *choices, const char *text)
{
    size_t len = strlen(text);
    long i = 0;
    for (const char *p = choices; *p; i++) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == len && !strncmp(p, text, n)) return i;
        if (!bar) break;
        p = bar + 1;
    }
    return -1;
}

static int parse_value(mg_param_value *v, char *err, size_t errlen)
{
    const mg_param_spec *s = v->spec;
    switch (s->kind) {
    case MG_PARAM_FORMAT: {
        char ferr[MG_FORMAT_ERR_LEN];
        if (mg_format_parse(v->text, &v->f, ferr)) {
            snprintf(err, errlen, "%s=%s: %s", s->key, v->text, ferr);
            return -1;
        }
        return 0;
    }
    case MG_PARAM_INT_TYPE: {
        long long n;
        char why[160];
        if (strncmp(v->text, "int", 3) || mg_parse_int(s->key, v->text + 3, s->lo, s->hi, &n, why, sizeof why)) {
            snprintf(err, errlen, "%s=%s: expected int%ld..int%ld (two's-complement width)", s->key, v->text, s->lo,
                     s->hi);
            return -1;
        }
        v->i = (long)n;
        return 0;
    }
    case MG_PARAM_ENUM:
        v->i = choice_index(s->choices, v->text);
        if (v->i < 0) {
            char list[128];
            snprintf(list, sizeof list, "%s", s->choices);
            for (char *p = list; *p; p++)
                if (*p == '|') *p = ',';
            snprintf(err, errlen, "%s=%s: unknown %s (known: %s)", s->key, v->text,
                     strcmp(s->key, "round") ? "value" : "rounding mode", list);
            return -1;
        }
        return 0;
    case MG_PARAM_INT:
    case MG_PARAM_FLAG:
        return parse_long(s->key, v->text, s->kind == MG_PARAM_FLAG ? 0 : s->lo, s->kind == MG_PARAM_FLAG ? 1 : s->hi,
                          &v->i, err, errlen);
    }
    return 0;
}

typedef struct {
    mg_unit *u;
    mg_kv_list *kv;
    bool for_eval;
    bool done[MG_UNIT_MAX_VALUES];
} resolver;

static int resolve_one(resolver *r, int i, int depth, char *err, size_t errlen);

/* The default text of spec i (resolving the parameter it refers to). */
static int default_text(resolver *r, int i, int depth, char *out, size_t len, char *err, size_t errlen)
{
    const mg_param_spec *s = &r->u->def->params[i];
    if (s->def_rule == MG_DEF_TEXT) {
        snprintf(out, len, "%s", s->def);
        return 0;
    }
    int j = spec_index(r->u->def, s->def);
    if (j < 0 || depth > MG_UNIT_MAX_VALUES) abort(); /* a unit-table bug */
    if (resolve_one(r, j, depth + 1, err, errlen)) return -1;
    const mg_param_value *ref = &r->u->values[j];
    if (s->def_rule == MG_DEF_SAME_AS) snprintf(out, len, "%s", ref->text);
    else snprintf(out, len, "%s", ref->f.specials == MG_SPECIALS_IEEE ? "rne" : "rtz");
    return 0;
}

static int resolve_one(resolver *r, int i, int depth, char *err, size_t errlen)
{
    if (r->done[i]) return 0;
    const mg_param_spec *s = &r->u->def->params[i];
    mg_param_value *v = &r->u->values[i];
    v->spec = s;
    const char *given = in_scope(s, r->for_eval) ? mg_kv_get(r->kv, s->key, NULL) : NULL;
    if (!given && !s->def && !in_scope(s, r->for_eval)) {
        r->done[i] = true; /* another command's required parameter */
        return 0;
    }
    if (given) {
        v->given = true;
        if (strlen(given) >= sizeof v->text) {
            snprintf(err, errlen, "%s=%.40s...: value too long (%zu characters; at most %d)", s->key, given,
                     strlen(given), MG_UNIT_VALUE_MAX);
            return -1;
        }
        snprintf(v->text, sizeof v->text, "%s", given);
    } else if (!s->def) {
        snprintf(err, errlen, "needs %s= (%s)", s->key, s->help);
        return -1;
    } else if (default_text(r, i, depth, v->text, sizeof v->text, err, errlen)) {
        return -1;
    }
    if (parse_value(v, err, errlen)) return -1;
    r->done[i] = true;
    return 0;
}

static bool shown(const mg_unit *u, const mg_param_value *v)
{
    const mg_param_spec *s = v->spec;
    switch (s->show) {
    case MG_SHOW_ALWAYS: return true;
    case MG_SHOW_NEVER: return false;
    case MG_SHOW_IF_SR: return mg_unit_has_param(u, "round") && !strcmp(mg_unit_text(u, "round"), "sr");
    case MG_SHOW_IF_AREA: return u->area;
    case MG_SHOW_NONDEFAULT:
        if (s->kind == MG_PARAM_ENUM || s->def_rule != MG_DEF_TEXT) return strcmp(v->text, s->def) != 0;
    {
        long long def = 0; /* the table's own default text: always a plain decimal */
        char why[8];
        mg_parse_int(s->key, s->def, LLONG_MIN, LLONG_MAX, &def, why, sizeof why);
        return v->i != def;
    }
    }
    return true;
}

static void append(char *buf, size_t size, const char *fmt, const char *key, const char *value)
{
    size_t len = strlen(buf);
    snprintf(buf + len, size - len, fmt, key, value);
}

static void spell(const mg_unit *u, bool for_eval, char *buf, size_t size)
{
    for (int i = 0; i < u->n_values; i++) {
        const mg_param_value *v = &u->values[i];
        if (!in_scope(v->spec, for_eval) || !shown(u, v)) continue;
        char text[128];
        if (v->spec->show == MG_SHOW_IF_AREA) { /* the resolved choice, not "auto" */
            append(buf, size, " %s=%s", v->spec->key, "area");
            continue;
        }
        switch (v->spec->kind) {
        case MG_PARAM_FORMAT: mg_format_spell(&v->f, text, sizeof text); break;
        case MG_PARAM_INT_TYPE: snprintf(text, sizeof text, "int%ld", v->i); break;
        case MG_PARAM_ENUM: snprintf(text, sizeof text, "%s", v->text); break;
        default: snprintf(text, sizeof text, "%ld", v->i); break;
        }
        append(buf, size, " %s=%s", v->spec->key, text);
    }
}

/* The common fields every unit's helpers read: rounding and clocking. */
static int fill_common(mg_unit *u, char *err, size_t errlen)
{
    if (mg_unit_has_param(u, "round")) {
        mg_round_mode m = MG_RNE;
        mg_round_mode_parse(mg_unit_text(u, "round"), &m);
        u->rnd = mg_rounding_make(m);
        if (mg_unit_has_param(u, "rbits")) u->rnd.rbits = m == MG_SR ? (int)mg_unit_int(u, "rbits") : 1;
        if (mg_unit_has_param(u, "ovf")) u->rnd.ovf_sat = !strcmp(mg_unit_text(u, "ovf"), "sat");
    }
    if (mg_unit_has_param(u, "pipe")) u->pipe = (int)mg_unit_int(u, "pipe");
    if (mg_unit_has_param(u, "acc_reg")) u->acc_reg = mg_unit_int(u, "acc_reg") != 0;
    if (u->pipe && u->acc_reg) {
        snprintf(err, errlen, "pipe=%d with acc_reg=1: the accumulator's feedback must close in one cycle; "
                 "choose one of them", u->pipe);
        return -1;
    }
    return 0;
}

static bool valid_identifier(const char *s, size_t max)
{
    if (!s[0] || strlen(s) >= max) return false;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_')) return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return false;
    return true;
}

/* top= (default mg_NAME_top): a Verilog identifier that does not start
 * with mg_ unless it is the default; a name other than the default is
 * appended to the canonical spelling. */
static int read_top(mg_unit *u, mg_kv_list *kv, char *err, size_t errlen)
{
    char def_top[64];
    snprintf(def_top, sizeof def_top, "mg_%s_top", u->def->name);
    const char *t = mg_kv_get(kv, "top", def_top);
    char why[256], shown[64];
    if (mg_verilog_check_name(t, why, sizeof why) != 0) {
        snprintf(err, errlen, "top: %s", why);
        return -1;
    }
    /* No '$' either: the name is also the file's name. */
    if (!valid_identifier(t, sizeof u->top) || (!strncmp(t, "mg_", 3) && strcmp(t, def_top))) {
        snprintf(err, errlen, "top=%s: expected a Verilog identifier not starting with mg_ (reserved for templates)",
                 mg_escape_text(t, shown, sizeof shown));
        return -1;
    }
    snprintf(u->top, sizeof u->top, "%s", t);
    if (strcmp(t, def_top)) append(u->canonical, sizeof u->canonical, " %s=%s", "top", t);
    return 0;
}

static void known_keys(const mg_unit_def *def, bool for_eval, char *buf, size_t size)
{
    buf[0] = '\0';
    for (int i = 0; def->params[i].key; i++)
        if (in_scope(&def->params[i], for_eval)) append(buf, size, "%s%s", buf[0] ? ", " : "", def->params[i].key);
    if (!for_eval) append(buf, size, "%s%s", buf[0] ? ", " : "", "top");
}

int mg_unit_resolve(mg_unit *u, const mg_unit_def *def, mg_kv_list *kv, bool for_eval, char *err,
                    size_t errlen)
{
    memset(u, 0, sizeof *u);
    u->def = def;
    snprintf(u->canonical, sizeof u->canonical, "%s", def->name);
    resolver r = { u, kv, for_eval, { false } };
    while (def->params[u->n_values].key) {
        if (u->n_values == MG_UNIT_MAX_VALUES) abort(); /* a unit-table bug */
        u->n_values++;
    }
    for (int i = 0; i < u->n_values; i++)
        if (resolve_one(&r, i, 0, err, errlen)) return -1;
    if (!for_eval && mg_unit_has_param(u, "arch")) {
        const char *arch = mg_unit_text(u, "arch");
        bool auto_area = def->auto_area ? def->auto_area(u) : mg_unit_auto_area(u);
        u->area = !strcmp(arch, "area") || (!strcmp(arch, "auto") && auto_area);
    }
    spell(u, for_eval, u->canonical, sizeof u->canonical);
    if (fill_common(u, err, errlen)) return -1;
    if (!for_eval && read_top(u, kv, err, errlen)) return -1;
    char known[512];
    known_keys(def, for_eval, known, sizeof known);
    return mg_kv_check_all_used(kv, known, err, errlen);
}

const mg_param_value *mg_unit_value(const mg_unit *u, const char *key)
{
    for (int i = 0; i < u->n_values; i++)
        if (!strcmp(u->values[i].spec->key, key)) return &u->values[i];
    fprintf(stderr, "macgen: unit %s has no parameter '%s' (a unit-table bug)\n", u->def->name, key);
    abort();
}

bool mg_unit_has_param(const mg_unit *u, const char *key)
{
    for (int i = 0; i < u->n_values; i++)
        if (!strcmp(u->values[i].spec->key, key)) return true;
    return false;
}

const mg_format *mg_unit_format(const mg_unit *u, const char *key) { return &mg_unit_value(u, key)->f; }
long mg_unit_int(const mg_unit *u, const char *key) { return mg_unit_value(u, key)->i; }
const char *mg_unit_text(const mg_unit *u, const char *key) { return mg_unit_value(u, key)->text; }
bool mg_unit_given(const mg_unit *u, const char *key) { return mg_unit_value(u, key)->given; }

void mg_unit_eval_params(const mg_unit *u, char *buf, size_t len)
{
    snprintf(buf, len, "%s", u->def->name);
    spell(u, true, buf, len);
}
