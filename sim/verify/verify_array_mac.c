/* `macgen verify mac_array`: random matrix multiplies, several passes when
 * K > rows, streamed through the Verilated float MAC array on the schedule
 * of docs/mac_array.md.  Every acc_o word, flag, event and valid bit is
 * compared with the golden model: each output is the chain of mg_mac steps
 * down its column, in row order, from the accumulator input (sim/model/ops.h).
 * With pipe=N the row skew and the latency grow to N + 1 cycles a row;
 * flags=0 / events=0 arrays have no such port and it is not compared.
 *
 * The array driver is the one of the HBFP array (verify_array.c): the
 * MAC array has its ports but the block exponents, and events_o. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "acc_input.h"
#include "model.h"
#include "unit_mac_array.h"
#include "verify_array.h"
#include "verify_bits.h"
#include "verify_given.h"
#include "verify_protocol.h"

enum { DATA_RANDOM_BITS, DATA_MODERATE, DATA_ZEROS, DATA_OVERFLOW, DATA_TINY, DATA_KINDS };
/* A protocol run's second matrix multiply: -0 through zero-padded rows (rule 8). */
enum { DATA_PADDING = DATA_KINDS };
static const char *const data_names[DATA_KINDS + 1] = { "random-encodings", "moderate", "many-zeros",
                                                        "overflow", "subnormal/underflow", "-0-through-padding" };

/* One encoding of format f for data kind `kind`. */
static uint64_t draw(uint64_t *s, const mg_format *f, int kind)
{
    const uint64_t r = mg_verify_rand(s);
    const int e = f->exp_bits, m = f->frac_bits;
    const uint64_t sign = (r >> 63) << (e + m);
    const uint64_t frac = (r >> 8) & ((1ull << m) - 1);
    const long xmax = (1L << e) - 1;
    long x;
    switch (kind) {
    case DATA_RANDOM_BITS: return r & ((1ull << (e + m + 1)) - 1);
    case DATA_ZEROS:
        if (r % 5 < 2) return sign;
        /* fall through */
    case DATA_MODERATE: x = f->bias + (long)(r % 9) - 4; break;
    case DATA_OVERFLOW: x = xmax - (long)(r % 3); break;
    default: x = (long)(r % 3); break;
    }
    if (x < 0) x = 0;
    if (x > xmax) x = xmax;
    return sign | ((uint64_t)x << m) | frac;
}

typedef struct {
    int ww, aw, cw;
} widths;

static widths widths_of(const mg_mac_array_cfg *c)
{
    return (widths){ mg_format_width(mg_unit_format(&c->mac, "w")), mg_format_width(mg_unit_format(&c->mac, "a")),
                     mg_format_width(mg_unit_format(&c->mac, "acc")) };
}

/* One matrix multiply Y = acc0 + X * W, K zero-padded to passes * rows. */
typedef struct {
    size_t mx, k, kpad, passes;
    int kind;
    uint64_t *x;      /* mx * kpad */
    uint64_t *w;      /* kpad * cols */
    uint64_t *acc0;   /* mx * cols: the accumulator input of pass 0 */
    uint64_t *out;    /* passes * mx * cols: the model's sum after each pass */
    unsigned *flags, *events;
} matmul;

static void free_matmul(matmul *m)
{
    free(m->x);
    free(m->w);
    free(m->acc0);
    free(m->out);
    free(m->flags);
    free(m->events);
}

/* Allocates m for its shape (mx, k, kpad, passes set): everything +0. */
static int alloc_matmul(matmul *m, size_t C)
{
    m->x = calloc(m->mx * m->kpad, sizeof *m->x);
    m->w = calloc(m->kpad * C, sizeof *m->w);
    m->acc0 = calloc(m->mx * C, sizeof *m->acc0);
    m->out = calloc(m->passes * m->mx * C, sizeof *m->out);
    m->flags = calloc(m->passes * m->mx * C, sizeof *m->flags);
    m->events = calloc(m->passes * m->mx * C, sizeof *m->events);
    return m->x && m->w && m->acc0 && m->out && m->flags && m->events ? 0 : -1;
}

/* The model's sum after each pass: the chain of mg_mac steps down each
 * column, from the accumulator input, padded steps included. */
static void model_passes(const mg_mac_array_cfg *c, matmul *m)
{
    const mg_unit *u = &c->mac;
    const size_t R = (size_t)c->rows, C = (size_t)c->cols;
    mg_mac_spec spec = { *mg_unit_format(u, "w"), *mg_unit_format(u, "a"), *mg_unit_format(u, "prod"),
                         *mg_unit_format(u, "acc"), false };
    for (size_t r = 0; r < m->mx; r++) {
        for (size_t col = 0; col < C; col++) {
            mg_bits acc = { m->acc0[r * C + col] };
            for (size_t p = 0; p < m->passes; p++) {
                unsigned fl = 0, ev = 0;
                for (size_t k = p * R; k < (p + 1) * R; k++) {
                    unsigned f1 = 0, e1 = 0;
                    acc = mg_mac(&spec, (mg_bits){ m->w[k * C + col] }, (mg_bits){ m->x[r * m->kpad + k] }, acc,
                                 &u->rnd, &f1, &e1);
                    fl |= f1;
                    ev |= e1;
                }
                size_t at = (p * m->mx + r) * C + col;
                m->out[at] = acc.bits;
                m->flags[at] = fl;
                m->events[at] = ev;
            }
        }
    }
}

/* Rule 8 of docs/mac_array.md, by hand: one real row whose products are -0
 * (x = -0, w > 0) on a -0 start keeps -0 (-0 + -0 = -0 in rne and rtz), and
 * the zero-padded rows after it, real steps +0 * +0, make it +0.  The model
 * must say so; the array is then checked against the model. */
static int make_padding(const mg_mac_array_cfg *c, uint64_t *s, matmul *m, char *err, size_t errlen)
{
    const mg_unit *u = &c->mac;
    const size_t C = (size_t)c->cols;
    const mg_format *fw = mg_unit_format(u, "w"), *fa = mg_unit_format(u, "a"), *fc = mg_unit_format(u, "acc");
    m->kind = DATA_PADDING;
    m->k = 1;
    m->passes = 1;
    m->kpad = (size_t)c->rows;
    if (alloc_matmul(m, C)) return -1;
    for (size_t r = 0; r < m->mx; r++) m->x[r * m->kpad] = mg_zero(fa, true).bits;
    for (size_t col = 0; col < C; col++)
        m->w[col] = draw(s, fw, DATA_MODERATE) & ~((uint64_t)1 << (mg_format_width(fw) - 1));
    for (size_t i = 0; i < m->mx * C; i++) m->acc0[i] = mg_zero(fc, true).bits;
    model_passes(c, m);
    for (size_t i = 0; i < m->mx * C; i++) {
        if (m->out[i] != mg_zero(fc, false).bits) {
            snprintf(err, errlen, "model: -0 through a zero-padded pass gave %llx, not +0 "
                     "(docs/mac_array.md rule 8)", (unsigned long long)m->out[i]);
            return -2;
        }
    }
    return 0;
}

static int make_matmul(const mg_mac_array_cfg *c, uint64_t *s, int index, matmul *m)
{
    memset(m, 0, sizeof *m);
    const mg_unit *u = &c->mac;
    const size_t R = (size_t)c->rows, C = (size_t)c->cols;
    m->kind = index % DATA_KINDS;
    m->mx = 1 + mg_verify_rand(s) % 8;
    m->k = 1 + mg_verify_rand(s) % (index % 2 ? R : 3 * R);
    if (index % 4 == 0) m->k = 2 * R + 1; /* a ragged last pass */
    m->passes = (m->k + R - 1) / R;
    m->kpad = m->passes * R;
    if (alloc_matmul(m, C)) return -1;
    /* Padding stays +0 (encoding 0): the array computes those steps too. */
    for (size_t r = 0; r < m->mx; r++)
        for (size_t k = 0; k < m->k; k++) m->x[r * m->kpad + k] = draw(s, mg_unit_format(u, "a"), m->kind);
    for (size_t k = 0; k < m->k; k++)
        for (size_t col = 0; col < C; col++) m->w[k * C + col] = draw(s, mg_unit_format(u, "w"), m->kind);
    for (size_t i = 0; i < m->mx * C; i++) m->acc0[i] = draw(s, mg_unit_format(u, "acc"), m->kind);
    model_passes(c, m);
    return 0;
}

/* Tile t of given matrices: every row of X against columns t*C.. of W,
 * converted as macgen matmul converts them (rne, saturating), from +0. */
static int make_given(const mg_mac_array_cfg *c, const mg_array_given *g, size_t t, matmul *m)
{
    memset(m, 0, sizeof *m);
    const mg_unit *u = &c->mac;
    const size_t R = (size_t)c->rows, C = (size_t)c->cols;
    m->kind = -1;
    m->mx = g->R;
    m->k = g->K;
    m->passes = (m->k + R - 1) / R;
    m->kpad = m->passes * R;
    if (alloc_matmul(m, C)) return -1;
    for (size_t r = 0; r < m->mx; r++)
        for (size_t k = 0; k < m->k; k++) m->x[r * m->kpad + k] = mg_acc_quantize(mg_unit_format(u, "a"), g->x[r * g->K + k]).bits;
    for (size_t k = 0; k < m->k; k++)
        for (size_t col = 0; col < C && t * C + col < g->C; col++)
            m->w[k * C + col] = mg_acc_quantize(mg_unit_format(u, "w"), g->w[k * g->C + t * C + col]).bits;
    model_passes(c, m);
    return 0;
}

/* Appends one matrix multiply's steps: per pass, load the weights, then
 * stream the rows of X and drain. */
static int script_matmul(const mg_mac_array_cfg *c, const mg_array_layout *l, mg_array_script *sc,
                         const matmul *m, int mm)
{
    const widths wd = widths_of(c);
    const long R = c->rows, C = c->cols, MX = (long)m->mx, lat = mg_mac_array_latency(c);
    const long pe_lat = mg_mac_array_pe_latency(c);
    for (size_t p = 0; p < m->passes; p++) {
        for (long t = 0; t < R; t++) {
            uint32_t *in = mg_array_script_step(sc);
            if (!in) return -1;
            mg_put_bits(in, l->rst, 1, 1);
            mg_put_bits(in, l->load_w, 1, 1);
            size_t k = p * (size_t)R + (size_t)(R - 1 - t);
            for (long col = 0; col < C; col++)
                mg_put_bits(in, l->w + col * wd.ww, wd.ww, m->w[k * (size_t)C + (size_t)col]);
        }
        for (long t = 0; t < MX + lat + C; t++) {
            uint32_t *in = mg_array_script_step(sc);
            if (!in) return -1;
            mg_array_expect *ex = mg_array_script_last_expect(sc);
            mg_put_bits(in, l->rst, 1, 1);
            mg_put_bits(in, l->valid, 1, t < MX);
            for (long k = 0; k < R; k++) {
                long r = t - k * pe_lat;
                if (r >= 0 && r < MX)
                    mg_put_bits(in, l->a + k * wd.aw, wd.aw, m->x[(size_t)r * m->kpad + p * (size_t)R + (size_t)k]);
            }
            for (long col = 0; col < C; col++) {
                long r = t - col;
                if (r >= 0 && r < MX) {
                    size_t i = (size_t)r * (size_t)C + (size_t)col;
                    uint64_t acc = p == 0 ? m->acc0[i] : m->out[(p - 1) * m->mx * (size_t)C + i];
                    mg_put_bits(in, l->acc + col * wd.cw, wd.cw, acc);
                }
                r = t - lat - col;
                if (r >= 0 && r < MX) {
                    size_t at = (p * m->mx + (size_t)r) * (size_t)C + (size_t)col;
                    ex[col] = (mg_array_expect){ 1, m->out[at], m->flags[at], m->events[at], mm, (int)p, (int)r };
                }
            }
        }
    }
    return 0;
}

static int emit_array(const void *cfg, const char *dir, char *err, size_t errlen)
{
    mg_rtl_output out;
    return mg_mac_array_emit(cfg, dir, "macgen verify (fresh RTL)", &out, err, errlen);
}

typedef struct {
    uint64_t seed;
    unsigned long cases;
    const char *rtl_dir;
    mg_array_given given; /* --x --w -o: given matrices instead of random ones */
    mg_protocol_opts protocol; /* --protocol, --misuse, --trace */
} options;

/* The run's state: the matrix multiplies (for the mismatch lines) and the
 * coverage of the outputs checked. */
typedef struct {
    const mg_mac_array_cfg *c;
    uint64_t seed, state;   /* --seed, and the generator drawing from it */
    unsigned long cases;
    matmul *mms;
    unsigned long long macs, passes, n_flagged, n_events;
    mg_array_given *given; /* NULL: random matrices */
    const mg_protocol_opts *protocol;
    mg_timeline tl; /* a protocol run's */
} run_ctx;

/* A protocol run: matrix multiply i on the timeline, a reset before every
 * fifth; the second one is rule 8's padding case (make_padding). */
static int script_protocol(run_ctx *x, unsigned long i, const mg_array_layout *l, mg_array_script *sc, matmul *m)
{
    const mg_mac_array_cfg *c = x->c;
    const widths wd = widths_of(c);
    if (i == 0) {
        mg_timeline_init(&x->tl, sc, l, x->seed, x->protocol->misuse);
        x->tl.zero_fill = x->protocol->trace > 0;
    }
    const mg_mac_protocol_mm pm = { m->mx, m->kpad, m->passes, c->rows, c->cols, wd.ww, wd.aw, wd.cw,
                                    mg_mac_array_latency(c), mg_mac_array_pe_latency(c),
                                    m->x, m->w, m->acc0, m->out, m->flags, m->events };
    return mg_protocol_mac_matmul(&x->tl, &pm, (int)i, i % 5 == 4);
}

static int script_one(void *vctx, unsigned long i, const mg_array_layout *l, mg_array_script *sc, char *err,
                      size_t errlen)
{
    run_ctx *x = vctx;
    matmul *m = &x->mms[i];
    int made = x->given ? make_given(x->c, x->given, i, m) : make_matmul(x->c, &x->state, (int)i, m);
    if (!made && x->protocol->on && i == 1 && x->c->rows >= 2) {
        size_t mx = m->mx;
        free_matmul(m);
        memset(m, 0, sizeof *m);
        m->mx = mx;
        made = make_padding(x->c, &x->state, m, err, errlen);
        if (made == -2) return -1;
    }
    if (made || (x->protocol->on ? script_protocol(x, i, l, sc, m) : script_matmul(x->c, l, sc, m, (int)i))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    x->macs += (unsigned long long)m->mx * m->kpad * (unsigned long long)x->c->cols;
    x->passes += m->passes;
    return 0;
}

static void describe(void *vctx, const mg_array_expect *e)
{
    const run_ctx *x = vctx;
    const matmul *m = &x->mms[e->mm];
    if (m->kind < 0) printf("columns %d.. of the given W (K=%zu)", e->mm * x->c->cols, m->k);
    else printf("matmul %d (%s data, K=%zu)", e->mm, data_names[m->kind], m->k);
}

/* Given matrices: the last pass's acc_o is the RTL's Y. */
static void record(void *vctx, const mg_array_expect *e, int col, uint64_t acc)
{
    run_ctx *x = vctx;
    if ((size_t)e->pass + 1 == x->mms[e->mm].passes) mg_array_given_record(x->given, (size_t)e->mm, x->c->cols, (size_t)e->r, col, acc);
}

static void tally(void *vctx, const mg_array_expect *e)
{
    run_ctx *x = vctx;
    x->n_flagged += (e->flags & ~(unsigned)MG_FLAG_INEXACT) != 0;
    x->n_events += e->events != 0;
}

static void print_pass(void *vctx, const mg_array_stats *st)
{
    const run_ctx *x = vctx;
    const double drv = st->script_s + st->sim_s;
    printf("verify %s: PASS, %lu matrix multiplies (%llu passes, %llu outputs, %llu with flags beyond "
           "inexact, %llu with LBA events; %llu MACs, %zu cycles), seed %llu; driver %s %.1f s, "
           "simulation %.2f s (%.2f M MACs/s)\n",
           x->c->canonical, x->cases, x->passes, st->checked, x->n_flagged, x->n_events, x->macs, st->cycles,
           (unsigned long long)x->seed, st->cached ? "cached," : "built in", st->build_s, drv,
           (double)x->macs / drv * 1e-6);
}

/* The peak memory of a cold Verilator build, per PE (docs/verify.md),
 * rounded up: lba PEs 4.3 MB (291 MB for 8 x 8, 1123 MB for 16 x 16); the
 * other presets as the fp32 PE, 16 MB (270 MB for 4 x 4; bf16 185 MB). */
#define LBA_PE_BYTES 5e6
#define FLOAT_PE_BYTES 17e6
static double build_bytes_per_pe(const mg_mac_array_cfg *c)
{
    return strcmp(c->pe, "lba") ? FLOAT_PE_BYTES : LBA_PE_BYTES;
}

static int run(const mg_mac_array_cfg *c, options *o)
{
    mg_array_given *g = mg_array_given_on(&o->given) ? &o->given : NULL;
    if (g) o->cases = mg_array_given_tiles(g, c->cols);
    run_ctx x = { .c = c, .seed = o->seed, .state = o->seed, .cases = o->cases,
                  .mms = calloc(o->cases, sizeof(matmul)), .given = g, .protocol = &o->protocol };
    if (!x.mms) {
        mg_error("verify", "out of memory");
        return MG_EXIT_USAGE;
    }
    const widths w = widths_of(c);
    char extra[64] = "";
    if (o->protocol.on)
        snprintf(extra, sizeof extra, " %s%s", o->protocol.misuse ? "--misuse " : "--protocol",
                 o->protocol.misuse ? mg_misuse_name(o->protocol.misuse) : "");
    const mg_array_job j = {
        .canonical = c->canonical, .top = c->top,
        .bits = { .w = (long)c->cols * w.ww, .a = (long)c->rows * w.aw, .acc = (long)c->cols * w.cw,
                  .flags = c->flags ? 5L * c->cols : 0, .events = c->events ? 3L * c->cols : 0, .cols = c->cols },
        .rtl_dir = o->rtl_dir, .pes = (long)c->rows * c->cols, .build_bytes_per_pe = build_bytes_per_pe(c),
        .emit = emit_array, .emit_ctx = c, .seed = o->seed, .cases = o->cases, .ctx = &x,
        .script = script_one, .describe = describe, .tally = tally, .print_pass = print_pass,
        .record = g ? record : NULL, .repro = g ? g->repro : NULL, .extra_args = extra,
        .timeline = o->protocol.on, .misuse = o->protocol.misuse ? mg_misuse_name(o->protocol.misuse) : NULL,
        .misuse_what = mg_misuse_what(o->protocol.misuse), .misused = &x.tl.misused, .trace = o->protocol.trace,
    };
    int rc = mg_verify_array_run(&j);
    if (g && (rc == MG_EXIT_OK || rc == MG_EXIT_MISMATCH)) {
        int wr = mg_array_given_write(g, mg_unit_format(&c->mac, "acc"));
        if (wr != MG_EXIT_OK && rc == MG_EXIT_OK) rc = wr;
    }
    for (unsigned long i = 0; i < o->cases; i++) free_matmul(&x.mms[i]);
    free(x.mms);
    return rc;
}

static void usage(FILE *out)
{
    fprintf(out, "usage: macgen verify mac_array key=value... [--matrices N] [--seed S] [--rtl DIR]\n"
                 "                                [--protocol | --misuse KIND] [--trace N]\n"
                 "       macgen verify mac_array key=value... --x X.npy --w W.npy -o Y.npy [--out-dtype D]\n\n"
                 "Verilates the float MAC array (cached by a hash of its Verilog) and streams N\n"
                 "random matrix multiplies (default 20; K up to 3x rows, so several passes with\n"
                 "a zero-padded last one; random encodings incl. NaN/Inf/subnormals, moderate\n"
                 "values, many zeros, overflow, underflow) through it on the documented\n"
                 "schedule.  Every acc_o word, flag, event and valid bit is compared with the\n"
                 "golden model: the chain of mg_mac steps down each column, in row order, from\n"
                 "the accumulator input.  --rtl DIR checks the Verilog in DIR instead.\n"
                 "--x --w -o: the given matrices instead (converted as 'macgen matmul' converts\n"
                 "them, W cut into tiles of cols= columns, every output from +0), compared with\n"
                 "the model as above, and the Y the array produced written to -o as 'macgen\n"
                 "matmul' writes it (--out-dtype float32|float64|bits), for a byte comparison.\n"
                 "Exit status: 0 equal, 1 mismatch (printed, with a reproducing command), 2 bad\n"
                 "input, 3 Verilator or g++ missing, failing or timed out, 4 the cache or Y\n"
                 "cannot be written.\n\n");
    mg_protocol_help(out);
    fputs("\n  mac_array\n", out);
    mg_unit_print_help(out, &mg_unit_mac_array, false, "      ");
}

int mg_mac_array_verify(int argc, char **argv)
{
    if (mg_wants_help(argc, argv)) {
        usage(stdout);
        return MG_EXIT_OK;
    }
    options o = { .seed = 1, .cases = 20 };
    unsigned long long v;
    bool unit_seen = false; /* the first positional argument: mac_array */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        int given = mg_array_given_option(&o.given, argc, argv, &i);
        if (given == 0) given = mg_protocol_option(&o.protocol, argc, argv, &i);
        if (given < 0) return MG_EXIT_USAGE;
        if (given > 0) continue;
        if (!strcmp(a, "--seed")) {
            if (mg_parse_option_u64("verify", a, next, 0, UINT64_MAX, MG_NUM_HEX, &v)) return MG_EXIT_USAGE;
            o.seed = v;
            i++;
        } else if (!strcmp(a, "--matrices")) {
            if (mg_parse_option_u64("verify", a, next, 1, 1000000, 0, &v)) return MG_EXIT_USAGE;
            o.cases = (unsigned long)v;
            i++;
        } else if (!strcmp(a, "--rtl")) {
            if (!next) {
                mg_error("verify", "--rtl needs a directory of Verilog files");
                return MG_EXIT_USAGE;
            }
            o.rtl_dir = next;
            i++;
        } else if (!unit_seen && a[0] != '-' && !mg_is_kv(a)) {
            unit_seen = true;
        } else if (!mg_is_kv(a)) {
            mg_error("verify", "unexpected argument '%s' (see macgen verify mac_array --help)", a);
            return MG_EXIT_USAGE;
        }
    }
    char err[512];
    mg_kv_list kv;
    if (mg_kv_collect(argc, argv, &kv, err, sizeof err)) {
        mg_error("verify", "%s", err);
        return MG_EXIT_USAGE;
    }
    mg_mac_array_cfg c;
    if (o.protocol.on && mg_array_given_on(&o.given)) {
        mg_error("verify", "--protocol, --misuse and --trace are for random matrix multiplies (not with --x/--w)");
        return MG_EXIT_USAGE;
    }
    if (mg_mac_array_configure(&c, &kv, err, sizeof err) ||
        (mg_array_given_on(&o.given) && mg_array_given_load(&o.given, err, sizeof err)) ||
        (o.protocol.misuse && mg_misuse_applies(o.protocol.misuse, false, false, err, sizeof err))) {
        mg_error("verify", "%s", err);
        mg_array_given_free(&o.given);
        return MG_EXIT_USAGE;
    }
    int rc = run(&c, &o);
    mg_array_given_free(&o.given);
    return rc;
}
