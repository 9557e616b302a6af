#include "verify_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "textfile.h"

void mg_fnv_add(mg_fnv *f, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        f->h ^= p[i];
        f->h *= 1099511628211ull;
    }
}

void mg_fnv_str(mg_fnv *f, const char *s) { mg_fnv_add(f, s, strlen(s) + 1); }

int mg_verify_cache_root(char *buf, size_t len, char *err, size_t errlen)
{
    const char *env = getenv("MACGEN_CACHE");
    if (env && *env) {
        snprintf(buf, len, "%s", env);
        return 0;
    }
    char exe[900];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(err, errlen, "cannot locate the macgen executable; set MACGEN_CACHE to a build directory");
        return -1;
    }
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) *slash = '\0';
    snprintf(buf, len, "%s/verilator", exe);
    return 0;
}

char *mg_verify_read_file(const char *path, size_t *len)
{
    char *text = NULL, why[512];
    if (mg_read_text_file(path, &text, len, why, sizeof why)) return NULL;
    return text;
}

bool mg_verify_path_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}
