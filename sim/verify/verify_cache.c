/* The verify cache's root, hashing, entry markers and sweeping (see
 * verify_cache.h). */
#include "verify_cache.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "fileio.h"
#include "textfile.h"

#define STALE_SECONDS 3600

void mg_fnv_add(mg_fnv *f, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        f->h ^= p[i];
        f->h *= 1099511628211ull;
    }
}

void mg_fnv_str(mg_fnv *f, const char *s) { mg_fnv_add(f, s, strlen(s) + 1); }

char *mg_strdupf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *s = malloc((size_t)n + 1);
    if (!s) return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* The directory of the running executable (malloc'ed), or NULL. */
static char *exe_dir(void)
{
    for (size_t cap = 256; cap <= (1u << 20); cap *= 2) {
        char *buf = malloc(cap);
        if (!buf) return NULL;
        ssize_t n = readlink("/proc/self/exe", buf, cap);
        if (n > 0 && (size_t)n < cap) {
            buf[n] = '\0';
            char *slash = strrchr(buf, '/');
            if (slash) *slash = '\0';
            return buf;
        }
        free(buf);
        if (n <= 0) return NULL;
    }
    return NULL;
}

/* GNU Make, which runs Verilator's build inside the cache, cannot build in
 * a folder whose path holds a space, a tab, ':', '#', '$' or '%' (targets
 * and prerequisites are split at them): every cold verify would fail with
 * the cause only in the build log.  -1 with the reason in err. */
static int make_unsafe(const char *root, bool from_env, char *err, size_t errlen)
{
    char *cwd = root[0] == '/' ? NULL : getcwd(NULL, 0);
    char *abs = cwd ? mg_path_join(cwd, root) : NULL;
    const char *path = abs ? abs : root;
    size_t bad = strcspn(path, " \t:#$%");
    int rc = 0;
    if (path[bad]) {
        char shown[96];
        snprintf(err, errlen, "the verify cache %s%s holds %s: GNU Make (Verilator's build) cannot build there; "
                 "set MACGEN_CACHE to a folder whose path has no space, tab, ':', '#', '$' or '%%'",
                 from_env ? "MACGEN_CACHE=" : "", mg_escape_text(path, shown, sizeof shown),
                 path[bad] == ' ' ? "a space" : path[bad] == '\t' ? "a tab" : "a character Make splits at");
        rc = -1;
    }
    free(cwd);
    free(abs);
    return rc;
}

char *mg_verify_cache_root(char *err, size_t errlen)
{
    const char *env = getenv("MACGEN_CACHE");
    char *root;
    if (env && *env) {
        root = strdup(env);
    } else {
        char *dir = exe_dir();
        if (!dir) {
            snprintf(err, errlen, "cannot locate the macgen executable; set MACGEN_CACHE to a directory");
            return NULL;
        }
        root = mg_path_join(dir, "verilator");
        free(dir);
    }
    if (!root) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (strlen(root) + MG_VERIFY_CACHE_SUFFIX_MAX >= PATH_MAX) {
        snprintf(err, errlen, "path too long: the verify cache %s%.60s... (%zu bytes; at most %d)",
                 env && *env ? "MACGEN_CACHE=" : "", root, strlen(root), PATH_MAX - MG_VERIFY_CACHE_SUFFIX_MAX - 1);
        free(root);
        return NULL;
    }
    if (make_unsafe(root, env && *env, err, errlen)) {
        free(root);
        return NULL;
    }
    return root;
}

char *mg_verify_read_file(const char *path, size_t *len)
{
    char *text = NULL, why[256];
    if (mg_read_text_file(path, &text, len, why, sizeof why)) return NULL;
    return text;
}

bool mg_verify_path_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

void mg_verify_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) return;
    if (!S_ISDIR(st.st_mode)) {
        unlink(path);
        return;
    }
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            char *sub = mg_path_join(path, e->d_name);
            if (sub) mg_verify_remove_tree(sub);
            free(sub);
        }
        closedir(d);
    }
    rmdir(path);
}

char *mg_verify_temp_dir(const char *tag, char *err, size_t errlen)
{
    const char *base = getenv("TMPDIR");
    if (!base || !*base) base = "/tmp";
    char *dir = mg_strdupf("%s/macgen-%s-XXXXXX", base, tag);
    if (!dir) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (!mkdtemp(dir)) {
        snprintf(err, errlen, "cannot create a temporary directory in %s (TMPDIR): %s", base, strerror(errno));
        free(dir);
        return NULL;
    }
    return dir;
}

/* The marker's text for the unit.so of dir, or -1 when it is unreadable. */
static int marker_text(const char *dir, char *buf, size_t len)
{
    char *so = mg_path_join(dir, "unit.so");
    size_t n = 0;
    char *data = so ? mg_verify_read_file(so, &n) : NULL;
    free(so);
    if (!data) return -1;
    mg_fnv f = MG_FNV_INIT;
    mg_fnv_add(&f, data, n);
    free(data);
    snprintf(buf, len, "unit.so size=%zu fnv1a64=%016llx\n", n, (unsigned long long)f.h);
    return 0;
}

int mg_verify_entry_seal(const char *dir, char *err, size_t errlen)
{
    char text[128];
    char *path = mg_path_join(dir, "unit.ok");
    FILE *fp = NULL;
    int rc = -1;
    if (!path || marker_text(dir, text, sizeof text)) snprintf(err, errlen, "cannot read %s/unit.so", dir);
    else if (!(fp = fopen(path, "w"))) snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    else if ((fputs(text, fp) < 0) | (fclose(fp) != 0)) snprintf(err, errlen, "cannot write %s", path);
    else rc = 0;
    free(path);
    return rc;
}

bool mg_verify_entry_valid(const char *dir)
{
    char want[128];
    char *path = mg_path_join(dir, "unit.ok");
    size_t n;
    char *have = path ? mg_verify_read_file(path, &n) : NULL;
    free(path);
    bool ok = have && marker_text(dir, want, sizeof want) == 0 && !strcmp(have, want);
    free(have);
    return ok;
}

/* Is tmp.<pid>.* in dir left by a build that is over? */
static bool stale(const char *root, const char *name)
{
    long pid = strtol(name + 4, NULL, 10);
    char *path = mg_path_join(root, name);
    struct stat st;
    bool old = path && lstat(path, &st) == 0 && time(NULL) - st.st_mtime > STALE_SECONDS;
    free(path);
    if (old) return true;
    return pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

void mg_verify_cache_sweep(const char *root)
{
    DIR *d = opendir(root);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, "tmp.", 4) || !stale(root, e->d_name)) continue;
        char *path = mg_path_join(root, e->d_name);
        if (path) mg_verify_remove_tree(path);
        free(path);
    }
    closedir(d);
}
