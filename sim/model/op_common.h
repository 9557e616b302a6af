/* Special-operand rules shared by the operations (docs/spec/operations.md section 1). */
#ifndef MG_OP_COMMON_H
#define MG_OP_COMMON_H

#include "exact.h"

/* True when some operand is a NaN; raises invalid for a signalling one. */
bool mg_any_nan(const mg_exact *ops, int n, unsigned *flags);

/* The NaN result of an invalid operation (Inf*0, Inf-Inf). */
mg_exact mg_invalid_result(unsigned *flags);

/* a + b where at least one is infinite and neither is NaN. */
mg_exact mg_add_with_inf(mg_exact a, mg_exact b, unsigned *flags);

/* a * b where neither is NaN (handles Inf and zero operands, then exact). */
mg_exact mg_mul_specials(mg_exact a, mg_exact b, unsigned *flags);

/* The exact product of two encodings with every special rule: a NaN
 * operand gives NaN (invalid if signalling), Inf*0 NaN with invalid. */
mg_exact mg_exact_product(const mg_format *fa, mg_bits a, const mg_format *fb, mg_bits b, unsigned *flags);

#include "ops.h"
/* The first half of an unfused MAC step: Q_prod(w*a), with its underflow
 * event (a nonzero exact product rounded to zero). */
mg_bits mg_mac_round_product(const mg_mac_spec *spec, mg_bits w, mg_bits a, const mg_rounding *rnd,
                             unsigned *flags, unsigned *events);
/* The second half of a MAC step: Q_acc(addend + acc), with the LBA events. */
mg_bits mg_mac_accumulate(const mg_mac_spec *spec, mg_exact addend, mg_bits acc, const mg_rounding *rnd,
                          unsigned *flags, unsigned *events);

#endif
