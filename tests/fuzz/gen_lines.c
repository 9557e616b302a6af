/* Random eval lines for tests/fuzz/fuzz_eval.sh: gen_lines SEED COUNT W1 W2 ...
 * writes COUNT lines of one field per width Wi (bits), each a random value
 * that fits, in 1 to the field's digits of hex.  About one line in 400 is
 * mutated (a field dropped, added, overlong or out of range, a control
 * byte, NUL, a high byte, a huge token) so that the error paths run too;
 * eval stops at the first bad line, so they are kept rare. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state;

static uint64_t next(void)
{
    /* splitmix64 */
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Edge values more often than uniform ones. */
static uint64_t value(int bits)
{
    uint64_t mask = bits >= 64 ? ~0ull : (1ull << bits) - 1;
    switch (next() % 8) {
    case 0: return 0;
    case 1: return mask;
    case 2: return mask >> 1;
    case 3: return (mask >> 1) + 1;
    case 4: return next() % 4;
    default: return next() & mask;
    }
}

static void mutate(int n, const int *w)
{
    static const char *const junk[] = { "\x01", "\x7f", "\xff", "\x1b[0m", "-1", "0x10", "+", "g", "\v" };
    switch (next() % 7) {
    case 0: n = n > 1 ? n - 1 : n + 1; break;              /* a field short */
    case 1: printf("0 "); break;                            /* a field more */
    case 2: fputs(junk[next() % 9], stdout); break;         /* a stray byte */
    case 3: putchar('\0'); break;
    case 4: for (int i = 0; i < 5000; i++) putchar("0123456789abcdef"[next() % 16]); putchar(' '); break;
    case 5: printf("%llx ", (unsigned long long)~0ull); break; /* out of range */
    default: printf("   \t\r"); break;
    }
    for (int i = 0; i < n; i++) printf("%llx%c", (unsigned long long)value(w[i % n]), i + 1 < n ? ' ' : '\n');
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: gen_lines SEED COUNT WIDTH...\n");
        return 2;
    }
    state = strtoull(argv[1], NULL, 0);
    long count = strtol(argv[2], NULL, 0);
    int n = argc - 3;
    int *w = malloc((size_t)n * sizeof *w);
    if (!w) return 1;
    for (int i = 0; i < n; i++) w[i] = atoi(argv[3 + i]);
    for (long l = 0; l < count; l++) {
        if (next() % 400 == 0) {
            mutate(n, w);
            continue;
        }
        for (int i = 0; i < n; i++)
            printf("%llx%c", (unsigned long long)value(w[i]), i + 1 < n ? ' ' : '\n');
    }
    free(w);
    return 0;
}
