/* Inputs of accuracy runs: real numbers quantized to a float format with
 * rne and saturation, either from a file or drawn from a distribution. */
#ifndef MG_ACC_INPUT_H
#define MG_ACC_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "acc_rng.h"
#include "model.h"

typedef enum { MG_DIST_NORMAL, MG_DIST_LAPLACE, MG_DIST_UNIFORM } mg_dist_kind;

/* normal: N(mean, scale^2); laplace: location mean, scale b = scale
 * (variance 2 scale^2); uniform: on [mean - scale, mean + scale]. */
typedef struct {
    mg_dist_kind kind;
    double scale, mean;
} mg_dist;

int mg_dist_parse(const char *name, mg_dist_kind *out);
const char *mg_dist_name(mg_dist_kind k);
double mg_dist_cdf(const mg_dist *d, double x);
double mg_dist_draw(const mg_dist *d, mg_rng *r);

/* x as an exact value (x not NaN). */
mg_exact mg_exact_from_double(double x);
/* Q(x) in f: round to nearest even, saturating at the largest finite value
 * (Inf too saturates).  x must not be NaN. */
mg_bits mg_acc_quantize(const mg_format *f, double x);
/* The value of an encoding as a double (exact for formats of at most 53
 * significand bits and fp64's range; NaN for NaN). */
double mg_acc_value(const mg_format *f, mg_bits b);

/* Draws encodings of f with the probabilities of Q(X), X ~ dist (to the
 * alias thresholds' resolution, 2^-24 or 2^-32 per slot):
 * each encoding's interval of reals that round to it (found by bisection
 * with the model's own rounding) weighs its probability, then an alias
 * table picks one with one 64-bit random word.  Formats of at most 16 bits;
 * wider ones draw X and round it (mg_code_draw_n handles both). */
typedef struct mg_code_sampler mg_code_sampler;
mg_code_sampler *mg_code_sampler_new(const mg_format *f, const mg_dist *d);
void mg_code_sampler_free(mg_code_sampler *s);
/* n encodings into out (formats of at most 16 bits). */
void mg_code_draw_n(const mg_code_sampler *s, mg_rng *r, uint16_t *out, size_t n);

#endif
