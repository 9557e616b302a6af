/* Room for one more element in a malloc'd array that doubles as it fills. */
#ifndef MG_GROW_H
#define MG_GROW_H

#include <stdbool.h>
#include <stddef.h>

/* Makes *arr (n elements of size bytes in use, *cap allocated) hold at least
 * n + 1: nothing when there is room, else *cap doubles (first elements when
 * it was 0).  False when out of memory, *arr and *cap unchanged. */
bool mg_grow(void **arr, int n, int *cap, size_t size, int first);

#endif
