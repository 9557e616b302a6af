/* Pieces of the emitter shared with `macgen verify`. */
#ifndef MG_RTL_EMIT_H
#define MG_RTL_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "fileio.h"
#include "rtl.h"
#include "unit.h"

/* Emits a configured unit (see mg_rtl_emit). */
int mg_rtl_emit_unit(const mg_unit *u, const char *outdir, const char *command_line,
                     mg_rtl_output *out, char *err, size_t errlen);
/* Template modules a unit needs: its own list `own` (NULL-terminated)
 * first, then every module they instantiate, transitively.  Names past the
 * own list are heap copies (the caller frees them). */
int mg_rtl_template_closure(const char *unit_name, const char *const *own, const char **names,
                            size_t max, size_t *count, char *err, size_t errlen);
/* The same for arch=area: a module of rtl_templates/area/ is read (for what
 * it instantiates) instead of its namesake. */
int mg_rtl_template_closure_arch(const char *unit_name, const char *const *own, bool area, const char **names,
                                 size_t max, size_t *count, char *err, size_t errlen);
/* Copies the closure of `own` into outdir (created if needed) in name order,
 * each file under a header holding command_line; appends the paths to out. */
int mg_rtl_emit_templates(const char *unit_name, const char *const *own, const char *outdir,
                          const char *command_line, mg_rtl_output *out, char *err, size_t errlen);
/* The same with area: every module that has an area-lean variant
 * (rtl_templates/area/NAME.v, the same module name and ports) is emitted
 * from it. */
int mg_rtl_emit_templates_arch(const char *unit_name, const char *const *own, bool area, const char *outdir,
                               const char *command_line, mg_rtl_output *out, char *err, size_t errlen);
/* Opens outdir/file for an atomic write; -1 with "path too long" when the
 * path would not fit MG_RTL_PATH_MAX (nothing written). */
int mg_rtl_open_output(const char *outdir, const char *file, mg_atomic_file *af, char *err,
                       size_t errlen);
/* Commits af and appends its path to out. */
int mg_rtl_commit_output(mg_atomic_file *af, mg_rtl_output *out, char *err, size_t errlen);
/* The header every emitted file starts with (its first line is
 * MG_RTL_HEADER_MARK of rtl_outdir.h). */
void mg_rtl_write_header(FILE *fp, const char *command_line, const char *what);
void mg_rtl_write_top(FILE *fp, const mg_unit *u);

#endif
