/* The protocol run of the block arrays (hbfp_array, its Accuracy Booster
 * form, mx_array): each pass's load and stream on the timeline of
 * verify_protocol.h, at the earliest cycles docs/hbfp_array.md ("Rules")
 * allows, every slot on the schedule of gen/units/unit_hbfp.c. */
#include <stdlib.h>

#include "verify_hbfp.h"
#include "verify_protocol.h"

int mg_block_matmul_draw_start(mg_block_matmul *m, const mg_format *acc, uint64_t *s)
{
    const size_t n = m->rows_x * m->cols_w;
    m->start = calloc(n ? n : 1, sizeof *m->start);
    if (!m->start) return -1;
    for (size_t i = 0; i < n; i++) m->start[i].bits = mg_tl_start_value(s, mg_format_width(acc), acc->exp_bits);
    return 0;
}

/* The load of pass p from t->free_at: load_w_i in Rows cycles, load_e_i in
 * G cycles, either among Rows consecutive cycles (load_e_i in G random ones
 * of them) or spread over a window of Rows + 1..3 cycles, each chain in
 * its own random cycles.  Disabled groups (past K) load random bits.
 * Returns the load's last cycle; *late: group 0's exponent load is left to
 * the stream (misuse late-exponent). */
static long load(mg_timeline *t, const mg_hbfp_array_cfg *c, const mg_block_matmul *m, const mg_block_placement *pl,
                 size_t p, bool *late)
{
    const mg_array_layout *l = t->l;
    const int R = c->rows, G = c->groups, b = c->block;
    long s0 = t->free_at;
    const bool early = t->last_v >= 0 && mg_tl_misuse(t, MG_MISUSE_EARLY_LOAD);
    s0 -= early;
    const long span = mg_tl_rand(t) % 2 ? R + 1 + (long)(mg_tl_rand(t) % 3) : R;
    long nw = R;
    if (mg_tl_misuse(t, MG_MISUSE_PARTIAL_LOAD)) nw = R - 1;
    if (c->boost.width && m->boost != t->mode && mg_tl_misuse(t, MG_MISUSE_MODE_ONLY)) nw = 0;
    long wcyc[MG_HBFP_ARRAY_MAX_DIM + 3], ecyc[MG_HBFP_ARRAY_MAX_DIM + 3];
    mg_tl_pick(t, span, nw, wcyc);
    mg_tl_pick(t, span, G, ecyc);
    if (early || mg_tl_rand(t) % 2) ecyc[0] = 0; /* an exponent load in the drain cycle itself */
    long end = s0 + (nw ? wcyc[nw - 1] : 0);
    if (s0 + ecyc[G - 1] > end) end = s0 + ecyc[G - 1];
    for (long i = 0; i < nw; i++) {
        const long at = s0 + wcyc[i];
        const int k = R - 1 - (int)i, g = k / b, j = k % b;
        const size_t blk = p * (size_t)G + (size_t)g;
        mg_tl_put(t, at, l->load_w, 1, 1);
        for (int pc = 0; pc < c->cols; pc++) {
            const int col = pl->pairs ? pc / 2 : pc;
            int32_t q = (int32_t)mg_tl_rand(t);
            if (blk < m->nblocks) {
                q = m->w[col].q[blk * (size_t)b + (size_t)j];
                if (pl->pairs) q = mg_hbfp_boost_digit(q, pc % 2);
            }
            mg_tl_put(t, at, l->w + (long)pc * pl->wbits, pl->wbits, (uint64_t)(uint32_t)q);
        }
    }
    *late = mg_tl_misuse(t, MG_MISUSE_LATE_EXPONENT);
    for (long i = 0; i < G - (*late ? 1 : 0); i++) {
        const long at = s0 + ecyc[i];
        const size_t blk = p * (size_t)G + (size_t)(G - 1 - i);
        mg_tl_put(t, at, l->load_e, 1, 1);
        mg_tl_put(t, at, l->boost, 1, (uint64_t)m->boost);
        for (int pc = 0; pc < c->cols; pc++) {
            const int col = pl->pairs ? pc / 2 : pc;
            const int e = blk < m->nblocks ? m->w[col].exp[blk] : (int)mg_tl_rand(t);
            mg_tl_put(t, at, l->eb + (long)pc * 8, 8, (uint64_t)(uint8_t)e);
        }
    }
    return end;
}

/* Group 0's exponent load in cycle at (misuse late-exponent). */
static void late_exponent(mg_timeline *t, const mg_hbfp_array_cfg *c, const mg_block_matmul *m,
                          const mg_block_placement *pl, size_t p, long at)
{
    const size_t blk = p * (size_t)c->groups;
    mg_tl_put(t, at, t->l->load_e, 1, 1);
    mg_tl_put(t, at, t->l->boost, 1, (uint64_t)m->boost);
    for (int pc = 0; pc < c->cols; pc++) {
        const int e = blk < m->nblocks ? m->w[pl->pairs ? pc / 2 : pc].exp[blk] : 0;
        mg_tl_put(t, at, t->l->eb + (long)pc * 8, 8, (uint64_t)(uint8_t)e);
    }
}

/* What one wavefront carries: row r of X in pass p, and either the pass's
 * running sums (probe false: every group that holds a block of K enabled)
 * or, for a probe, a random acc_i, the groups `on` enabled (bit g: en_i[g]
 * = 1; the rest disabled, their inputs random; groups from 32 on always
 * disabled), and as expected acc_o the model's steps over them only. */
typedef struct {
    size_t p;
    long r;
    uint32_t on;
    bool probe;
} wave;

/* The wavefront w whose result slot is tv. */
static void wavefront(mg_timeline *t, const mg_protocol_block_ctx *k, const mg_block_matmul *m,
                      const mg_block_placement *pl, int mm, const wave *w, long tv)
{
    const mg_hbfp_array_cfg *c = k->c;
    const mg_array_layout *l = t->l;
    const int b = c->block, G = c->groups, step = mg_hbfp_array_group_step(c);
    const long aw = mg_format_width(&c->acc), lat = mg_hbfp_array_latency(c);
    const long acc_off = mg_hbfp_array_acc_offset(c), ea_off = mg_hbfp_array_ea_offset(c);
    mg_tl_put(t, tv, l->valid, 1, 1);
    for (int g = 0; g < G; g++) {
        const size_t blk = w->p * (size_t)G + (size_t)g;
        const int on = blk < m->nblocks && (!w->probe || (g < 32 && (w->on >> g & 1)));
        for (int d = 0; on && d < pl->slots; d++) {
            for (int j = 0; j < b; j++) {
                int32_t q = m->x[w->r].q[blk * (size_t)b + (size_t)j];
                if (pl->digits) q = mg_hbfp_boost_digit(q, d);
                mg_tl_put(t, tv - pl->slots + 1 + d + j + (long)g * step, l->a + (long)(g * b + j) * c->n, c->n,
                          (uint64_t)(uint32_t)q);
            }
        }
        const long at = tv + ea_off + (long)g * step;
        mg_tl_put(t, at, l->en + g, 1, (uint64_t)on);
        if (on) mg_tl_put(t, at, l->ea + (long)g * 8, 8, (uint64_t)(uint8_t)m->x[w->r].exp[blk]);
    }
    for (int pc = 0; pc < c->cols; pc++) {
        const int col = mg_block_out_col(pl, pc);
        if (col < 0) continue;
        const size_t i = (size_t)w->r * m->cols_w + (size_t)col, at = (w->p * m->rows_x) * m->cols_w + i;
        mg_bits acc = { 0 };
        if (w->probe) acc.bits = mg_tl_start_value(&t->rng, (int)aw, c->acc.exp_bits);
        else if (w->p) acc = m->pass_acc[at - m->rows_x * m->cols_w];
        else if (m->start) acc = m->start[i];
        mg_tl_put(t, tv + acc_off + pc, l->acc + pc * aw, (int)aw, acc.bits);
        mg_array_expect *ex = mg_tl_expect(t, tv + lat + pc, pc);
        if (!ex) return;
        *ex = (mg_array_expect){ 1, m->pass_acc[at].bits, m->pass_flags[at], 0, mm, (int)w->p, (int)w->r };
        if (!w->probe) continue;
        unsigned fl = 0;
        for (int g = 0; g < G && g < 32; g++) {
            const size_t blk = w->p * (size_t)G + (size_t)g;
            if ((w->on >> g & 1) && blk < m->nblocks)
                acc = k->step(k->step_ctx, m, (size_t)w->r, (size_t)col, blk, acc, &fl);
        }
        ex->acc = acc.bits;
        ex->flags = fl;
        ex->r = -1 - (int)w->on; /* not an output of Y: compare names its en_i */
    }
}

/* Pass p's stream from slot u: the rows of X in a random order, an idle
 * cycle or two before some, and in a 4-bit pass a probe before some: a
 * random row with a random set of its groups disabled (often all). */
static void stream(mg_timeline *t, const mg_protocol_block_ctx *k, const mg_block_matmul *m,
                   const mg_block_placement *pl, size_t p, int mm, long u, bool late)
{
    const mg_hbfp_array_cfg *c = k->c;
    const long R = (long)m->rows_x;
    long *order = malloc((size_t)(R ? R : 1) * sizeof *order);
    if (!order) {
        t->oom = true;
        return;
    }
    for (long i = 0; i < R; i++) order[i] = i;
    for (long i = R - 1; i > 0; i--) {
        long k = (long)(mg_tl_rand(t) % (uint64_t)(i + 1)), v = order[i];
        order[i] = order[k];
        order[k] = v;
    }
    long first = -1, tv = -1;
    for (long i = 0; i < R; i++) {
        if (pl->slots == 1 && mg_tl_rand(t) % 4 == 0) {
            const uint32_t on = mg_tl_rand(t) % 2 ? 0 : (uint32_t)mg_tl_rand(t);
            const wave probe = { p, (long)(mg_tl_rand(t) % (uint64_t)R), on, true };
            wavefront(t, k, m, pl, mm, &probe, u++);
        }
        tv = u + pl->slots - 1;
        const wave row = { p, order[i], 0, false };
        wavefront(t, k, m, pl, mm, &row, tv);
        if (pl->slots == 2 && mg_tl_misuse(t, MG_MISUSE_SIX_BIT_SLOTS)) mg_tl_put(t, u, t->l->valid, 1, 1);
        if (first < 0) first = tv;
        u += pl->slots + (mg_tl_rand(t) % 4 == 0 ? 1 + (long)(mg_tl_rand(t) % 2) : 0);
    }
    if (late) late_exponent(t, c, m, pl, p, first + 1);
    t->last_v = tv;
    t->free_at = tv + mg_hbfp_array_latency(c) + c->cols - 1; /* the drain cycle: valid_o[C-1] */
    t->mode = m->boost;
    free(order);
}

int mg_protocol_block_matmul(mg_timeline *t, const mg_protocol_block_ctx *k, const mg_block_matmul *m, int mm,
                             bool reset_first)
{
    const mg_hbfp_array_cfg *c = k->c;
    /* The reset while the last wavefront's results leave: in the cycle its
     * valid_o[0] is due. */
    if (reset_first && t->last_v >= 0) mg_tl_reset(t, t->last_v + mg_hbfp_array_latency(c));
    const mg_block_placement pl = mg_block_place(c, m);
    for (size_t p = 0; p < m->passes && !t->oom; p++) {
        bool late;
        long end = load(t, c, m, &pl, p, &late);
        if (mg_tl_misuse(t, MG_MISUSE_EARLY_STREAM)) end--;
        stream(t, k, m, &pl, p, mm, end + 1, late);
    }
    return t->oom ? -1 : 0;
}
