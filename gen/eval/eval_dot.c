/* eval dot: the chunked dot product of arith.md section 3, one vector pair a line.
 *   line:   W_0..W_{K-1} A_0..A_{K-1} [r_0 .. r_{K+ceil(K/C)-1} with round=sr]
 *   answer: the operands, R (acc2), FL, then the LBA event counts over the
 *           whole dot product: overflow, underflow, swamping (4 hex digits each). */
#include <stdlib.h>

#include "eval.h"
#include "eval_lines.h"
#include "eval_params.h"

enum { COUNT_BITS = 16, K_MAX = 4096 };

typedef struct {
    mg_dot_spec spec;
    mg_rounding rnd;
    size_t k;
    mg_bits *w, *a; /* scratch for one line */
} dot_eval;

static int compute(const void *ctx, const uint64_t *ops, uint64_t *res, char *why, size_t len)
{
    const dot_eval *ev = ctx;
    (void)why;
    (void)len;
    for (size_t i = 0; i < ev->k; i++) {
        ev->w[i].bits = ops[i];
        ev->a[i].bits = ops[ev->k + i];
    }
    unsigned flags = 0;
    mg_event_counts counts = { 0, 0, 0 };
    const uint64_t *random = ev->rnd.mode == MG_SR ? ops + 2 * ev->k : NULL;
    res[0] = mg_dot(&ev->spec, ev->w, ev->a, ev->k, &ev->rnd, random, &flags, &counts).bits;
    res[1] = flags;
    res[2] = counts.overflow;
    res[3] = counts.underflow;
    res[4] = counts.swamping;
    return 0;
}

int mg_eval_dot(mg_kv_list *kv, FILE *in, FILE *out, char *err, size_t errlen)
{
    dot_eval ev = { 0 };
    long k, chunk, fused;
    if (!mg_kv_get(kv, "k", NULL)) {
        snprintf(err, errlen, "needs k=K (the vector length, 1..%d)", K_MAX);
        return -1;
    }
    const char *acc = mg_kv_get(kv, "acc", "lba12");
    if (mg_kv_get_int(kv, "k", 0, 1, K_MAX, &k, err, errlen) ||
        mg_kv_get_int(kv, "chunk", 16, 1, K_MAX, &chunk, err, errlen) ||
        mg_kv_get_int(kv, "fused", 0, 0, 1, &fused, err, errlen) ||
        mg_eval_get_format(kv, "w", "lba8", &ev.spec.mac.w, err, errlen) ||
        mg_eval_get_format(kv, "a", "lba8", &ev.spec.mac.a, err, errlen) ||
        mg_eval_get_format(kv, "acc", acc, &ev.spec.mac.acc, err, errlen) ||
        mg_eval_get_format(kv, "prod", acc, &ev.spec.mac.prod, err, errlen) ||
        mg_eval_get_format(kv, "acc2", acc, &ev.spec.acc2, err, errlen) ||
        mg_eval_get_rounding(kv, "rtz", &ev.rnd, err, errlen) ||
        mg_kv_check_all_used(kv, "k, chunk, w, a, acc, prod, acc2, round, rbits, ovf, fused", err, errlen))
        return -1;
    ev.k = (size_t)k;
    ev.spec.chunk = (size_t)chunk;
    ev.spec.mac.fused = fused != 0;

    size_t n_random = ev.rnd.mode == MG_SR ? mg_dot_random_words(&ev.spec, ev.k) : 0;
    mg_eval_layout layout;
    if (mg_eval_layout_init(&layout, 2 * ev.k + n_random, 5, err, errlen) != 0) return -1;
    mg_eval_fill(layout.op_bits, 0, ev.k, mg_format_width(&ev.spec.mac.w));
    mg_eval_fill(layout.op_bits, ev.k, ev.k, mg_format_width(&ev.spec.mac.a));
    mg_eval_fill(layout.op_bits, 2 * ev.k, n_random, ev.rnd.rbits);
    layout.res_bits[0] = mg_format_width(&ev.spec.acc2);
    layout.res_bits[1] = MG_EVAL_FLAG_BITS;
    mg_eval_fill(layout.res_bits, 2, 3, COUNT_BITS);
    ev.w = malloc(ev.k * sizeof *ev.w);
    ev.a = malloc(ev.k * sizeof *ev.a);
    int rc;
    if (!ev.w || !ev.a) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    } else {
        rc = mg_eval_answer_lines(&layout, compute, &ev, in, out, err, errlen);
    }
    free(ev.w);
    free(ev.a);
    mg_eval_layout_free(&layout);
    return rc;
}
