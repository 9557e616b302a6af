#include "tech.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Each library: the installed path, then the copy scripts/get_liberty.sh
 * extracts into build/liberty (relative to the repository, the usual
 * working directory). */
static const struct {
    const char *name;
    const char *paths[2];
    const char *install;
} techs[] = {
    { "osu018",
      { "/usr/share/qflow/tech/osu018/osu018_stdcells.lib",
        "build/liberty/usr/share/qflow/tech/osu018/osu018_stdcells.lib" },
      "make deps (Debian package qflow-tech-osu018) or scripts/get_liberty.sh" },
};

int mg_tech_liberty(const char *name, char *out, size_t outlen, char *err, size_t errlen)
{
    for (size_t i = 0; i < sizeof techs / sizeof techs[0]; i++) {
        if (strcmp(techs[i].name, name)) continue;
        for (size_t j = 0; j < 2; j++) {
            if (access(techs[i].paths[j], R_OK) == 0) {
                snprintf(out, outlen, "%s", techs[i].paths[j]);
                return 0;
            }
        }
        snprintf(err, errlen, "the %s library is not installed (%s not found): run %s", name,
                 techs[i].paths[0], techs[i].install);
        return -2;
    }
    snprintf(err, errlen, "unknown --tech '%.60s' (known: osu018; or give --liberty FILE)", name);
    return -1;
}
