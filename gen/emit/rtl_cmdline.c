#include "rtl_cmdline.h"

#include <stdio.h>
#include <string.h>

static int plain(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-=,./:+", *s)) return 0;
    return 1;
}

void mg_rtl_command_line(int argc, char **argv, char *buf, size_t len)
{
    size_t n = (size_t)snprintf(buf, len, "macgen");
    for (int i = 0; i < argc && n + 4 < len; i++) {
        int q = !plain(argv[i]);
        buf[n++] = ' ';
        if (q) buf[n++] = '\'';
        for (const char *s = argv[i]; *s && n + 3 < len; s++) {
            unsigned char c = (unsigned char)*s;
            buf[n++] = (c < 0x20 || c == 0x7f || c == '\'') ? '?' : (char)c;
        }
        if (q) buf[n++] = '\'';
        buf[n] = '\0';
    }
    /* A command too long for the header comment is marked cut, never cut silently. */
    size_t want = strlen("macgen");
    for (int i = 0; i < argc; i++) want += strlen(argv[i]) + 3;
    if (want >= len && len > 5) snprintf(buf + len - 5, 5, " ...");
}
