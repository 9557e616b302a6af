/* The arithmetic of `macgen matmul` from unit records (see unit_matmul.h).
 *
 * mac_array: the PE is `pe=` (a preset) or the `mac` unit's own keys (w= a=
 * prod= acc= round= ovf= fused=), never both; rows= is the array's pass
 * height (K is zero-padded to whole passes, which only decides the sign of
 * an exactly zero result); cols=, pipe=, flags=, events=, top= are taken
 * and change nothing.  dot: the unit's keys (cbits=, flags=, events=, top=
 * change nothing).  hbfp_array, mx_array: the array's keys (rows=, cols=,
 * pipe=, top= change nothing: the result of a blocked product does not
 * depend on the grid); inputs go through the converter hbfp_quant /
 * mx_quant (rne) with its exp= / scale= rule (default floor1 / floor),
 * which matmul takes beside the array's keys; an Accuracy Booster array
 * (boost=6) runs in the mode of --mode (4 or 6, default 4). */
#include "unit_matmul.h"

#include <ctype.h>
#include <string.h>

#include "unit.h"
#include "unit_hbfp.h"
#include "unit_mac_array.h"
#include "unit_mx.h"

const char *mg_matmul_unit_names(void) { return "mac_array, dot, hbfp_array, mx_array"; }

static const char *const mac_keys[] = { "w", "a", "prod", "acc", "round", "rbits", "ovf", "fused", NULL };

static bool is_mac_key(const char *k)
{
    for (const char *const *m = mac_keys; *m; m++)
        if (!strcmp(*m, k)) return true;
    return false;
}

/* A control character (a newline above all) in a value would end up in
 * the JSON's canonical spelling and in any command line built from it:
 * refused here, as sweep refuses it in job lines.  Numbers, lengths and
 * keys are the unit records' own checks (one strict parser, number.h). */
static int check_values(const mg_kv_list *kv, char *err, size_t errlen)
{
    for (size_t i = 0; i < kv->count; i++) {
        const char *k = kv->items[i].key, *v = kv->items[i].value;
        char shown[80];
        for (const char *p = v; *p; p++)
            if (iscntrl((unsigned char)*p)) {
                snprintf(err, errlen, "%s=%s: control character in a value", k, mg_escape_text(v, shown, sizeof shown));
                return -1;
            }
    }
    return 0;
}

/* The mac_array PE from the mac unit's keys: the array's own keys in
 * array_kv, the MAC's in mac_kv. */
static int custom_pe(mg_kv_list *kv, mg_mm_spec *s, char *canon, size_t clen, char *err, size_t errlen)
{
    mg_kv_list akv = { .count = 0 }, mkv = { .count = 0 };
    for (size_t i = 0; i < kv->count; i++) {
        mg_kv_list *to = is_mac_key(kv->items[i].key) ? &mkv : &akv;
        to->items[to->count++] = kv->items[i];
    }
    if (mg_kv_get(&akv, "pe", NULL)) {
        snprintf(err, errlen, "mac_array: give pe= or the MAC's formats (w= a= prod= acc= round= fused=), not both");
        return -1;
    }
    mg_unit arr, mac;
    if (mg_unit_resolve(&arr, &mg_unit_mac_array, &akv, false, err, errlen)) return -1;
    if (mg_unit_resolve(&mac, mg_unit_find("mac"), &mkv, true, err, errlen)) return -1;
    s->dot.mac = (mg_mac_spec){ *mg_unit_format(&mac, "w"), *mg_unit_format(&mac, "a"), *mg_unit_format(&mac, "prod"),
                                *mg_unit_format(&mac, "acc"), mg_unit_int(&mac, "fused") != 0 };
    s->rnd = mac.rnd;
    s->tile_rows = (size_t)mg_unit_int(&arr, "rows");
    snprintf(canon, clen, "mac_array rows=%zu (%s)", s->tile_rows, mac.canonical);
    return 0;
}

static int mac_array(mg_kv_list *kv, mg_mm_spec *s, char *canon, size_t clen, char *err, size_t errlen)
{
    s->kind = MG_MM_MAC_ARRAY;
    bool custom = false;
    for (size_t i = 0; i < kv->count; i++) custom |= is_mac_key(kv->items[i].key);
    if (custom) {
        if (custom_pe(kv, s, canon, clen, err, errlen)) return -1;
    } else {
        mg_mac_array_cfg c;
        if (mg_mac_array_configure(&c, kv, err, errlen)) return -1;
        const mg_unit *m = &c.mac;
        s->dot.mac = (mg_mac_spec){ *mg_unit_format(m, "w"), *mg_unit_format(m, "a"), *mg_unit_format(m, "prod"),
                                    *mg_unit_format(m, "acc"), false };
        s->rnd = m->rnd;
        s->tile_rows = (size_t)c.rows;
        snprintf(canon, clen, "mac_array rows=%d pe=%s (%s)", c.rows, c.pe, m->canonical);
    }
    s->dot.acc2 = s->dot.mac.acc;
    s->dot.chunk = 0;
    return 0;
}

static int dot(mg_kv_list *kv, mg_mm_spec *s, char *canon, size_t clen, char *err, size_t errlen)
{
    mg_unit u;
    if (mg_unit_resolve(&u, mg_unit_find("dot"), kv, false, err, errlen)) return -1;
    s->kind = MG_MM_DOT;
    s->dot.mac = (mg_mac_spec){ *mg_unit_format(&u, "w"), *mg_unit_format(&u, "a"), *mg_unit_format(&u, "prod"),
                                *mg_unit_format(&u, "acc"), mg_unit_int(&u, "fused") != 0 };
    s->dot.acc2 = *mg_unit_format(&u, "acc2");
    s->dot.chunk = (size_t)mg_unit_int(&u, "chunk");
    s->rnd = u.rnd;
    mg_unit_eval_params(&u, canon, clen);
    return 0;
}

/* The block converter of the array's inputs: hbfp_quant / mx_quant with
 * the array's n or elem and block and its own exp= / scale= rule (taken out
 * of kv by the caller; NULL: the default floor1 / floor), rne. */
static int converter(bool mx, const mg_hbfp_array_cfg *c, const char *rule, mg_mm_spec *s, char *err, size_t errlen)
{
    char block[16], n[16];
    snprintf(block, sizeof block, "%d", c->block);
    snprintf(n, sizeof n, "%d", c->n);
    mg_kv_list q = { .count = 0 };
    q.items[q.count++] = (mg_kv){ "block", block, false };
    q.items[q.count++] = mx ? (mg_kv){ "elem", mg_mx_elem_get(c->mx.elem)->name, false } : (mg_kv){ "n", n, false };
    if (rule) q.items[q.count++] = (mg_kv){ mx ? "scale" : "exp", rule, false };
    mg_hbfp_quant_cfg qc;
    if (mx ? mg_mx_quant_configure(&qc, &q, err, errlen) : mg_hbfp_quant_configure(&qc, &q, err, errlen)) return -1;
    if (mx) s->mx.quant = qc.mx.spec;
    else s->hbfp.quant = qc.spec;
    return 0;
}

static int block_array(bool mx, mg_kv_list *kv, mg_mm_spec *s, char *canon, size_t clen, char *err, size_t errlen)
{
    /* The converter's rule is matmul's key (the array takes converted blocks). */
    const char *rule_key = mx ? "scale" : "exp", *rule = NULL;
    mg_kv_list akv = { .count = 0 };
    for (size_t i = 0; i < kv->count; i++) {
        if (!strcmp(kv->items[i].key, rule_key)) rule = kv->items[i].value;
        else akv.items[akv.count++] = kv->items[i];
    }
    mg_hbfp_array_cfg c;
    if (mx ? mg_mx_array_configure(&c, &akv, err, errlen) : mg_hbfp_array_configure(&c, &akv, err, errlen)) return -1;
    if (converter(mx, &c, rule, s, err, errlen)) return -1;
    if (mx) {
        s->kind = MG_MM_MX;
        s->mx.acc = c.acc;
        s->mx.fused = false; /* the edge unit rounds the block value, then adds */
    } else {
        s->kind = MG_MM_HBFP;
        s->hbfp.acc = c.acc;
        s->boost = c.boost.width;
    }
    snprintf(canon, clen, "%s", c.canonical);
    if (rule) snprintf(canon + strlen(canon), clen - strlen(canon), " %s=%s", rule_key, rule);
    return 0;
}

/* The pass mode of an Accuracy Booster array (`--mode`): 4 (the default)
 * or its boost width, 6, whose products are HBFP6 bit for bit (docs/spec/
 * hbfp.md section 7).  Spelled in the canonical text of every boost
 * arithmetic; refused for any other arithmetic. */
static int boost_mode(unsigned mode, mg_mm_spec *s, char *canon, size_t clen, char *err, size_t errlen)
{
    if (!s->boost) {
        if (!mode) return 0;
        snprintf(err, errlen, "--mode applies to an Accuracy Booster array only (hbfp_array n=4 boost=6)");
        return -1;
    }
    if (!mode) mode = (unsigned)s->hbfp.quant.n;
    if (mode != (unsigned)s->hbfp.quant.n && mode != (unsigned)s->boost) {
        snprintf(err, errlen, "--mode %u: an Accuracy Booster array runs its passes in mode %d or %d", mode,
                 s->hbfp.quant.n, s->boost);
        return -1;
    }
    s->boost_on = mode == (unsigned)s->boost;
    size_t used = strlen(canon);
    if ((size_t)snprintf(canon + used, clen - used, " --mode %u", mode) >= clen - used) {
        snprintf(err, errlen, "the arithmetic's text is longer than %zu characters", clen - 1);
        return -1;
    }
    return 0;
}

int mg_matmul_configure(const char *name, mg_kv_list *kv, unsigned mode, mg_mm_spec *s, char *canonical,
                        size_t canon_len, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    const mg_unit_def *def = mg_unit_find(name);
    const bool is_dot = def && !strcmp(def->name, "dot");
    bool known = def && (def == &mg_unit_mac_array || is_dot || def == &mg_unit_hbfp_array || def == &mg_unit_mx_array);
    if (!known) {
        char shown[80];
        snprintf(err, errlen, "unknown arithmetic '%s' (matmul takes %s)", mg_escape_text(name, shown, sizeof shown),
                 mg_matmul_unit_names());
        return -1;
    }
    if (check_values(kv, err, errlen)) return -1;
    int rc = def == &mg_unit_mac_array ? mac_array(kv, s, canonical, canon_len, err, errlen)
             : is_dot                   ? dot(kv, s, canonical, canon_len, err, errlen)
                                       : block_array(def == &mg_unit_mx_array, kv, s, canonical, canon_len, err, errlen);
    if (rc || boost_mode(mode, s, canonical, canon_len, err, errlen)) return -1;
    return mg_mm_spec_check(s, err, errlen);
}

void mg_matmul_print_units(FILE *out)
{
    fputs("  mac_array   each output is a column's chain of MAC steps (docs/mac_array.md)\n", out);
    mg_unit_print_help(out, &mg_unit_mac_array, false, "      ");
    fputs("      or, instead of pe=, the MAC's own keys (as 'macgen rtl mac'):\n", out);
    mg_unit_print_params(out, mg_unit_find("mac"), true, "      ");
    fputs("  dot         each output is the chunked dot product (docs/spec/operations.md)\n", out);
    mg_unit_print_help(out, mg_unit_find("dot"), false, "      ");
    fputs("  hbfp_array  HBFP blocks along K, accumulated in acc (docs/hbfp_array.md)\n", out);
    mg_unit_print_help(out, &mg_unit_hbfp_array, false, "      ");
    fputs("      exp=floor1|ceil  the converter's shared-exponent rule (hbfp_quant's; default floor1)\n", out);
    fputs("      with boost=6 (the Accuracy Booster array), --mode 4|6 picks the pass mode\n"
          "      (default 4); mode 6 is HBFP6 bit for bit\n", out);
    fputs("  mx_array    MX blocks along K, accumulated in acc (docs/spec/mx.md)\n", out);
    mg_unit_print_help(out, &mg_unit_mx_array, false, "      ");
    fputs("      scale=floor|ceil  the converter's scale rule (mx_quant's; default floor)\n", out);
}
