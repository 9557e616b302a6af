/* The one parser for numbers a user types: parameters (rows=64, K=4096,
 * bias=-3), option values (--trials 500, -j 2, --run-point 7), numbers in
 * input files (a .npy shape).  Every command reads its numbers through it,
 * so that every number means the same everywhere:
 *
 *   - decimal only: "64", "-3".  A leading zero ("064", which C's strtol(,,0)
 *     reads as octal 52), a sign '+', spaces, "0x" (unless the caller passes
 *     MG_NUM_HEX and its --help documents it), a fraction or an exponent are
 *     refused, never reinterpreted;
 *   - range-checked: a value outside [lo, hi] is refused with the range in
 *     the message, never clamped or wrapped (no 99999999999999999999 ->
 *     9223372036854775807);
 *   - one clear reason in err, echoing at most 40 characters of the text
 *     (control characters escaped), e.g.
 *         rows=064: a leading zero is not allowed (numbers are decimal: write 64)
 *         --trials 10000001: out of range (1..10000000)
 *   - the canonical spelling of the value is the decimal number itself:
 *     record the parsed value (print it with %lld / %llu), not the text.
 *
 * How to call it (new parameters: arch=, boost=, a new option):
 *
 *     long long rows;
 *     if (mg_parse_int("rows", text, 1, 1024, &rows, err, errlen)) return -1;   // "rows=TEXT: ..."
 *     unsigned long long seed;
 *     if (mg_parse_uint("--seed", text, 0, UINT64_MAX, MG_NUM_HEX, &seed, err, errlen)) return -1;
 *     double scale;
 *     if (mg_parse_real("scale", text, 0, 1e300, &scale, err, errlen)) return -1;  // finite, decimal
 *
 * NAME is how the value appears in the message: a key ("rows") is shown as
 * "rows=TEXT", an option ("--seed") as "--seed TEXT". */
#ifndef MG_NUMBER_H
#define MG_NUMBER_H

#include <stddef.h>

/* flags of mg_parse_uint */
#define MG_NUM_HEX 1u /* also "0x" followed by hex digits (only where --help says so) */

/* A signed integer in [lo, hi].  0, or -1 with a reason in err (out untouched). */
int mg_parse_int(const char *name, const char *text, long long lo, long long hi, long long *out, char *err,
                 size_t errlen);

/* An unsigned integer in [lo, hi] (up to 2^64 - 1); no '-' at all. */
int mg_parse_uint(const char *name, const char *text, unsigned long long lo, unsigned long long hi, unsigned flags,
                  unsigned long long *out, char *err, size_t errlen);

/* A finite decimal real in [lo, hi] ("0.5", "-2", "1e-3"); hex floats,
 * inf, nan, a leading '+' or spaces refused. */
int mg_parse_real(const char *name, const char *text, double lo, double hi, double *out, char *err, size_t errlen);

#endif
