/* Memory limits that refuse before they exhaust: a command that would take
 * much memory (a .npy input, the Verilator build of a large array, a long
 * verify script) estimates it first and stops with one line naming the
 * estimate and the limit, instead of being killed by the kernel (or getting
 * another process killed) half-way.
 *
 * The limit is MACGEN_MEM_LIMIT when set: bytes with an optional K, M, G or
 * T suffix (powers of 1024; "48G", "512M"), or 0 for no limit; otherwise
 * half of the machine's physical memory. */
#ifndef MG_MEMLIMIT_H
#define MG_MEMLIMIT_H

#include <stddef.h>

#define MG_MEM_LIMIT_ENV "MACGEN_MEM_LIMIT"

/* The limit in bytes (0: none) and, in source, where it comes from
 * ("MACGEN_MEM_LIMIT=48G", "half of the 23.5 GiB of RAM").  -1 with a
 * reason in err when MACGEN_MEM_LIMIT is malformed. */
int mg_mem_limit(unsigned long long *bytes, char *source, size_t srclen, char *err, size_t errlen);

/* 0 when need_bytes (an estimate) is within the limit; else -1 with
 * "WHAT needs about 41.0 GiB, over the memory limit of 11.8 GiB (half of
 * the 23.5 GiB of RAM; set MACGEN_MEM_LIMIT=SIZE, e.g. 48G, or 0 for no
 * limit, to go past it)" in err (or the reason MACGEN_MEM_LIMIT is bad). */
int mg_mem_check(const char *what, double need_bytes, char *err, size_t errlen);

#endif
