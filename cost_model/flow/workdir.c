#include "workdir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int mg_workdir_create(const char *tag, char *out, size_t outlen, char *err, size_t errlen)
{
    const char *base = getenv("TMPDIR");
    if (!base || !*base) base = "/tmp";
    int n = snprintf(out, outlen, "%s/macgen-%s-XXXXXX", base, tag);
    if (n < 0 || (size_t)n >= outlen) {
        snprintf(err, errlen, "temporary directory path too long (TMPDIR=%s)", base);
        return -1;
    }
    if (!mkdtemp(out)) {
        snprintf(err, errlen, "cannot create a temporary directory in %s: %s", base, strerror(errno));
        return -1;
    }
    return 0;
}

int mg_workdir_remove(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode)) return unlink(path);
    int rc = 0;
    DIR *dir = opendir(path);
    if (dir) {
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            size_t n = strlen(path) + strlen(e->d_name) + 2;
            char *child = malloc(n);
            if (!child) {
                rc = -1;
                continue;
            }
            snprintf(child, n, "%s/%s", path, e->d_name);
            if (mg_workdir_remove(child) != 0) rc = -1;
            free(child);
        }
        closedir(dir);
    }
    if (rmdir(path) != 0) rc = -1;
    return rc;
}
