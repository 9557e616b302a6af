/* MAC chains and dot products whose every rounding is IEEE binary32 (the
 * FP32 and bf16 PEs: formats w, a within binary32, prod = acc (= acc2) =
 * fp32, rne, overflow to Inf, unfused) on the host's float arithmetic.
 *
 * Why this is the model's arithmetic and not a second copy of it: the
 * model's fp32 is IEEE 754 binary32 (docs/spec/formats.md), and one IEEE
 * multiply or add rounded to nearest even is the host's float * and + when
 * the host evaluates floats in binary32 (FLT_EVAL_METHOD 0), does not
 * contract a*b+c into an FMA (ISO C mode: -ffp-contract=off) and keeps
 * subnormals (checked at run time: mm_fp32_host_ok).  tests/test_model_hostfpu.c
 * checks the model against exactly these host operations; tests/test_matmul.c
 * checks this path against the model's steps (mg_mac, mg_dot), and
 * tests/matmul_rtl.sh against the Verilated fp32 array.  The one place the
 * host differs is which NaN an invalid operation makes: the result is
 * mapped to the model's canonical NaN. */
#include <float.h>
#include <string.h>

#include "mm_internal.h"

#if FLT_EVAL_METHOD != 0
#define HOST_BINARY32 0
#else
#define HOST_BINARY32 1
#endif

static bool is_fp32(const mg_format *f)
{
    return f->exp_bits == 8 && f->frac_bits == 23 && f->bias == 127 && f->specials == MG_SPECIALS_IEEE && f->subnormals;
}

bool mm_fp32_host_ok(void)
{
    /* Flush-to-zero or denormals-are-zero modes would break subnormal results. */
    volatile float tiny = 0x1p-126f, half = 0.5f, least = 0x1p-149f;
    return HOST_BINARY32 && tiny * half == 0x1p-127f && least + least == 0x1p-148f;
}

bool mm_fp32_applies(const mg_mm_spec *s)
{
    if (s->kind != MG_MM_MAC_ARRAY && s->kind != MG_MM_DOT) return false;
    const mg_mac_spec *m = &s->dot.mac;
    return mg_mm_out_fits(&m->w, MG_MM_OUT_FLOAT32) && mg_mm_out_fits(&m->a, MG_MM_OUT_FLOAT32) && is_fp32(&m->prod) &&
           is_fp32(&m->acc) && (s->kind == MG_MM_MAC_ARRAY || is_fp32(&s->dot.acc2)) && !m->fused &&
           s->rnd.mode == MG_RNE && !s->rnd.ovf_sat && mm_fp32_host_ok();
}

static mg_bits encode(float v)
{
    uint32_t u;
    memcpy(&u, &v, sizeof u);
    if (v != v) u = 0x7fc00000u; /* the model's canonical NaN (mg_canonical_nan) */
    return (mg_bits){ u };
}

/* acc' = (w * a) + acc, each rounded once (the unfused MAC step). */
static float chain(const float *w, const float *a, size_t n, float acc)
{
    for (size_t i = 0; i < n; i++) {
        float p = w[i] * a[i];
        acc = acc + p;
    }
    return acc;
}

mg_bits mm_fp32_output(const mm_operands *op, size_t r, size_t c)
{
    const float *a = op->xf32 + r * op->K, *w = op->wf32 + c * op->K;
    if (op->spec->kind == MG_MM_MAC_ARRAY) {
        float acc = chain(w, a, op->K, 0.0f);
        /* The padded steps add +0 (a -0 sum becomes +0). */
        if (op->kpad != op->K) acc = acc + 0.0f;
        return encode(acc);
    }
    const size_t k = op->K, chunk = op->spec->dot.chunk ? op->spec->dot.chunk : k;
    float total = 0.0f;
    for (size_t start = 0; start < k; start += chunk)
        total = total + chain(w + start, a + start, start + chunk < k ? chunk : k - start, 0.0f);
    return encode(total);
}
