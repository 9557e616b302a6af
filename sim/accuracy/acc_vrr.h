/* The analytic overlay: predicted variance retention of a swamping
 * accumulator, after the approach of Sakr et al., "Accumulation bit-width
 * scaling for ultra-low precision training of deep networks" (ICLR 2019).
 *
 * Model (our derivation, docs/lba_accuracy.md gives it in full): the terms
 * p_i are independent, zero-mean, of equal variance sigma^2; the running sum
 * s is normal with variance v; a term is lost entirely (full swamping) when
 * |p_i| < tau |s|, tau = 2^-m (rtz) or 2^-(m+1) (rne), m the accumulator's
 * fraction bits.  p/s is then Cauchy with scale sigma/sqrt(v), so
 *     q(v) = (2/pi) atan(tau sqrt(v) / sigma),
 *     v_i  = v_{i-1} + sigma^2 (1 - q(v_{i-1})),   v_0 = 0,
 * and VRR(n) = v_n / (n sigma^2).  With chunks of c, each chunk sum has
 * variance v_c; the n/c chunk sums go through the same recursion in the
 * second accumulator (fraction bits m2) with sigma^2 = v_c. */
#ifndef MG_ACC_VRR_H
#define MG_ACC_VRR_H

#include <stdbool.h>
#include <stddef.h>

/* chunk 0: no chunking (one level, fraction bits m). */
double mg_acc_vrr_predict(int m, int m2, bool rne, size_t k, size_t chunk);

#endif
