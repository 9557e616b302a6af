#include "eval_params.h"

#include <stdio.h>
#include <string.h>

int mg_eval_get_format(mg_kv_list *kv, const char *key, const char *def, mg_format *f, char *err,
                      size_t errlen)
{
    const char *text = mg_kv_get(kv, key, def);
    char why[MG_FORMAT_ERR_LEN];
    if (mg_format_parse(text, f, why) != 0) {
        snprintf(err, errlen, "%s=: %s", key, why);
        return -1;
    }
    return 0;
}

int mg_eval_get_rounding(mg_kv_list *kv, const char *def_mode, mg_rounding *r, char *err, size_t errlen)
{
    const char *mode = mg_kv_get(kv, "round", def_mode);
    mg_round_mode m;
    if (mg_round_mode_parse(mode, &m) != 0) {
        snprintf(err, errlen, "round=%s: unknown rounding (known: rtz, rne, sr)", mode);
        return -1;
    }
    *r = mg_rounding_make(m);
    long rbits;
    if (mg_kv_get_int(kv, "rbits", MG_RBITS_DEFAULT, 1, MG_RBITS_MAX, &rbits, err, errlen) != 0) return -1;
    r->rbits = (int)rbits;
    const char *ovf = mg_kv_get(kv, "ovf", "inf");
    if (strcmp(ovf, "sat") && strcmp(ovf, "inf")) {
        snprintf(err, errlen, "ovf=%s: expected sat or inf", ovf);
        return -1;
    }
    r->ovf_sat = !strcmp(ovf, "sat");
    return 0;
}
