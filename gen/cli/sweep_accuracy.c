/* `macgen sweep --accuracy`: each point's error beside its cost.  A point's
 * unit maps to the accuracy unit with the same arithmetic (mac, dot,
 * hbfp_array -> hbfp_dot) and passes on the parameters that unit knows. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "sweep_cmd.h"
#include "textfile.h"

#define SPEC_TOKENS_MAX 32

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

/* Splits spec on spaces into at most max tokens (pointers into buf). */
static int split_spec(const char *spec, char *buf, size_t len, char **tok, int max)
{
    int n = 0;
    snprintf(buf, len, "%s", spec);
    for (char *t = strtok(buf, " \t"); t; t = strtok(NULL, " \t")) {
        if (n == max) return -1;
        tok[n++] = t;
    }
    return n;
}

int mg_sweep_check_accuracy(const mg_sweep_plan *plan, const char *spec, char *err, size_t errlen)
{
    char buf[1024], *tok[SPEC_TOKENS_MAX];
    int n = split_spec(spec, buf, sizeof buf, tok, SPEC_TOKENS_MAX);
    if (n < 0) {
        snprintf(err, errlen, "--accuracy: more than %d words", SPEC_TOKENS_MAX);
        return -1;
    }
    for (int i = 0; i < n; i++)
        if (!strncmp(tok[i], "K=", 2) && strchr(tok[i], ',')) {
            snprintf(err, errlen, "--accuracy: one K per sweep (got %s)", tok[i]);
            return -1;
        }
    for (size_t p = 0; p < plan->n; p++)
        if (!find_map(plan->points[p].unit)) {
            snprintf(err, errlen, "--accuracy: unit %s has no accuracy counterpart (mac, dot, hbfp_array)",
                     plan->points[p].unit);
            return -1;
        }
    return 0;
}

static bool spec_sets(char **tok, int n, const char *key)
{
    size_t len = strlen(key);
    for (int i = 0; i < n; i++)
        if (!strncmp(tok[i], key, len) && tok[i][len] == '=') return true;
    return false;
}

int mg_sweep_run_accuracy(const mg_sweep_point *pt, const char *spec, const char *json)
{
    const unit_map *m = find_map(pt->unit);
    char buf[1024], *tok[SPEC_TOKENS_MAX], kv[MG_SWEEP_MAX_KEYS][200], pattern[40];
    char *argv[MG_SWEEP_MAX_KEYS + SPEC_TOKENS_MAX + 8];
    int n = split_spec(spec, buf, sizeof buf, tok, SPEC_TOKENS_MAX), argc = 0;
    if (!m || n < 0) return MG_EXIT_USAGE;
    argv[argc++] = "accuracy";
    argv[argc++] = (char *)m->acc_unit;
    for (size_t k = 0; k < pt->n; k++) {
        snprintf(pattern, sizeof pattern, " %s ", pt->keys[k]);
        if (!strstr(m->keys, pattern) || spec_sets(tok, n, pt->keys[k])) continue;
        snprintf(kv[k], sizeof kv[k], "%s=%s", pt->keys[k], pt->values[k]);
        argv[argc++] = kv[k];
    }
    for (int i = 0; i < n; i++) argv[argc++] = tok[i];
    argv[argc++] = "--json";
    argv[argc++] = (char *)json;
    argv[argc++] = "--quiet";
    argv[argc] = NULL;
    return cmd_accuracy(argc, argv);
}

static double num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : INFINITY; /* null: an exact result (SQNR) */
}

static double macs_per_cycle(const char *cost_json)
{
    char *text, why[256];
    if (mg_read_text_file(cost_json, &text, NULL, why, sizeof why) != 0) return 1;
    cJSON *root = cJSON_Parse(text);
    free(text);
    double m = num(root, "macs_per_cycle");
    cJSON_Delete(root);
    return isfinite(m) && m >= 1 ? m : 1;
}

int mg_sweep_read_accuracy(const char *json, const char *cost_json, mg_sweep_acc *r, char *err, size_t errlen)
{
    char *text, why[256];
    r->macs = macs_per_cycle(cost_json);
    if (mg_read_text_file(json, &text, NULL, why, sizeof why) != 0) {
        snprintf(err, errlen, "no accuracy result: %s", why);
        return -1;
    }
    cJSON *root = cJSON_Parse(text);
    free(text);
    const cJSON *pts = cJSON_GetObjectItemCaseSensitive(root, "points");
    const cJSON *p = cJSON_GetArrayItem(pts, 0);
    const cJSON *ev = cJSON_GetObjectItemCaseSensitive(p, "event_rates");
    if (!root || !cJSON_IsObject(p) || !cJSON_IsObject(ev)) {
        cJSON_Delete(root);
        snprintf(err, errlen, "accuracy result %s is not readable", json);
        return -1;
    }
    r->k = (size_t)num(p, "K");
    r->mean_rel_err = num(p, "mean_rel_err");
    r->rms_rel_err = num(p, "rms_rel_err");
    r->max_rel_err = num(p, "max_rel_err");
    r->frac_cr = num(p, "frac_correctly_rounded");
    r->sqnr_db = num(p, "sqnr_db");
    r->w1 = num(p, "w1");
    r->w1_rel = num(p, "w1_rel");
    r->var_ratio = num(p, "var_ratio");
    r->vrr_predicted = cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(p, "vrr_predicted")) ? num(p, "vrr_predicted")
                                                                                           : NAN;
    r->swamping = num(ev, "swamping");
    r->underflow = num(ev, "underflow");
    r->overflow = num(ev, "overflow");
    cJSON_Delete(root);
    return 0;
}
