/* The generator's entry point, shared by `macgen rtl`, `macgen cost` and
 * `macgen verify`. */
#ifndef MG_RTL_H
#define MG_RTL_H

#include <stddef.h>

#include "cli.h"

#define MG_RTL_MAX_FILES 64
/* The longest path of an emitted file: an output directory that leaves no
 * room for the file names is refused ("path too long"), never truncated. */
#define MG_RTL_PATH_MAX 1024

typedef struct {
    char top[128];                              /* name of the top module */
    char canonical[512];                        /* "mac w=... round=rtz": the Unit line of the top */
    char files[MG_RTL_MAX_FILES][MG_RTL_PATH_MAX]; /* every file written, top's file last */
    size_t n_files;
} mg_rtl_output;

/* Emits unit `unit` with the parameters in kv (every pair must be consumed,
 * else an error) into directory outdir (created if needed), each file
 * written atomically.  command_line is copied into every file's header
 * comment.  Returns 0, or -1 with a one-line reason in err. */
int mg_rtl_emit(const char *unit, mg_kv_list *kv, const char *outdir, const char *command_line,
                mg_rtl_output *out, char *err, size_t errlen);

#endif
