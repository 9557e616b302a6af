#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>


int mg_atomic_open(mg_atomic_file *f, const char *path, char *err, size_t errlen)
{
    if (strlen(path) >= sizeof f->path) {
        snprintf(err, errlen, "path too long: %s", path);
        return -1;
    }
    strcpy(f->path, path);
    snprintf(f->tmp, sizeof f->tmp, "%s.tmp.%ld", path, (long)getpid());
    f->fp = fopen(f->tmp, "w");
    if (!f->fp) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int mg_atomic_commit(mg_atomic_file *f, char *err, size_t errlen)
{
    int bad = ferror(f->fp);
    if (fclose(f->fp) != 0) bad = 1;
    f->fp = NULL;
    if (bad) {
        snprintf(err, errlen, "cannot write %s (disk full?)", f->path);
        remove(f->tmp);
        return -1;
    }
    if (rename(f->tmp, f->path) != 0) {
        snprintf(err, errlen, "cannot create %s: %s", f->path, strerror(errno));
        remove(f->tmp);
        return -1;
    }
    return 0;
}

void mg_atomic_abort(mg_atomic_file *f)
{
    if (f->fp) fclose(f->fp);
    f->fp = NULL;
    remove(f->tmp);
}

int mg_make_dirs(const char *path, char *err, size_t errlen)
{
    char buf[4096];
    if (strlen(path) >= sizeof buf) {
        snprintf(err, errlen, "path too long: %s", path);
        return -1;
    }
    strcpy(buf, path);
    for (char *p = buf + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
                snprintf(err, errlen, "cannot create directory %s: %s", buf, strerror(errno));
                return -1;
            }
            *p = c;
            if (c == '\0') break;
        }
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s is not a directory", path);
        return -1;
    }
    return 0;
}

bool mg_tool_exists(const char *prog)
{
    /* A name with a slash is a path, as execvp takes it. */
    if (strchr(prog, '/')) return access(prog, X_OK) == 0;
    const char *path = getenv("PATH");
    if (!path) path = "/usr/bin:/bin";
    char buf[4096];
    while (*path) {
        size_t n = strcspn(path, ":");
        snprintf(buf, sizeof buf, "%.*s/%s", (int)n, n ? path : ".", prog);
        if (access(buf, X_OK) == 0) return true;
        path += n;
        if (*path == ':') path++;
    }
    return false;
}

int mg_run_tool(const char *const argv[], const char *cwd, const char *log_path, int *status,
                char *err, size_t errlen)
{
    if (!mg_tool_exists(argv[0])) {
        snprintf(err, errlen, "%s not found in PATH (install it: make deps)", argv[0]);
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "cannot start %s: %s", argv[0], strerror(errno));
        return -1;
    }
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = log_path ? open(log_path, O_WRONLY | O_CREAT | O_APPEND, 0666)
                           : open("/dev/null", O_WRONLY);
        if (in < 0 || out < 0) _exit(126);
        dup2(in, 0);
        dup2(out, 1);
        dup2(out, 2);
        if (cwd && chdir(cwd) != 0) _exit(126);
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0) {
        if (errno != EINTR) {
            snprintf(err, errlen, "waiting for %s: %s", argv[0], strerror(errno));
            return -1;
        }
    }
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return 0;
}
