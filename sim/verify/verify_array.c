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
        if (!j->timeline && i % 5 == 4 && !mg_array_script_step(sc)) goto oom;
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

/* Compares every column of every step; prints the first mismatches
 * unless quiet. */
static unsigned long long compare(const mg_array_job *j, const mg_array_layout *l, const mg_array_script *sc,
                                  const uint32_t *res, bool quiet, unsigned long long *checked)
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
            if (bad++ >= MG_ARRAY_MAX_REPORTED || quiet) continue;
            if (!e->valid) {
                printf("mismatch at cycle %zu, column %d: valid_o=1 where no result is due\n", st, col);
                continue;
            }
            printf("mismatch at cycle %zu: ", st);
            if (e->r < 0) {
                printf("a protocol probe with en_i = %x (groups with en_i = 0 pass acc and flags through), "
                       "column %d: expected %0*llx flags %02x, actual %0*llx flags %02x%s\n", -1 - e->r, col, digits,
                       (unsigned long long)e->acc, e->flags, digits, (unsigned long long)acc, fl,
                       valid ? "" : " (valid_o low)");
                continue;
            }
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

static void report_fail_repro(const mg_array_job *j);

static void report_fail(const mg_array_job *j, unsigned long long bad, unsigned long long checked,
                        const mg_verify_stream_errors *chk)
{
    if (chk->count)
        printf("verify %s: FAIL, the array's protocol checks (MG_CHECK_PROTOCOL) reported %lu misuse(s) of "
               "this driver, the first in cycle %zu of the script; %llu mismatching output(s) among %llu\n",
               j->canonical, chk->count, chk->first_step, bad, checked);
    else
        printf("verify %s: FAIL, %llu mismatching output(s) among %llu\n", j->canonical, bad, checked);
    report_fail_repro(j);
}

static void report_fail_repro(const mg_array_job *j)
{
    if (j->repro)
        printf("reproduce: macgen verify %s %s%s%s\n", j->canonical, j->repro, j->rtl_dir ? " --rtl " : "",
               j->rtl_dir ? j->rtl_dir : "");
    else
        printf("reproduce: macgen verify %s --seed %llu --matrices %lu%s%s%s\n", j->canonical,
               (unsigned long long)j->seed, j->cases, j->extra_args ? j->extra_args : "", j->rtl_dir ? " --rtl " : "",
               j->rtl_dir ? j->rtl_dir : "");
}

/* One waveform line: a character per cycle of steps [from, to). */
static void trace_line(const char *name, const uint32_t *words, size_t stride, long pos, size_t from, size_t to)
{
    printf("  %-12s", name);
    for (size_t s = from; s < to; s++) putchar(mg_get_bits(words + s * stride, pos, 1) ? '#' : '.');
    putchar('\n');
}

/* The first j->trace cycles after the opening reset, as a waveform: the
 * control inputs, en_i and valid_o ('#' high, '.' low; a protocol run with
 * --trace drives 0 outside the slots, so en_i shows them). */
static void print_trace(const mg_array_job *j, const mg_array_layout *l, const mg_array_script *sc, const uint32_t *res)
{
    const size_t from = 2, to = from + j->trace < sc->steps ? from + j->trace : sc->steps;
    const size_t iw = (size_t)l->in_words, ow = (size_t)l->out_words;
    char name[32];
    printf("waveform, cycles 0..%zu after the opening reset ('#' high):\n  %-12s", to - from - 1, "cycle");
    for (size_t s = from; s < to; s++) putchar((s - from) % 10 == 0 ? (char)('0' + (s - from) / 10 % 10) : ' ');
    printf("\n  %-12s", "");
    for (size_t s = from; s < to; s++) putchar((char)('0' + (s - from) % 10));
    putchar('\n');
    trace_line("rst_ni", sc->in, iw, l->rst, from, to);
    trace_line("load_w_i", sc->in, iw, l->load_w, from, to);
    if (l->load_e >= 0) trace_line("load_e_i", sc->in, iw, l->load_e, from, to);
    if (l->boost >= 0) trace_line("boost_i", sc->in, iw, l->boost, from, to);
    trace_line("valid_i", sc->in, iw, l->valid, from, to);
    for (long g = 0; l->en >= 0 && g < j->bits.en; g++) {
        snprintf(name, sizeof name, "en_i[%ld]", g);
        trace_line(name, sc->in, iw, l->en + g, from, to);
    }
    for (int c = 0; c < j->bits.cols; c++) {
        snprintf(name, sizeof name, "valid_o[%d]", c);
        trace_line(name, res, ow, l->valid_o + c, from, to);
    }
}

/* The outcome of a protocol run with an injected misuse: PASS when the
 * array's checks reported it. */
static int report_misuse(const mg_array_job *j, const mg_verify_stream_errors *chk, unsigned long long bad,
                         unsigned long long checked)
{
    if (j->misused && !*j->misused) {
        mg_error("verify", "--misuse %s: this run has no place for it (more matrix multiplies, or both modes?)",
                 j->misuse);
        return MG_EXIT_USAGE;
    }
    if (chk->count) {
        printf("verify %s: PASS, the misuse %s (%s) was reported by the array's protocol checks "
               "(%lu report(s), the first in cycle %zu of the script; %llu of %llu outputs differ from the model)\n",
               j->canonical, j->misuse, j->misuse_what, chk->count, chk->first_step, bad, checked);
        return MG_EXIT_OK;
    }
    printf("verify %s: FAIL, the misuse %s (%s) was not reported by the array's protocol checks "
           "(MG_CHECK_PROTOCOL; %llu of %llu outputs differ from the model)\n",
           j->canonical, j->misuse, j->misuse_what, bad, checked);
    report_fail_repro(j);
    return MG_EXIT_MISMATCH;
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
    mg_verify_stream_errors chk;
    if (mg_verify_stream(art.so_path, sc.in, sc.steps, l.in_words, l.out_words, true, &res, &chk, err, sizeof err))
        goto fail;
    const double t3 = now_seconds();
    unsigned long long bad = compare(j, &l, &sc, res, j->misuse != NULL, &st.checked);
    if (j->trace) print_trace(j, &l, &sc, res);
    st.cycles = sc.steps;
    st.cached = art.cached;
    st.build_s = t1 - t0;
    st.script_s = t2 - t1;
    st.sim_s = t3 - t2;
    if (j->misuse) {
        rc = report_misuse(j, &chk, bad, st.checked);
        goto out;
    }
    if (j->timeline && bad == 0 && chk.count == 0)
        printf("verify %s: protocol schedule (docs: \"Rules\"): each load from its drain cycle, the stream the "
               "cycle after it, rows shuffled, random bits outside the slots, resets mid-drain; the array's "
               "protocol checks reported nothing\n", j->canonical);
    if (bad == 0 && chk.count == 0) j->print_pass(j->ctx, &st);
    else report_fail(j, bad, st.checked, &chk);
    rc = bad || chk.count ? MG_EXIT_MISMATCH : MG_EXIT_OK;
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
