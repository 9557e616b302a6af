/* The worker threads of a verify run and what they share: the mismatch
 * records and the error (see verify_sim.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "verify_sim.h"

#define STOP_AFTER 64

double mg_verify_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Whether mismatch a comes after (index, step). */
static bool later(const mg_verify_mismatch *a, uint64_t index, uint64_t step)
{
    return a->index != index ? a->index > index : a->step > step;
}

void mg_verify_record(mg_verify_shared *sh, uint64_t index, uint64_t step, const uint64_t *in,
                      const uint64_t *expect, const uint64_t *actual)
{
    pthread_mutex_lock(&sh->lock);
    mg_verify_result *res = sh->res;
    res->mismatches++;
    mg_verify_mismatch *m = NULL;
    if (res->n_first < MG_VERIFY_MAX_REPORTS) m = &res->first[res->n_first++];
    else {
        int worst = 0;
        for (int i = 1; i < res->n_first; i++)
            if (later(&res->first[i], res->first[worst].index, res->first[worst].step)) worst = i;
        if (later(&res->first[worst], index, step)) m = &res->first[worst];
    }
    if (m) {
        m->index = index;
        m->step = step;
        memcpy(m->in, in, sizeof m->in);
        memcpy(m->expected, expect, sizeof m->expected);
        memcpy(m->actual, actual, sizeof m->actual);
    }
    if (res->mismatches >= STOP_AFTER) atomic_store(&sh->stop, 1);
    pthread_mutex_unlock(&sh->lock);
}

void mg_verify_worker_oom(mg_verify_shared *sh)
{
    pthread_mutex_lock(&sh->lock);
    snprintf(sh->err, sizeof sh->err, "out of memory");
    pthread_mutex_unlock(&sh->lock);
    atomic_store(&sh->stop, 1);
}

int mg_verify_run_workers(mg_verify_shared *sh, void *(*worker)(void *), void *arg, const mg_verify_options *opt,
                          uint64_t total, const char *what, bool show_rate, char *err, size_t errlen)
{
    pthread_mutex_init(&sh->lock, NULL);
    int nt = opt->threads < 1 ? 1 : opt->threads > 64 ? 64 : opt->threads;
    pthread_t th[64];
    double t0 = mg_verify_now(), last = t0;
    int started = 0;
    for (int i = 0; i < nt; i++) {
        if (pthread_create(&th[i], NULL, worker, arg)) break;
        started++;
    }
    if (started == 0) worker(arg);
    /* The main thread reports progress while the workers run. */
    while (opt->progress && started) {
        uint64_t done = atomic_load(&sh->done);
        if (done >= total || atomic_load(&sh->stop)) break;
        nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
        double t = mg_verify_now();
        if (t - last >= 2.0) {
            last = t;
            char rate[48] = "";
            if (show_rate) snprintf(rate, sizeof rate, ", %.1f M/s", (double)done / (t - t0) / 1e6);
            fprintf(stderr, "macgen verify: %5.1f%% (%llu of %llu %s%s)\n", 100.0 * (double)done / (double)total,
                    (unsigned long long)done, (unsigned long long)total, what, rate);
        }
    }
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
    sh->res->seconds = mg_verify_now() - t0;
    sh->res->checked = atomic_load(&sh->done);
    pthread_mutex_destroy(&sh->lock);
    if (sh->err[0]) {
        snprintf(err, errlen, "%s", sh->err);
        return -1;
    }
    return 0;
}
