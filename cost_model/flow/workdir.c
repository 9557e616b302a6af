#include "workdir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"

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
    return mg_remove_tree(path);
}
