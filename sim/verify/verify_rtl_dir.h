/* The Verilog files of a directory (a user's --rtl DIR, or a staged copy)
 * for the Verilator builds. */
#ifndef MG_VERIFY_RTL_DIR_H
#define MG_VERIFY_RTL_DIR_H

#include <stddef.h>

/* The names of the .v files in dir but `exclude` (may be NULL), sorted
 * (malloc'ed; free them with mg_verify_free_names); -1 with err when dir is
 * unreadable or has none. */
int mg_verify_list_verilog(const char *dir, const char *exclude, char ***names, size_t *count, char *err,
                           size_t errlen);
void mg_verify_free_names(char **names, size_t count);

/* Copies every .v file of `from` but `exclude` into the directory `to`
 * (each written atomically); -1 with err when there is none or one cannot
 * be copied. */
int mg_verify_copy_verilog(const char *from, const char *exclude, const char *to, char *err, size_t errlen);

#endif
