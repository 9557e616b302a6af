/* `macgen sweep --accuracy`: each point's error beside its cost.  A point's
 * unit maps to the accuracy unit with the same arithmetic (mac, dot,
 * hbfp_array -> hbfp_dot) and passes on the parameters that unit knows;
 * the --accuracy text adds only what describes the data and the
 * measurement (K=, dist=, scale=, mean=, --trials, --seed), never a
 * parameter of the point. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accuracy_cmd.h"
#include "cli.h"
#include "commands.h"
#include "sweep_cmd.h"
#include "textfile.h"

#define SPEC_TOKENS_MAX 32
#define SPEC_TEXT_MAX 1024
#define SPEC_TAKES "K= dist= scale= mean= --trials N --seed S"

typedef struct {
    const char *unit, *acc_unit, *keys;
} unit_map;

static const unit_map maps[] = {
    { "mac", "mac", " w a prod acc round rbits ovf fused " },
    { "dot", "dot", " w a prod acc acc2 chunk round rbits ovf fused " },
    { "hbfp_array", "hbfp_dot", " n block exp round rbits acc boost " },
};

static const unit_map *find_map(const char *unit)
{
    for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
        if (!strcmp(maps[i].unit, unit)) return &maps[i];
    return NULL;
}

/* The --accuracy words (pointers into buf, which they are cut from). */
typedef struct {
    char buf[SPEC_TEXT_MAX];
    char *tok[SPEC_TOKENS_MAX];
    int n;
} spec_words;

static int split_spec(const char *spec, spec_words *w, char *err, size_t errlen)
{
    w->n = 0;
    for (const char *c = spec; *c; c++)
        if ((unsigned char)*c < 0x20 && *c != '\t') {
            snprintf(err, errlen, "--accuracy holds a control character (0x%02x): words are separated by spaces",
                     (unsigned char)*c);
            return -1;
        }
    if (strlen(spec) >= sizeof w->buf) {
        snprintf(err, errlen, "--accuracy: longer than %d characters", SPEC_TEXT_MAX - 1);
        return -1;
    }
    snprintf(w->buf, sizeof w->buf, "%s", spec);
    char *save = NULL;
    for (char *t = strtok_r(w->buf, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
        if (w->n == SPEC_TOKENS_MAX) {
            snprintf(err, errlen, "--accuracy: more than %d words", SPEC_TOKENS_MAX);
            return -1;
        }
        w->tok[w->n++] = t;
    }
    return 0;
}

/* The words accepted: the data (K=, dist=, scale=, mean=) and the
 * measurement (--trials N, --seed S).  A key of the point's accuracy unit
 * would silently measure another point (issue 18: acc=fp32 reported as
 * lba12's error); anything else would change what the job writes. */
static int check_words(const spec_words *w, const char *point_keys, char *err, size_t errlen)
{
    static const char *const data_keys[] = { "K=", "dist=", "scale=", "mean=" };
    for (int i = 0; i < w->n; i++) {
        const char *t = w->tok[i];
        bool ok = false;
        for (size_t d = 0; d < sizeof data_keys / sizeof data_keys[0]; d++)
            ok = ok || !strncmp(t, data_keys[d], strlen(data_keys[d]));
        if (ok) {
            if (!strncmp(t, "K=", 2) && strchr(t, ',')) {
                snprintf(err, errlen, "--accuracy: one K per sweep (got %.40s)", t);
                return -1;
            }
            continue;
        }
        if ((!strcmp(t, "--trials") || !strcmp(t, "--seed")) && i + 1 < w->n) {
            i++;
            continue;
        }
        const char *eq = strchr(t, '=');
        char key[40], pattern[48];
        snprintf(key, sizeof key, "%.*s", eq ? (int)(eq - t) : 0, t);
        snprintf(pattern, sizeof pattern, " %s ", key);
        if (eq && strstr(point_keys, pattern))
            snprintf(err, errlen, "--accuracy: %s= is a parameter of the point, not of the measurement (give it to "
                     "the sweep itself); --accuracy takes %s", key, SPEC_TAKES);
        else
            snprintf(err, errlen, "--accuracy: '%.40s' is not one of %s", t, SPEC_TAKES);
        return -1;
    }
    return 0;
}

/* The argument vector of `macgen accuracy` for point pt: the accuracy unit,
 * the point's parameters it knows, the --accuracy words, then the extra
 * words (e.g. --json FILE).  Strings point into pt, w and kv. */
typedef struct {
    char kv[MG_SWEEP_MAX_KEYS][200];
    char *argv[MG_SWEEP_MAX_KEYS + SPEC_TOKENS_MAX + 8];
    int argc;
} acc_argv;

static int build_argv(const mg_sweep_point *pt, spec_words *w, acc_argv *v, char *err, size_t errlen)
{
    const unit_map *m = find_map(pt->unit);
    if (!m) {
        snprintf(err, errlen, "--accuracy: unit %s has no accuracy counterpart (mac, dot, hbfp_array)", pt->unit);
        return -1;
    }
    if (check_words(w, m->keys, err, errlen)) return -1;
    v->argc = 0;
    v->argv[v->argc++] = "accuracy";
    v->argv[v->argc++] = (char *)m->acc_unit;
    for (size_t k = 0; k < pt->n; k++) {
        char pattern[40];
        snprintf(pattern, sizeof pattern, " %s ", pt->keys[k]);
        if (!strstr(m->keys, pattern)) continue;
        if ((size_t)snprintf(v->kv[k], sizeof v->kv[k], "%s=%s", pt->keys[k], pt->values[k]) >= sizeof v->kv[k]) {
            snprintf(err, errlen, "%s=: value too long", pt->keys[k]);
            return -1;
        }
        v->argv[v->argc++] = v->kv[k];
    }
    for (int i = 0; i < w->n; i++) v->argv[v->argc++] = w->tok[i];
    v->argv[v->argc] = NULL;
    return 0;
}

int mg_sweep_accuracy_identity(const mg_sweep_point *pt, const char *spec, mg_acc_identity *id, char *err,
                               size_t errlen)
{
    spec_words w;
    acc_argv v;
    char why[512];
    if (split_spec(spec, &w, err, errlen) || build_argv(pt, &w, &v, err, errlen)) return -1;
    if (mg_accuracy_identity(v.argc, v.argv, id, why, sizeof why)) {
        snprintf(err, errlen, "accuracy: %s", why);
        return -1;
    }
    return 0;
}

int mg_sweep_run_accuracy(const mg_sweep_point *pt, const char *spec, const char *json)
{
    spec_words w;
    acc_argv v;
    char err[512];
    if (split_spec(spec, &w, err, sizeof err) || build_argv(pt, &w, &v, err, sizeof err)) {
        mg_error("sweep", "%s", err);
        return MG_EXIT_USAGE;
    }
    v.argv[v.argc++] = "--json";
    v.argv[v.argc++] = (char *)json;
    v.argv[v.argc++] = "--quiet";
    v.argv[v.argc] = NULL;
    return cmd_accuracy(v.argc, v.argv);
}

/* MACs per cycle of the costed unit: an array's "array" object says
 * (rows x cols), any other unit does one. */
static int read_macs(const char *cost_json, double *macs, char *err, size_t errlen)
{
    char *text;
    if (mg_read_text_file(cost_json, &text, NULL, err, errlen) != 0) return -1;
    cJSON *root = cJSON_Parse(text);
    free(text);
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "array");
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(arr, "macs_per_cycle");
    *macs = 1;
    int rc = 0;
    if (arr && !(cJSON_IsNumber(m) && m->valuedouble >= 1 && m->valuedouble <= 1e9)) {
        snprintf(err, errlen, "%s is a malformed cost report: \"array.macs_per_cycle\" is missing or out of range",
                 cost_json);
        rc = -1;
    } else if (arr) {
        *macs = m->valuedouble;
    }
    cJSON_Delete(root);
    return rc;
}

/* One figure of an accuracy report: present and a number in [lo, hi];
 * null only where null_ok (a non-finite value: SQNR +inf of an exact
 * result, an undefined variance ratio), read as null_value. */
typedef struct {
    const char *bad, *why;
} reader;

static double figure(reader *rd, const cJSON *o, const char *key, double lo, double hi, bool null_ok,
                     double null_value)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsNull(v) && null_ok) return null_value;
    const char *why = !v ? "missing" : !cJSON_IsNumber(v) ? "not a number"
                      : !(v->valuedouble >= lo && v->valuedouble <= hi) ? "out of range" : NULL;
    if (why && !rd->bad) rd->bad = key, rd->why = why;
    return why ? NAN : v->valuedouble;
}

static const char *text_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Says in err what in root differs from what the point expects. */
static int check_identity(const cJSON *root, const cJSON *p, const mg_acc_identity *id, char *err, size_t errlen)
{
    const char *unit = text_of(root, "unit"), *params = text_of(root, "params"), *dist = text_of(root, "dist");
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(p, "K");
    const cJSON *nums[4] = { cJSON_GetObjectItemCaseSensitive(root, "scale"),
                             cJSON_GetObjectItemCaseSensitive(root, "mean"),
                             cJSON_GetObjectItemCaseSensitive(root, "trials"),
                             cJSON_GetObjectItemCaseSensitive(root, "seed") };
    const double want[4] = { id->scale, id->mean, (double)id->trials, (double)id->seed };
    static const char *const names[4] = { "scale", "mean", "trials", "seed" };
    if (!unit || strcmp(unit, id->unit) || !params || strcmp(params, id->params)) {
        snprintf(err, errlen, "it measures %.200s, not %.250s", params ? params : unit ? unit : "?", id->params);
        return -1;
    }
    if (!dist || strcmp(dist, id->dist)) {
        snprintf(err, errlen, "its inputs are dist=%.20s, not dist=%s", dist ? dist : "?", id->dist);
        return -1;
    }
    if (!cJSON_IsNumber(k) || k->valuedouble != (double)id->k) {
        snprintf(err, errlen, "it is for K=%.0f, not K=%zu", cJSON_IsNumber(k) ? k->valuedouble : -1.0, id->k);
        return -1;
    }
    for (int i = 0; i < 4; i++)
        if (!cJSON_IsNumber(nums[i]) || nums[i]->valuedouble != want[i]) {
            snprintf(err, errlen, "it has %s=%.17g, not %.17g", names[i],
                     cJSON_IsNumber(nums[i]) ? nums[i]->valuedouble : NAN, want[i]);
            return -1;
        }
    return 0;
}

static void read_figures(reader *rd, const cJSON *p, const cJSON *ev, mg_sweep_acc *r)
{
    r->k = (size_t)figure(rd, p, "K", 1, 1e12, false, 0);
    r->mean_rel_err = figure(rd, p, "mean_rel_err", 0, INFINITY, false, 0);
    r->rms_rel_err = figure(rd, p, "rms_rel_err", 0, INFINITY, false, 0);
    r->max_rel_err = figure(rd, p, "max_rel_err", 0, INFINITY, false, 0);
    r->frac_cr = figure(rd, p, "frac_correctly_rounded", 0, 1, false, 0);
    r->sqnr_db = figure(rd, p, "sqnr_db", -1e4, 1e4, true, INFINITY); /* null: exact */
    r->w1 = figure(rd, p, "w1", 0, INFINITY, false, 0);
    r->w1_rel = figure(rd, p, "w1_rel", 0, INFINITY, true, NAN);
    r->var_ratio = figure(rd, p, "var_ratio", 0, INFINITY, true, NAN);
    r->vrr_predicted = figure(rd, p, "vrr_predicted", 0, INFINITY, true, NAN);
    r->swamping = figure(rd, ev, "swamping", 0, 1e9, false, 0);
    r->underflow = figure(rd, ev, "underflow", 0, 1e9, false, 0);
    r->overflow = figure(rd, ev, "overflow", 0, 1e9, false, 0);
}

int mg_sweep_read_accuracy(const char *json, const char *cost_json, const mg_acc_identity *expect, mg_sweep_acc *r,
                           char *err, size_t errlen)
{
    char *text, why[512];
    if (read_macs(cost_json, &r->macs, err, errlen)) return -1;
    if (mg_read_text_file(json, &text, NULL, why, sizeof why) != 0) {
        snprintf(err, errlen, "no accuracy result: %s", why);
        return -1;
    }
    cJSON *root = cJSON_Parse(text);
    free(text);
    const cJSON *pts = cJSON_GetObjectItemCaseSensitive(root, "points");
    const cJSON *p = cJSON_GetArrayItem(pts, 0);
    const cJSON *ev = cJSON_GetObjectItemCaseSensitive(p, "event_rates");
    int rc = -1;
    reader rd = { NULL, NULL };
    if (!cJSON_IsObject(root) || !cJSON_IsObject(p) || !cJSON_IsObject(ev) || cJSON_GetArraySize(pts) != 1) {
        snprintf(err, errlen, "%s is a malformed accuracy report (no single point with event rates)", json);
    } else if (expect && check_identity(root, p, expect, why, sizeof why)) {
        snprintf(err, errlen, "%s is not this point's accuracy result: %s", json, why);
    } else {
        read_figures(&rd, p, ev, r);
        if (rd.bad) snprintf(err, errlen, "%s is a malformed accuracy report: \"%s\" is %s", json, rd.bad, rd.why);
        else rc = 0;
    }
    cJSON_Delete(root);
    return rc;
}
