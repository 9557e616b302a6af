/* `macgen verify hbfp_array`: random matrix multiplies, several passes when
 * K > rows, streamed through the Verilated array on the fixed schedule of
 * docs/hbfp_array.md; every output word, flag and valid bit is compared
 * with the HBFP golden model (sim/model/hbfp.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify_array.h"
#include "verify_hbfp.h"
#include "verify_sim.h"

/* Kinds of data; each matrix multiply uses one, in turn. */
enum { DATA_NORMAL, DATA_ZERO_BLOCKS, DATA_EXTREME, DATA_OVERFLOW, DATA_SUBNORMAL, DATA_WIDE, DATA_KINDS };
static const char *const data_names[DATA_KINDS] = { "normal", "zero-blocks", "extreme-exponents",
                                                    "acc-overflow", "subnormal-results", "wide-range" };

/* The scale exponent of one block of one row of X or column of W. */
static int block_scale(uint64_t *s, int kind)
{
    uint64_t r = mg_hbfp_rand(s);
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
        int zero_block = kind == DATA_ZERO_BLOCKS && mg_hbfp_rand(s) % 5 < 2;
        for (size_t j = j0; j < k && j < j0 + (size_t)block; j++) {
            uint64_t r = mg_hbfp_rand(s);
            uint32_t x;
            if (zero_block || r % 16 == 0) x = (uint32_t)(r >> 40 & 1) << 31; /* +-0 */
            else x = mg_hbfp_random_fp32(s, e - (int)(r % 6));
            v[j * stride].bits = x;
        }
    }
}

/* The driver's ports for this array (hbfp_tb.cpp's array list). */
static mg_array_layout make_layout(const mg_hbfp_array_cfg *c)
{
    const long aw = mg_format_width(&c->acc);
    const mg_array_port_bits b = { .w = (long)c->cols * c->n, .eb = (long)c->cols * 8, .a = (long)c->rows * c->n,
                                   .ea = (long)c->groups * 8, .en = c->groups, .acc = c->cols * aw,
                                   .flags_o = (long)c->cols * 5, .cols = c->cols };
    return mg_array_layout_of(&b);
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

void mg_block_matmul_shape(const mg_hbfp_array_cfg *c, uint64_t *s, int index, const mg_hbfp_verify_opts *o,
                           int kinds, matmul *m)
{
    memset(m, 0, sizeof *m);
    m->kind = index % kinds;
    m->rows_x = 1 + mg_hbfp_rand(s) % 12;
    if (o->xrows) m->rows_x = o->xrows; /* --xrows: long streams (the benchmark) */
    /* Every other case runs several passes; K is often not a multiple of B. */
    size_t kmax = index % 2 ? (size_t)c->rows : (size_t)c->rows * 3 + (size_t)c->block;
    m->k = 1 + mg_hbfp_rand(s) % kmax;
    if (index % 4 == 0) m->k = (size_t)c->rows * 2 + 1; /* ragged last pass */
    if (o->k) m->k = o->k;
    m->nblocks = (m->k + (size_t)c->block - 1) / (size_t)c->block;
    m->passes = (m->nblocks + (size_t)c->groups - 1) / (size_t)c->groups;
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

    for (size_t r = 0; r < m->rows_x; r++) {
        for (size_t col = 0; col < cols; col++) {
            mg_bits acc = mg_zero(&c->acc, false);
            for (size_t p = 0; p < m->passes; p++) {
                unsigned fl = 0;
                for (size_t g = 0; g < (size_t)c->groups; g++) {
                    size_t blk = p * (size_t)c->groups + g;
                    if (blk >= m->nblocks) break;
                    acc = mg_hbfp_dot_step(c->n, b, &c->acc, m->x[r].exp[blk], m->x[r].q + blk * (size_t)b,
                                           m->w[col].exp[blk], m->w[col].q + blk * (size_t)b, acc, &fl);
                }
                size_t at = (p * m->rows_x + r) * cols + col;
                m->pass_acc[at] = acc;
                m->pass_flags[at] = fl;
            }
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
            mg_hbfp_put_bits(in, l->rst, 1, 1);
            mg_hbfp_put_bits(in, l->load_w, 1, 1);
            int k = c->rows - 1 - t, g = k / b, j = k % b;
            size_t blk = p * (size_t)G + (size_t)g;
            for (int col = 0; col < cols; col++) {
                int32_t q = blk < m->nblocks ? m->w[col].q[blk * (size_t)b + (size_t)j] : 0;
                mg_hbfp_put_bits(in, l->w + (long)col * n, n, (uint64_t)(uint32_t)q);
            }
            if (t < G) {
                size_t eblk = p * (size_t)G + (size_t)(G - 1 - t);
                mg_hbfp_put_bits(in, l->load_e, 1, 1);
                for (int col = 0; col < cols; col++) {
                    int e = eblk < m->nblocks ? m->w[col].exp[eblk] : 0;
                    mg_hbfp_put_bits(in, l->eb + (long)col * 8, 8, (uint64_t)(uint8_t)e);
                }
            }
        }
        /* Stream R wavefronts, then drain. */
        long len = R + lat + cols;
        for (long t = 0; t < len; t++) {
            uint32_t *in = mg_array_script_step(sc);
            if (!in) return -1;
            mg_array_expect *ex = mg_array_script_last_expect(sc);
            mg_hbfp_put_bits(in, l->rst, 1, 1);
            mg_hbfp_put_bits(in, l->valid, 1, t < R);
            for (int g = 0; g < G; g++) {
                size_t blk = p * (size_t)G + (size_t)g;
                int on = blk < m->nblocks;
                for (int j = 0; j < b; j++) {
                    long r = t - j - (long)g * step;
                    if (r < 0 || r >= R || !on) continue;
                    int32_t q = m->x[r].q[blk * (size_t)b + (size_t)j];
                    mg_hbfp_put_bits(in, l->a + (long)(g * b + j) * n, n, (uint64_t)(uint32_t)q);
                }
                long r = t - (b - 1) - (long)g * step;
                if (r >= 0 && r < R && on) {
                    mg_hbfp_put_bits(in, l->ea + (long)g * 8, 8, (uint64_t)(uint8_t)m->x[r].exp[blk]);
                    mg_hbfp_put_bits(in, l->en + g, 1, 1);
                }
            }
            for (int col = 0; col < cols; col++) {
                long r = t - acc_off - col;
                if (r >= 0 && r < R) {
                    uint64_t acc = p == 0 ? mg_zero(&c->acc, false).bits
                                          : m->pass_acc[((p - 1) * m->rows_x + (size_t)r) * (size_t)cols + (size_t)col].bits;
                    mg_hbfp_put_bits(in, l->acc + col * aw, (int)aw, acc);
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

int mg_hbfp_verify_array(const mg_hbfp_array_cfg *c, const mg_hbfp_verify_opts *o)
{
    char err[1400], exe[1200];
    int cached;
    const double t0 = mg_verify_now();
    if (mg_hbfp_build_driver(c->top, MG_HBFP_TB_ARRAY, c, emit_array, o->rtl_dir, exe, sizeof exe, &cached, err, sizeof err)) {
        mg_error("verify", "%s", err);
        return MG_EXIT_USAGE;
    }
    const double t1 = mg_verify_now();

    const mg_array_layout l = make_layout(c);
    mg_array_script sc = mg_array_script_new(&l, c->cols);
    uint64_t seed = o->seed;
    int rc = MG_EXIT_USAGE;
    matmul *mms = calloc(o->cases ? o->cases : 1, sizeof *mms);
    uint32_t *res = NULL;
    unsigned long long macs = 0, passes = 0;
    if (!mms) goto oom;
    /* Two cycles of reset, then the matrix multiplies, with a reset
     * between some of them. */
    for (int i = 0; i < 2; i++)
        if (!mg_array_script_step(&sc)) goto oom;
    for (unsigned long i = 0; i < o->cases; i++) {
        int made = c->mx.on ? mg_mx_make_matmul(c, &seed, (int)i, o, &mms[i], err, sizeof err)
                            : make_matmul(c, &seed, (int)i, o, &mms[i], err, sizeof err);
        if (made) {
            mg_error("verify", "%s", err);
            goto out;
        }
        if (i % 5 == 4 && !mg_array_script_step(&sc)) goto oom;
        if (script_matmul(c, &l, &sc, &mms[i], (int)i)) goto oom;
        macs += (unsigned long long)mms[i].rows_x * mms[i].k * (unsigned long long)c->cols;
        passes += mms[i].passes;
    }
    const double t_run = mg_verify_now();
    if (mg_array_script_run(exe, &sc, &l, &res, err, sizeof err)) {
        mg_error("verify", "%s", err);
        goto out;
    }
    const double t2 = mg_verify_now();

    const long aw = mg_format_width(&c->acc);
    unsigned long long checked = 0, bad = 0, n_special = 0, n_sub = 0, n_zero = 0, n_ovf = 0;
    const uint64_t exp_mask = ((1ull << c->acc.exp_bits) - 1) << c->acc.frac_bits;
    const uint64_t mag_mask = (1ull << (aw - 1)) - 1;
    for (size_t st = 0; st < sc.steps; st++) {
        const uint32_t *ow = res + st * (size_t)l.out_words;
        for (int col = 0; col < c->cols; col++) {
            const mg_array_expect *e = &sc.exp[st * (size_t)c->cols + (size_t)col];
            int valid = (int)mg_hbfp_get_bits(ow, l.valid_o + col, 1);
            uint64_t acc = mg_hbfp_get_bits(ow, l.acc_o + col * aw, (int)aw);
            unsigned fl = (unsigned)mg_hbfp_get_bits(ow, l.flags_o + (long)col * 5, 5);
            if (e->valid) {
                /* Coverage of the results checked: Inf/NaN, subnormal, zero, overflow. */
                checked++;
                n_special += (e->acc & exp_mask) == exp_mask;
                n_sub += (e->acc & exp_mask) == 0 && (e->acc & mag_mask) != 0;
                n_zero += (e->acc & mag_mask) == 0;
                n_ovf += (e->flags & MG_FLAG_OVERFLOW) != 0;
            }
            if (valid == e->valid && (!e->valid || (acc == e->acc && fl == e->flags))) continue;
            if (bad++ < MG_ARRAY_MAX_REPORTED) {
                if (!e->valid)
                    mg_array_report_unexpected(st, col);
                else
                    printf("mismatch at cycle %zu: matmul %d (%s data, K=%zu), pass %d, Y[%d][%d]: "
                           "expected %0*llx flags %02x, actual %0*llx flags %02x%s\n",
                           st, e->mm, c->mx.on ? mg_mx_data_name(mms[e->mm].kind) : data_names[mms[e->mm].kind], mms[e->mm].k, e->pass, e->r, col,
                           (int)(aw + 3) / 4, (unsigned long long)e->acc, e->flags, (int)(aw + 3) / 4,
                           (unsigned long long)acc, fl, valid ? "" : " (valid_o low)");
            }
        }
    }
    const double build_s = t1 - t0, run_s = t2 - t1;
    /* The Verilated driver alone (process start and stimulus/result files included). */
    const double drv_s = t2 - t_run;
    if (bad == 0) {
        printf("verify %s: PASS, %lu matrix multiplies (%llu passes, %llu outputs: %llu Inf/NaN, %llu overflow, "
               "%llu subnormal, %llu zero; %llu MACs, %zu cycles), seed %llu; model %s %.1f s, simulation %.2f s (Verilated driver %.3f s: %.2f M cycles/s, "
               "%.2f M MACs/s)\n",
               c->canonical, o->cases, passes, checked, n_special, n_ovf, n_sub, n_zero, macs, sc.steps,
               (unsigned long long)o->seed,
               cached ? "cached," : "built in", build_s, run_s, drv_s, (double)sc.steps / drv_s * 1e-6,
               (double)macs / drv_s * 1e-6);
        rc = MG_EXIT_OK;
    } else {
        mg_array_report_fail(c->canonical, bad, checked, o->seed, o->cases, o->rtl_dir);
        rc = MG_EXIT_MISMATCH;
    }
    goto out;
oom:
    mg_error("verify", "out of memory");
out:
    for (unsigned long i = 0; mms && i < o->cases; i++) mg_block_matmul_free(&mms[i], c->cols);
    free(mms);
    mg_array_script_free(&sc);
    free(res);
    return rc;
}
