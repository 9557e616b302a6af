/* Hex fields of the eval line format (docs/spec/eval.md): lower-case,
 * zero-padded to ceil(bits/4) digits. */
#ifndef MG_HEXFIELD_H
#define MG_HEXFIELD_H

#include <stdint.h>
#include <stdio.h>

/* Parses one whitespace-free token holding at most ceil(bits/4) hex digits
 * (either case) with no bit set at or above `bits`.  Returns 0, or -1 with a
 * reason in err. */
int mg_hex_parse(const char *token, int bits, uint64_t *out, char *err, size_t errlen);
void mg_hex_print(FILE *out, uint64_t value, int bits);

/* Splits line (modified in place) at white space into at most max tokens;
 * returns the count, or max+1 when there are more. */
size_t mg_split_fields(char *line, char **tokens, size_t max);

#endif
