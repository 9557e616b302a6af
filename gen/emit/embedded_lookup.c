#include <string.h>

#include "embedded.h"

const mg_embedded_file *mg_embedded_find(const char *name)
{
    for (size_t i = 0; i < mg_embedded_count; i++)
        if (!strcmp(mg_embedded_files[i].name, name)) return &mg_embedded_files[i];
    return NULL;
}
