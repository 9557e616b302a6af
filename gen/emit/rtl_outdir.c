#include "rtl_outdir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "verilog_name.h"

/* Room for the private directory's name and a file name inside DIR. */
#define STAGE_NAME ".macgen-new-XXXXXX"
#define PATH_ROOM (sizeof STAGE_NAME + MG_VERILOG_NAME_MAX + 4)

static bool is_verilog_name(const char *name)
{
    size_t n = strlen(name);
    return n > 2 && !strcmp(name + n - 2, ".v") && name[0] != '.';
}

/* True when the file at path starts with macgen's header line. */
static bool written_by_macgen(const char *path)
{
    char why[16];
    FILE *fp = mg_open_regular(path, why, sizeof why); /* a FIFO named x.v is not waited on */
    if (!fp) return false;
    char line[sizeof MG_RTL_HEADER_MARK];
    size_t got = fread(line, 1, sizeof line - 1, fp);
    fclose(fp);
    return got == sizeof line - 1 && !memcmp(line, MG_RTL_HEADER_MARK, got);
}

/* Without keep: lists the .v files of dir that macgen did not write into
 * err, -1 when there is one.  With keep (after a successful run): removes
 * macgen's own .v files that keep does not name. */
static int scan_dir(const char *dir, const mg_rtl_output *keep, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "cannot read directory %s: %s", dir, strerror(errno));
        return -1;
    }
    size_t used = 0, foreign = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!is_verilog_name(e->d_name)) continue;
        char *path = mg_path_join(dir, e->d_name);
        struct stat st;
        bool regular = path && lstat(path, &st) == 0 && S_ISREG(st.st_mode);
        bool ours = regular && written_by_macgen(path);
        if (!ours && !keep) {
            char shown[96];
            mg_escape_text(e->d_name, shown, sizeof shown);
            if (foreign == 0)
                used = (size_t)snprintf(err, errlen, "%s holds Verilog files macgen did not write: %s", dir,
                                        shown);
            else if (used < errlen)
                used += (size_t)snprintf(err + used, errlen - used, ", %s", shown);
            foreign++;
        }
        if (ours && keep) {
            bool rewritten = false;
            for (size_t i = 0; i < keep->n_files && !rewritten; i++) {
                const char *base = strrchr(keep->files[i], '/');
                rewritten = !strcmp(base ? base + 1 : keep->files[i], e->d_name);
            }
            if (!rewritten) unlink(path);
        }
        free(path);
    }
    closedir(d);
    if (foreign && used < errlen)
        snprintf(err + used, errlen - used, " (move them away or choose another -o DIR)");
    return foreign ? -1 : 0;
}

/* Every output name must be free or a regular file (or a link to one). */
static int check_targets(const char *dir, const mg_rtl_output *out, char *err, size_t errlen)
{
    for (size_t i = 0; i < out->n_files; i++) {
        const char *base = strrchr(out->files[i], '/') + 1;
        char *path = mg_path_join(dir, base);
        struct stat st;
        int bad = path && stat(path, &st) == 0 && !S_ISREG(st.st_mode);
        if (bad) snprintf(err, errlen, "%s is in the way: it is not a regular file", path);
        if (!path) snprintf(err, errlen, "out of memory");
        free(path);
        if (bad || !path) return -1;
    }
    return 0;
}

/* Renames the staged files into dir; out->files then name them there. */
static int move_into(const char *dir, mg_rtl_output *out, char *err, size_t errlen)
{
    for (size_t i = 0; i < out->n_files; i++) {
        const char *base = strrchr(out->files[i], '/') + 1;
        char *path = mg_path_join(dir, base);
        if (!path || rename(out->files[i], path) != 0) {
            snprintf(err, errlen, "cannot move %s into %s (%zu of %zu files written): %s", base, dir, i,
                     out->n_files, path ? strerror(errno) : "out of memory");
            free(path);
            return MG_FAIL_IO;
        }
        snprintf(out->files[i], sizeof out->files[i], "%s", path);
        free(path);
    }
    return 0;
}

static int prepare_dir(const char *dir, char *err, size_t errlen)
{
    if (strlen(dir) + PATH_ROOM >= sizeof ((mg_rtl_output *)0)->files[0]) {
        snprintf(err, errlen, "path too long: -o takes a directory name of at most %zu bytes",
                 sizeof ((mg_rtl_output *)0)->files[0] - PATH_ROOM - 1);
        return -1;
    }
    struct stat st;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "-o %s: not a directory", dir);
        return -1;
    }
    if (mg_make_dirs(dir, err, errlen) != 0) return MG_FAIL_IO;
    return scan_dir(dir, NULL, err, errlen);
}

/* Removes the (empty) folders of path that did not exist before, deepest
 * first: rmdir never removes a folder that something else was put in. */
static void remove_created(char *path, size_t existing_len)
{
    for (;;) {
        size_t len = strlen(path);
        while (len > 1 && path[len - 1] == '/') path[--len] = '\0';
        if (len <= existing_len || rmdir(path) != 0) return;
        char *slash = strrchr(path, '/');
        if (!slash) return;
        *slash = '\0';
    }
}

/* The length of the longest prefix of dir (at a '/') that exists. */
static size_t existing_prefix(const char *dir)
{
    char *p = strdup(dir);
    size_t len = 0;
    struct stat st;
    while (p && *p) {
        if (stat(p, &st) == 0) {
            len = strlen(p);
            break;
        }
        char *slash = strrchr(p, '/');
        if (!slash) break;
        *slash = '\0';
    }
    free(p);
    return len;
}

int mg_rtl_emit_into(const char *unit, mg_kv_list *kv, const char *dir, const char *command_line,
                     bool clean, mg_rtl_output *out, char *err, size_t errlen)
{
    /* A refused unit leaves no folder behind that it created. */
    size_t existing = existing_prefix(dir);
    int rc = prepare_dir(dir, err, errlen);
    if (rc != 0) return rc;
    char *stage = mg_path_join(dir, STAGE_NAME);
    if (!stage || !mkdtemp(stage)) {
        snprintf(err, errlen, "cannot create a directory in %s: %s", dir, stage ? strerror(errno) : "out of memory");
        free(stage);
        return MG_FAIL_IO;
    }
    rc = mg_rtl_emit(unit, kv, stage, command_line, out, err, errlen);
    if (rc == 0) rc = check_targets(dir, out, err, errlen);
    if (rc == 0) rc = move_into(dir, out, err, errlen);
    if (rc == 0 && clean) rc = scan_dir(dir, out, err, errlen);
    mg_remove_tree(stage);
    free(stage);
    char *created = rc != 0 ? strdup(dir) : NULL;
    if (created) remove_created(created, existing);
    free(created);
    return rc;
}
