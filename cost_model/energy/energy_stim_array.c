#include "energy_stim_array.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit_block_array.h"
#include "unit_mac_array.h"

#define RESET_CYCLES 2

static int add(mg_array_stim *s, const char *name, int width, mg_tbp_role role)
{
    mg_tb_port *p = &s->ports[s->n_ports++];
    memset(p, 0, sizeof *p);
    snprintf(p->name, sizeof p->name, "%s", name);
    p->width = width;
    p->role = role;
    p->feedback_from = -1;
    if (role != MG_TBP_STIM) return -1;
    p->stim_lsb = s->bits;
    s->bits += width;
    return p->stim_lsb;
}

static uint64_t value(mg_array_stim *s, const mg_format *f)
{
    return mg_acc_quantize(f, mg_vectors_next(s->vec, &s->rng)).bits;
}

/* One block of B values, converted: exponent / scale and codes. */
static void convert_block(mg_array_stim *s, int *exp, uint32_t *codes)
{
    const mg_format fp32 = mg_hbfp_fp32();
    mg_bits x[MG_HBFP_BLOCK_MAX];
    for (int i = 0; i < s->block; i++) x[i] = mg_acc_quantize(&fp32, mg_vectors_next(s->vec, &s->rng));
    unsigned flags = 0;
    if (s->mx) {
        uint8_t scale;
        mg_mx_quant(&s->mq, x, NULL, &scale, codes, &flags);
        *exp = scale;
    } else {
        int32_t q[MG_HBFP_BLOCK_MAX];
        mg_hbfp_quant(&s->hq, x, NULL, exp, q, &flags);
        for (int i = 0; i < s->block; i++) codes[i] = (uint32_t)q[i] & ((1u << s->n) - 1);
    }
}

static int init_mac(mg_array_stim *s, const mg_mac_array_cfg *c)
{
    s->fw = *mg_unit_format(&c->mac, "w");
    s->fa = *mg_unit_format(&c->mac, "a");
    s->ww = mg_format_width(&s->fw);
    s->aw = mg_format_width(&s->fa);
    s->cw = mg_format_width(mg_unit_format(&c->mac, "acc"));
    s->rows = c->rows;
    add(s, "clk_i", 1, MG_TBP_CLOCK);
    s->off_rst = add(s, "rst_ni", 1, MG_TBP_STIM);
    s->off_load_w = add(s, "load_w_i", 1, MG_TBP_STIM);
    s->off_w = add(s, "w_i", s->ww, MG_TBP_STIM);
    s->off_valid = add(s, "valid_i", 1, MG_TBP_STIM);
    s->off_a = add(s, "a_i", s->rows * s->aw, MG_TBP_STIM);
    s->off_acc = add(s, "acc_i", s->cw, MG_TBP_STIM);
    add(s, "acc_o", s->cw, MG_TBP_OUTPUT);
    if (c->flags) add(s, "flags_o", 5, MG_TBP_OUTPUT);
    if (c->events) add(s, "events_o", 3, MG_TBP_OUTPUT);
    add(s, "valid_o", 1, MG_TBP_OUTPUT);
    s->wq = calloc((size_t)s->rows, sizeof *s->wq);
    if (!s->wq) return -1;
    for (int k = 0; k < s->rows; k++) s->wq[k] = value(s, &s->fw);
    s->warm = RESET_CYCLES + s->rows + mg_mac_array_latency(c) + 2;
    return 0;
}

/* A weight code of n bits as the PE's wb-bit weight (sign-extended: the
 * Accuracy Booster's 6x4 PEs take 4-bit weights so). */
static uint64_t widen(uint32_t code, int n, int wb)
{
    uint64_t v = code;
    if (wb > n && (code >> (n - 1) & 1)) v |= ~0ull << n;
    return v & ((1ull << wb) - 1);
}

/* The block array's ports as its wrapper has them (mg_block_array_ports,
 * the same order and widths), each stimulus offset kept where the fill
 * writes it; boost_i (the Accuracy Booster) is never driven: its 4-bit mode. */
static void add_block_ports(mg_array_stim *s, const mg_hbfp_array_cfg *c)
{
    const struct {
        const char *name;
        int *off;
    } at[] = { { "rst_ni", &s->off_rst }, { "load_w_i", &s->off_load_w }, { "w_i", &s->off_w },
               { "load_e_i", &s->off_load_e }, { "eb_i", &s->off_eb }, { "valid_i", &s->off_valid },
               { "a_i", &s->off_a }, { "ea_i", &s->off_ea }, { "en_i", &s->off_en }, { "acc_i", &s->off_acc } };
    mg_block_top_port ports[MG_BLOCK_ARRAY_PORTS];
    const size_t n = mg_block_array_ports(c, ports);
    for (size_t i = 0; i < n; i++) {
        const mg_tbp_role role = !strcmp(ports[i].name, "clk_i") ? MG_TBP_CLOCK
                                 : ports[i].input                ? MG_TBP_STIM
                                                                 : MG_TBP_OUTPUT;
        const int off = add(s, ports[i].name, (int)ports[i].width, role);
        for (size_t k = 0; k < sizeof at / sizeof at[0]; k++)
            if (!strcmp(ports[i].name, at[k].name)) *at[k].off = off;
    }
}

static int init_block(mg_array_stim *s, const mg_hbfp_array_cfg *c)
{
    s->block_fmt = true;
    s->mx = c->mx.on;
    s->rows = c->rows;
    s->cols = c->cols;
    s->groups = c->groups;
    s->block = c->block;
    s->n = c->n;
    s->ww = c->boost.width ? c->boost.w_bits : c->n;
    s->step = mg_hbfp_array_group_step(c);
    s->cw = mg_format_width(&c->acc);
    s->hq = mg_hbfp_quant_spec_default();
    s->hq.n = c->n;
    s->hq.block = c->block;
    s->mq = mg_mx_quant_spec_default();
    s->mq.elem = c->mx.elem;
    s->mq.block = c->block;
    add_block_ports(s, c);
    s->ring = s->block + (long)s->groups * s->step + 2;
    s->wq = calloc((size_t)(s->rows * s->cols), sizeof *s->wq);
    s->wexp = calloc((size_t)(s->groups * s->cols), sizeof *s->wexp);
    s->aq = calloc((size_t)(s->ring * s->rows), sizeof *s->aq);
    s->ae = calloc((size_t)(s->ring * s->groups), sizeof *s->ae);
    if (!s->wq || !s->wexp || !s->aq || !s->ae) return -1;
    uint32_t codes[MG_HBFP_BLOCK_MAX];
    for (int col = 0; col < s->cols; col++) {   /* column by column: each its own weights */
        for (int g = 0; g < s->groups; g++) {
            convert_block(s, &s->wexp[col * s->groups + g], codes);
            for (int j = 0; j < s->block; j++) s->wq[col * s->rows + g * s->block + j] = widen(codes[j], s->n, s->ww);
        }
    }
    s->warm = RESET_CYCLES + s->rows + mg_hbfp_array_latency(c) + 2;
    return 0;
}

int mg_array_stim_init(mg_array_stim *s, const mg_array_plan *t, const mg_energy_opts *o, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->vec = o->vec;
    mg_rng_seed(&s->rng, o->seed, 0x6172726179ull, 0);   /* "array" */
    int rc = !strcmp(t->unit, "mac_array") ? init_mac(s, &t->mac) : init_block(s, &t->hbfp);
    if (rc) {
        mg_array_stim_free(s);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    s->t0 = RESET_CYCLES + s->rows;
    return 0;
}

/* Wavefronts up to w converted (each once, in order). */
static void waves_until(mg_array_stim *s, long w)
{
    uint32_t codes[MG_HBFP_BLOCK_MAX];
    for (; s->next_wave <= w; s->next_wave++) {
        long slot = s->next_wave % s->ring;
        for (int g = 0; g < s->groups; g++) {
            convert_block(s, &s->ae[slot * s->groups + g], codes);
            for (int j = 0; j < s->block; j++) s->aq[slot * s->rows + g * s->block + j] = codes[j];
        }
    }
}

static void fill_block(mg_array_stim *s, long t, uint64_t *line)
{
    long u = t - s->t0;
    if (u < 0) return;
    mg_stim_put(line, s->off_valid, 1, 1);
    waves_until(s, u);
    for (int g = 0; g < s->groups; g++) {
        for (int j = 0; j < s->block; j++) {
            long w = u - j - (long)g * s->step;
            if (w >= 0) mg_stim_put(line, s->off_a + (g * s->block + j) * s->n, s->n, s->aq[(w % s->ring) * s->rows + g * s->block + j]);
        }
        long w = u - (s->block - 1) - (long)g * s->step;
        if (w >= 0) {
            mg_stim_put(line, s->off_ea + g * 8, 8, (uint64_t)(uint8_t)s->ae[(w % s->ring) * s->groups + g]);
            mg_stim_put(line, s->off_en + g, 1, 1);
        }
    }
}

int mg_array_stim_fill(void *ctx, long t, uint64_t *line, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    mg_array_stim *s = ctx;
    if (t < RESET_CYCLES) return 0;   /* rst_ni low, everything zero */
    mg_stim_put(line, s->off_rst, 1, 1);
    long l = t - RESET_CYCLES;
    if (l < s->rows) {   /* the load: the bottom row first */
        int k = s->rows - 1 - (int)l;
        mg_stim_put(line, s->off_load_w, 1, 1);
        if (!s->block_fmt) {
            mg_stim_put(line, s->off_w, s->ww, s->wq[k]);
            return 0;
        }
        for (int col = 0; col < s->cols; col++) mg_stim_put(line, s->off_w + col * s->ww, s->ww, s->wq[col * s->rows + k]);
        if (l < s->groups) {
            mg_stim_put(line, s->off_load_e, 1, 1);
            for (int col = 0; col < s->cols; col++)
                mg_stim_put(line, s->off_eb + col * 8, 8, (uint64_t)(uint8_t)s->wexp[col * s->groups + s->groups - 1 - l]);
        }
        return 0;
    }
    if (s->block_fmt) {
        fill_block(s, t, line);
        return 0;
    }
    mg_stim_put(line, s->off_valid, 1, 1);
    for (int k = 0; k < s->rows; k++) mg_stim_put(line, s->off_a + k * s->aw, s->aw, value(s, &s->fa));
    return 0;
}

void mg_array_stim_free(mg_array_stim *s)
{
    free(s->wq);
    free(s->wexp);
    free(s->aq);
    free(s->ae);
    s->wq = NULL;
    s->wexp = NULL;
    s->aq = NULL;
    s->ae = NULL;
}
