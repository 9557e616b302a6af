/* The protocol runs' options and timeline (see verify_protocol.h). */
#include "verify_protocol.h"

#include <string.h>

#include "cli.h"
#include "verify_bits.h"

static const char *const names[MG_MISUSE_KINDS] = {
    "none", "early-load", "early-stream", "late-exponent", "partial-load", "mode-only", "six-bit-slots",
};
static const char *const whats[MG_MISUSE_KINDS] = {
    "no misuse",
    "a load that starts the cycle before the drain cycle (the last wavefront's valid_o[C-1])",
    "a first wavefront in the last cycle of its load",
    "a load_e_i cycle after the stream has started",
    "a weight load of Rows - 1 load_w_i cycles",
    "a mode change with an exponent load but no weight load",
    "valid_i in a 6-bit row's high-digit slot as well as in its result slot",
};

const char *mg_misuse_name(mg_misuse m) { return names[m]; }
const char *mg_misuse_what(mg_misuse m) { return whats[m]; }

int mg_protocol_option(mg_protocol_opts *p, int argc, char **argv, int *i)
{
    const char *a = argv[*i], *next = *i + 1 < argc ? argv[*i + 1] : NULL;
    if (!strcmp(a, "--protocol")) {
        p->on = true;
        return 1;
    }
    if (!strcmp(a, "--trace")) {
        unsigned long long v;
        if (mg_parse_option_u64("verify", a, next, 1, 100000, 0, &v)) return -1;
        p->trace = (unsigned long)v;
        p->on = true;
        (*i)++;
        return 1;
    }
    if (strcmp(a, "--misuse")) return 0;
    for (int m = 1; next && m < MG_MISUSE_KINDS; m++) {
        if (strcmp(next, names[m])) continue;
        p->misuse = (mg_misuse)m;
        p->on = true;
        (*i)++;
        return 1;
    }
    char shown[64];
    mg_error("verify", "--misuse %s: expected one of early-load, early-stream, late-exponent, partial-load, "
             "mode-only, six-bit-slots", next && *next ? mg_escape_text(next, shown, sizeof shown) : "(missing)");
    return -1;
}

void mg_protocol_help(FILE *out)
{
    fputs("--protocol drives the earliest schedule the protocol allows and every freedom it\n"
          "gives (docs/hbfp_array.md, docs/mac_array.md: \"Rules\"): loads in the drain cycle,\n"
          "scattered load_e_i, rows in random order with gaps, random start values,\n"
          "random bits outside every slot, a one-cycle reset mid-drain; the array's\n"
          "MG_CHECK_PROTOCOL checks must stay silent.  --misuse KIND (early-load,\n"
          "early-stream, late-exponent, partial-load; boost arrays: mode-only,\n"
          "six-bit-slots) breaks one rule once: exit 0 when the checks report it, 1 when\n"
          "they do not.  --trace N prints the first N cycles' control signals.\n", out);
}

int mg_misuse_applies(mg_misuse m, bool exponents, bool boost, char *err, size_t errlen)
{
    bool ok = m != MG_MISUSE_LATE_EXPONENT || exponents;
    if (m == MG_MISUSE_MODE_ONLY || m == MG_MISUSE_SIX_BIT_SLOTS) ok = boost;
    if (!ok)
        snprintf(err, errlen, "--misuse %s needs %s", names[m],
                 m == MG_MISUSE_LATE_EXPONENT ? "an array with block exponents (hbfp_array, mx_array)"
                                              : "an Accuracy Booster array (hbfp_array n=4 boost=6)");
    return ok ? 0 : -1;
}

void mg_timeline_init(mg_timeline *t, mg_array_script *sc, const mg_array_layout *l, uint64_t seed, mg_misuse m)
{
    memset(t, 0, sizeof *t);
    t->sc = sc;
    t->l = l;
    t->rng = seed ^ 0x70726f746f636f6cull; /* its own sequence: the data draws stay those of --seed */
    t->free_at = (long)sc->steps;
    t->last_v = -1;
    t->misuse = m;
}

uint64_t mg_tl_rand(mg_timeline *t) { return mg_verify_rand(&t->rng); }

/* Appends steps up to `step`: random inputs, rst_ni high, no load, no
 * wavefront.  False when out of memory. */
static bool ensure(mg_timeline *t, long step)
{
    const mg_array_layout *l = t->l;
    while (!t->oom && (long)t->sc->steps <= step) {
        uint32_t *in = mg_array_script_step(t->sc);
        if (!in) {
            t->oom = true;
            break;
        }
        for (long w = 0; w < l->in_words; w++) in[w] = t->zero_fill ? 0 : (uint32_t)mg_tl_rand(t);
        mg_set_bits(in, l->rst, 1, 1);
        mg_set_bits(in, l->load_w, 1, 0);
        if (l->load_e >= 0) mg_set_bits(in, l->load_e, 1, 0);
        mg_set_bits(in, l->valid, 1, 0);
    }
    return !t->oom;
}

void mg_tl_put(mg_timeline *t, long step, long pos, int width, uint64_t v)
{
    if (pos < 0 || step < 0 || !ensure(t, step)) return;
    mg_set_bits(t->sc->in + (size_t)step * (size_t)t->sc->in_words, pos, width, v);
}

mg_array_expect *mg_tl_expect(mg_timeline *t, long step, int col)
{
    if (!ensure(t, step)) return NULL;
    return t->sc->exp + (size_t)step * (size_t)t->sc->cols + (size_t)col;
}

void mg_tl_reset(mg_timeline *t, long step)
{
    mg_tl_put(t, step, t->l->rst, 1, 0);
    for (size_t s = (size_t)step; !t->oom && s < t->sc->steps; s++)
        for (int c = 0; c < t->sc->cols; c++) t->sc->exp[s * (size_t)t->sc->cols + (size_t)c].valid = 0;
    t->free_at = step + 1;
    t->last_v = -1;
    t->mode = 0;
}

void mg_tl_pick(mg_timeline *t, long span, long n, long *out)
{
    /* Selection sampling: each offset taken with probability (needed / left). */
    long got = 0;
    for (long k = 0; k < span && got < n; k++)
        if ((long)(mg_tl_rand(t) % (uint64_t)(span - k)) < n - got) out[got++] = k;
}

bool mg_tl_misuse(mg_timeline *t, mg_misuse m)
{
    if (t->misuse != m || t->misused) return false;
    t->misused = true;
    return true;
}

uint64_t mg_tl_start_value(uint64_t *s, int w, int e)
{
    const uint64_t r = mg_verify_rand(s), sign = (r >> 63) << (w - 1);
    const int m = w - 1 - e;
    const uint64_t frac = (r >> 8) & mg_verify_mask(m), top = mg_verify_mask(e) << m;
    const uint64_t bias = mg_verify_mask(e - 1);
    switch (r % 8) {
    case 0: return 0;                                         /* +0, the usual start */
    case 1: return sign | ((uint64_t)1 << (w - 1));           /* -0 */
    case 2: return sign | top;                                /* +-Inf (a fin format: its largest binade) */
    case 3: return sign | top | (frac ? frac : 1);            /* NaN with a payload */
    case 4: return sign | (frac ? frac : 1);                  /* subnormal */
    default: return sign | (((bias - 8 + (r >> 40) % 16) & mg_verify_mask(e)) << m) | frac; /* a bias */
    }
}
