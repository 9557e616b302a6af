/* Memory limits (memlimit.h). */
#include "memlimit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "number.h"

#define GIB (1024.0 * 1024.0 * 1024.0)

/* "48G" into bytes: a decimal number (number.h) and a K/M/G/T suffix. */
static int parse_size(const char *text, unsigned long long *out, char *err, size_t errlen)
{
    static const char suffixes[] = "KMGT";
    char digits[24];
    size_t n = strspn(text, "0123456789");
    const char *s = text[n] ? strchr(suffixes, text[n]) : NULL;
    if (n == 0 || n >= sizeof digits || (text[n] && (!s || text[n + 1]))) {
        snprintf(err, errlen, "%s=%.40s: expected bytes with an optional K, M, G or T suffix (e.g. 48G; 0: no limit)",
                 MG_MEM_LIMIT_ENV, text);
        return -1;
    }
    int shift = s ? 10 * (int)(s - suffixes + 1) : 0;
    snprintf(digits, sizeof digits, "%.*s", (int)n, text);
    unsigned long long v;
    if (mg_parse_uint(MG_MEM_LIMIT_ENV, digits, 0, (~0ull) >> shift, 0, &v, err, errlen)) return -1;
    *out = v << shift;
    return 0;
}

int mg_mem_limit(unsigned long long *bytes, char *source, size_t srclen, char *err, size_t errlen)
{
    const char *env = getenv(MG_MEM_LIMIT_ENV);
    if (env) {
        if (parse_size(env, bytes, err, errlen)) return -1;
        snprintf(source, srclen, "%s=%.40s", MG_MEM_LIMIT_ENV, env);
        return 0;
    }
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page <= 0) {
        *bytes = 0; /* unknown: no limit rather than a made-up one */
        snprintf(source, srclen, "the RAM size is unknown");
        return 0;
    }
    double ram = (double)pages * (double)page;
    *bytes = (unsigned long long)(ram / 2);
    snprintf(source, srclen, "half of the %.1f GiB of RAM", ram / GIB);
    return 0;
}

/* "41.0 GiB" or "96 MiB". */
static const char *human(double bytes, char *buf, size_t len)
{
    if (bytes >= GIB) snprintf(buf, len, "%.1f GiB", bytes / GIB);
    else snprintf(buf, len, "%.0f MiB", bytes / (1024.0 * 1024.0));
    return buf;
}

int mg_mem_check(const char *what, double need_bytes, char *err, size_t errlen)
{
    unsigned long long limit;
    char source[96], need[32], lim[32], hint[32];
    if (mg_mem_limit(&limit, source, sizeof source, err, errlen)) return -1;
    if (limit == 0 || need_bytes <= (double)limit) return 0;
    /* A value that would do: the estimate rounded up to a whole G (or M). */
    if (need_bytes >= GIB) snprintf(hint, sizeof hint, "%.0fG", need_bytes / GIB + 1);
    else snprintf(hint, sizeof hint, "%.0fM", need_bytes / (1024.0 * 1024.0) + 1);
    snprintf(err, errlen,
             "%s needs about %s, over the memory limit of %s (%s; set %s=SIZE, e.g. %s, or 0 for no limit, "
             "to go past it)",
             what, human(need_bytes, need, sizeof need), human((double)limit, lim, sizeof lim), source,
             MG_MEM_LIMIT_ENV, hint);
    return -1;
}
