/* `macgen verify mac_array`: random matrix multiplies, several passes when
 * K > rows, streamed through the Verilated float MAC array on the schedule
 * of docs/mac_array.md.  Every acc_o word, flag, event and valid bit is
 * compared with the golden model: each output is the chain of mg_mac steps
 * down its column, in row order, from the accumulator input (sim/model/ops.h).
 *
 * The Verilator driver is the HBFP one (sim/verify/harness/hbfp_tb.cpp, array port
 * list); a small generated adapter module gives the MAC array that port
 * list, so no second driver is needed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "model.h"
#include "unit_mac_array.h"
#include "verify_array.h"
#include "verify_hbfp.h"
#include "verify_rtl_dir.h"
#include "verify_sim.h"

#define ADAPTER "mac_array_vtb"

enum { DATA_RANDOM_BITS, DATA_MODERATE, DATA_ZEROS, DATA_OVERFLOW, DATA_TINY, DATA_KINDS };
static const char *const data_names[DATA_KINDS] = { "random-encodings", "moderate", "many-zeros",
                                                    "overflow", "subnormal/underflow" };

/* One encoding of format f for data kind `kind`. */
static uint64_t draw(uint64_t *s, const mg_format *f, int kind)
{
    const uint64_t r = mg_hbfp_rand(s);
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

/* The driver's array port list as the adapter below fills it: one exponent
 * and one enable (unused), flags_o 8 bits a column ({events, flags}). */
static mg_array_layout make_layout(const mg_mac_array_cfg *c)
{
    const widths w = widths_of(c);
    const mg_array_port_bits b = { .w = (long)c->cols * w.ww, .eb = 8, .a = (long)c->rows * w.aw, .ea = 8, .en = 1,
                                   .acc = (long)c->cols * w.cw, .flags_o = (long)c->cols * 8, .cols = c->cols };
    return mg_array_layout_of(&b);
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

static int make_matmul(const mg_mac_array_cfg *c, uint64_t *s, int index, matmul *m)
{
    memset(m, 0, sizeof *m);
    const mg_unit *u = &c->mac;
    const size_t R = (size_t)c->rows, C = (size_t)c->cols;
    m->kind = index % DATA_KINDS;
    m->mx = 1 + mg_hbfp_rand(s) % 8;
    m->k = 1 + mg_hbfp_rand(s) % (index % 2 ? R : 3 * R);
    if (index % 4 == 0) m->k = 2 * R + 1; /* a ragged last pass */
    m->passes = (m->k + R - 1) / R;
    m->kpad = m->passes * R;
    m->x = calloc(m->mx * m->kpad, sizeof *m->x);
    m->w = calloc(m->kpad * C, sizeof *m->w);
    m->acc0 = calloc(m->mx * C, sizeof *m->acc0);
    m->out = calloc(m->passes * m->mx * C, sizeof *m->out);
    m->flags = calloc(m->passes * m->mx * C, sizeof *m->flags);
    m->events = calloc(m->passes * m->mx * C, sizeof *m->events);
    if (!m->x || !m->w || !m->acc0 || !m->out || !m->flags || !m->events) return -1;
    /* Padding stays +0 (encoding 0): the array computes those steps too. */
    for (size_t r = 0; r < m->mx; r++)
        for (size_t k = 0; k < m->k; k++) m->x[r * m->kpad + k] = draw(s, mg_unit_format(u, "a"), m->kind);
    for (size_t k = 0; k < m->k; k++)
        for (size_t col = 0; col < C; col++) m->w[k * C + col] = draw(s, mg_unit_format(u, "w"), m->kind);
    for (size_t i = 0; i < m->mx * C; i++) m->acc0[i] = draw(s, mg_unit_format(u, "acc"), m->kind);

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
    return 0;
}

/* Appends one matrix multiply's steps: per pass, load the weights, then
 * stream the rows of X and drain. */
static int script_matmul(const mg_mac_array_cfg *c, const mg_array_layout *l, mg_array_script *sc,
                         const matmul *m, int mm)
{
    const widths wd = widths_of(c);
    const long R = c->rows, C = c->cols, MX = (long)m->mx, lat = mg_mac_array_latency(c);
    for (size_t p = 0; p < m->passes; p++) {
        for (long t = 0; t < R; t++) {
            uint32_t *in = mg_array_script_step(sc);
            if (!in) return -1;
            mg_hbfp_put_bits(in, l->rst, 1, 1);
            mg_hbfp_put_bits(in, l->load_w, 1, 1);
            size_t k = p * (size_t)R + (size_t)(R - 1 - t);
            for (long col = 0; col < C; col++)
                mg_hbfp_put_bits(in, l->w + col * wd.ww, wd.ww, m->w[k * (size_t)C + (size_t)col]);
        }
        for (long t = 0; t < MX + lat + C; t++) {
            uint32_t *in = mg_array_script_step(sc);
            if (!in) return -1;
            mg_array_expect *ex = mg_array_script_last_expect(sc);
            mg_hbfp_put_bits(in, l->rst, 1, 1);
            mg_hbfp_put_bits(in, l->valid, 1, t < MX);
            for (long k = 0; k < R; k++) {
                long r = t - k;
                if (r >= 0 && r < MX)
                    mg_hbfp_put_bits(in, l->a + k * wd.aw, wd.aw, m->x[(size_t)r * m->kpad + p * (size_t)R + (size_t)k]);
            }
            for (long col = 0; col < C; col++) {
                long r = t - col;
                if (r >= 0 && r < MX) {
                    size_t i = (size_t)r * (size_t)C + (size_t)col;
                    uint64_t acc = p == 0 ? m->acc0[i] : m->out[(p - 1) * m->mx * (size_t)C + i];
                    mg_hbfp_put_bits(in, l->acc + col * wd.cw, wd.cw, acc);
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

/* ---- The Verilog the driver is built from: the array (fresh, or the
 * user's --rtl DIR) plus the adapter to the driver's array port list. */
typedef struct {
    const mg_mac_array_cfg *c;
    const char *rtl_dir;
} emit_ctx;

static int emit_for_driver(const void *vctx, const char *dir, char *err, size_t errlen)
{
    const emit_ctx *x = vctx;
    const mg_mac_array_cfg *c = x->c;
    if (x->rtl_dir) {
        if (mg_verify_copy_verilog(x->rtl_dir, dir, err, errlen)) return -1;
    } else {
        mg_rtl_output out;
        if (mg_mac_array_emit(c, dir, "macgen verify (fresh RTL)", &out, err, errlen)) return -1;
    }
    const widths w = widths_of(c);
    char path[1200];
    snprintf(path, sizeof path, "%s/%s.v", dir, ADAPTER);
    mg_atomic_file af;
    if (mg_atomic_open(&af, path, err, errlen)) return -1;
    FILE *fp = af.fp;
    fprintf(fp, "// %s: adapts %s to the port list of macgen's array driver\n"
                "// (load_e_i, eb_i, ea_i, en_i unused; flags_o carries {events, flags} per column).\n"
                "`default_nettype none\n\nmodule %s (\n"
                "  input  wire clk_i,\n  input  wire rst_ni,\n  input  wire load_w_i,\n"
                "  input  wire [%d:0] w_i,\n  input  wire load_e_i,\n  input  wire [7:0] eb_i,\n"
                "  input  wire valid_i,\n  input  wire [%d:0] a_i,\n  input  wire [7:0] ea_i,\n"
                "  input  wire en_i,\n  input  wire [%d:0] acc_i,\n  output wire [%d:0] acc_o,\n"
                "  output wire [%d:0] flags_o,\n  output wire [%d:0] valid_o\n);\n",
            ADAPTER, c->top, ADAPTER, c->cols * w.ww - 1, c->rows * w.aw - 1, c->cols * w.cw - 1,
            c->cols * w.cw - 1, c->cols * 8 - 1, c->cols - 1);
    fprintf(fp, "  wire [%d:0] flags;\n  wire [%d:0] events;\n", c->cols * 5 - 1, c->cols * 3 - 1);
    fprintf(fp, "  %s u_array (\n    .clk_i (clk_i), .rst_ni (rst_ni), .load_w_i (load_w_i), .w_i (w_i),\n"
                "    .valid_i (valid_i), .a_i (a_i), .acc_i (acc_i), .acc_o (acc_o), .flags_o (flags),\n"
                "    .events_o (events), .valid_o (valid_o)\n  );\n", c->top);
    fprintf(fp, "  genvar c;\n  generate\n    for (c = 0; c < %d; c = c + 1) begin : gen_pack\n"
                "      assign flags_o[c*8 +: 8] = {events[c*3 +: 3], flags[c*5 +: 5]};\n"
                "    end\n  endgenerate\n"
                "  wire unused_ok = &{1'b0, load_e_i, eb_i, ea_i, en_i, 1'b0};\nendmodule\n\n"
                "`default_nettype wire\n", c->cols);
    return mg_atomic_commit(&af, err, errlen);
}

typedef struct {
    uint64_t seed;
    unsigned long cases;
    const char *rtl_dir;
} options;

static int run(const mg_mac_array_cfg *c, const options *o)
{
    char err[1400], exe[1200];
    int cached;
    const double t0 = mg_verify_now();
    emit_ctx ctx = { c, o->rtl_dir };
    if (mg_hbfp_build_driver(ADAPTER, MG_HBFP_TB_ARRAY, &ctx, emit_for_driver, NULL, exe, sizeof exe, &cached,
                             err, sizeof err)) {
        mg_error("verify", "%s", err);
        return MG_EXIT_USAGE;
    }
    const double t1 = mg_verify_now();
    const mg_array_layout l = make_layout(c);
    const widths wd = widths_of(c);
    mg_array_script sc = mg_array_script_new(&l, c->cols);
    uint64_t seed = o->seed;
    int rc = MG_EXIT_USAGE;
    matmul *mms = calloc(o->cases, sizeof *mms);
    uint32_t *res = NULL;
    unsigned long long macs = 0, passes = 0;
    if (!mms) goto oom;
    for (int i = 0; i < 2; i++) /* two cycles of reset */
        if (!mg_array_script_step(&sc)) goto oom;
    for (unsigned long i = 0; i < o->cases; i++) {
        if (make_matmul(c, &seed, (int)i, &mms[i])) goto oom;
        if (i % 5 == 4 && !mg_array_script_step(&sc)) goto oom; /* a reset between some */
        if (script_matmul(c, &l, &sc, &mms[i], (int)i)) goto oom;
        macs += (unsigned long long)mms[i].mx * mms[i].kpad * (unsigned long long)c->cols;
        passes += mms[i].passes;
    }
    if (mg_array_script_run(exe, &sc, &l, &res, err, sizeof err)) {
        mg_error("verify", "%s", err);
        goto out;
    }
    const double t2 = mg_verify_now();

    unsigned long long checked = 0, bad = 0, n_flagged = 0, n_events = 0;
    for (size_t st = 0; st < sc.steps; st++) {
        const uint32_t *ow = res + st * (size_t)l.out_words;
        for (int col = 0; col < c->cols; col++) {
            const mg_array_expect *e = &sc.exp[st * (size_t)c->cols + (size_t)col];
            int valid = (int)mg_hbfp_get_bits(ow, l.valid_o + col, 1);
            uint64_t acc = mg_hbfp_get_bits(ow, l.acc_o + (long)col * wd.cw, wd.cw);
            unsigned both = (unsigned)mg_hbfp_get_bits(ow, l.flags_o + (long)col * 8, 8);
            unsigned fl = both & 0x1f, ev = both >> 5;
            if (e->valid) {
                checked++;
                n_flagged += (e->flags & ~(unsigned)MG_FLAG_INEXACT) != 0;
                n_events += e->events != 0;
            }
            if (valid == e->valid && (!e->valid || (acc == e->acc && fl == e->flags && ev == e->events)))
                continue;
            if (bad++ >= MG_ARRAY_MAX_REPORTED) continue;
            if (!e->valid) {
                mg_array_report_unexpected(st, col);
                continue;
            }
            const matmul *m = &mms[e->mm];
            printf("mismatch at cycle %zu: matmul %d (%s data, K=%zu), pass %d, Y[%d][%d]: expected %0*llx "
                   "flags %02x events %x, actual %0*llx flags %02x events %x%s\n",
                   st, e->mm, data_names[m->kind], m->k, e->pass, e->r, col, (wd.cw + 3) / 4,
                   (unsigned long long)e->acc, e->flags, e->events, (wd.cw + 3) / 4, (unsigned long long)acc, fl,
                   ev, valid ? "" : " (valid_o low)");
        }
    }
    if (bad == 0) {
        const double drv = t2 - t1;
        printf("verify %s: PASS, %lu matrix multiplies (%llu passes, %llu outputs, %llu with flags beyond "
               "inexact, %llu with LBA events; %llu MACs, %zu cycles), seed %llu; driver %s %.1f s, "
               "simulation %.2f s (%.2f M MACs/s)\n",
               c->canonical, o->cases, passes, checked, n_flagged, n_events, macs, sc.steps,
               (unsigned long long)o->seed, cached ? "cached," : "built in", t1 - t0, drv,
               (double)macs / drv * 1e-6);
        rc = MG_EXIT_OK;
    } else {
        mg_array_report_fail(c->canonical, bad, checked, o->seed, o->cases, o->rtl_dir);
        rc = MG_EXIT_MISMATCH;
    }
    goto out;
oom:
    mg_error("verify", "out of memory");
out:
    for (unsigned long i = 0; mms && i < o->cases; i++) free_matmul(&mms[i]);
    free(mms);
    mg_array_script_free(&sc);
    free(res);
    return rc;
}

static void usage(FILE *out)
{
    fprintf(out, "usage: macgen verify mac_array key=value... [--matrices N] [--seed S] [--rtl DIR]\n\n"
                 "Verilates the float MAC array (cached by a hash of its Verilog) and streams N\n"
                 "random matrix multiplies (default 20; K up to 3x rows, so several passes with\n"
                 "a zero-padded last one; random encodings incl. NaN/Inf/subnormals, moderate\n"
                 "values, many zeros, overflow, underflow) through it on the documented\n"
                 "schedule.  Every acc_o word, flag, event and valid bit is compared with the\n"
                 "golden model: the chain of mg_mac steps down each column, in row order, from\n"
                 "the accumulator input.  --rtl DIR checks the Verilog in DIR instead.\n"
                 "Exit status: 0 equal, 1 mismatch (printed, with a reproducing command), 2 bad\n"
                 "input or tool failure.\n\n  mac_array\n");
    mg_unit_print_help(out, &mg_unit_mac_array, false, "      ");
}

int mg_mac_array_verify(int argc, char **argv)
{
    if (mg_wants_help(argc, argv)) {
        usage(stdout);
        return MG_EXIT_OK;
    }
    options o = { 1, 20, NULL };
    unsigned long long v;
    bool unit_seen = false; /* the first positional argument: mac_array */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--seed")) {
            if (mg_parse_option_u64("verify", a, next, 0, UINT64_MAX, &v)) return MG_EXIT_USAGE;
            o.seed = v;
            i++;
        } else if (!strcmp(a, "--matrices")) {
            if (mg_parse_option_u64("verify", a, next, 1, 1000000, &v)) return MG_EXIT_USAGE;
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
    if (mg_mac_array_configure(&c, &kv, err, sizeof err)) {
        mg_error("verify", "%s", err);
        return MG_EXIT_USAGE;
    }
    return run(&c, &o);
}
