/* eval for the float operations: mul, add, fma, mac, quant. */
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "hexfield.h"
#include "model.h"

typedef enum { OP_MUL, OP_ADD, OP_FMA, OP_MAC, OP_QUANT } float_op;

typedef struct {
    float_op op;
    int n_in;
    mg_format in[3];  /* operand formats, in line order */
    mg_format out;    /* result format */
    mg_mac_spec mac;  /* OP_MAC only */
    mg_rounding rnd;
} float_eval;

static int get_format(mg_kv_list *kv, const char *key, const char *def, mg_format *f, char *err,
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

/* round=, rbits=, ovf= */
static int get_rounding(mg_kv_list *kv, const char *def_mode, mg_rounding *r, char *err, size_t errlen)
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

static uint64_t compute(const float_eval *ev, const uint64_t *x, const mg_rounding *rnd, unsigned *flags)
{
    mg_bits a = { x[0] }, b = { x[1] }, c = { x[2] };
    unsigned events = 0;
    switch (ev->op) {
    case OP_MUL: return mg_mul(&ev->in[0], a, &ev->in[1], b, &ev->out, rnd, flags).bits;
    case OP_ADD: return mg_add(&ev->in[0], a, &ev->in[1], b, &ev->out, rnd, flags).bits;
    case OP_FMA: return mg_fma(&ev->in[0], a, &ev->in[1], b, &ev->in[2], c, &ev->out, rnd, flags).bits;
    case OP_MAC: return mg_mac(&ev->mac, a, b, c, rnd, flags, &events).bits;
    case OP_QUANT: return mg_quant(&ev->in[0], a, &ev->out, rnd, flags).bits;
    }
    return 0;
}

static int answer_lines(const float_eval *ev, FILE *in, FILE *out, char *err, size_t errlen)
{
    char *line = NULL, *tokens[5];
    size_t cap = 0, lineno = 0;
    bool sr = ev->rnd.mode == MG_SR;
    size_t want = (size_t)ev->n_in + (sr ? 1 : 0);
    int rc = 0;
    while (mg_read_line(in, &line, &cap)) {
        lineno++;
        size_t n = mg_split_fields(line, tokens, want);
        if (n == 0) continue; /* blank line */
        char why[160];
        if (n != want) {
            snprintf(err, errlen, "line %zu: expected %zu hex fields, got %s%zu", lineno, want,
                     n > want ? "more than " : "", n > want ? want : n);
            rc = -1;
            break;
        }
        uint64_t x[4] = { 0, 0, 0, 0 };
        for (int i = 0; i < ev->n_in && rc == 0; i++)
            rc = mg_hex_parse(tokens[i], mg_format_width(&ev->in[i]), &x[i], why, sizeof why);
        if (rc == 0 && sr) rc = mg_hex_parse(tokens[ev->n_in], ev->rnd.rbits, &x[3], why, sizeof why);
        if (rc != 0) {
            snprintf(err, errlen, "line %zu: %s", lineno, why);
            break;
        }
        mg_rounding rnd = ev->rnd;
        rnd.random = x[3];
        unsigned flags = 0;
        uint64_t r = compute(ev, x, &rnd, &flags);
        for (int i = 0; i < ev->n_in; i++) {
            mg_hex_print(out, x[i], mg_format_width(&ev->in[i]));
            fputc(' ', out);
        }
        if (sr) {
            mg_hex_print(out, x[3], ev->rnd.rbits);
            fputc(' ', out);
        }
        mg_hex_print(out, r, mg_format_width(&ev->out));
        fprintf(out, " %02x\n", flags);
    }
    free(line);
    return rc;
}

static int finish(mg_kv_list *kv, const float_eval *ev, const char *known, FILE *in, FILE *out,
                  char *err, size_t errlen)
{
    if (mg_kv_check_all_used(kv, known, err, errlen) != 0) return -1;
    return answer_lines(ev, in, out, err, errlen);
}

/* mul and add share their parameters: a, b, out (defaults: b = a, out = a). */
static int binary_op(float_op op, mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    float_eval ev = { .op = op, .n_in = 2 };
    const char *a = mg_kv_get(kv, "a", "fp32");
    if (get_format(kv, "a", a, &ev.in[0], err, errlen) || get_format(kv, "b", a, &ev.in[1], err, errlen) ||
        get_format(kv, "out", a, &ev.out, err, errlen) || get_rounding(kv, "rne", &ev.rnd, err, errlen))
        return -1;
    return finish(kv, &ev, "a, b, out, round, rbits, ovf", in, out, err, errlen);
}

int mg_eval_mul(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    return binary_op(OP_MUL, kv, in, out, err, errlen);
}

int mg_eval_add(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    return binary_op(OP_ADD, kv, in, out, err, errlen);
}

int mg_eval_fma(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    float_eval ev = { .op = OP_FMA, .n_in = 3 };
    const char *a = mg_kv_get(kv, "a", "fp32");
    if (get_format(kv, "a", a, &ev.in[0], err, errlen) || get_format(kv, "b", a, &ev.in[1], err, errlen) ||
        get_format(kv, "c", a, &ev.in[2], err, errlen) || get_format(kv, "out", a, &ev.out, err, errlen) ||
        get_rounding(kv, "rne", &ev.rnd, err, errlen))
        return -1;
    return finish(kv, &ev, "a, b, c, out, round, rbits, ovf", in, out, err, errlen);
}

int mg_eval_mac(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    float_eval ev = { .op = OP_MAC, .n_in = 3 };
    const char *acc = mg_kv_get(kv, "acc", "lba12");
    long fused;
    if (get_format(kv, "w", "lba8", &ev.mac.w, err, errlen) || get_format(kv, "a", "lba8", &ev.mac.a, err, errlen) ||
        get_format(kv, "acc", acc, &ev.mac.acc, err, errlen) ||
        get_format(kv, "prod", acc, &ev.mac.prod, err, errlen) ||
        get_rounding(kv, "rtz", &ev.rnd, err, errlen) ||
        mg_kv_get_int(kv, "fused", 0, 0, 1, &fused, err, errlen))
        return -1;
    ev.mac.fused = fused != 0;
    ev.in[0] = ev.mac.w;
    ev.in[1] = ev.mac.a;
    ev.in[2] = ev.out = ev.mac.acc;
    return finish(kv, &ev, "w, a, acc, prod, round, rbits, ovf, fused", in, out, err, errlen);
}

int mg_eval_quant(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    float_eval ev = { .op = OP_QUANT, .n_in = 1 };
    if (get_format(kv, "in", "fp64", &ev.in[0], err, errlen) ||
        get_format(kv, "out", "fp32", &ev.out, err, errlen) || get_rounding(kv, "rne", &ev.rnd, err, errlen))
        return -1;
    return finish(kv, &ev, "in, out, round, rbits, ovf", in, out, err, errlen);
}
