/* Files written whole or not at all, and external tools run without a shell. */
#ifndef MG_FILEIO_H
#define MG_FILEIO_H

#include <stdbool.h>
#include <stdio.h>

/* A file written to "<path>.tmp.<pid>" and renamed onto path by commit. */
typedef struct {
    FILE *fp;
    char path[4096];
    char tmp[4200];
} mg_atomic_file;

int mg_atomic_open(mg_atomic_file *f, const char *path, char *err, size_t errlen);
/* Closes and renames; -1 (temp removed) if any write failed. */
int mg_atomic_commit(mg_atomic_file *f, char *err, size_t errlen);
/* Closes and removes the temporary file. */
void mg_atomic_abort(mg_atomic_file *f);

/* mkdir -p. */
int mg_make_dirs(const char *path, char *err, size_t errlen);

/* Runs argv[0] (looked up in PATH) with argv, standard input from /dev/null,
 * standard output and error appended to log_path (or discarded when NULL),
 * in working directory cwd (or the current one when NULL).  Returns 0 and the
 * exit status in *status (128+signal when killed), or -1 when the program
 * could not be started (err says why, e.g. "yosys not found in PATH"). */
int mg_run_tool(const char *const argv[], const char *cwd, const char *log_path, int *status,
                char *err, size_t errlen);

/* True if an executable named prog is in PATH. */
bool mg_tool_exists(const char *prog);

#endif
