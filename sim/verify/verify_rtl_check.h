/* Checks of a user's `verify --rtl DIR` before anything is built: no module
 * defined twice (Verilator only warns, and which copy it takes depends on
 * the file order), and the top module has exactly the ports of the device
 * under test (names, directions and, where the header spells them as
 * numbers, widths). */
#ifndef MG_VERIFY_RTL_CHECK_H
#define MG_VERIFY_RTL_CHECK_H

#include <stddef.h>

#include "verify_device.h"

/* dir/names[0..n) are the .v files; -1 with one line in err naming the
 * files or the port. */
int mg_verify_check_rtl(const char *dir, char *const *names, size_t n, const mg_verify_device *d, char *err,
                        size_t errlen);

#endif
