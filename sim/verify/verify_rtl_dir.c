/* Listing and copying the .v files of a directory (see verify_rtl_dir.h). */
#include "verify_rtl_dir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "verify_cache.h"

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int mg_verify_list_verilog(const char *dir, const char *exclude, char ***names, size_t *count, char *err,
                           size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "cannot read the directory %s: %s", dir, strerror(errno));
        return -1;
    }
    size_t n = 0, cap = 16;
    char **v = malloc(cap * sizeof *v);
    struct dirent *e;
    while (v && (e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < 3 || strcmp(e->d_name + l - 2, ".v") || (exclude && !strcmp(e->d_name, exclude))) continue;
        if (n == cap) {
            char **nv = realloc(v, (cap *= 2) * sizeof *v);
            if (!nv) break;
            v = nv;
        }
        v[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (!v || n == 0) {
        free(v);
        snprintf(err, errlen, "no .v files in %s", dir);
        return -1;
    }
    qsort(v, n, sizeof *v, cmp_str);
    *names = v;
    *count = n;
    return 0;
}

void mg_verify_free_names(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++) free(names[i]);
    free(names);
}

static int copy_file(const char *src, const char *dst, char *err, size_t errlen)
{
    /* A FIFO or device named x.v is refused, not waited on (fileio.h). */
    FILE *in = mg_open_regular(src, err, errlen);
    if (!in) return -1;
    mg_atomic_file af;
    int rc = -1;
    if (mg_atomic_open(&af, dst, err, errlen) == 0) {
        char buf[8192];
        size_t got;
        while ((got = fread(buf, 1, sizeof buf, in)) > 0) fwrite(buf, 1, got, af.fp);
        if (ferror(in)) {
            snprintf(err, errlen, "cannot read %s: read error", src);
            mg_atomic_abort(&af);
        } else {
            rc = mg_atomic_commit(&af, err, errlen);
        }
    }
    fclose(in);
    return rc;
}

int mg_verify_copy_verilog(const char *from, const char *exclude, const char *to, char *err, size_t errlen)
{
    char **names;
    size_t n;
    if (mg_verify_list_verilog(from, exclude, &names, &n, err, errlen)) return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char *src = mg_path_join(from, names[i]), *dst = mg_path_join(to, names[i]);
        if (!src || !dst) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
        } else {
            rc = copy_file(src, dst, err, errlen);
        }
        free(src);
        free(dst);
    }
    mg_verify_free_names(names, n);
    return rc;
}
