/* Threads take blocks of rows from a shared counter; every row's inputs
 * and random words come from its own stream and its result has its own
 * slot, so the figures do not depend on the thread count. */
#include "acc_run.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "acc_dot.h"

enum { THREADS_MAX = 256 };

typedef struct {
    const mg_acc_job *job;
    const mg_acc_dot_plan *plan;
    const mg_code_sampler *sw, *sa;
    mg_acc_row *rows;
    atomic_size_t next, done;
    atomic_int alive; /* workers still running */
    size_t block;
} shared_t;

typedef struct {
    shared_t *sh;
    mg_event_counts counts;
    int failed;
} worker_t;

static void fill_row(const shared_t *sh, size_t row, mg_rng *rng, uint16_t *w, uint16_t *a)
{
    const mg_acc_job *j = sh->job;
    const mg_mac_spec *ms = &j->spec.mac;
    if (j->data_w) {
        for (size_t i = 0; i < j->k; i++) {
            w[i] = (uint16_t)mg_acc_quantize(&ms->w, j->data_w[row * j->k + i]).bits;
            a[i] = (uint16_t)mg_acc_quantize(&ms->a, j->data_a[row * j->k + i]).bits;
        }
        return;
    }
    mg_code_draw_n(sh->sw, rng, w, j->k);
    mg_code_draw_n(sh->sa, rng, a, j->k);
}

static const mg_format *fp32(void)
{
    static const mg_format f = { 8, 23, 127, MG_SPECIALS_IEEE, true };
    return &f;
}

/* Block units: FP32 inputs (drawn reals or data, rounded to fp32). */
static void block_row(const shared_t *sh, size_t row, mg_rng *rng, mg_bits *w, mg_bits *a, mg_acc_row *out)
{
    const mg_acc_job *j = sh->job;
    for (size_t i = 0; i < j->k; i++)
        w[i] = mg_acc_quantize(fp32(), j->data_w ? j->data_w[row * j->k + i] : mg_dist_draw(&j->dist, rng));
    for (size_t i = 0; i < j->k; i++)
        a[i] = mg_acc_quantize(fp32(), j->data_a ? j->data_a[row * j->k + i] : mg_dist_draw(&j->dist, rng));
    mg_acc_block_row(j->block, w, a, j->k, rng, mg_acc_block_boosted(j->block, row), out);
}

static void *work(void *arg)
{
    worker_t *wk = arg;
    shared_t *sh = wk->sh;
    const mg_acc_job *j = sh->job;
    uint16_t *w = malloc(j->k * sizeof *w), *a = malloc(j->k * sizeof *a);
    mg_bits *bw = j->block ? malloc(j->k * sizeof *bw) : NULL, *ba = j->block ? malloc(j->k * sizeof *ba) : NULL;
    if (!w || !a || (j->block && (!bw || !ba))) {
        wk->failed = 1;
        free(w);
        free(a);
        free(bw);
        free(ba);
        atomic_fetch_sub(&sh->alive, 1);
        return NULL;
    }
    for (;;) {
        size_t start = atomic_fetch_add(&sh->next, sh->block);
        if (start >= j->rows) break;
        size_t end = start + sh->block < j->rows ? start + sh->block : j->rows;
        for (size_t row = start; row < end; row++) {
            mg_rng rng;
            mg_rng_seed(&rng, j->seed, j->point, row);
            if (j->block && j->block->kind == MG_ACC_BLOCK_HBFP_QUANT) {
                for (size_t i = 0; i < j->k; i++) bw[i] = mg_acc_quantize(fp32(), mg_dist_draw(&j->dist, &rng));
                mg_acc_quant_rows(j->block, bw, &rng, &sh->rows[row * j->k]);
                continue;
            }
            if (j->block) {
                block_row(sh, row, &rng, bw, ba, &sh->rows[row]);
                continue;
            }
            fill_row(sh, row, &rng, w, a);
            mg_acc_dot_row(sh->plan, w, a, &rng, &sh->rows[row], &wk->counts);
        }
        atomic_fetch_add(&sh->done, end - start);
    }
    free(w);
    free(a);
    free(bw);
    free(ba);
    atomic_fetch_sub(&sh->alive, 1);
    return NULL;
}

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double now(void) { return clock_s(CLOCK_MONOTONIC); }

static void show_progress(const mg_acc_job *j, size_t done, double t0)
{
    double dt = now() - t0;
    fprintf(stderr, "\raccuracy %s: %zu/%zu rows, %.1f M MAC/s   ", j->label ? j->label : "", done, j->rows,
            dt > 0 ? (double)done * (double)j->k / dt / 1e6 : 0.0);
}

/* Starts the workers, shows progress while they run, sums their counts.
 * If no thread can start, the calling thread does the work. */
static int run_threads(shared_t *sh, int n, mg_event_counts *counts, double t0)
{
    pthread_t tid[THREADS_MAX];
    worker_t wk[THREADS_MAX];
    int started = 0, failed = 0;
    for (int i = 0; i < n; i++) {
        wk[i] = (worker_t){ sh, { 0, 0, 0 }, 0 };
        if (pthread_create(&tid[i], NULL, work, &wk[i]) != 0) break;
        started++;
    }
    if (started == 0) {
        wk[0] = (worker_t){ sh, { 0, 0, 0 }, 0 };
        work(&wk[0]);
    }
    while (started > 0 && sh->job->progress && atomic_load(&sh->alive) > 0) {
        show_progress(sh->job, atomic_load(&sh->done), t0);
        nanosleep(&(struct timespec){ 0, 200000000L }, NULL);
    }
    for (int i = 0; i < (started ? started : 1); i++) {
        if (started) pthread_join(tid[i], NULL);
        counts->overflow += wk[i].counts.overflow;
        counts->underflow += wk[i].counts.underflow;
        counts->swamping += wk[i].counts.swamping;
        failed |= wk[i].failed;
    }
    if (sh->job->progress) {
        show_progress(sh->job, atomic_load(&sh->done), t0);
        fputc('\n', stderr);
    }
    return failed ? -1 : 0;
}

int mg_acc_run(const mg_acc_job *job, mg_acc_result *out, char *err, size_t errlen)
{
    double t0 = now(), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    mg_acc_dot_plan *plan = NULL;
    if (!job->block && !(plan = mg_acc_dot_plan_new(&job->spec, &job->rnd, job->k, err, errlen))) return -1;
    shared_t sh = { .job = job, .plan = plan };
    int threads = job->threads < 1 ? 1 : job->threads > THREADS_MAX ? THREADS_MAX : job->threads;
    atomic_init(&sh.next, 0);
    atomic_init(&sh.done, 0);
    atomic_init(&sh.alive, threads);
    /* About a million MAC steps per block, and at least 8 blocks a thread. */
    sh.block = 1 + (1u << 20) / job->k;
    if (sh.block * 8 * (size_t)threads > job->rows) sh.block = 1 + job->rows / (8 * (size_t)threads);
    /* hbfp_quant: one result per element (k per row). */
    size_t results = job->rows * (job->block && job->block->kind == MG_ACC_BLOCK_HBFP_QUANT ? job->k : 1);
    sh.rows = calloc(results ? results : 1, sizeof *sh.rows);
    if (!job->data_w && !job->block) {
        sh.sw = mg_code_sampler_new(&job->spec.mac.w, &job->dist);
        sh.sa = mg_code_sampler_new(&job->spec.mac.a, &job->dist);
    }
    mg_event_counts counts = { 0, 0, 0 };
    int rc = -1;
    if (!sh.rows || (!job->data_w && !job->block && (!sh.sw || !sh.sa))) snprintf(err, errlen, "out of memory");
    else if (run_threads(&sh, threads, &counts, t0) != 0) snprintf(err, errlen, "out of memory");
    else if (mg_acc_stats_compute(sh.rows, results, &counts, (double)job->rows * (double)job->k, &out->stats))
        snprintf(err, errlen, "out of memory");
    else rc = 0;
    out->fast = plan && mg_acc_dot_plan_is_fast(plan);
    out->seconds = now() - t0;
    out->cpu_seconds = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
    out->macs_per_s = out->seconds > 0 ? (double)job->rows * (double)job->k / out->seconds : 0;
    mg_code_sampler_free((mg_code_sampler *)sh.sw);
    mg_code_sampler_free((mg_code_sampler *)sh.sa);
    free(sh.rows);
    mg_acc_dot_plan_free(plan);
    return rc;
}
