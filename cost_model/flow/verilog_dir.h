/* Verilog from a user's directory, staged into a work directory so that the
 * flow script names every file by a short, validated relative path. */
#ifndef MG_VERILOG_DIR_H
#define MG_VERILOG_DIR_H

#include <stddef.h>

/* Symlinks every *.v file of dir (sorted by name) into workdir/subdir and
 * puts "subdir/NAME.v" into files[0..*n).  -1 with a reason when dir cannot
 * be read, holds no *.v file or more than max, or a name is unsupported. */
int mg_verilog_dir_stage(const char *dir, const char *workdir, const char *subdir,
                         char files[][512], size_t max, size_t *n, char *err, size_t errlen);

#endif
