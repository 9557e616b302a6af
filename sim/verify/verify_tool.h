/* The external programs of a verify build (verilator, and the make and g++
 * it starts; g++ for the shim) run through one call: an argument vector,
 * output to a log file, and a message that names the cause on failure. */
#ifndef MG_VERIFY_TOOL_H
#define MG_VERIFY_TOOL_H

#include <stddef.h>

/* Runs argv in cwd (NULL: the current directory) with its output in log.
 * 0 when it exited with status 0; else -1 with one line in err: the tool,
 * how it ended, the log's last line and where the log is. */
int mg_verify_tool(const char *const argv[], const char *cwd, const char *log, char *err, size_t errlen);

/* The first line of what argv prints (e.g. `verilator --version`) that
 * starts with `prefix` ("" for any), into out (malloc'ed); log receives the
 * output.  -1 with err when the tool fails or prints no such line. */
int mg_verify_tool_line(const char *const argv[], const char *prefix, const char *log, char **out, char *err,
                        size_t errlen);

#endif
