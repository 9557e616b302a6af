/* Running a matmul: the operands prepared once, then tiles of Y handed out
 * to worker threads through one atomic counter; the calling thread reports
 * progress.  Every output is computed by one thread from read-only operands,
 * so Y does not depend on the number of threads. */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mm_internal.h"

const mg_format *mg_mm_result_format(const mg_mm_spec *s)
{
    switch (s->kind) {
    case MG_MM_MAC_ARRAY: return &s->dot.mac.acc;
    case MG_MM_DOT: return &s->dot.acc2;
    case MG_MM_HBFP: return &s->hbfp.acc;
    default: return &s->mx.acc;
    }
}

int mg_mm_spec_check(const mg_mm_spec *s, char *err, size_t errlen)
{
    bool sr = (s->kind == MG_MM_MAC_ARRAY || s->kind == MG_MM_DOT) ? s->rnd.mode == MG_SR
              : s->kind == MG_MM_HBFP                             ? s->hbfp.quant.round == MG_SR
                                                                  : s->mx.quant.round == MG_SR;
    if (sr) {
        snprintf(err, errlen, "round=sr is not offered by matmul (it needs a random word per step): use rtz or rne");
        return -1;
    }
    return 0;
}

size_t mg_mm_find_nonfinite(const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i])) return i;
    return n;
}

void mm_tile_shape(const mg_mm_spec *s, size_t *rows, size_t *cols)
{
    /* Blocks: each tile converts its rows of X and columns of W again, so
     * tiles are large; MAC kinds: small, for the cache and the progress. */
    bool block = s->kind == MG_MM_HBFP || s->kind == MG_MM_MX;
    *rows = block ? 64 : 8;
    *cols = block ? 64 : 32;
}

double mg_mm_work_bytes(const mg_mm_spec *s, size_t R, size_t K, size_t C, int threads)
{
    size_t tr, tc;
    mm_tile_shape(s, &tr, &tc);
    const double nx = (double)R * (double)K, nw = (double)K * (double)C, kk = (double)K + 256;
    /* An Accuracy Booster product (mg_hbfp_boost_matmul) gathers the tile's
     * W and Y once more (with their flags). */
    const double boost = s->kind == MG_MM_HBFP && s->boost ? 8 * kk * (double)tc + 24.0 * (double)(tr * tc) : 0;
    if (s->kind == MG_MM_HBFP || s->kind == MG_MM_MX)
        /* FP32 operands; per thread: W columns, Y, flags, the model's
         * converted vectors (exponents and 32-bit mantissas or codes). */
        return 8 * (nx + nw) +
               threads * (8 * kk * (double)tc + 12.0 * (double)(tr * tc) + 8 * kk * (double)(tr + tc) + boost);
    bool narrow = mg_format_width(&s->dot.mac.w) <= 16 && mg_format_width(&s->dot.mac.a) <= 16;
    /* Operand encodings, the product tables (at most 2^16 entries of 8 bytes). */
    return (narrow ? 2 : 8) * (nx + nw) + (narrow ? 3 * 8 * 65536.0 : 0) + threads * 16 * kk;
}

typedef struct {
    const mm_operands *op;
    mg_bits *y;
    size_t tr, tc, tiles_c, tiles;
    atomic_size_t next;
    atomic_ullong done;   /* MAC steps finished */
    atomic_int alive, failed;
} shared_t;

typedef struct {
    shared_t *sh;
    mm_counts counts;
} worker_t;

static void *work(void *arg)
{
    worker_t *wk = arg;
    shared_t *sh = wk->sh;
    const mm_operands *op = sh->op;
    const bool block = op->spec->kind == MG_MM_HBFP || op->spec->kind == MG_MM_MX;
    void *scratch = block ? mm_block_scratch_new(op) : mm_lba_scratch_new(op);
    if (!scratch) atomic_store(&sh->failed, 1);
    const unsigned long long k = op->kpad ? op->kpad : op->K;
    for (size_t t; scratch && (t = atomic_fetch_add(&sh->next, 1)) < sh->tiles;) {
        size_t r0 = t / sh->tiles_c * sh->tr, c0 = t % sh->tiles_c * sh->tc;
        size_t r1 = r0 + sh->tr < op->R ? r0 + sh->tr : op->R, c1 = c0 + sh->tc < op->C ? c0 + sh->tc : op->C;
        if (block) {
            if (mm_block_tile(op, scratch, r0, r1, c0, c1, sh->y, &wk->counts)) {
                atomic_store(&sh->failed, 1);
                break;
            }
        } else {
            mm_lba_tile(op, scratch, r0, r1, c0, c1, sh->y, &wk->counts);
        }
        atomic_fetch_add(&sh->done, (unsigned long long)(r1 - r0) * (c1 - c0) * k);
    }
    if (block) mm_block_scratch_free(scratch);
    else mm_lba_scratch_free(scratch);
    atomic_fetch_sub(&sh->alive, 1);
    return NULL;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void sleep_briefly(void) { nanosleep(&(struct timespec){ 0, 20000000L }, NULL); }

/* Below this many MAC steps one thread does the work. */
#define SMALL_MACS (1ull << 18)

/* Starts the workers (the calling thread works alone when the product is
 * small or no thread starts), reports progress, joins them and sums their
 * counts; -1 on failure. */
static int run_threads(shared_t *sh, const mg_mm_options *o, unsigned long long total, mm_counts *sum)
{
    int n = o->threads < 1 ? 1 : o->threads > MG_MM_THREADS_MAX ? MG_MM_THREADS_MAX : o->threads;
    if ((size_t)n > sh->tiles) n = sh->tiles ? (int)sh->tiles : 1;
    if (total < SMALL_MACS) n = 1; /* starting threads would cost more than they save */
    pthread_t *tid = calloc((size_t)n, sizeof *tid);
    worker_t *wk = calloc((size_t)n, sizeof *wk);
    if (!tid || !wk) {
        free(tid);
        free(wk);
        return -1;
    }
    atomic_init(&sh->alive, n);
    int started = 0;
    for (int i = 0; n > 1 && i < n; i++) {
        wk[i].sh = sh;
        if (pthread_create(&tid[i], NULL, work, &wk[i]) != 0) break;
        started++;
    }
    const double t0 = now();
    if (started == 0) {
        wk[0].sh = sh;
        atomic_store(&sh->alive, 1);
        work(&wk[0]);
    }
    double last = t0;
    while (o->progress && started > 0 && atomic_load(&sh->alive) > n - started) {
        sleep_briefly();
        if (now() - last >= o->progress_seconds) {
            last = now();
            o->progress(o->progress_ctx, atomic_load(&sh->done), total, last - t0);
        }
    }
    for (int i = 0; i < (started ? started : 1); i++) {
        if (started) pthread_join(tid[i], NULL);
        sum->events.overflow += wk[i].counts.events.overflow;
        sum->events.underflow += wk[i].counts.events.underflow;
        sum->events.swamping += wk[i].counts.events.swamping;
        for (int b = 0; b < 5; b++) sum->flagged[b] += wk[i].counts.flagged[b];
    }
    if (o->progress) o->progress(o->progress_ctx, atomic_load(&sh->done), total, now() - t0);
    free(tid);
    free(wk);
    return atomic_load(&sh->failed) ? -1 : 0;
}

void mm_operands_free(mm_operands *op)
{
    free(op->x16);
    free(op->w16);
    free(op->x64);
    free(op->w64);
    free(op->xf);
    free(op->wf);
    free(op->xf32);
    free(op->wf32);
    mg_acc_dot_plan_free(op->fast);
    mg_mac_plan_free(op->steps);
}

/* The kinds of outputs, from Y itself. */
static void count_outputs(const mg_format *f, const mg_bits *y, size_t n, mg_mm_stats *st)
{
    const mg_bits maxp = mg_max_finite(f, false), maxn = mg_max_finite(f, true);
    for (size_t i = 0; i < n; i++) {
        st->nan += mg_is_nan(f, y[i]);
        st->inf += mg_is_inf(f, y[i]);
        st->zero += mg_is_zero(f, y[i]);
        st->saturated += y[i].bits == maxp.bits || y[i].bits == maxn.bits;
    }
}

int mg_mm_run(const mg_mm_spec *s, const double *x, const double *w, size_t R, size_t K, size_t C,
              const mg_mm_options *o, mg_bits *y, mg_mm_stats *st, char *err, size_t errlen)
{
    if (mg_mm_spec_check(s, err, errlen)) return -1;
    mm_operands op = { .spec = s, .R = R, .K = K, .C = C, .stats = o->stats };
    const bool block = s->kind == MG_MM_HBFP || s->kind == MG_MM_MX;
    if (block ? mm_block_prepare(&op, x, w, err, errlen) : mm_lba_prepare(&op, x, w, err, errlen)) {
        mm_operands_free(&op);
        return -1;
    }
    shared_t sh = { .op = &op, .y = y };
    mm_tile_shape(s, &sh.tr, &sh.tc);
    sh.tiles_c = (C + sh.tc - 1) / sh.tc;
    sh.tiles = (R + sh.tr - 1) / sh.tr * sh.tiles_c;
    atomic_init(&sh.next, 0);
    atomic_init(&sh.done, 0);
    atomic_init(&sh.failed, 0);
    const unsigned long long macs = (unsigned long long)R * (op.kpad ? op.kpad : K) * C;
    mm_counts sum;
    memset(&sum, 0, sizeof sum);
    int rc = run_threads(&sh, o, macs, &sum);
    mm_operands_free(&op);
    if (rc) {
        snprintf(err, errlen, "out of memory while computing Y");
        return -1;
    }
    if (st) {
        memset(st, 0, sizeof *st);
        st->macs = macs;
        st->has_events = o->stats && !block;
        if (o->stats) {
            st->events = sum.events;
            memcpy(st->flagged, sum.flagged, sizeof st->flagged);
        }
        count_outputs(mg_mm_result_format(s), y, R * C, st);
    }
    return 0;
}
