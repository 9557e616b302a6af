/* The shared array driver (see verify_array.h). */
#include "verify_array.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "memlimit.h"
#include "verify_bits.h"
#include "verify_stream.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* A port of `bits` bits (none when 0), on a word of its bus. */
static long add(mg_verify_device *d, const char *name, bool out, long bits)
{
    return bits > 0 ? mg_verify_device_add(d, name, out, (int)bits, true) : -1;
}

static void make_device(const mg_array_job *j, mg_verify_device *d, mg_array_layout *l)
{
    const mg_array_port_bits *b = &j->bits;
    mg_verify_device_init(d, j->top, "clk_i");
    l->rst = add(d, "rst_ni", false, 1);
    l->load_w = add(d, "load_w_i", false, 1);
    l->w = add(d, "w_i", false, b->w);
    l->load_e = add(d, "load_e_i", false, b->eb ? 1 : 0);
    l->eb = add(d, "eb_i", false, b->eb);
    l->boost = add(d, "boost_i", false, b->boost);
    l->valid = add(d, "valid_i", false, 1);
    l->a = add(d, "a_i", false, b->a);
    l->ea = add(d, "ea_i", false, b->ea);
    l->en = add(d, "en_i", false, b->en);
    l->acc = add(d, "acc_i", false, b->acc);
    l->acc_o = add(d, "acc_o", true, b->acc);
    l->flags_o = add(d, "flags_o", true, b->flags);
    l->events_o = add(d, "events_o", true, b->events);
    l->valid_o = add(d, "valid_o", true, b->cols);
    l->in_words = mg_verify_bus_bits(d, false) / 32;
    l->out_words = mg_verify_bus_bits(d, true) / 32;
}

/* The bytes a script of cap steps takes, with its results. */
static double script_bytes(const mg_array_script *s, size_t cap)
{
    return (double)cap * ((double)(s->in_words + s->out_words) * 4 + (double)s->cols * sizeof(mg_array_expect));
}

uint32_t *mg_array_script_step(mg_array_script *s)
{
    if (s->steps == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        if (s->limit && script_bytes(s, cap) > (double)s->limit) {
            s->over_limit = true;
            s->wanted = script_bytes(s, cap);
            return NULL;
        }
        uint32_t *in = realloc(s->in, cap * (size_t)s->in_words * 4);
        if (!in) return NULL;
        s->in = in;
        mg_array_expect *e = realloc(s->exp, cap * (size_t)s->cols * sizeof *e);
        if (!e) return NULL;
        s->exp = e;
        s->cap = cap;
    }
    uint32_t *w = s->in + s->steps * (size_t)s->in_words;
    memset(w, 0, (size_t)s->in_words * 4);
    memset(s->exp + s->steps * (size_t)s->cols, 0, (size_t)s->cols * sizeof *s->exp);
    s->steps++;
    return w;
}

mg_array_expect *mg_array_script_last_expect(mg_array_script *s)
{
    return s->exp + (s->steps - 1) * (size_t)s->cols;
}

/* Two cycles of reset, then the matrix multiplies, with a reset between
 * some of them. */
static int make_script(const mg_array_job *j, const mg_array_layout *l, mg_array_script *sc, char *err,
                       size_t errlen)
{
    for (int i = 0; i < 2; i++)
        if (!mg_array_script_step(sc)) goto oom;
    for (unsigned long i = 0; i < j->cases; i++) {
        if (i % 5 == 4 && !mg_array_script_step(sc)) goto oom;
        if (j->script(j->ctx, i, l, sc, err, errlen)) goto oom;
    }
    return 0;
oom:
    /* The unit's own message unless the memory limit stopped the script. */
    if (sc->over_limit) {
        char what[96];
        snprintf(what, sizeof what, "the test script of %lu matrix multiplies (at least)", j->cases);
        mg_mem_check(what, sc->wanted, err, errlen);
    } else if (!err[0]) {
        snprintf(err, errlen, "out of memory");
    }
    return -1;
}

/* Compares every column of every step; prints the first mismatches. */
static unsigned long long compare(const mg_array_job *j, const mg_array_layout *l, const mg_array_script *sc,
                                  const uint32_t *res, unsigned long long *checked)
{
    const int aw = (int)(j->bits.acc / j->bits.cols), digits = (aw + 3) / 4;
    unsigned long long bad = 0;
    for (size_t st = 0; st < sc->steps; st++) {
        const uint32_t *ow = res + st * (size_t)l->out_words;
        for (int col = 0; col < sc->cols; col++) {
            const mg_array_expect *e = &sc->exp[st * (size_t)sc->cols + (size_t)col];
            int valid = (int)mg_get_bits(ow, l->valid_o + col, 1);
            uint64_t acc = mg_get_bits(ow, l->acc_o + (long)col * aw, aw);
            /* An absent port reads as the model's value: only what the array has is compared. */
            unsigned fl = l->flags_o < 0 ? e->flags : (unsigned)mg_get_bits(ow, l->flags_o + (long)col * 5, 5);
            unsigned ev = l->events_o < 0 ? e->events : (unsigned)mg_get_bits(ow, l->events_o + (long)col * 3, 3);
            if (e->valid) {
                (*checked)++;
                j->tally(j->ctx, e);
                if (j->record && valid) j->record(j->ctx, e, col, acc);
            }
            if (valid == e->valid && (!e->valid || (acc == e->acc && fl == e->flags && ev == e->events))) continue;
            if (bad++ >= MG_ARRAY_MAX_REPORTED) continue;
            if (!e->valid) {
                printf("mismatch at cycle %zu, column %d: valid_o=1 where no result is due\n", st, col);
                continue;
            }
            printf("mismatch at cycle %zu: ", st);
            j->describe(j->ctx, e);
            printf(", pass %d, Y[%d][%d]: expected %0*llx", e->pass, e->r, col, digits, (unsigned long long)e->acc);
            if (l->flags_o >= 0) printf(" flags %02x", e->flags);
            if (l->events_o >= 0) printf(" events %x", e->events);
            printf(", actual %0*llx", digits, (unsigned long long)acc);
            if (l->flags_o >= 0) printf(" flags %02x", fl);
            if (l->events_o >= 0) printf(" events %x", ev);
            printf("%s\n", valid ? "" : " (valid_o low)");
        }
    }
    return bad;
}

static void report_fail(const mg_array_job *j, unsigned long long bad, unsigned long long checked)
{
    printf("verify %s: FAIL, %llu mismatching output(s) among %llu\n", j->canonical, bad, checked);
    if (j->repro)
        printf("reproduce: macgen verify %s %s%s%s\n", j->canonical, j->repro, j->rtl_dir ? " --rtl " : "",
               j->rtl_dir ? j->rtl_dir : "");
    else
        printf("reproduce: macgen verify %s --seed %llu --matrices %lu%s%s%s\n", j->canonical,
               (unsigned long long)j->seed, j->cases, j->extra_args ? j->extra_args : "", j->rtl_dir ? " --rtl " : "",
               j->rtl_dir ? j->rtl_dir : "");
}

int mg_verify_array_run(const mg_array_job *j)
{
    char err[1400] = "";
    mg_verify_device d;
    mg_array_layout l;
    make_device(j, &d, &l);
    mg_array_stats st = { 0 };
    const double t0 = now_seconds();
    char what[96];
    snprintf(what, sizeof what, "%ld PEs (about %.1f MB each, docs/verify.md)", j->pes, j->build_bytes_per_pe / 1e6);
    const mg_verify_build_spec spec = { &d, j->rtl_dir, j->emit, j->emit_ctx, true,
                                        64e6 + (double)j->pes * j->build_bytes_per_pe, what };
    mg_verify_artifact art;
    int rc = mg_verify_build(&spec, &art, err, sizeof err);
    if (rc) {
        mg_error("verify", "%s", err);
        return mg_exit_for(rc);
    }
    const double t1 = now_seconds();
    mg_array_script sc = { NULL, NULL, 0, 0, l.in_words, j->bits.cols, 0, l.out_words, false, 0 };
    char source[96];
    if (mg_mem_limit(&sc.limit, source, sizeof source, err, sizeof err)) {
        mg_error("verify", "%s", err);
        mg_verify_artifact_free(&art);
        return MG_EXIT_USAGE;
    }
    uint32_t *res = NULL;
    rc = MG_EXIT_USAGE;
    if (make_script(j, &l, &sc, err, sizeof err)) goto fail;
    const double t2 = now_seconds();
    if (mg_verify_stream(art.so_path, sc.in, sc.steps, l.in_words, l.out_words, true, &res, err, sizeof err))
        goto fail;
    const double t3 = now_seconds();
    unsigned long long bad = compare(j, &l, &sc, res, &st.checked);
    st.cycles = sc.steps;
    st.cached = art.cached;
    st.build_s = t1 - t0;
    st.script_s = t2 - t1;
    st.sim_s = t3 - t2;
    if (bad == 0) j->print_pass(j->ctx, &st);
    else report_fail(j, bad, st.checked);
    rc = bad ? MG_EXIT_MISMATCH : MG_EXIT_OK;
    goto out;
fail:
    mg_error("verify", "%s", err);
out:
    free(sc.in);
    free(sc.exp);
    free(res);
    mg_verify_artifact_free(&art);
    return rc;
}
