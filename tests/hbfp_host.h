/* An HBFP matrix multiply computed on the host FPU, independent of the
 * model (frexpf, ldexpf, nearbyintf/truncf, float or _Float16 additions):
 * the independent route of tests/test_hbfp_dot.c and tests/test_hbfp_boost.c.
 * Valid for fp32 accumulation (and fp16 via _Float16) with M <= 7, where
 * every block result S * 2^Ep is exact in a float. */
#ifndef MG_TEST_HBFP_HOST_H
#define MG_TEST_HBFP_HOST_H

#include <math.h>
#include <string.h>

#include "hbfp.h"
#include "test_helpers.h"

/* Host conversion of one block of B values read with a stride (independent
 * of the model: frexpf, ldexpf, nearbyintf/truncf; see test_hbfp_quant). */
static inline void host_block(const mg_hbfp_quant_spec *s, const float *x, size_t stride, size_t avail, int *e_out,
                       int32_t *q)
{
    float amax = 0.0f;
    for (int i = 0; i < s->block; i++) amax = fmaxf(amax, (size_t)i < avail ? fabsf(x[i * stride]) : 0.0f);
    if (amax == 0.0f) {
        *e_out = -128;
        for (int i = 0; i < s->block; i++) q[i] = 0;
        return;
    }
    int e;
    float f = frexpf(amax, &e);
    if (s->exp_rule == MG_HBFP_EXP_CEIL && f == 0.5f) e -= 1;
    int m = s->n - 1;
    for (int i = 0; i < s->block; i++) {
        float xi = (size_t)i < avail ? x[i * stride] : 0.0f;
        float t = ldexpf(fabsf(xi), m - e);
        float v = fminf(s->round == MG_RTZ ? truncf(t) : nearbyintf(t), (float)((1 << m) - 1));
        q[i] = (int32_t)(xi < 0 ? -v : v);
    }
    *e_out = e;
}

typedef enum { HOST_FP32, HOST_FP16 } host_acc;

/* Y[r][c] on the host: each block result S * 2^Ep is exact in float (|S| <
 * 2^24, exponents in range); it is added in float (fp32), or converted to
 * _Float16 and added in float then rounded to _Float16 (one rounding to
 * 11 bits after an addition exact to 24 bits is correct: 24 >= 2*11 + 2). */
static inline uint32_t host_output(const mg_hbfp_quant_spec *s, host_acc acc, const float *xrow, const float *wcol,
                            size_t wstride, size_t k)
{
    float sum32 = 0.0f;
    _Float16 sum16 = 0;
    int32_t qa[MG_HBFP_BLOCK_MAX], qb[MG_HBFP_BLOCK_MAX];
    for (size_t j = 0; j * (size_t)s->block < k; j++) {
        size_t start = j * (size_t)s->block, avail = k - start;
        int ea, eb;
        host_block(s, xrow + start, 1, avail, &ea, qa);
        host_block(s, wcol + start * wstride, wstride, avail, &eb, qb);
        int64_t sdot = 0;
        for (int i = 0; i < s->block; i++) sdot += (int64_t)qa[i] * qb[i];
        float v = ldexpf((float)sdot, ea + eb - 2 * (s->n - 1));
        if (acc == HOST_FP32) sum32 = sum32 + v;
        else sum16 = (_Float16)((float)sum16 + (float)(_Float16)v);
    }
    if (acc == HOST_FP32) return tf_f32_bits(sum32);
    uint16_t u;
    memcpy(&u, &sum16, sizeof u);
    return u;
}

#endif
