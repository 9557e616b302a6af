/* Files written whole or not at all, and external tools run without a shell. */
#ifndef MG_FILEIO_H
#define MG_FILEIO_H

#include <stdbool.h>
#include <stdio.h>

/* An output file written whole or not at all, the way careful Unix tools
 * do it.  A new name or a regular file: written to a temporary beside it
 * (".NAME.XXXXXX", same directory, so same file system) and renamed onto it
 * by commit, keeping an existing file's permissions.  A symbolic link: the
 * same, done to the file it points to (the link stays a link); a dangling
 * link is refused.  A character device or FIFO (/dev/null, /dev/full, a
 * pipe): opened and written directly, never replaced.  A directory, socket
 * or block device: refused. */
typedef struct {
    FILE *fp;
    char *path;   /* the file finally written (a link's target) */
    char *tmp;    /* the temporary, or NULL when writing directly */
} mg_atomic_file;

/* -1 with a reason (nothing created) when path cannot be written. */
int mg_atomic_open(mg_atomic_file *f, const char *path, char *err, size_t errlen);
/* Closes and renames; -1 (temp removed) if any write failed. */
int mg_atomic_commit(mg_atomic_file *f, char *err, size_t errlen);
/* Closes and removes the temporary file. */
void mg_atomic_abort(mg_atomic_file *f);

/* -1 with "PATH_A and PATH_B name the same file" when two of the n output
 * paths (NULL entries skipped) resolve to one file (character devices such
 * as /dev/null excepted). */
int mg_outputs_distinct(const char *const *paths, size_t n, char *err, size_t errlen);

/* Opens path for reading without ever blocking in open(): O_NONBLOCK, then
 * fstat; anything but a regular file (a FIFO with no writer, a device, a
 * directory) is refused with "cannot read PATH: it is a FIFO, not a regular
 * file" in err, so that no input can hang macgen where a signal would leave
 * its work folder behind.  The stream is blocking again once open.  NULL on
 * failure. */
FILE *mg_open_regular(const char *path, char *err, size_t errlen);

/* "dir/name", malloc'd (NULL when out of memory). */
char *mg_path_join(const char *dir, const char *name);

/* rm -rf path: symbolic links themselves, never their targets.  Best
 * effort: -1 if something stayed. */
int mg_remove_tree(const char *path);

/* mkdir -p. */
int mg_make_dirs(const char *path, char *err, size_t errlen);


#endif
