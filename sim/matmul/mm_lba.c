/* The float MAC kinds of matmul: a mac_array column (a chain of MAC steps
 * over K, zero-padded to whole passes of the array's rows) and the chunked
 * dot product (mg_dot).  Operands are encoded once (rne, saturating); each
 * output then runs on the tabulated fixed-point path of sim/accuracy when it
 * applies and no flags are asked for, else on the model's own steps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acc_input.h"
#include "mm_internal.h"

static bool narrow(const mg_mac_spec *m) { return mg_format_width(&m->w) <= 16 && mg_format_width(&m->a) <= 16; }

/* The spec the tabulated path runs: a MAC array column is one chunk of K
 * steps (its result format is acc; acc2 is only checked by the plan). */
static mg_dot_spec plan_spec(const mg_mm_spec *s)
{
    mg_dot_spec d = s->dot;
    if (s->kind == MG_MM_MAC_ARRAY) {
        d.chunk = 0;
        d.acc2 = d.mac.acc;
    }
    return d;
}

/* Encodes v (rows x k, row-major) into o16 or o64; transposed when t
 * (column j of v then starts at [j * rows]). */
static void encode(const mg_format *f, const double *v, size_t rows, size_t k, bool t, uint16_t *o16, mg_bits *o64)
{
    for (size_t r = 0; r < rows; r++)
        for (size_t j = 0; j < k; j++) {
            size_t at = t ? j * rows + r : r * k + j;
            mg_bits b = mg_acc_quantize(f, v[r * k + j]);
            if (o16) o16[at] = (uint16_t)b.bits;
            else o64[at] = b;
        }
}

/* The operands as host floats for mm_fp32.c: their encodings' values
 * (exact: the formats lie within binary32). */
static int host_floats(mm_operands *op, char *err, size_t errlen)
{
    const mg_mac_spec *m = &op->spec->dot.mac;
    const size_t nx = op->R * op->K, nw = op->K * op->C;
    op->xf32 = malloc((nx + 1) * sizeof *op->xf32);
    op->wf32 = malloc((nw + 1) * sizeof *op->wf32);
    if (!op->xf32 || !op->wf32) {
        snprintf(err, errlen, "out of memory for the operands (%zu + %zu values)", nx, nw);
        return -1;
    }
    for (size_t i = 0; i < nx; i++) op->xf32[i] = (float)mg_acc_value(&m->a, op->x16 ? (mg_bits){ op->x16[i] } : op->x64[i]);
    for (size_t i = 0; i < nw; i++) op->wf32[i] = (float)mg_acc_value(&m->w, op->w16 ? (mg_bits){ op->w16[i] } : op->w64[i]);
    return 0;
}

int mm_lba_prepare(mm_operands *op, const double *x, const double *w, char *err, size_t errlen)
{
    const mg_mm_spec *s = op->spec;
    const mg_mac_spec *m = &s->dot.mac;
    const size_t nx = op->R * op->K, nw = op->K * op->C;
    const size_t tile = s->kind == MG_MM_MAC_ARRAY && s->tile_rows ? s->tile_rows : 1;
    op->kpad = (op->K + tile - 1) / tile * tile;
    if (narrow(m)) {
        op->x16 = malloc((nx ? nx : 1) * sizeof *op->x16);
        op->w16 = malloc((nw ? nw : 1) * sizeof *op->w16);
    } else {
        op->x64 = malloc((nx ? nx : 1) * sizeof *op->x64);
        op->w64 = malloc((nw ? nw : 1) * sizeof *op->w64);
    }
    if ((!op->x16 || !op->w16) && (!op->x64 || !op->w64)) {
        snprintf(err, errlen, "out of memory for the operands (%zu + %zu values)", nx, nw);
        return -1;
    }
    encode(&m->a, x, op->R, op->K, false, op->x16, op->x64);
    /* W is K x C: its transpose puts column c at [c * K]. */
    encode(&m->w, w, op->K, op->C, true, op->w16, op->w64);
    /* The tabulated path: products of w and a in one table (16 bits of
     * codes together, as acc_dot_plan.c requires). */
    if (!op->stats && mg_format_width(&m->w) + mg_format_width(&m->a) <= 16) {
        char why[256];
        mg_dot_spec d = plan_spec(s);
        op->fast = mg_acc_dot_plan_new(&d, &s->rnd, op->K, why, sizeof why);
        /* No fast path (a bound, Inf): every output runs on the model's steps. */
        if (op->fast && !mg_acc_dot_plan_is_fast(op->fast)) {
            mg_acc_dot_plan_free(op->fast);
            op->fast = NULL;
        }
    }
    if (!op->stats && !op->fast && mm_fp32_applies(s) && host_floats(op, err, errlen)) return -1;
    if (s->kind == MG_MM_MAC_ARRAY && !op->fast && !op->xf32) op->steps = mg_mac_plan_new(m, &s->rnd);
    return 0;
}

/* Scratch of one thread: an output's operands as model encodings. */
typedef struct {
    mg_bits *w, *a;
} lba_scratch;

void *mm_lba_scratch_new(const mm_operands *op)
{
    lba_scratch *sc = calloc(1, sizeof *sc);
    size_t n = op->kpad ? op->kpad : 1;
    if (sc) {
        sc->w = calloc(n, sizeof *sc->w);
        sc->a = calloc(n, sizeof *sc->a);
    }
    if (!sc || !sc->w || !sc->a) {
        mm_lba_scratch_free(sc);
        return NULL;
    }
    return sc;
}

void mm_lba_scratch_free(void *scratch)
{
    lba_scratch *sc = scratch;
    if (!sc) return;
    free(sc->w);
    free(sc->a);
    free(sc);
}

/* The model's step, through the product table when there is one. */
static mg_bits step(const mm_operands *op, mg_bits w, mg_bits a, mg_bits acc, unsigned *flags, unsigned *events)
{
    if (op->steps) return mg_mac_plan_step(op->steps, w, a, acc, flags, events);
    return mg_mac(&op->spec->dot.mac, w, a, acc, &op->spec->rnd, flags, events);
}

static void count_events(mg_event_counts *c, unsigned ev)
{
    c->overflow += (ev & MG_EVENT_OVERFLOW) != 0;
    c->underflow += (ev & MG_EVENT_UNDERFLOW) != 0;
    c->swamping += (ev & MG_EVENT_SWAMP) != 0;
}

/* One output on the model's steps: the column chain over the padded K, or
 * mg_dot.  The padding of sc->w / sc->a past K stays +0. */
static mg_bits model_output(const mm_operands *op, lba_scratch *sc, size_t r, size_t c, mm_counts *cnt)
{
    const size_t K = op->K;
    for (size_t j = 0; j < K; j++) {
        sc->a[j] = op->x16 ? (mg_bits){ op->x16[r * K + j] } : op->x64[r * K + j];
        sc->w[j] = op->w16 ? (mg_bits){ op->w16[c * K + j] } : op->w64[c * K + j];
    }
    unsigned flags = 0;
    mg_bits y;
    if (op->spec->kind == MG_MM_DOT) {
        y = mg_dot(&op->spec->dot, sc->w, sc->a, K, &op->spec->rnd, NULL, &flags, &cnt->events);
    } else {
        y = mg_zero(&op->spec->dot.mac.acc, false);
        for (size_t j = 0; j < op->kpad; j++) {
            unsigned ev = 0;
            y = step(op, sc->w[j], sc->a[j], y, &flags, &ev);
            count_events(&cnt->events, ev);
        }
    }
    mm_count_flags(cnt, flags);
    return y;
}

/* One output on the tabulated path; false when it does not apply. */
static bool fast_output(const mm_operands *op, size_t r, size_t c, mg_bits *y)
{
    const bool chain = op->spec->kind == MG_MM_MAC_ARRAY;
    if (mg_acc_dot_result(op->fast, op->w16 + c * op->K, op->x16 + r * op->K, chain, y)) return false;
    /* The array's padded steps add +0: a -0 column sum leaves as +0. */
    const mg_format *f = &op->spec->dot.mac.acc;
    if (chain && op->kpad != op->K && mg_is_zero(f, *y)) *y = mg_zero(f, false);
    return true;
}

void mm_lba_tile(const mm_operands *op, void *scratch, size_t r0, size_t r1, size_t c0, size_t c1, mg_bits *y,
                 mm_counts *cnt)
{
    for (size_t r = r0; r < r1; r++)
        for (size_t c = c0; c < c1; c++) {
            mg_bits *out = &y[r * op->C + c];
            if (op->fast && fast_output(op, r, c, out)) continue;
            *out = op->xf32 ? mm_fp32_output(op, r, c) : model_output(op, scratch, r, c, cnt);
        }
}
