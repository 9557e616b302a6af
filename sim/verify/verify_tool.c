/* Running the programs of a verify build (see verify_tool.h). */
#include "verify_tool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "verify_cache.h"

/* The last non-empty line of the log (at most 200 bytes of it), or "". */
static void last_line(const char *log, char *buf, size_t len)
{
    size_t n;
    char *text = mg_verify_read_file(log, &n);
    buf[0] = '\0';
    if (!text) return;
    while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r' || text[n - 1] == ' ')) text[--n] = '\0';
    char *start = strrchr(text, '\n');
    start = start ? start + 1 : text;
    snprintf(buf, len, "%.200s", start);
    for (char *p = buf; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) *p = '?';
    free(text);
}

int mg_verify_tool(const char *const argv[], const char *cwd, const char *log, char *err, size_t errlen)
{
    int status;
    if (mg_run_tool(argv, cwd, log, &status, err, errlen)) return -1;
    if (status == 0) return 0;
    char tail[256];
    last_line(log, tail, sizeof tail);
    snprintf(err, errlen, "%s failed (exit %d)%s%s; its output is in %s", argv[0], status, tail[0] ? ": " : "",
             tail, log);
    return -1;
}

int mg_verify_tool_line(const char *const argv[], const char *log, char **out, char *err, size_t errlen)
{
    unlink(log);
    if (mg_verify_tool(argv, NULL, log, err, errlen)) return -1;
    size_t len;
    char *text = mg_verify_read_file(log, &len);
    if (!text) {
        snprintf(err, errlen, "cannot read %s", log);
        return -1;
    }
    text[strcspn(text, "\r\n")] = '\0';
    *out = text;
    return 0;
}
