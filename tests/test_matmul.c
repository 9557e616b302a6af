/* macgen matmul's engine (sim/matmul) against hand-derived results and the
 * golden model's own operations called directly here (mg_mac, mg_dot,
 * mg_hbfp_matmul, mg_mx_dot_step): its tabulated, integer and binary32
 * paths, its tiles and threads, the sign of zero results, the output file. */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "acc_input.h"
#include "acc_rng.h"
#include "matmul.h"
#include "npy.h"
#include "test_helpers.h"

static mg_mm_spec mac_spec(mg_mm_kind kind, const char *w, const char *a, const char *acc, mg_round_mode m,
                           size_t chunk_or_rows)
{
    mg_mm_spec s;
    memset(&s, 0, sizeof s);
    s.kind = kind;
    s.dot.mac.w = tf_format(w);
    s.dot.mac.a = tf_format(a);
    s.dot.mac.prod = tf_format(acc);
    s.dot.mac.acc = tf_format(acc);
    s.dot.acc2 = s.dot.mac.acc;
    s.rnd = tf_round(m);
    if (kind == MG_MM_DOT) s.dot.chunk = chunk_or_rows;
    else s.tile_rows = chunk_or_rows;
    return s;
}

static void run(const mg_mm_spec *s, const double *x, const double *w, size_t R, size_t K, size_t C, int threads,
                bool stats, mg_bits *y)
{
    char err[256];
    mg_mm_options o = { threads, stats, NULL, NULL, 0 };
    mg_mm_stats st;
    if (mg_mm_run(s, x, w, R, K, C, &o, y, &st, err, sizeof err)) {
        print_error("mg_mm_run: %s\n", err);
        fail();
    }
}

/* lba8 x lba8 + lba12 (fin, ftz, rtz): 0.25 * 0.25 + 0.25 * -0.265625 =
 * -2^-8, below lba12's smallest normal 2^-6, flushes to -0.  A mac_array
 * column of exactly two rows keeps it; padded to four rows the array adds
 * +0 twice (-0 + +0 = +0); dot adds the chunk sum to +0 (+0 + -0 = +0). */
static void hand_signed_zero(void **state)
{
    (void)state;
    const double x[2] = { 0.25, 0.25 }, w[2] = { 0.25, -0.265625 };
    const struct {
        mg_mm_kind kind;
        size_t rows;
        uint64_t want;
    } cases[] = { { MG_MM_MAC_ARRAY, 2, 0x800 }, { MG_MM_MAC_ARRAY, 4, 0 }, { MG_MM_DOT, 0, 0 } };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (int stats = 0; stats < 2; stats++) {
            mg_mm_spec s = mac_spec(cases[i].kind, "lba8", "lba8", "lba12", MG_RTZ, cases[i].rows);
            mg_bits y;
            run(&s, x, w, 1, 2, 1, 1, stats, &y);
            if (y.bits != cases[i].want) print_error("case %zu stats %d: %llx\n", i, stats, (unsigned long long)y.bits);
            assert_int_equal(y.bits, cases[i].want);
        }
}

/* 31 * 31 = 961 saturates at lba12's largest 510 (0x7ff); then 31 * 31 +
 * (-1) * 31 = 510 - 31 = 479 = 1.87109375 * 2^8 truncates to 478 (exponent
 * field 15, fraction 111: 0x7ef), whatever the path. */
static void hand_saturation(void **state)
{
    (void)state;
    const double x[2] = { 31, -1 }, w[2] = { 31, 31 };
    for (int stats = 0; stats < 2; stats++) {
        mg_mm_spec s = mac_spec(MG_MM_MAC_ARRAY, "lba8", "lba8", "lba12", MG_RTZ, 1);
        mg_bits y;
        run(&s, x, w, 1, 1, 1, 1, stats, &y);
        assert_int_equal(y.bits, 0x7ff);
        run(&s, x, w, 1, 2, 1, 1, stats, &y);
        assert_int_equal(y.bits, 0x7ef);
    }
}

/* Reals with a wide range: zeros of both signs, values far below and above
 * the formats' ranges (saturation, underflow), and moderate ones. */
static void fill(double *v, size_t n, uint64_t seed)
{
    mg_rng r;
    mg_rng_seed(&r, seed, 7, 0);
    for (size_t i = 0; i < n; i++) {
        uint64_t u = mg_rng_next(&r);
        double m = (double)(u >> 11) * 0x1p-53 + 0.5;
        int e = (int)((u >> 3) % 48) - 24;
        v[i] = u % 11 == 0 ? ((u >> 20) & 1 ? -0.0 : 0.0) : ((u & 1) ? -m : m) * ldexp(1.0, e);
    }
}

/* Y by the model's operations, one output at a time (mg_mac chains over the
 * padded K, or mg_dot), from the same conversion of the reals. */
static void reference(const mg_mm_spec *s, const double *x, const double *w, size_t R, size_t K, size_t C, mg_bits *y)
{
    const size_t rows = s->kind == MG_MM_MAC_ARRAY && s->tile_rows ? s->tile_rows : 1, kp = (K + rows - 1) / rows * rows;
    mg_bits *a = calloc(kp, sizeof *a), *b = calloc(kp, sizeof *b);
    for (size_t r = 0; r < R; r++)
        for (size_t c = 0; c < C; c++) {
            for (size_t k = 0; k < K; k++) {
                a[k] = mg_acc_quantize(&s->dot.mac.a, x[r * K + k]);
                b[k] = mg_acc_quantize(&s->dot.mac.w, w[k * C + c]);
            }
            unsigned fl = 0, ev = 0;
            if (s->kind == MG_MM_DOT) {
                y[r * C + c] = mg_dot(&s->dot, b, a, K, &s->rnd, NULL, &fl, NULL);
                continue;
            }
            mg_bits acc = mg_zero(&s->dot.mac.acc, false);
            for (size_t k = 0; k < kp; k++) acc = mg_mac(&s->dot.mac, b[k], a[k], acc, &s->rnd, &fl, &ev);
            y[r * C + c] = acc;
        }
    free(a);
    free(b);
}

typedef struct {
    mg_mm_kind kind;
    const char *w, *a, *acc;
    mg_round_mode mode;
    size_t chunk_or_rows;
    double scale; /* of the reals: pushes sums into overflow or underflow */
} pcase;

static const pcase pcases[] = {
    { MG_MM_DOT, "lba8", "lba8", "lba12", MG_RTZ, 16, 1 },
    { MG_MM_DOT, "lba8", "lba8", "lba12", MG_RTZ, 0, 4 },
    { MG_MM_DOT, "lba8", "lba8", "lba12", MG_RNE, 5, 0.01 },
    { MG_MM_DOT, "lba8", "lba8", "fp16", MG_RNE, 0, 300 },  /* Inf: the tabulated path gives up */
    { MG_MM_DOT, "e4m3fn", "e4m3fn", "bf16", MG_RNE, 7, 1 },
    { MG_MM_DOT, "e4m3fn", "e4m3fn", "fp32", MG_RNE, 16, 1 },
    { MG_MM_DOT, "fp32", "fp32", "fp32", MG_RNE, 3, 1 },    /* binary32 on the host */
    { MG_MM_DOT, "e2m1", "e3m2,fin,sub", "e4m3,fin,ftz", MG_RTZ, 4, 1 },
    { MG_MM_MAC_ARRAY, "lba8", "lba8", "lba12", MG_RTZ, 4, 1 },
    { MG_MM_MAC_ARRAY, "lba8", "lba8", "lba12", MG_RTZ, 7, 0.05 },
    { MG_MM_MAC_ARRAY, "e4m3fn", "e4m3fn", "fp32", MG_RNE, 16, 1e30 },
    { MG_MM_MAC_ARRAY, "fp32", "fp32", "fp32", MG_RNE, 4, 1e19 }, /* overflow to Inf, Inf - Inf */
    { MG_MM_MAC_ARRAY, "fp32", "fp32", "fp32", MG_RNE, 3, 1e-22 }, /* subnormal products */
    { MG_MM_MAC_ARRAY, "bf16", "bf16", "fp32", MG_RNE, 5, 1 },
    { MG_MM_MAC_ARRAY, "bf16", "bf16", "bf16", MG_RNE, 5, 1 },
    { MG_MM_MAC_ARRAY, "fp16", "fp16", "fp16", MG_RNE, 2, 100 },
};

/* The engine's paths (tabulated, binary32, model steps with stats) against
 * the model's operations, with 1 and 3 threads. */
static void paths_match_model(void **state)
{
    (void)state;
    const size_t R = 9, K = 37, C = 11;
    double x[9 * 37], w[37 * 11];
    mg_bits want[9 * 11], got[9 * 11];
    for (size_t i = 0; i < sizeof pcases / sizeof pcases[0]; i++) {
        const pcase *p = &pcases[i];
        mg_mm_spec s = mac_spec(p->kind, p->w, p->a, p->acc, p->mode, p->chunk_or_rows);
        fill(x, R * K, 2 * i);
        fill(w, K * C, 2 * i + 1);
        for (size_t j = 0; j < R * K; j++) x[j] *= p->scale;
        reference(&s, x, w, R, K, C, want);
        for (int v = 0; v < 3; v++) {
            run(&s, x, w, R, K, C, v == 2 ? 3 : 1, v == 1, got);
            for (size_t j = 0; j < R * C; j++)
                if (got[j].bits != want[j].bits) {
                    print_error("case %zu variant %d output %zu: %llx, model %llx\n", i, v, j,
                                (unsigned long long)got[j].bits, (unsigned long long)want[j].bits);
                    fail();
                }
        }
    }
}

/* HBFP and MX in tiles and threads against one mg_hbfp_matmul /
 * mg_mx_matmul of the whole product (the reals rounded to FP32 first). */
static void blocks_match_model(void **state)
{
    (void)state;
    const size_t R = 70, K = 100, C = 67; /* more than one 64 x 64 tile each way */
    double *x = malloc(R * K * sizeof *x), *w = malloc(K * C * sizeof *w);
    mg_bits *xf = malloc(R * K * sizeof *xf), *wf = malloc(K * C * sizeof *wf);
    mg_bits *want = malloc(R * C * sizeof *want), *got = malloc(R * C * sizeof *got);
    fill(x, R * K, 99);
    fill(w, K * C, 98);
    const mg_format fp32 = mg_hbfp_fp32();
    for (size_t i = 0; i < R * K; i++) xf[i] = mg_acc_quantize(&fp32, x[i]);
    for (size_t i = 0; i < K * C; i++) wf[i] = mg_acc_quantize(&fp32, w[i]);
    for (int v = 0; v < 4; v++) {
        mg_mm_spec s;
        memset(&s, 0, sizeof s);
        s.kind = v < 2 ? MG_MM_HBFP : MG_MM_MX;
        s.hbfp.quant = mg_hbfp_quant_spec_default();
        s.hbfp.quant.n = v == 0 ? 4 : 6;
        s.hbfp.quant.block = 16;
        s.hbfp.acc = fp32;
        s.mx.quant = mg_mx_quant_spec_default();
        s.mx.quant.elem = v == 2 ? MG_MX_FP6_E3M2 : MG_MX_FP8_E5M2; /* e5m2: the model's step path */
        s.mx.acc = tf_format("bf16");
        int rc = s.kind == MG_MM_HBFP ? mg_hbfp_matmul(&s.hbfp, xf, wf, R, K, C, NULL, NULL, want, NULL)
                                      : mg_mx_matmul(&s.mx, xf, wf, R, K, C, NULL, NULL, want, NULL);
        assert_int_equal(rc, 0);
        for (int t = 1; t <= 3; t += 2) {
            run(&s, x, w, R, K, C, t, t == 3, got);
            assert_memory_equal(got, want, R * C * sizeof *got);
        }
    }
    free(x);
    free(w);
    free(xf);
    free(wf);
    free(want);
    free(got);
}

__extension__ typedef __int128 i128;

/* The integer halves of mg_mx_dot_step against the whole step, on blocks
 * of random finite codes of every element format. */
static void mx_integer_halves(void **state)
{
    (void)state;
    mg_rng r;
    mg_rng_seed(&r, 5, 0, 0);
    for (int e = 0; e < MG_MX_ELEM_COUNT; e++) {
        const mg_mx_elem_info *in = mg_mx_elem_get((mg_mx_elem)e);
        const mg_mx_dot_spec dot = { (mg_mx_elem)e, 32, tf_format("fp32"), e % 2 == 1 };
        for (int trial = 0; trial < 300; trial++) {
            uint32_t a[32], b[32];
            i128 sum = 0;
            for (int i = 0; i < 32; i++) {
                mg_exact va, vb;
                do {
                    a[i] = (uint32_t)(mg_rng_next(&r) & mg_mask64(in->bits));
                    va = mg_mx_elem_decode((mg_mx_elem)e, a[i]);
                } while (va.cls == MG_CLASS_NAN || va.cls == MG_CLASS_INF);
                do {
                    b[i] = (uint32_t)(mg_rng_next(&r) & mg_mask64(in->bits));
                    vb = mg_mx_elem_decode((mg_mx_elem)e, b[i]);
                } while (vb.cls == MG_CLASS_NAN || vb.cls == MG_CLASS_INF);
                /* q from the value: sig * 2^(exp - lsb), signed */
                int64_t qa = va.cls == MG_CLASS_ZERO ? 0 : (int64_t)(va.sig << (va.exp - in->lsb));
                int64_t qb = vb.cls == MG_CLASS_ZERO ? 0 : (int64_t)(vb.sig << (vb.exp - in->lsb));
                sum += (i128)(va.sign ? -qa : qa) * (vb.sign ? -qb : qb);
            }
            uint8_t xa = (uint8_t)(60 + mg_rng_next(&r) % 140), xb = (uint8_t)(60 + mg_rng_next(&r) % 140);
            mg_bits acc_in = { (uint32_t)mg_rng_next(&r) & 0x7f7fffffu };
            unsigned f1 = 0, f2 = 0;
            mg_bits want = mg_mx_dot_step(&dot, xa, a, xb, b, acc_in, &f1);
            mg_exact v = mg_mx_sum_value((mg_mx_elem)e, sum < 0, (mg_u128)(sum < 0 ? -sum : sum), xa, xb);
            mg_bits got = mg_mx_accumulate(&dot, v, acc_in, &f2);
            assert_int_equal(got.bits, want.bits);
            assert_int_equal(f2, f1);
        }
    }
}

static void out_fits(void **state)
{
    (void)state;
    const mg_format lba12 = tf_format("lba12"), fp64 = tf_format("fp64"), fp32 = tf_format("fp32");
    const mg_format wide = tf_format("e8m23,ieee,sub,bias=100"), tiny = tf_format("e5m2,ieee,sub,bias=160");
    assert_true(mg_mm_out_fits(&lba12, MG_MM_OUT_FLOAT32));
    assert_true(mg_mm_out_fits(&fp32, MG_MM_OUT_FLOAT32));
    assert_false(mg_mm_out_fits(&fp64, MG_MM_OUT_FLOAT32));
    assert_true(mg_mm_out_fits(&fp64, MG_MM_OUT_FLOAT64));
    assert_false(mg_mm_out_fits(&wide, MG_MM_OUT_FLOAT32)); /* values up to 2^154 */
    assert_true(mg_mm_out_fits(&wide, MG_MM_OUT_FLOAT64));
    assert_false(mg_mm_out_fits(&tiny, MG_MM_OUT_FLOAT32)); /* steps of 2^-161 */
    assert_true(mg_mm_out_fits(&tiny, MG_MM_OUT_BITS));
}

/* Y written as float32 and as bits reads back as the values and encodings. */
static void npy_round_trip(void **state)
{
    (void)state;
    const mg_format f = tf_format("lba12");
    const mg_bits y[6] = { { 0x000 }, { 0x800 }, { 0x7ff }, { 0xfff }, { 0x380 }, { 0x001 } };
    char path[] = "/tmp/mg-test-matmul-XXXXXX", err[256];
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    for (int d = 0; d < 3; d++) {
        assert_int_equal(mg_mm_write_npy(path, &f, y, 2, 3, (mg_mm_out_dtype)d, err, sizeof err), 0);
        if (d == MG_MM_OUT_BITS) continue; /* uint16: the reader takes floats only */
        double *v;
        size_t r, c;
        assert_int_equal(mg_npy_read(path, &v, &r, &c, err, sizeof err), 0);
        assert_int_equal(r, 2);
        assert_int_equal(c, 3);
        const double want[6] = { 0.0, -0.0, 510.0, -510.0, 1.0, 0.0 }; /* 0x001 is below 2^emin: ftz reads 0 */
        for (int i = 0; i < 6; i++) {
            assert_true(v[i] == want[i]);
            assert_int_equal(signbit(v[i]) != 0, signbit(want[i]) != 0);
        }
        free(v);
    }
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hand_signed_zero),  cmocka_unit_test(hand_saturation), cmocka_unit_test(paths_match_model),
        cmocka_unit_test(blocks_match_model), cmocka_unit_test(mx_integer_halves), cmocka_unit_test(out_fits),
        cmocka_unit_test(npy_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
