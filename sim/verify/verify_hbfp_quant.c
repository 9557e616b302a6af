/* `macgen verify hbfp_quant`: edge blocks (every kind of
 * verify_hbfp_blocks.c) and N random blocks through the Verilated converter,
 * every exponent, mantissa and flag bit compared with mg_hbfp_quant. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "verify_bits.h"
#include "verify_build.h"
#include "unit_mx.h"
#include "verify_hbfp.h"
#include "verify_mx.h"
#include "verify_stream.h"

#define EDGE_PER_KIND 48
#define MAX_REPORTED 8

/* Port word offsets in one step. */
typedef struct {
    long x, rnd, in_words;
    long exp, q, flags, out_words;
} qlayout;

/* The converter as a device: x_i (and rand_i), exp_o, q_o, flags_o, each
 * on a word; clk_i with pipeline registers. */
static qlayout make_device(const mg_hbfp_quant_cfg *c, int sr, mg_verify_device *d)
{
    qlayout l;
    const long b = c->spec.block;
    mg_verify_device_init(d, c->top, c->pipe ? "clk_i" : NULL);
    l.x = mg_verify_device_add(d, "x_i", false, (int)(32 * b), true) / 32;
    l.rnd = sr ? mg_verify_device_add(d, "rand_i", false, (int)(b * c->spec.rbits), true) / 32 : -1;
    l.exp = mg_verify_device_add(d, "exp_o", true, 8, true) / 32;
    l.q = mg_verify_device_add(d, "q_o", true, (int)(b * c->spec.n), true) / 32;
    l.flags = mg_verify_device_add(d, "flags_o", true, 5, true) / 32;
    l.in_words = mg_verify_bus_bits(d, false) / 32;
    l.out_words = mg_verify_bus_bits(d, true) / 32;
    return l;
}

/* The R-bit words of one block: extremes in some blocks, random otherwise. */
static void make_random_words(uint64_t *s, unsigned long index, int block, int rbits, uint64_t *r)
{
    const uint64_t mask = rbits >= 64 ? ~0ull : (1ull << rbits) - 1;
    for (int i = 0; i < block; i++) {
        uint64_t v = mg_verify_rand(s);
        r[i] = (index % 8 == 0 ? 0 : index % 8 == 1 ? mask : v) & mask;
    }
}

static double seconds(struct timespec a, struct timespec b)
{
    return (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) * 1e-9;
}

static int emit_quant(const void *cfg, const char *dir, char *err, size_t errlen)
{
    mg_rtl_output out;
    const mg_hbfp_quant_cfg *c = cfg;
    return c->mx.on ? mg_mx_quant_emit(c, dir, "macgen verify (fresh RTL)", &out, err, errlen)
                    : mg_hbfp_quant_emit(c, dir, "macgen verify (fresh RTL)", &out, err, errlen);
}

/* What the model says for every block. */
typedef struct {
    unsigned long blocks, edge;
    uint32_t *x;    /* blocks * B FP32 encodings */
    uint64_t *rnd;  /* blocks * B random words (sr), else NULL */
    int *exp;       /* blocks */
    unsigned *flags;
    int32_t *q;     /* blocks * B */
    int *kind;
} quant_cases;

static void free_cases(quant_cases *k)
{
    free(k->x);
    free(k->rnd);
    free(k->exp);
    free(k->flags);
    free(k->q);
    free(k->kind);
}

static int make_cases(const mg_hbfp_quant_cfg *c, const mg_hbfp_verify_opts *o, quant_cases *k)
{
    const size_t b = (size_t)c->spec.block;
    const int sr = c->spec.round == MG_SR;
    memset(k, 0, sizeof *k);
    const int kinds = c->mx.on ? MG_MX_BLOCK_KINDS : MG_HBFP_BLOCK_KINDS; /* the last is "random" */
    k->edge = EDGE_PER_KIND * (unsigned long)(kinds - 1);
    k->blocks = k->edge + o->cases;
    k->x = calloc(k->blocks * b, sizeof *k->x);
    k->rnd = sr ? calloc(k->blocks * b, sizeof *k->rnd) : NULL;
    k->exp = calloc(k->blocks, sizeof *k->exp);
    k->flags = calloc(k->blocks, sizeof *k->flags);
    k->q = calloc(k->blocks * b, sizeof *k->q);
    k->kind = calloc(k->blocks, sizeof *k->kind);
    if (!k->x || (sr && !k->rnd) || !k->exp || !k->flags || !k->q || !k->kind) return -1;
    uint64_t seed = o->seed;
    mg_bits bits[MG_HBFP_BLOCK_MAX];
    for (unsigned long i = 0; i < k->blocks; i++) {
        uint32_t *x = k->x + i * b;
        uint64_t *r = sr ? k->rnd + i * b : NULL;
        k->kind[i] = i < k->edge ? (int)(i / EDGE_PER_KIND) : kinds - 1;
        /* An MX converter: its own blocks and model (verify_mx_blocks.c). */
        if (c->mx.on) mg_mx_make_block(&seed, k->kind[i], c->mx.spec.elem, c->spec.block, x);
        else mg_hbfp_make_block(&seed, k->kind[i], c->spec.n, c->spec.block, x);
        if (sr) make_random_words(&seed, i, c->spec.block, c->spec.rbits, r);
        for (size_t j = 0; j < b; j++) bits[j].bits = x[j];
        if (c->mx.on) mg_mx_quant_block(&c->mx.spec, bits, r, &k->exp[i], k->q + i * b, &k->flags[i]);
        else mg_hbfp_quant(&c->spec, bits, r, &k->exp[i], k->q + i * b, &k->flags[i]);
    }
    return 0;
}

/* The input words of every step: x_i (and rand_i); `pipe` trailing steps
 * flush the pipeline registers. */
static uint32_t *make_stimulus(const mg_hbfp_quant_cfg *c, const qlayout *l, const quant_cases *k,
                               size_t *n_words)
{
    const size_t b = (size_t)c->spec.block, steps = k->blocks + (size_t)c->pipe;
    *n_words = steps * (size_t)l->in_words;
    uint32_t *w = calloc(*n_words, sizeof *w);
    if (!w) return NULL;
    for (size_t i = 0; i < k->blocks; i++) {
        uint32_t *in = w + i * (size_t)l->in_words;
        memcpy(in + l->x, k->x + i * b, b * sizeof *in);
        if (k->rnd)
            for (size_t j = 0; j < b; j++)
                mg_put_bits(in + l->rnd, (long)j * c->spec.rbits, c->spec.rbits, k->rnd[i * b + j]);
    }
    return w;
}

/* The `macgen eval hbfp_quant` line and parameters that show the model's answer. */
static void print_eval_hint(const mg_hbfp_quant_cfg *c, const quant_cases *k, unsigned long i)
{
    const size_t b = (size_t)c->spec.block;
    printf("  model: echo '");
    for (size_t j = 0; j < b; j++) printf("%s%08x", j ? " " : "", (unsigned)k->x[i * b + j]);
    for (size_t j = 0; k->rnd && j < b; j++) printf(" %0*llx", (c->spec.rbits + 3) / 4, (unsigned long long)k->rnd[i * b + j]);
    if (c->mx.on)
        printf("' | macgen eval mx_quant elem=%s block=%d scale=%s round=%s", mg_mx_elem_get(c->mx.spec.elem)->name,
               c->spec.block, mg_mx_scale_rule_name(c->mx.spec.scale), mg_round_mode_name(c->spec.round));
    else
        printf("' | macgen eval hbfp_quant n=%d block=%d exp=%s round=%s", c->spec.n, c->spec.block,
               mg_hbfp_exp_rule_name(c->spec.exp_rule), mg_round_mode_name(c->spec.round));
    if (k->rnd) printf(" rbits=%d", c->spec.rbits);
    printf("\n");
}

/* Compares one block; prints it when it is among the first mismatches. */
static int check_block(const mg_hbfp_quant_cfg *c, const qlayout *l, const quant_cases *k, unsigned long i,
                       const uint32_t *ow, unsigned long long *bad)
{
    const int n = c->spec.n, b = c->spec.block, qdigits = (n + 3) / 4;
    const uint64_t qmask = (1ull << n) - 1;
    unsigned e = (unsigned)mg_get_bits(ow + l->exp, 0, 8);
    unsigned fl = (unsigned)mg_get_bits(ow + l->flags, 0, 5);
    unsigned want_e = (unsigned)(uint8_t)k->exp[i];
    int differ = 0, first = -1;
    for (int j = 0; j < b; j++) {
        uint64_t got = mg_get_bits(ow + l->q, (long)j * n, n);
        if (got != ((uint64_t)(uint32_t)k->q[i * (size_t)b + (size_t)j] & qmask)) {
            differ++;
            if (first < 0) first = j;
        }
    }
    if (e == want_e && fl == k->flags[i] && differ == 0) return 0;
    if ((*bad)++ < MAX_REPORTED) {
        printf("mismatch in block %lu (%s): E expected %02x actual %02x, flags expected %02x actual %02x, "
               "%d of %d mantissas differ",
               i, c->mx.on ? mg_mx_block_kind_names[k->kind[i]] : mg_hbfp_block_kind_names[k->kind[i]], want_e, e, k->flags[i], fl, differ, b);
        if (first >= 0) {
            size_t at = i * (size_t)b + (size_t)first;
            printf("; first q[%d] (x %08x%s): expected %0*llx actual %0*llx", first, (unsigned)k->x[at],
                   k->rnd ? ", r given below" : "", qdigits,
                   (unsigned long long)((uint64_t)(uint32_t)k->q[at] & qmask), qdigits,
                   (unsigned long long)mg_get_bits(ow + l->q, (long)first * n, n));
        }
        printf("\n");
        if (*bad == 1) print_eval_hint(c, k, i);
    }
    return 1;
}

/* Compares every block and prints PASS or FAIL; an exit status. */
static int report(const mg_hbfp_quant_cfg *c, const mg_hbfp_verify_opts *o, const qlayout *l, const quant_cases *k,
                  const uint32_t *res, bool cached, double build_s, double sim_s)
{
    unsigned long long bad = 0;
    unsigned long n_invalid = 0, n_zero = 0, n_e_max = 0, n_e_min = 0, n_ovf = 0, n_exact = 0;
    /* The exponent's (MX: the scale's) clamping limits. */
    const int e_max = c->mx.on ? 254 : MG_HBFP_EXP_MAX, e_min = c->mx.on ? 0 : MG_HBFP_EXP_MIN;
    for (unsigned long i = 0; i < k->blocks; i++) {
        /* With Pipe register stages, block i's answer appears Pipe steps later. */
        check_block(c, l, k, i, res + (i + (size_t)c->pipe) * (size_t)l->out_words, &bad);
        int invalid = (k->flags[i] & MG_FLAG_INVALID) != 0;
        n_invalid += invalid;
        n_e_max += k->exp[i] == e_max;
        n_ovf += (k->flags[i] & MG_FLAG_OVERFLOW) != 0;
        int any = 0;
        for (int j = 0; j < c->spec.block; j++) any |= k->q[i * (size_t)c->spec.block + (size_t)j] != 0;
        if (k->exp[i] == e_min && !invalid) {
            if (!any && k->flags[i] == 0) n_zero++; /* zero block (or all mantissas exactly 0) */
            else n_e_min++;
        }
        n_exact += k->flags[i] == 0 && any;
    }
    if (bad == 0) {
        printf("verify %s: PASS, %lu edge + %lu random blocks (%lu invalid, %lu zero, %lu at E = %d "
               "(clamped or not), %lu nonzero at E = %d, %lu overflow, %lu exact), seed %llu; model %s %.1f s, "
               "simulation %.2f s\n",
               c->canonical, k->edge, o->cases, n_invalid, n_zero, n_e_max, e_max, n_e_min, e_min, n_ovf, n_exact,
               (unsigned long long)o->seed, cached ? "cached," : "built in", build_s, sim_s);
        return MG_EXIT_OK;
    }
    printf("verify %s: FAIL, %llu mismatching block(s) among %lu\n", c->canonical, bad, k->blocks);
    printf("reproduce: macgen verify %s --seed %llu --blocks %lu%s%s\n", c->canonical, (unsigned long long)o->seed,
           o->cases, o->rtl_dir ? " --rtl " : "", o->rtl_dir ? o->rtl_dir : "");
    return MG_EXIT_MISMATCH;
}

int mg_hbfp_verify_quant(const mg_hbfp_quant_cfg *c, const mg_hbfp_verify_opts *o)
{
    char err[1400];
    const int sr = c->spec.round == MG_SR;
    struct timespec t0, t1, t2;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    mg_verify_device d;
    const qlayout l = make_device(c, sr, &d);
    const mg_verify_build_spec spec = { &d, o->rtl_dir, emit_quant, c, true, 0, NULL };
    mg_verify_artifact art;
    int rc = mg_verify_build(&spec, &art, err, sizeof err);
    if (rc) {
        mg_error("verify", "%s", err);
        return mg_exit_for(rc);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    quant_cases k;
    uint32_t *stim = NULL, *res = NULL;
    size_t n_stim = 0;
    rc = MG_EXIT_USAGE;
    if (make_cases(c, o, &k) || !(stim = make_stimulus(c, &l, &k, &n_stim))) {
        mg_error("verify", "out of memory");
    } else if (mg_verify_stream(art.so_path, stim, k.blocks + (size_t)c->pipe, l.in_words, l.out_words, c->pipe > 0,
                                &res, NULL, err, sizeof err)) {
        mg_error("verify", "%s", err);
    } else {
        clock_gettime(CLOCK_MONOTONIC, &t2);
        rc = report(c, o, &l, &k, res, art.cached, seconds(t0, t1), seconds(t1, t2));
    }
    free_cases(&k);
    free(stim);
    free(res);
    mg_verify_artifact_free(&art);
    return rc;
}

