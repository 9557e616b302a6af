/* Running the programs of a verify build (see verify_tool.h). */
#include "verify_tool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run_tool.h"
#include "verify_cache.h"

int mg_verify_tool(const char *const argv[], const char *cwd, const char *log, char *err, size_t errlen)
{
    /* sim/util's runner: a process group of the tool's own (stopped with
     * everything it started on a timeout or when macgen gets SIGINT or
     * SIGTERM), bounded output, the tool's last lines in err. */
    const mg_tool_cmd cmd = { argv, cwd, log, mg_tool_default_timeout() };
    mg_tool_result r;
    if (mg_tool_run(&cmd, &r, err, errlen) == 0) return 0;
    size_t n = strlen(err);
    if (log && (r.how == MG_TOOL_EXITED || r.how == MG_TOOL_SIGNALLED) && n + 1 < errlen)
        snprintf(err + n, errlen - n, "; its output is in %s", log);
    return -1;
}

int mg_verify_tool_line(const char *const argv[], const char *prefix, const char *log, char **out, char *err,
                        size_t errlen)
{
    unlink(log);
    if (mg_verify_tool(argv, NULL, log, err, errlen)) return -1;
    size_t len;
    char *text = mg_verify_read_file(log, &len);
    if (!text) {
        snprintf(err, errlen, "cannot read %s", log);
        return -1;
    }
    /* Other lines (a shell's complaint on stderr) may come first. */
    for (char *line = text; *line; line += strcspn(line, "\n"), line += *line == '\n') {
        size_t n = strcspn(line, "\r\n");
        if (strncmp(line, prefix, strlen(prefix)) || n == 0) continue;
        memmove(text, line, n);
        text[n] = '\0';
        *out = text;
        return 0;
    }
    snprintf(err, errlen, "%s %s printed no line starting with '%s' (its output is in %s)", argv[0], argv[1],
             prefix, log);
    free(text);
    return -1;
}
