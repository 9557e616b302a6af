/* realpath is X/Open. */
#define _XOPEN_SOURCE 700

#include "fileio.h"


#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


/* "DIR/.BASE.XXXXXX" beside path (malloc'd). */
static char *temp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = path + dirlen;
    size_t n = dirlen + strlen(base) + 16;
    char *t = malloc(n);
    if (t) snprintf(t, n, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
    return t;
}

static mode_t current_umask(void)
{
    mode_t m = umask(022);
    umask(m);
    return m;
}

/* Opens f->path itself (device, FIFO) for writing. */
static int open_direct(mg_atomic_file *f, const char *shown, char *err, size_t errlen)
{
    int fd = open(f->path, O_WRONLY | O_NOCTTY);
    if (fd < 0 || !(f->fp = fdopen(fd, "w"))) {
        snprintf(err, errlen, "cannot write %s: %s", shown, strerror(errno));
        if (fd >= 0) close(fd);
        return -1;
    }
    return 0;
}

/* A temporary beside f->path, with the mode the file has or would get. */
static int open_temp(mg_atomic_file *f, const struct stat *old, const char *shown, char *err,
                     size_t errlen)
{
    f->tmp = temp_name(f->path);
    int fd = f->tmp ? mkstemp(f->tmp) : -1;
    if (fd < 0) {
        snprintf(err, errlen, "cannot write %s: %s", shown, f->tmp ? strerror(errno) : "out of memory");
        return -1;
    }
    fchmod(fd, old ? (old->st_mode & 07777) : (0666 & ~current_umask()));
    if (!(f->fp = fdopen(fd, "w"))) {
        snprintf(err, errlen, "cannot write %s: %s", shown, strerror(errno));
        close(fd);
        unlink(f->tmp);
        return -1;
    }
    return 0;
}

int mg_atomic_open(mg_atomic_file *f, const char *path, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    struct stat st;
    bool exists = lstat(path, &st) == 0;
    if (!exists && errno != ENOENT) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    if (exists && S_ISLNK(st.st_mode)) {
        /* Write through the link: its target is the file to replace.  A
         * link to a pipe or device (/dev/stdout -> /proc/self/fd/1 ->
         * pipe:[N]) has no path to resolve: it is opened as named. */
        if (stat(path, &st) != 0) {
            snprintf(err, errlen, "cannot write %s: it is a symbolic link to a missing file", path);
            return -1;
        }
        f->path = S_ISREG(st.st_mode) ? realpath(path, NULL) : strdup(path);
        if (!f->path) {
            snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
            return -1;
        }
    } else {
        f->path = strdup(path);
    }
    int rc = -1;
    if (!f->path)
        snprintf(err, errlen, "out of memory");
    else if (exists && S_ISDIR(st.st_mode))
        snprintf(err, errlen, "cannot write %s: it is a directory", path);
    else if (exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)))
        rc = open_direct(f, path, err, errlen);
    else if (exists && !S_ISREG(st.st_mode))
        snprintf(err, errlen, "cannot write %s: not a regular file, device or FIFO", path);
    else
        rc = open_temp(f, exists ? &st : NULL, path, err, errlen);
    if (rc != 0) {
        free(f->path);
        free(f->tmp);
        memset(f, 0, sizeof *f);
    }
    return rc;
}

static void atomic_free(mg_atomic_file *f)
{
    free(f->path);
    free(f->tmp);
    f->path = f->tmp = NULL;
}

int mg_atomic_commit(mg_atomic_file *f, char *err, size_t errlen)
{
    int bad = fflush(f->fp) != 0 || ferror(f->fp);
    int saved = errno;
    if (fclose(f->fp) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    f->fp = NULL;
    int rc = 0;
    if (bad) {
        snprintf(err, errlen, "cannot write %s: %s", f->path, saved ? strerror(saved) : "write error");
        rc = -1;
    } else if (f->tmp && rename(f->tmp, f->path) != 0) {
        snprintf(err, errlen, "cannot create %s: %s", f->path, strerror(errno));
        rc = -1;
    }
    if (rc != 0 && f->tmp) unlink(f->tmp);
    atomic_free(f);
    return rc;
}

void mg_atomic_abort(mg_atomic_file *f)
{
    if (f->fp) fclose(f->fp);
    f->fp = NULL;
    if (f->tmp) unlink(f->tmp);
    atomic_free(f);
}

/* The canonical name of an output: realpath of the file, or of its
 * directory plus its base name when it does not exist yet (malloc'd). */
static char *canonical_output(const char *path)
{
    char *r = realpath(path, NULL);
    if (r) return r;
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, (size_t)(slash - path) + 1) : strdup(".");
    char *rdir = dir ? realpath(dir, NULL) : NULL;
    free(dir);
    if (!rdir) return strdup(path);
    const char *base = slash ? slash + 1 : path;
    size_t n = strlen(rdir) + strlen(base) + 2;
    char *out = malloc(n);
    if (out) snprintf(out, n, "%s/%s", rdir, base);
    free(rdir);
    return out;
}

int mg_outputs_distinct(const char *const *paths, size_t n, char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n && paths[i]; j++) {
            if (!paths[j]) continue;
            struct stat st;
            if (stat(paths[i], &st) == 0 && S_ISCHR(st.st_mode)) continue;
            char *a = canonical_output(paths[i]), *b = canonical_output(paths[j]);
            bool same = a && b && !strcmp(a, b);
            free(a);
            free(b);
            if (same) {
                snprintf(err, errlen, "%s and %s name the same file", paths[i], paths[j]);
                return -1;
            }
        }
    }
    return 0;
}

static const char *kind_of(mode_t m)
{
    return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device"
           : S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket" : "not a plain file";
}

FILE *mg_open_regular(const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        if (fd >= 0) close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "cannot read %s: it is %s, not a regular file", path, kind_of(st.st_mode));
        close(fd);
        return NULL;
    }
    int flags = fcntl(fd, F_GETFL);
    FILE *fp = flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0 ? NULL : fdopen(fd, "rb");
    if (!fp) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        close(fd);
    }
    return fp;
}

char *mg_path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/%s", dir, name);
    return p;
}

int mg_remove_tree(const char *path)
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
            char *child = mg_path_join(path, e->d_name);
            if (!child || mg_remove_tree(child) != 0) rc = -1;
            free(child);
        }
        closedir(dir);
    }
    if (rmdir(path) != 0) rc = -1;
    return rc;
}

int mg_make_dirs(const char *path, char *err, size_t errlen)
{
    char *buf = strdup(path);
    if (!buf) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (char *p = buf + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
                snprintf(err, errlen, "cannot create directory %s: %s", buf, strerror(errno));
                free(buf);
                return -1;
            }
            *p = c;
            if (c == '\0') break;
        }
    }
    free(buf);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s is not a directory", path);
        return -1;
    }
    return 0;
}
