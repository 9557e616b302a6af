#include "grow.h"

#include <stdlib.h>

bool mg_grow(void **arr, int n, int *cap, size_t size, int first)
{
    if (n < *cap) return true;
    int c = *cap ? *cap * 2 : first;
    void *more = realloc(*arr, (size_t)c * size);
    if (!more) return false;
    *arr = more;
    *cap = c;
    return true;
}
