/* `macgen verify hbfp_array`: random matrix multiplies, several passes when
 * K > rows, streamed through the Verilated array on the fixed schedule of
 * docs/hbfp_array.md; every output word, flag and valid bit is compared
 * with the HBFP golden model (sim/model/hbfp.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acc_input.h"
#include "verify_array.h"
#include "verify_hbfp.h"
#include "verify_bits.h"

/* Kinds of data; each matrix multiply uses one, in turn. */
enum { DATA_NORMAL, DATA_ZERO_BLOCKS, DATA_EXTREME, DATA_OVERFLOW, DATA_SUBNORMAL, DATA_WIDE, DATA_KINDS };
static const char *const data_names[DATA_KINDS] = { "normal", "zero-blocks", "extreme-exponents",
                                                    "acc-overflow", "subnormal-results", "wide-range" };

/* The scale exponent of one block of one row of X or column of W. */
static int block_scale(uint64_t *s, int kind)
{
    uint64_t r = mg_verify_rand(s);
    switch (kind) {
    case DATA_EXTREME: {
        static const int pick[] = { 127, 126, -126, -140, -149, -160, 0, 100, -100 };
        return pick[r % (sizeof pick / sizeof pick[0])];
    }
    case DATA_OVERFLOW: return 110 + (int)(r % 18);           /* products far above 2^128 */
    case DATA_SUBNORMAL: return -60 - (int)(r % 20);         /* products near 2^-130..-160 */
    case DATA_WIDE: return (int)(r % 300) - 160;
    default: return (int)(r % 41) - 20;
    }
}

/* Fills a vector of k FP32 values (stride apart) block by block. */
static void fill_vector(uint64_t *s, int kind, int block, mg_bits *v, size_t k, size_t stride)
{
    for (size_t j0 = 0; j0 < k; j0 += (size_t)block) {
        int e = block_scale(s, kind);
        int zero_block = kind == DATA_ZERO_BLOCKS && mg_verify_rand(s) % 5 < 2;
        for (size_t j = j0; j < k && j < j0 + (size_t)block; j++) {
            uint64_t r = mg_verify_rand(s);
            uint32_t x;
            if (zero_block || r % 16 == 0) x = (uint32_t)(r >> 40 & 1) << 31; /* +-0 */
            else x = mg_hbfp_random_fp32(s, e - (int)(r % 6));
            v[j * stride].bits = x;
        }
    }
}

typedef mg_block_matmul matmul;

void mg_block_matmul_free(matmul *m, int cols)
{
    for (size_t i = 0; m->x && i < m->rows_x; i++) {
        free(m->x[i].exp);
        free(m->x[i].q);
    }
    for (int i = 0; m->w && i < cols; i++) {
        free(m->w[i].exp);
        free(m->w[i].q);
    }
    free(m->x);
    free(m->w);
    free(m->pass_acc);
    free(m->pass_flags);
}

static int quantise(const mg_hbfp_quant_spec *q, const mg_bits *v, size_t k, size_t stride, size_t nblocks,
                    mg_block_qvec *out)
{
    out->exp = calloc(nblocks, sizeof *out->exp);
    out->q = calloc(nblocks * (size_t)q->block, sizeof *out->q);
    if (!out->exp || !out->q) return -1;
    mg_bits buf[MG_HBFP_BLOCK_MAX];
    for (size_t b = 0; b < nblocks; b++) {
        for (int i = 0; i < q->block; i++) {
            size_t j = b * (size_t)q->block + (size_t)i;
            buf[i].bits = j < k ? v[j * stride].bits : 0;
        }
        unsigned fl = 0;
        mg_hbfp_quant(q, buf, NULL, &out->exp[b], out->q + b * (size_t)q->block, &fl);
    }
    return 0;
}

/* The edge unit's step: acc + one HBFP block dot product. */
typedef struct {
    int n, block;
    const mg_format *acc;
} hbfp_step_ctx;

static mg_bits hbfp_step(const void *vctx, const matmul *m, size_t r, size_t col, size_t blk, mg_bits acc,
                         unsigned *flags)
{
    const hbfp_step_ctx *h = vctx;
    size_t at = blk * (size_t)h->block;
    return mg_hbfp_dot_step(h->n, h->block, h->acc, m->x[r].exp[blk], m->x[r].q + at, m->w[col].exp[blk],
                            m->w[col].q + at, acc, flags);
}

/* Draws one matrix multiply, computes the model's result per pass, and
 * checks the per-pass chain against mg_hbfp_matmul (the model's own entry). */
static int make_matmul(const mg_hbfp_array_cfg *c, uint64_t *s, int index, const mg_hbfp_verify_opts *o,
                       matmul *m, char *err, size_t errlen)
{
    mg_block_matmul_shape(c, s, index, o, DATA_KINDS, m);
    const int b = c->block;
    const size_t cols = (size_t)c->cols;
    mg_bits *x = calloc(m->rows_x * m->k, sizeof *x);
    mg_bits *w = calloc(m->k * cols, sizeof *w);
    mg_bits *y = calloc(m->rows_x * cols, sizeof *y);
    m->x = calloc(m->rows_x, sizeof *m->x);
    m->w = calloc(cols, sizeof *m->w);
    m->pass_acc = calloc(m->passes * m->rows_x * cols, sizeof *m->pass_acc);
    m->pass_flags = calloc(m->passes * m->rows_x * cols, sizeof *m->pass_flags);
    int rc = -1;
    if (!x || !w || !y || !m->x || !m->w || !m->pass_acc || !m->pass_flags) goto oom;
    for (size_t r = 0; r < m->rows_x; r++) fill_vector(s, m->kind, b, x + r * m->k, m->k, 1);
    for (size_t col = 0; col < cols; col++) fill_vector(s, m->kind, b, w + col, m->k, cols);

    mg_hbfp_matmul_spec spec;
    spec.quant = mg_hbfp_quant_spec_default();
    spec.quant.n = c->n;
    spec.quant.block = b;
    spec.acc = c->acc;
    if (mg_hbfp_matmul(&spec, x, w, m->rows_x, m->k, cols, NULL, NULL, y, NULL)) goto oom;
    for (size_t r = 0; r < m->rows_x; r++)
        if (quantise(&spec.quant, x + r * m->k, m->k, 1, m->nblocks, &m->x[r])) goto oom;
    for (size_t col = 0; col < cols; col++)
        if (quantise(&spec.quant, w + col, m->k, cols, m->nblocks, &m->w[col])) goto oom;

    const hbfp_step_ctx ctx = { c->n, b, &c->acc };
    mg_block_matmul_passes(m, c->groups, cols, &c->acc, hbfp_step, &ctx);
    for (size_t r = 0; r < m->rows_x; r++) {
        for (size_t col = 0; col < cols; col++) {
            mg_bits acc = m->pass_acc[((m->passes - 1) * m->rows_x + r) * cols + col];
            if (acc.bits != y[r * cols + col].bits) {
                snprintf(err, errlen, "model inconsistency: mg_hbfp_dot_step chain %llx != mg_hbfp_matmul %llx",
                         (unsigned long long)acc.bits, (unsigned long long)y[r * cols + col].bits);
                goto out;
            }
        }
    }
    rc = 0;
    goto out;
oom:
    snprintf(err, errlen, "out of memory");
out:
    free(x);
    free(w);
    free(y);
    return rc;
}

int mg_block_given_shape(const mg_hbfp_array_cfg *c, const mg_array_given *g, mg_block_matmul *m)
{
    memset(m, 0, sizeof *m);
    m->kind = -1;
    m->rows_x = g->R;
    m->k = g->K;
    m->nblocks = (m->k + (size_t)c->block - 1) / (size_t)c->block;
    m->passes = (m->nblocks + (size_t)c->groups - 1) / (size_t)c->groups;
    const size_t cols = (size_t)c->cols, n_out = m->passes * m->rows_x * cols;
    m->x = calloc(m->rows_x, sizeof *m->x);
    m->w = calloc(cols, sizeof *m->w);
    m->pass_acc = calloc(n_out, sizeof *m->pass_acc);
    m->pass_flags = calloc(n_out, sizeof *m->pass_flags);
    return m->x && m->w && m->pass_acc && m->pass_flags ? 0 : -1;
}

void mg_block_given_fp32(const mg_array_given *g, size_t r, const double *w, size_t col, size_t t, int cols, mg_bits *v)
{
    const mg_format fp32 = mg_hbfp_fp32();
    size_t gc = t * (size_t)cols + col;
    for (size_t k = 0; k < g->K; k++) {
        double d = !w ? g->x[r * g->K + k] : gc < g->C ? w[k * g->C + gc] : 0.0;
        v[k] = mg_acc_quantize(&fp32, d);
    }
}

int mg_hbfp_make_given(const mg_hbfp_array_cfg *c, const mg_array_given *g, size_t t, matmul *m, char *err,
                       size_t errlen)
{
    mg_bits *v = calloc(g->K, sizeof *v);
    mg_hbfp_quant_spec q = mg_hbfp_quant_spec_default();
    q.n = c->n;
    q.block = c->block;
    int rc = -1;
    if (!v || mg_block_given_shape(c, g, m)) goto out;
    for (size_t r = 0; r < m->rows_x; r++) {
        mg_block_given_fp32(g, r, NULL, 0, t, c->cols, v);
        if (quantise(&q, v, g->K, 1, m->nblocks, &m->x[r])) goto out;
    }
    for (size_t col = 0; col < (size_t)c->cols; col++) {
        mg_block_given_fp32(g, 0, g->w, col, t, c->cols, v);
        if (quantise(&q, v, g->K, 1, m->nblocks, &m->w[col])) goto out;
    }
    const hbfp_step_ctx ctx = { c->n, c->block, &c->acc };
    mg_block_matmul_passes(m, c->groups, (size_t)c->cols, &c->acc, hbfp_step, &ctx);
    rc = 0;
out:
    if (rc) snprintf(err, errlen, "out of memory");
    free(v);
    return rc;
}

/* Appends one matrix multiply's steps: per pass, load then stream. */
static int script_matmul(const mg_hbfp_array_cfg *c, const mg_array_layout *l, mg_array_script *sc,
                         const matmul *m, int mm)
{
    const int b = c->block, G = c->groups, n = c->n, cols = c->cols;
    const long aw = mg_format_width(&c->acc);
    const int step = mg_hbfp_array_group_step(c), lat = mg_hbfp_array_latency(c);
    const int acc_off = mg_hbfp_array_acc_offset(c);
    const long R = (long)m->rows_x;
    for (size_t p = 0; p < m->passes; p++) {
        /* Load: the bottom row first; the last group's exponents first. */
        for (int t = 0; t < c->rows; t++) {
            uint32_t *in = mg_array_script_step(sc);
            if (!in) return -1;
            mg_put_bits(in, l->rst, 1, 1);
            mg_put_bits(in, l->load_w, 1, 1);
            int k = c->rows - 1 - t, g = k / b, j = k % b;
            size_t blk = p * (size_t)G + (size_t)g;
            for (int col = 0; col < cols; col++) {
                int32_t q = blk < m->nblocks ? m->w[col].q[blk * (size_t)b + (size_t)j] : 0;
                mg_put_bits(in, l->w + (long)col * n, n, (uint64_t)(uint32_t)q);
            }
            if (t < G) {
                size_t eblk = p * (size_t)G + (size_t)(G - 1 - t);
                mg_put_bits(in, l->load_e, 1, 1);
                for (int col = 0; col < cols; col++) {
                    int e = eblk < m->nblocks ? m->w[col].exp[eblk] : 0;
                    mg_put_bits(in, l->eb + (long)col * 8, 8, (uint64_t)(uint8_t)e);
                }
            }
        }
        /* Stream R wavefronts, then drain. */
        long len = R + lat + cols;
        for (long t = 0; t < len; t++) {
            uint32_t *in = mg_array_script_step(sc);
            if (!in) return -1;
            mg_array_expect *ex = mg_array_script_last_expect(sc);
            mg_put_bits(in, l->rst, 1, 1);
            mg_put_bits(in, l->valid, 1, t < R);
            for (int g = 0; g < G; g++) {
                size_t blk = p * (size_t)G + (size_t)g;
                int on = blk < m->nblocks;
                for (int j = 0; j < b; j++) {
                    long r = t - j - (long)g * step;
                    if (r < 0 || r >= R || !on) continue;
                    int32_t q = m->x[r].q[blk * (size_t)b + (size_t)j];
                    mg_put_bits(in, l->a + (long)(g * b + j) * n, n, (uint64_t)(uint32_t)q);
                }
                long r = t - (b - 1) - (long)g * step;
                if (r >= 0 && r < R && on) {
                    mg_put_bits(in, l->ea + (long)g * 8, 8, (uint64_t)(uint8_t)m->x[r].exp[blk]);
                    mg_put_bits(in, l->en + g, 1, 1);
                }
            }
            for (int col = 0; col < cols; col++) {
                long r = t - acc_off - col;
                if (r >= 0 && r < R) {
                    uint64_t acc = p == 0 ? mg_zero(&c->acc, false).bits
                                          : m->pass_acc[((p - 1) * m->rows_x + (size_t)r) * (size_t)cols + (size_t)col].bits;
                    mg_put_bits(in, l->acc + col * aw, (int)aw, acc);
                }
                r = t - lat - col;
                if (r >= 0 && r < R) {
                    size_t at = (p * m->rows_x + (size_t)r) * (size_t)cols + (size_t)col;
                    ex[col].valid = 1;
                    ex[col].acc = m->pass_acc[at].bits;
                    ex[col].flags = m->pass_flags[at];
                    ex[col].mm = mm;
                    ex[col].pass = (int)p;
                    ex[col].r = (int)r;
                }
            }
        }
    }
    return 0;
}

static int emit_array(const void *cfg, const char *dir, char *err, size_t errlen)
{
    mg_rtl_output out;
    return mg_hbfp_array_emit(cfg, dir, "macgen verify (fresh RTL)", &out, err, errlen);
}

/* The run's state: the matrix multiplies (for the mismatch lines) and the
 * coverage of the outputs checked. */
typedef struct {
    const mg_hbfp_array_cfg *c;
    const mg_hbfp_verify_opts *o;
    uint64_t seed;
    matmul *mms;
    unsigned long long macs, passes, n_special, n_sub, n_zero, n_ovf;
} run_ctx;

static int script_one(void *vctx, unsigned long i, const mg_array_layout *l, mg_array_script *sc, char *err,
                      size_t errlen)
{
    run_ctx *x = vctx;
    matmul *m = &x->mms[i];
    /* An MX array: its own data (verify_array_mx.c), the same stream. */
    int made = x->o->given ? (x->c->mx.on ? mg_mx_make_given(x->c, x->o->given, i, m, err, errlen)
                                          : mg_hbfp_make_given(x->c, x->o->given, i, m, err, errlen))
               : x->c->mx.on ? mg_mx_make_matmul(x->c, &x->seed, (int)i, x->o, m, err, errlen)
                             : make_matmul(x->c, &x->seed, (int)i, x->o, m, err, errlen);
    if (made) return -1;
    if (script_matmul(x->c, l, sc, m, (int)i)) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    x->macs += (unsigned long long)m->rows_x * m->k * (unsigned long long)x->c->cols;
    x->passes += m->passes;
    return 0;
}

static void describe(void *vctx, const mg_array_expect *e)
{
    const run_ctx *x = vctx;
    int kind = x->mms[e->mm].kind;
    if (kind < 0) printf("columns %d.. of the given W (K=%zu)", e->mm * x->c->cols, x->mms[e->mm].k);
    else printf("matmul %d (%s data, K=%zu)", e->mm, x->c->mx.on ? mg_mx_data_name(kind) : data_names[kind],
                x->mms[e->mm].k);
}

/* Given matrices: the last pass's acc_o is the RTL's Y. */
static void record(void *vctx, const mg_array_expect *e, int col, uint64_t acc)
{
    run_ctx *x = vctx;
    if ((size_t)e->pass + 1 == x->mms[e->mm].passes)
        mg_array_given_record(x->o->given, (size_t)e->mm, x->c->cols, (size_t)e->r, col, acc);
}

/* The peak memory of a cold Verilator build, per PE: 194 MB for 16 x 16 and
 * 635 MB for 32 x 32 HBFP4 block-16 arrays, 202 MB for a 16 x 16 MX array
 * (0.57 MB a PE; docs/verify.md), rounded up. */
#define BUILD_BYTES_PER_PE 0.75e6

/* Coverage of the results checked: Inf/NaN, subnormal, zero, overflow. */
static void tally(void *vctx, const mg_array_expect *e)
{
    run_ctx *x = vctx;
    const mg_format *f = &x->c->acc;
    const uint64_t exp_mask = ((1ull << f->exp_bits) - 1) << f->frac_bits;
    const uint64_t mag_mask = (1ull << (mg_format_width(f) - 1)) - 1;
    const mg_bits b = { e->acc };
    /* What the format has: a fin format has no Inf or NaN (its all-ones
     * exponent is a normal binade), an ftz one no subnormal. */
    x->n_special += mg_is_nan(f, b) || mg_is_inf(f, b);
    x->n_sub += f->subnormals && (e->acc & exp_mask) == 0 && (e->acc & mag_mask) != 0;
    x->n_zero += (e->acc & mag_mask) == 0;
    x->n_ovf += (e->flags & MG_FLAG_OVERFLOW) != 0;
}

static void print_pass(void *vctx, const mg_array_stats *st)
{
    const run_ctx *x = vctx;
    const double drv = st->sim_s;
    printf("verify %s: PASS, %lu matrix multiplies (%llu passes, %llu outputs: %llu Inf/NaN, %llu overflow, "
           "%llu subnormal, %llu zero; %llu MACs, %zu cycles), seed %llu; model %s %.1f s, simulation %.2f s "
           "(Verilated driver %.3f s: %.2f M cycles/s, %.2f M MACs/s)\n",
           x->c->canonical, x->o->cases, x->passes, st->checked, x->n_special, x->n_ovf, x->n_sub, x->n_zero,
           x->macs, st->cycles, (unsigned long long)x->o->seed, st->cached ? "cached," : "built in", st->build_s,
           st->script_s + st->sim_s, drv, (double)st->cycles / drv * 1e-6, (double)x->macs / drv * 1e-6);
}

int mg_hbfp_verify_array(const mg_hbfp_array_cfg *c, const mg_hbfp_verify_opts *o)
{
    run_ctx x = { c, o, o->seed, calloc(o->cases ? o->cases : 1, sizeof(matmul)), 0, 0, 0, 0, 0, 0 };
    if (!x.mms) {
        mg_error("verify", "out of memory");
        return MG_EXIT_USAGE;
    }
    const long aw = mg_format_width(&c->acc);
    const mg_array_job j = {
        .canonical = c->canonical, .top = c->top,
        .bits = { .w = (long)c->cols * c->n, .eb = (long)c->cols * 8, .a = (long)c->rows * c->n,
                  .ea = (long)c->groups * 8, .en = c->groups, .acc = c->cols * aw, .flags = 5L * c->cols,
                  .events = 0, .cols = c->cols },
        .rtl_dir = o->rtl_dir, .pes = (long)c->rows * c->cols, .build_bytes_per_pe = BUILD_BYTES_PER_PE,
        .emit = emit_array, .emit_ctx = c, .seed = o->seed, .cases = o->cases, .ctx = &x,
        .script = script_one, .describe = describe, .tally = tally, .print_pass = print_pass,
        .record = o->given ? record : NULL, .repro = o->given ? o->given->repro : NULL,
    };
    int rc = mg_verify_array_run(&j);
    if (o->given && (rc == MG_EXIT_OK || rc == MG_EXIT_MISMATCH)) {
        int wr = mg_array_given_write(o->given, &c->acc);
        if (wr != MG_EXIT_OK && rc == MG_EXIT_OK) rc = wr;
    }
    for (unsigned long i = 0; i < o->cases; i++) mg_block_matmul_free(&x.mms[i], c->cols);
    free(x.mms);
    return rc;
}
