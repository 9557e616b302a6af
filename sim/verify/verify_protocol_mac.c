/* The protocol run of the float MAC array (mac_array): each pass's load and
 * stream on the timeline of verify_protocol.h, at the earliest cycles
 * docs/mac_array.md ("Rules") allows, every slot on the schedule of
 * gen/units/unit_mac_array.c.  Zero-padded rows of the last pass are real
 * MAC steps: their weights and activations are driven +0 (rule 8). */
#include <stdlib.h>

#include "unit_mac_array.h"
#include "verify_protocol.h"

/* Pass p's load from t->free_at: Rows load_w_i cycles, consecutive or
 * spread over Rows + 1..3 cycles.  Returns its last cycle. */
static long load(mg_timeline *t, const mg_mac_protocol_mm *m, size_t p)
{
    const long R = m->rows;
    long s0 = t->free_at;
    if (t->last_v >= 0 && mg_tl_misuse(t, MG_MISUSE_EARLY_LOAD)) s0--;
    const long span = mg_tl_rand(t) % 2 ? R + 1 + (long)(mg_tl_rand(t) % 3) : R;
    const long nw = mg_tl_misuse(t, MG_MISUSE_PARTIAL_LOAD) ? R - 1 : R;
    long cyc[MG_MAC_ARRAY_MAX_DIM + 3];
    mg_tl_pick(t, span, nw, cyc);
    for (long i = 0; i < nw; i++) {
        const size_t k = p * (size_t)R + (size_t)(R - 1 - i);
        mg_tl_put(t, s0 + cyc[i], t->l->load_w, 1, 1);
        for (int col = 0; col < m->cols; col++)
            mg_tl_put(t, s0 + cyc[i], t->l->w + (long)col * m->ww, m->ww, m->w[k * (size_t)m->cols + (size_t)col]);
    }
    return s0 + (nw ? cyc[nw - 1] : 0);
}

/* Row r of X in pass p, its wavefront started in cycle tv. */
static void wavefront(mg_timeline *t, const mg_mac_protocol_mm *m, size_t p, int mm, size_t r, long tv)
{
    const mg_array_layout *l = t->l;
    const size_t C = (size_t)m->cols;
    mg_tl_put(t, tv, l->valid, 1, 1);
    for (long k = 0; k < m->rows; k++)
        mg_tl_put(t, tv + k * m->pe_lat, l->a + k * m->aw, m->aw, m->x[r * m->kpad + p * (size_t)m->rows + (size_t)k]);
    for (size_t col = 0; col < C; col++) {
        const size_t i = r * C + col, at = (p * m->mx + r) * C + col;
        mg_tl_put(t, tv + (long)col, l->acc + (long)col * m->cw, m->cw, p ? m->out[at - m->mx * C] : m->acc0[i]);
        mg_array_expect *ex = mg_tl_expect(t, tv + m->lat + (long)col, (int)col);
        if (ex) *ex = (mg_array_expect){ 1, m->out[at], m->flags[at], m->events[at], mm, (int)p, (int)r };
    }
}

/* Pass p's stream from cycle u: the rows of X in a random order, an idle
 * cycle or two before some. */
static void stream(mg_timeline *t, const mg_mac_protocol_mm *m, size_t p, int mm, long u)
{
    size_t *order = malloc((m->mx ? m->mx : 1) * sizeof *order);
    if (!order) {
        t->oom = true;
        return;
    }
    for (size_t i = 0; i < m->mx; i++) order[i] = i;
    for (size_t i = m->mx; i-- > 1;) {
        size_t k = (size_t)(mg_tl_rand(t) % (i + 1)), v = order[i];
        order[i] = order[k];
        order[k] = v;
    }
    for (size_t i = 0; i < m->mx; i++) {
        wavefront(t, m, p, mm, order[i], u);
        t->last_v = u;
        u += 1 + (mg_tl_rand(t) % 4 == 0 ? 1 + (long)(mg_tl_rand(t) % 2) : 0);
    }
    t->free_at = t->last_v + m->lat + m->cols - 1; /* the drain cycle: valid_o[C-1] */
    free(order);
}

int mg_protocol_mac_matmul(mg_timeline *t, const mg_mac_protocol_mm *m, int mm, bool reset_first)
{
    if (reset_first && t->last_v >= 0) mg_tl_reset(t, t->last_v + m->lat);
    for (size_t p = 0; p < m->passes && !t->oom; p++) {
        long end = load(t, m, p);
        if (mg_tl_misuse(t, MG_MISUSE_EARLY_STREAM)) end--;
        stream(t, m, p, mm, end + 1);
    }
    return t->oom ? -1 : 0;
}
