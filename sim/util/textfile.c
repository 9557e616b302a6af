#include "textfile.h"

#include "fileio.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mg_read_text_file(const char *path, char **text, size_t *len, char *err, size_t errlen)
{
    return mg_read_file_checked(path, false, text, len, err, errlen);
}

int mg_read_file_checked(const char *path, bool text_only, char **text, size_t *len, char *err,
                         size_t errlen)
{
    FILE *fp = mg_open_regular(path, err, errlen);
    if (!fp) return -1;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    bool too_long = false;
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n - 1, fp);
        /* A NUL ends the reading at once: not a text file (/dev/zero). */
        if (text_only && memchr(buf + n, '\0', got)) {
            n += got;
            break;
        }
        n += got;
        if (n + 1 < cap) break;
        if (cap > MG_TEXT_FILE_MAX) {
            too_long = true;
            break;
        }
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    int bad = ferror(fp);
    fclose(fp);
    const char *why = !buf ? "out of memory" : bad ? "read error" : NULL;
    if (!why && too_long) why = "longer than 256 MiB (not a text file?)";
    if (!why && text_only && memchr(buf, '\0', n)) why = "it holds NUL bytes (not a text file)";
    if (why) {
        snprintf(err, errlen, "cannot read %s: %s", path, why);
        free(buf);
        return -1;
    }
    buf[n] = '\0';
    *text = buf;
    if (len) *len = n;
    return 0;
}
