/* make bench: seconds and peak memory of one `macgen cost` report for the
 * lba12 and fp32 MACs, and of `macgen cost --tech osu018` (standard cells
 * and OpenSTA; issue 11 asks < 15 s) for the lba12 MAC when the library is
 * installed (wall time of the whole command; peak resident memory of the
 * largest process, Yosys, from wait4's rusage). */
/* wait4 (per-child rusage) is a BSD/GNU call. */
#define _DEFAULT_SOURCE
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Runs build/macgen cost ACC-MAC quietly (with --tech TECH unless NULL);
 * -1 on failure. */
static int bench(const char *acc, const char *tech, double *seconds, long *peak_kb)
{
    char acc_arg[64];
    snprintf(acc_arg, sizeof acc_arg, "acc=%s", acc);
    char *argv[] = { "build/macgen", "cost", "mac", "w=lba8", "a=lba8", acc_arg, "--quiet",
                     tech ? "--tech" : NULL, (char *)tech, NULL };
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        execv(argv[0], argv);
        _exit(127);
    }
    int st;
    struct rusage ru;
    if (wait4(pid, &st, 0, &ru) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0) return -1;
    *seconds = now() - t0;
    *peak_kb = ru.ru_maxrss;
    return 0;
}

int main(void)
{
    if (access("build/macgen", X_OK) != 0) {
        fprintf(stderr, "bench_cost: build/macgen missing (run make)\n");
        return 1;
    }
    bool have_lib = access("/usr/share/qflow/tech/osu018/osu018_stdcells.lib", R_OK) == 0 ||
                    access("build/liberty/usr/share/qflow/tech/osu018/osu018_stdcells.lib", R_OK) == 0;
    const struct {
        const char *acc, *tech;
    } runs[] = { { "lba12", NULL }, { "fp32", NULL }, { "lba12", "osu018" } };
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        double s;
        long kb;
        if (runs[i].tech && !have_lib) {
            printf("cost report --tech osu018: library not installed (make deps), skipped\n");
            continue;
        }
        if (bench(runs[i].acc, runs[i].tech, &s, &kb) != 0) {
            fprintf(stderr, "bench_cost: macgen cost mac acc=%s failed\n", runs[i].acc);
            return 1;
        }
        printf("cost report mac w=lba8 a=lba8 acc=%-6s%s %6.2f s   peak memory %6.1f MB%s\n",
               runs[i].acc, runs[i].tech ? " --tech osu018" : "", s, (double)kb / 1024.0,
               runs[i].tech ? " (target < 15 s)" : "");
    }
    return 0;
}
