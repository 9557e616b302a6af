#include "hexfield.h"

#include <ctype.h>
#include <string.h>

#include "cli.h"
#include "format.h"

int mg_hex_parse(const char *token, int bits, uint64_t *out, char *err, size_t errlen)
{
    size_t len = strlen(token), digits = (size_t)(bits + 3) / 4;
    /* The token is echoed cut short and escaped, so the reason survives. */
    char shown[48];
    mg_escape_text(token, shown, sizeof shown);
    if (len == 0 || len > digits) {
        snprintf(err, errlen, "'%s' must be 1 to %zu hex digits for a %d-bit field", shown, digits, bits);
        return -1;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        int c = (unsigned char)token[i];
        if (!isxdigit(c)) {
            snprintf(err, errlen, "'%s' is not hexadecimal", shown);
            return -1;
        }
        v = (v << 4) | (uint64_t)(isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
    }
    if (v & ~mg_mask64(bits)) {
        snprintf(err, errlen, "'%s' has a bit set above the field's %d bits", shown, bits);
        return -1;
    }
    *out = v;
    return 0;
}

void mg_hex_print(FILE *out, uint64_t value, int bits)
{
    fprintf(out, "%0*llx", (bits + 3) / 4, (unsigned long long)value);
}

size_t mg_split_fields(char *line, char **tokens, size_t max)
{
    size_t n = 0;
    char *save = NULL;
    for (char *p = strtok_r(line, " \t\r\n", &save); p; p = strtok_r(NULL, " \t\r\n", &save)) {
        if (n == max) return max + 1;
        tokens[n++] = p;
    }
    return n;
}
