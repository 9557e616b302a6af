/* Checks of a sweep's points before anything runs (every mode: local,
 * --emit-jobs, --run-point, --merge validate the same way), and of the
 * results a job left against the point they must stand for. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array_cost.h"
#include "flow.h"
#include "sweep_cmd.h"
#include "textfile.h"
#include "unit.h"

/* The point's parameters as a key=value list (pointing into pt). */
static void point_kv(const mg_sweep_point *pt, mg_kv_list *kv)
{
    kv->count = 0;
    for (size_t k = 0; k < pt->n && k < sizeof kv->items / sizeof kv->items[0]; k++) {
        kv->items[kv->count].key = pt->keys[k];
        kv->items[kv->count].value = pt->values[k];
        kv->items[kv->count].used = false;
        kv->count++;
    }
}

/* The canonical spelling cost will record for pt, resolved as cost
 * resolves it (an array through its cost plan); -1 with the reason. */
static int point_canonical(const mg_sweep_point *pt, char *out, size_t len, char *err, size_t errlen)
{
    const mg_unit_def *def = mg_unit_find(pt->unit);
    mg_kv_list kv;
    point_kv(pt, &kv);
    if (def && def->cost_plan) {
        mg_array_plan *p = malloc(sizeof *p);
        int rc = p ? mg_array_plan_make(pt->unit, &kv, p, err, errlen) : -1;
        if (!p) snprintf(err, errlen, "out of memory");
        if (rc == 0) snprintf(out, len, "%s", p->canonical);
        free(p);
        return rc;
    }
    mg_unit *u = malloc(sizeof *u);
    int rc = u ? mg_unit_configure(u, pt->unit, &kv, err, errlen) : -1;
    if (!u) snprintf(err, errlen, "out of memory");
    if (rc == 0) snprintf(out, len, "%s", u->canonical);
    free(u);
    return rc;
}

int mg_sweep_validate(const mg_sweep_plan *plan, const sweep_args *a, mg_sweep_expect *exp, char *err,
                      size_t errlen)
{
    for (size_t i = 0; i < plan->n; i++) {
        const mg_sweep_point *pt = &plan->points[i];
        char why[1024];
        memset(&exp[i], 0, sizeof exp[i]);
        if (point_canonical(pt, exp[i].canonical, sizeof exp[i].canonical, why, sizeof why) ||
            (a->accuracy && mg_sweep_accuracy_identity(pt, a->accuracy, &exp[i].acc, why, sizeof why))) {
            snprintf(err, errlen, "point '%s': %s", pt->label, why);
            return -1;
        }
    }
    return 0;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The string value of key, or "" (never NULL). */
static const char *text_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static int check_root(const cJSON *root, const mg_sweep_point *pt, const mg_sweep_expect *exp, const sweep_args *a,
                      char *yosys, size_t yosys_len, char *err, size_t errlen)
{
    const bool lib = a->liberty || a->tech;
    char flow[17];
    mg_flow_hash(lib, flow);
    const cJSON *jl = cJSON_GetObjectItemCaseSensitive(root, "liberty");
    const char *version = text_of(root, "yosys_version");
    if (strcmp(text_of(root, "unit"), pt->unit) || strcmp(text_of(root, "canonical"), exp->canonical))
        snprintf(err, errlen, "it costs %.200s, not %.250s", text_of(root, "canonical")[0] ? text_of(root, "canonical")
                                                                                      : text_of(root, "unit"),
                 exp->canonical);
    else if (lib != cJSON_IsObject(jl))
        snprintf(err, errlen, "it was costed %s a cell library, the sweep %s", lib ? "without" : "with",
                 lib ? "with one" : "without");
    else if (strcmp(text_of(root, "flow_hash"), flow))
        snprintf(err, errlen, "it comes from another synthesis flow (flow %.20s, this macgen's is %s): stale",
                 text_of(root, "flow_hash"), flow);
    else if (a->liberty && strcmp(text_of(jl, "file"), base_name(a->liberty)))
        snprintf(err, errlen, "it was costed with the library %.60s, not %s", text_of(jl, "file"),
                 base_name(a->liberty));
    else if (!version[0])
        snprintf(err, errlen, "it names no Yosys version");
    else if (yosys[0] && strcmp(version, yosys))
        snprintf(err, errlen, "it was costed with Yosys %.40s, the other points with Yosys %s", version, yosys);
    else {
        if (!yosys[0]) snprintf(yosys, yosys_len, "%s", version);
        return 0;
    }
    return -1;
}

int mg_sweep_check_cost_identity(const char *json, const mg_sweep_point *pt, const mg_sweep_expect *exp,
                                 const sweep_args *a, char *yosys, size_t yosys_len, char *err, size_t errlen)
{
    char *text, why[512];
    if (mg_read_text_file(json, &text, NULL, err, errlen) != 0) return -1;
    cJSON *root = cJSON_Parse(text);
    free(text);
    int rc = -1;
    if (!cJSON_IsObject(root))
        snprintf(err, errlen, "%s is not a macgen cost report (not a JSON object)", json);
    else if (check_root(root, pt, exp, a, yosys, yosys_len, why, sizeof why))
        snprintf(err, errlen, "%s is not this point's cost result: %s", json, why);
    else
        rc = 0;
    cJSON_Delete(root);
    return rc;
}
