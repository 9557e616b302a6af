#include <math.h>
#include <string.h>

#include "acc_input.h"

static const char *const dist_names[] = { "normal", "laplace", "uniform" };

int mg_dist_parse(const char *name, mg_dist_kind *out)
{
    for (int i = 0; i < 3; i++)
        if (!strcmp(name, dist_names[i])) {
            *out = (mg_dist_kind)i;
            return 0;
        }
    return -1;
}

const char *mg_dist_name(mg_dist_kind k) { return dist_names[k]; }

double mg_dist_cdf(const mg_dist *d, double x)
{
    if (isinf(x)) return x > 0 ? 1.0 : 0.0;
    double z = (x - d->mean) / d->scale;
    switch (d->kind) {
    case MG_DIST_NORMAL:
        return 0.5 * erfc(-z / sqrt(2.0));
    case MG_DIST_LAPLACE:
        return z < 0 ? 0.5 * exp(z) : 1.0 - 0.5 * exp(-z);
    case MG_DIST_UNIFORM:
        return z <= -1 ? 0.0 : z >= 1 ? 1.0 : 0.5 * (z + 1);
    }
    return 0;
}

double mg_dist_draw(const mg_dist *d, mg_rng *r)
{
    double u = mg_rng_open01(r), z;
    switch (d->kind) {
    case MG_DIST_NORMAL: /* Box-Muller, one of the pair */
        z = sqrt(-2.0 * log(u)) * cos(6.283185307179586477 * mg_rng_open01(r));
        break;
    case MG_DIST_LAPLACE:
        z = u < 0.5 ? log(2.0 * u) : -log(2.0 * (1.0 - u));
        break;
    default:
        z = 2.0 * u - 1.0;
        break;
    }
    return d->mean + d->scale * z;
}

mg_exact mg_exact_from_double(double x)
{
    mg_exact e = { MG_CLASS_ZERO, signbit(x) != 0, false, 0, 0 };
    if (x == 0) return e;
    if (isinf(x)) {
        e.cls = MG_CLASS_INF;
        return e;
    }
    int ex;
    double f = frexp(fabs(x), &ex); /* f in [0.5, 1) */
    e.cls = MG_CLASS_FINITE;
    e.sig = (uint64_t)ldexp(f, 53);
    e.exp = ex - 53;
    return e;
}

mg_bits mg_acc_quantize(const mg_format *f, double x)
{
    mg_rounding rnd = mg_rounding_make(MG_RNE);
    rnd.ovf_sat = true;
    unsigned flags = 0;
    if (isinf(x)) return mg_max_finite(f, x < 0);
    return mg_round_pack(f, mg_exact_from_double(x), &rnd, &flags);
}

double mg_acc_value(const mg_format *f, mg_bits b)
{
    mg_exact e = mg_decode(f, b);
    switch (e.cls) {
    case MG_CLASS_ZERO:
        return e.sign ? -0.0 : 0.0;
    case MG_CLASS_INF:
        return e.sign ? -INFINITY : INFINITY;
    case MG_CLASS_NAN:
        return NAN;
    default:
        break;
    }
    double v = ldexp((double)e.sig, e.exp);
    return e.sign ? -v : v;
}
