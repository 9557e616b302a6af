#include "verilog_dir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "flow.h"

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.v names of dir, sorted, malloc'd. */
static int list_verilog(const char *dir, char **names, size_t max, size_t *count, char *err,
                        size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "cannot read directory %s: %s", dir, strerror(errno));
        return -1;
    }
    struct dirent *e;
    int rc = 0;
    *count = 0;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 3 || strcmp(e->d_name + len - 2, ".v")) continue;
        if (*count == max) {
            snprintf(err, errlen, "more than %zu Verilog files in %s", max, dir);
            rc = -1;
            break;
        }
        if (!(names[*count] = strdup(e->d_name))) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
            break;
        }
        (*count)++;
    }
    closedir(d);
    if (rc == 0 && *count == 0) {
        snprintf(err, errlen, "no *.v file in %s", dir);
        rc = -1;
    }
    qsort(names, *count, sizeof names[0], compare_names);
    return rc;
}

int mg_verilog_dir_stage(const char *dir, const char *workdir, const char *subdir,
                         char files[][512], size_t max, size_t *n, char *err, size_t errlen)
{
    char **names = calloc(max ? max : 1, sizeof *names);
    if (!names) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    size_t count = 0;
    int rc = list_verilog(dir, names, max, &count, err, errlen);
    char *staged = mg_path_join(workdir, subdir), *target_dir = NULL;
    if (rc == 0 && (!staged || mkdir(staged, 0777) != 0)) {
        snprintf(err, errlen, "cannot create %.900s: %s", staged ? staged : subdir,
                 staged ? strerror(errno) : "out of memory");
        rc = -1;
    }
    /* Links must work from the work directory: make their targets absolute. */
    if (rc == 0) {
        char *cwd = dir[0] == '/' ? NULL : getcwd(NULL, 0);
        target_dir = dir[0] == '/' ? strdup(dir) : cwd ? mg_path_join(cwd, dir) : NULL;
        free(cwd);
        if (!target_dir) {
            snprintf(err, errlen, "cannot find the current directory: %s", strerror(errno));
            rc = -1;
        }
    }
    for (size_t i = 0; rc == 0 && i < count; i++) {
        snprintf(files[i], 512, "%s/%s", subdir, names[i]);
        if (!mg_flow_valid_file(files[i])) {
            snprintf(err, errlen, "unsupported Verilog file name '%s' (use letters, digits, _ . + -)",
                     names[i]);
            rc = -1;
            break;
        }
        char *target = mg_path_join(target_dir, names[i]), *link = mg_path_join(workdir, files[i]);
        /* Yosys would wait forever on a FIFO named x.v: only regular files. */
        FILE *probe = target ? mg_open_regular(target, err, errlen) : NULL;
        if (probe) fclose(probe);
        if (target && !probe) {
            rc = -1;
        } else if (!target || !link || symlink(target, link) != 0) {
            snprintf(err, errlen, "cannot link %.900s: %s", link ? link : files[i],
                     target && link ? strerror(errno) : "out of memory");
            rc = -1;
        }
        free(target);
        free(link);
    }
    free(staged);
    free(target_dir);
    *n = rc == 0 ? count : 0;
    for (size_t i = 0; i < count; i++) free(names[i]);
    free(names);
    return rc;
}
