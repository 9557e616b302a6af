#include "yosys_stat.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c) memcpy(c, s, n);
    return c;
}

void mg_ys_design_free(mg_ys_design *d)
{
    for (size_t i = 0; i < d->n_mods; i++) {
        for (size_t j = 0; j < d->mods[i].n_cells; j++) free(d->mods[i].cells[j].type);
        free(d->mods[i].cells);
        free(d->mods[i].name);
    }
    free(d->mods);
    d->mods = NULL;
    d->n_mods = 0;
}

static int read_module(const cJSON *jm, mg_ys_module *m, char *err, size_t errlen)
{
    m->name = copy_string(jm->string);
    const cJSON *by_type = cJSON_GetObjectItemCaseSensitive(jm, "num_cells_by_type");
    if (!m->name) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (!cJSON_IsObject(by_type)) {
        /* A module without cells has no such object. */
        return 0;
    }
    size_t n = (size_t)cJSON_GetArraySize(by_type);
    m->cells = calloc(n ? n : 1, sizeof *m->cells);
    if (!m->cells) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    const cJSON *jc;
    cJSON_ArrayForEach(jc, by_type) {
        /* A count: a whole number, not negative, not absurd (a NaN fails too). */
        if (!cJSON_IsNumber(jc) || !(jc->valuedouble >= 0 && jc->valuedouble <= 1e12) ||
            jc->valuedouble != (double)(long)jc->valuedouble) {
            snprintf(err, errlen, "Yosys stat JSON: cell count of %s in %s is not a count",
                     jc->string, m->name);
            return -1;
        }
        mg_ys_cell *c = &m->cells[m->n_cells++];
        c->type = copy_string(jc->string);
        c->count = (long)jc->valuedouble;
        if (!c->type) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
    }
    return 0;
}

/* Yosys 0.23 prints the design hierarchy below its second level into the
 * JSON of `stat -json` as plain text lines ("   $paramod\\mg_lzc   1").  A
 * line of real JSON here always holds a quote or only punctuation, so any
 * other line is dropped before parsing. */
static char *drop_leaked_lines(const char *text)
{
    size_t len = strlen(text);
    char *out = malloc(len + 2), *o = out;   /* +1: a newline after a last line without one */
    if (!out) return NULL;
    while (*text) {
        size_t n = strcspn(text, "\n");
        bool keep = memchr(text, '"', n) != NULL;
        if (!keep) {
            keep = true;
            for (size_t i = 0; i < n && keep; i++) keep = strchr(" \t\r{}[],:", text[i]) != NULL;
        }
        if (keep) {
            memcpy(o, text, n);
            o += n;
            *o++ = '\n';
        }
        text += n;
        if (*text == '\n') text++;
    }
    *o = '\0';
    return out;
}

int mg_ys_read_stat_json(const char *text, mg_ys_design *d, char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    char *clean = drop_leaked_lines(text);
    if (!clean) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    cJSON *root = cJSON_Parse(clean);
    free(clean);
    if (!root) {
        snprintf(err, errlen, "Yosys stat JSON is malformed");
        return -1;
    }
    int rc = -1;
    const cJSON *creator = cJSON_GetObjectItemCaseSensitive(root, "creator");
    const cJSON *mods = cJSON_GetObjectItemCaseSensitive(root, "modules");
    if (!cJSON_IsString(creator) || !cJSON_IsObject(mods)) {
        snprintf(err, errlen, "Yosys stat JSON lacks \"creator\" or \"modules\"");
        goto out;
    }
    snprintf(d->creator, sizeof d->creator, "%s", creator->valuestring);
    size_t n = (size_t)cJSON_GetArraySize(mods);
    if (n == 0) {
        snprintf(err, errlen, "Yosys stat JSON lists no module");
        goto out;
    }
    d->mods = calloc(n, sizeof *d->mods);
    if (!d->mods) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    const cJSON *jm;
    cJSON_ArrayForEach(jm, mods) {
        mg_ys_module *m = &d->mods[d->n_mods++];
        if (read_module(jm, m, err, errlen) != 0) goto out;
    }
    rc = 0;
out:
    cJSON_Delete(root);
    if (rc != 0) mg_ys_design_free(d);
    return rc;
}

const mg_ys_module *mg_ys_find(const mg_ys_design *d, const char *name)
{
    for (size_t i = 0; i < d->n_mods; i++)
        if (!strcmp(d->mods[i].name, name)) return &d->mods[i];
    return NULL;
}

const mg_ys_module *mg_ys_find_instance(const mg_ys_design *d, const char *cell_type)
{
    for (size_t i = 0; i < d->n_mods; i++) {
        const char *name = d->mods[i].name;
        if (!strcmp(name, cell_type) || (name[0] == '\\' && !strcmp(name + 1, cell_type)))
            return &d->mods[i];
    }
    return NULL;
}

/* Calls fn on every line of text (without its newline). */
static void each_line(const char *text, void (*fn)(const char *line, size_t len, void *ctx), void *ctx)
{
    while (*text) {
        size_t n = strcspn(text, "\n");
        fn(text, n, ctx);
        text += n;
        if (*text == '\n') text++;
    }
}

static const char *skip_spaces(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t')) s++;
    return s;
}

typedef struct {
    mg_ys_design *d;
} area_ctx;

static void area_line(const char *line, size_t len, void *vctx)
{
    area_ctx *ctx = vctx;
    static const char prefix[] = "Chip area for module '";
    const char *end = line + len;
    const char *s = skip_spaces(line, end);
    if ((size_t)(end - s) < sizeof prefix || strncmp(s, prefix, sizeof prefix - 1)) return;
    s += sizeof prefix - 1;
    /* Module names may contain quotes ($paramod\X\W=s32'0..): the name ends at
     * the last "': " of the line. */
    const char *close = NULL;
    for (const char *p = s; p + 3 <= end; p++)
        if (p[0] == '\'' && p[1] == ':' && p[2] == ' ') close = p;
    if (!close) return;
    char value[64];
    size_t vlen = (size_t)(end - (close + 3));
    if (vlen == 0 || vlen >= sizeof value) return;
    memcpy(value, close + 3, vlen);
    value[vlen] = '\0';
    char *vend;
    double area = strtod(value, &vend);
    if (vend == value || !(area >= 0 && area < 1e15)) return;
    for (size_t i = 0; i < ctx->d->n_mods; i++) {
        mg_ys_module *m = &ctx->d->mods[i];
        if (strlen(m->name) == (size_t)(close - s) && !strncmp(m->name, s, (size_t)(close - s))) {
            m->area = area;
            m->has_area = true;
        }
    }
}

int mg_ys_read_areas(const char *text, mg_ys_design *d, char *err, size_t errlen)
{
    area_ctx ctx = { d };
    each_line(text, area_line, &ctx);
    for (size_t i = 0; i < d->n_mods; i++) {
        mg_ys_module *m = &d->mods[i];
        if (m->has_area) continue;
        /* Yosys prints no area for a module made only of instances. */
        bool only_instances = true;
        for (size_t j = 0; j < m->n_cells && only_instances; j++)
            only_instances = mg_ys_find_instance(d, m->cells[j].type) != NULL;
        if (!only_instances) {
            snprintf(err, errlen, "Yosys liberty report gives no area for module %s", m->name);
            return -1;
        }
        m->area = 0;
        m->has_area = true;
    }
    return 0;
}

int mg_ys_read_top_area(const char *text, double *area)
{
    const char *p = strstr(text, "Chip area for top module '");
    if (!p) return -1;
    const char *eol = p + strcspn(p, "\n");
    const char *colon = NULL;
    for (const char *q = p; q + 3 <= eol; q++)
        if (q[0] == '\'' && q[1] == ':' && q[2] == ' ') colon = q;
    if (!colon) return -1;
    char *end;
    *area = strtod(colon + 3, &end);
    return end == colon + 3 || !(*area >= 0 && *area < 1e15) ? -1 : 0;
}

typedef struct {
    bool in_hierarchy;
    bool found, found_in_hierarchy;
    long total;
    bool plus;
} transistor_ctx;

static void transistor_line(const char *line, size_t len, void *vctx)
{
    transistor_ctx *ctx = vctx;
    static const char hier[] = "=== design hierarchy ===";
    static const char prefix[] = "Estimated number of transistors:";
    const char *end = line + len;
    const char *s = skip_spaces(line, end);
    if ((size_t)(end - s) >= sizeof hier - 1 && !strncmp(s, hier, sizeof hier - 1)) {
        ctx->in_hierarchy = true;
        return;
    }
    if ((size_t)(end - s) < sizeof prefix - 1 || strncmp(s, prefix, sizeof prefix - 1)) return;
    if (ctx->found_in_hierarchy) return;
    s = skip_spaces(s + sizeof prefix - 1, end);
    long v = 0;
    const char *digits = s;
    while (s < end && *s >= '0' && *s <= '9') {
        if (v > 100000000000000L) return; /* not a count: no estimate found */
        v = v * 10 + (*s++ - '0');
    }
    if (s == digits) return;
    ctx->found = true;
    ctx->found_in_hierarchy = ctx->in_hierarchy;
    ctx->total = v;
    ctx->plus = s < end && *s == '+';
}

int mg_ys_read_transistors(const char *text, long *total, bool *plus, char *err, size_t errlen)
{
    transistor_ctx ctx = { 0 };
    each_line(text, transistor_line, &ctx);
    if (!ctx.found) {
        snprintf(err, errlen, "Yosys cmos report has no transistor estimate");
        return -1;
    }
    *total = ctx.total;
    *plus = ctx.plus;
    return 0;
}

long mg_ys_read_ltp(const char *text)
{
    const char *p = strstr(text, "Longest topological path in ");
    if (!p) return 0;
    p = strstr(p, "(length=");
    if (!p || p[8] < '0' || p[8] > '9') return -1;
    char *end;
    long v = strtol(p + 8, &end, 10);
    return *end == ')' && v >= 0 && v < 100000000 ? v : -1;
}

typedef struct {
    char *out;
    size_t len;
    bool have_error;
} error_ctx;

static void error_line(const char *line, size_t len, void *vctx)
{
    error_ctx *ctx = vctx;
    const char *end = line + len;
    const char *s = skip_spaces(line, end);
    bool is_error = (size_t)(end - s) >= 6 && !strncmp(s, "ERROR:", 6);
    if (s == end || (ctx->have_error && !is_error)) return;
    ctx->have_error |= is_error;
    snprintf(ctx->out, ctx->len, "%.*s", (int)(end - s), s);
}

void mg_ys_last_error(const char *log, char *out, size_t len)
{
    error_ctx ctx = { out, len, false };
    if (len) out[0] = '\0';
    each_line(log, error_line, &ctx);
}

void mg_ys_version(const char *creator, char *out, size_t len)
{
    static const char prefix[] = "Yosys ";
    if (!strncmp(creator, prefix, sizeof prefix - 1)) creator += sizeof prefix - 1;
    snprintf(out, len, "%s", creator);
}

void mg_ys_base_name(const char *module, char *out, size_t len)
{
    static const char paramod[] = "$paramod";
    const char *s = module;
    if (!strncmp(s, paramod, sizeof paramod - 1)) {
        const char *slash = strchr(s, '\\');
        s = slash ? slash + 1 : s + sizeof paramod - 1;
        size_t n = strcspn(s, "\\");
        snprintf(out, len, "%.*s", (int)n, s);
        return;
    }
    if (*s == '\\') s++;
    snprintf(out, len, "%s", s);
}
