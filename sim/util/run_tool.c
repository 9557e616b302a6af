#define _XOPEN_SOURCE 700 /* realpath */
#include "run_tool.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "fileio.h"

/* The one piece of process-wide state: a signal handler can do no more than
 * set a flag, and the flag must outlive the run it interrupted so that main()
 * can end macgen with the same signal after the cleanup. */
static volatile sig_atomic_t pending_signal;
/* Set once from the command line, before any tool runs. */
static unsigned default_timeout = MG_TOOL_TIMEOUT_DEFAULT;

static const int caught_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define N_CAUGHT (sizeof caught_signals / sizeof caught_signals[0])

static void on_signal(int sig)
{
    if (!pending_signal) pending_signal = sig;
}

/* Catches the signals for the length of a run; a signal the caller ignores
 * (nohup, a background job) stays ignored. */
static void catch_signals(struct sigaction old[N_CAUGHT])
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < N_CAUGHT; i++) {
        sigaction(caught_signals[i], NULL, &old[i]);
        if (old[i].sa_handler != SIG_IGN) sigaction(caught_signals[i], &sa, NULL);
    }
}

static void restore_signals(const struct sigaction old[N_CAUGHT])
{
    for (size_t i = 0; i < N_CAUGHT; i++) sigaction(caught_signals[i], &old[i], NULL);
}

void mg_tool_catch_signals(mg_signal_guard *g)
{
    _Static_assert(sizeof g->old / sizeof g->old[0] == N_CAUGHT, "one saved handler per caught signal");
    catch_signals(g->old);
}

void mg_tool_restore_signals(const mg_signal_guard *g)
{
    restore_signals(g->old);
}

int mg_tool_pending_signal(void)
{
    return pending_signal;
}

void mg_tool_reraise_pending(void)
{
    int sig = pending_signal;
    if (!sig) return;
    signal(sig, SIG_DFL);
    raise(sig);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* In the child: its own process group, stdin from /dev/null, stdout and
 * stderr into the pipe, a cap on the size of files it writes, TMPDIR the
 * run's private folder. */
static void child_exec(const mg_tool_cmd *cmd, int out_fd, const char *tmpdir)
{
    setpgid(0, 0);
    if (tmpdir) setenv("TMPDIR", tmpdir, 1);
    int in = open("/dev/null", O_RDONLY);
    if (in < 0 || dup2(in, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(out_fd, 2) < 0) _exit(126);
    struct rlimit lim = { MG_TOOL_FILE_MAX, MG_TOOL_FILE_MAX };
    struct rlimit cur;
    if (getrlimit(RLIMIT_FSIZE, &cur) == 0 && cur.rlim_max != RLIM_INFINITY &&
        cur.rlim_max < lim.rlim_max)
        lim.rlim_cur = lim.rlim_max = cur.rlim_max;
    setrlimit(RLIMIT_FSIZE, &lim);
    if (cmd->cwd && chdir(cmd->cwd) != 0) {
        static const char msg[] = "cannot enter the work directory\n";
        if (write(2, msg, sizeof msg - 1) < 0) _exit(126);
        _exit(126);
    }
    execvp(cmd->argv[0], (char *const *)cmd->argv);
    static const char msg[] = "exec failed\n";
    if (write(2, msg, sizeof msg - 1) < 0) _exit(127);
    _exit(127);
}

/* What the parent collects while the tool runs: the log (up to
 * MG_TOOL_LOG_MAX bytes) and the last bytes of output, for the message. */
typedef struct {
    int log_fd;
    size_t logged;
    char ring[4096];
    size_t ring_len; /* bytes ever put into ring; the last ones are kept */
} collector;

static void collect(collector *c, const char *buf, size_t n)
{
    if (c->log_fd >= 0 && c->logged < MG_TOOL_LOG_MAX) {
        size_t take = n < MG_TOOL_LOG_MAX - c->logged ? n : MG_TOOL_LOG_MAX - c->logged;
        ssize_t w = write(c->log_fd, buf, take);
        if (w > 0) c->logged += (size_t)w;
    }
    for (size_t i = 0; i < n; i++) c->ring[(c->ring_len++) % sizeof c->ring] = buf[i];
}

/* Reads what is available; returns false at end of file. */
static bool drain(int fd, collector *c)
{
    char buf[8192];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0) return errno == EINTR || errno == EAGAIN;
    if (n == 0) return false;
    collect(c, buf, (size_t)n);
    return true;
}

/* The last three non-empty lines of the output, "; "-joined, control
 * characters escaped. */
static void tail_lines(const collector *c, char *out, size_t outlen)
{
    size_t have = c->ring_len < sizeof c->ring ? c->ring_len : sizeof c->ring;
    size_t start = c->ring_len - have;
    char text[sizeof c->ring + 1];
    for (size_t i = 0; i < have; i++) text[i] = c->ring[(start + i) % sizeof c->ring];
    text[have] = '\0';
    /* Line starts and ends of the last three lines with text, last first. */
    size_t from[3], to[3];
    int n = 0;
    size_t end = have;
    while (end > 0 && n < 3) {
        size_t b = end;
        while (b > 0 && text[b - 1] != '\n') b--;
        size_t e = end;
        while (e > b && (text[e - 1] == '\r' || text[e - 1] == ' ')) e--;
        if (e > b) {
            from[n] = b;
            to[n] = e;
            n++;
        }
        end = b ? b - 1 : 0;
    }
    char joined[sizeof text + 8];
    size_t j = 0;
    for (int k = n - 1; k >= 0; k--) {
        if (k != n - 1) {
            memcpy(joined + j, "; ", 2);
            j += 2;
        }
        memcpy(joined + j, text + from[k], to[k] - from[k]);
        j += to[k] - from[k];
    }
    mg_escape_bytes(joined, j, out, outlen);
}

/* Stops the whole group: SIGTERM, two seconds' grace, then SIGKILL. */
static void stop_group(pid_t pid)
{
    siginfo_t info;
    kill(-pid, SIGTERM);
    double until = now_s() + 2.0;
    while (now_s() < until) {
        memset(&info, 0, sizeof info);
        if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid)
            break;
        poll(NULL, 0, 20);
    }
}

/* Watches the child until it exits, the time limit passes or macgen is
 * signalled; returns the outcome (how), the child not yet reaped. */
static mg_tool_how watch(pid_t pid, int fd, unsigned timeout_s, collector *c)
{
    double deadline = timeout_s ? now_s() + timeout_s : 0;
    bool open_fd = true;
    for (;;) {
        int wait_ms = 200;
        if (deadline) {
            double left = deadline - now_s();
            if (left <= 0) return MG_TOOL_TIMED_OUT;
            if (left * 1000 < wait_ms) wait_ms = (int)(left * 1000) + 1;
        }
        struct pollfd p = { fd, POLLIN, 0 };
        int ready = poll(open_fd ? &p : NULL, open_fd ? 1 : 0, wait_ms);
        if (ready > 0 && !drain(fd, c)) open_fd = false;
        if (pending_signal) return MG_TOOL_INTERRUPTED;
        siginfo_t info;
        memset(&info, 0, sizeof info);
        if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid) {
            /* What the tool wrote just before it ended is still in the pipe
             * (a straggler holding it open must not keep us here). */
            if (open_fd) {
                struct pollfd q = { fd, POLLIN, 0 };
                while (poll(&q, 1, 0) > 0 && drain(fd, c)) {}
            }
            return MG_TOOL_EXITED;
        }
    }
}

static void describe(const mg_tool_cmd *cmd, const mg_tool_result *r, char *err, size_t errlen)
{
    const char *name = cmd->argv[0];
    const char *tail = r->tail[0] ? r->tail : "no message";
    switch (r->how) {
    case MG_TOOL_EXITED:
        if (r->code == 127 && strstr(r->tail, "exec failed"))
            snprintf(err, errlen, "%s could not be started", name);
        else
            snprintf(err, errlen, "%s failed (exit status %d): %s", name, r->code, tail);
        break;
    case MG_TOOL_SIGNALLED:
        if (r->code == SIGXFSZ)
            snprintf(err, errlen, "%s stopped: it wrote a file larger than %llu MiB", name,
                     MG_TOOL_FILE_MAX >> 20);
        else
            snprintf(err, errlen, "%s was killed by signal %d: %s", name, r->code, tail);
        break;
    case MG_TOOL_TIMED_OUT:
        snprintf(err, errlen, "%s timed out after %u s (see --tool-timeout); it was stopped", name,
                 cmd->timeout_s);
        break;
    case MG_TOOL_INTERRUPTED:
        snprintf(err, errlen, "%s stopped: macgen got signal %d", name, r->code);
        break;
    default:
        snprintf(err, errlen, "%s could not be started: %s", name, tail);
        break;
    }
}

/* A private folder for the tool's temporary files (TMPDIR): inside its
 * working directory when it has one (macgen's own work folder), else in
 * $TMPDIR.  Whatever the tool leaves there (Yosys's yosys-abc-XXXXXX when
 * ABC fails or Yosys is stopped) goes with the folder after the run.
 * malloc'd, or NULL (the tool then keeps macgen's TMPDIR). */
static char *private_tmpdir(const mg_tool_cmd *cmd)
{
    const char *base = getenv("TMPDIR");
    char *cwd = cmd->cwd ? realpath(cmd->cwd, NULL) : NULL;
    if (cwd) base = cwd;
    if (!base || !*base) base = "/tmp";
    char *dir = mg_path_join(base, "macgen-tool-XXXXXX");
    free(cwd);
    if (dir && !mkdtemp(dir)) {
        free(dir);
        dir = NULL;
    }
    return dir;
}

/* Forks the child with the pipe as its output; -1 with errno on failure. */
static pid_t start(const mg_tool_cmd *cmd, int pfd[2], const char *tmpdir)
{
    if (pipe(pfd) != 0) return -1;
    fcntl(pfd[0], F_SETFD, FD_CLOEXEC);
    fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) child_exec(cmd, pfd[1], tmpdir);
    int saved = errno;
    close(pfd[1]);
    if (pid < 0) close(pfd[0]);
    /* Also here: the group must exist before we might signal it. */
    if (pid > 0) setpgid(pid, pid);
    errno = saved;
    return pid;
}

static int refuse(mg_tool_result *r, mg_tool_how how, const char *why, char *err, size_t errlen,
                  const char *name)
{
    r->how = how;
    r->code = how == MG_TOOL_INTERRUPTED ? pending_signal : 0;
    snprintf(r->tail, sizeof r->tail, "%s", why);
    if (how == MG_TOOL_NOT_FOUND)
        snprintf(err, errlen, "%s not found in PATH (install it: make deps)", name);
    else if (how == MG_TOOL_INTERRUPTED)
        snprintf(err, errlen, "%s not started: macgen got signal %d", name, r->code);
    else
        snprintf(err, errlen, "%s could not be started: %s", name, why);
    return -1;
}

int mg_tool_run(const mg_tool_cmd *cmd, mg_tool_result *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    const char *name = cmd->argv[0];
    if (pending_signal) return refuse(r, MG_TOOL_INTERRUPTED, "interrupted", err, errlen, name);
    if (!mg_tool_exists(name)) return refuse(r, MG_TOOL_NOT_FOUND, "", err, errlen, name);
    collector c = { .log_fd = -1 };
    if (cmd->log_path) {
        c.log_fd = open(cmd->log_path, O_WRONLY | O_CREAT | O_APPEND, 0666);
        if (c.log_fd < 0) return refuse(r, MG_TOOL_NOT_STARTED, strerror(errno), err, errlen, name);
        fcntl(c.log_fd, F_SETFD, FD_CLOEXEC);
    }
    struct sigaction old[N_CAUGHT];
    catch_signals(old);
    char *tmpdir = private_tmpdir(cmd);
    int pfd[2];
    pid_t pid = start(cmd, pfd, tmpdir);
    if (pid < 0) {
        int e = errno;
        restore_signals(old);
        if (c.log_fd >= 0) close(c.log_fd);
        if (tmpdir) mg_remove_tree(tmpdir);
        free(tmpdir);
        return refuse(r, MG_TOOL_NOT_STARTED, strerror(e), err, errlen, name);
    }
    r->how = watch(pid, pfd[0], cmd->timeout_s, &c);
    if (r->how != MG_TOOL_EXITED) stop_group(pid);
    /* The child is a zombie until reaped, so its group id is still its own:
     * whatever it left running in the group goes too. */
    kill(-pid, SIGKILL);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
    /* The whole group is gone: nothing writes into the folder any more. */
    if (tmpdir) mg_remove_tree(tmpdir);
    free(tmpdir);
    restore_signals(old);
    close(pfd[0]);
    if (c.log_fd >= 0) close(c.log_fd);
    if (r->how == MG_TOOL_INTERRUPTED) r->code = pending_signal;
    else if (r->how == MG_TOOL_EXITED && WIFSIGNALED(st)) r->how = MG_TOOL_SIGNALLED;
    if (r->how == MG_TOOL_EXITED) r->code = WEXITSTATUS(st);
    if (r->how == MG_TOOL_SIGNALLED) r->code = WTERMSIG(st);
    tail_lines(&c, r->tail, sizeof r->tail);
    if (r->how == MG_TOOL_EXITED && r->code == 0) return 0;
    describe(cmd, r, err, errlen);
    return -1;
}

unsigned mg_tool_default_timeout(void)
{
    return default_timeout;
}

void mg_tool_set_default_timeout(unsigned seconds)
{
    default_timeout = seconds;
}

int mg_tool_parse_timeout(const char *cmd, const char *s, unsigned *out)
{
    unsigned long long v;
    if (mg_parse_option_u64(cmd, "--tool-timeout", s, 0, MG_TOOL_TIMEOUT_MAX, 0, &v) != 0) return -1;
    *out = (unsigned)v;
    return 0;
}

bool mg_tool_exists(const char *prog)
{
    /* A name with a slash is a path, as execvp takes it. */
    if (strchr(prog, '/')) return access(prog, X_OK) == 0;
    const char *path = getenv("PATH");
    if (!path) path = "/usr/bin:/bin";
    size_t cap = strlen(path) + strlen(prog) + 3;
    char *buf = malloc(cap);
    bool found = false;
    while (buf && *path && !found) {
        size_t n = strcspn(path, ":");
        snprintf(buf, cap, "%.*s/%s", (int)n, n ? path : ".", prog);
        found = access(buf, X_OK) == 0;
        path += n;
        if (*path == ':') path++;
    }
    free(buf);
    return found;
}

int mg_run_tool(const char *const argv[], const char *cwd, const char *log_path, int *status,
                char *err, size_t errlen)
{
    mg_tool_cmd cmd = { argv, cwd, log_path, mg_tool_default_timeout() };
    mg_tool_result r;
    if (mg_tool_run(&cmd, &r, err, errlen) == 0) {
        *status = 0;
        return 0;
    }
    if (r.how == MG_TOOL_EXITED) {
        *status = r.code;
        return 0;
    }
    if (r.how == MG_TOOL_SIGNALLED) {
        *status = 128 + r.code;
        return 0;
    }
    return -1;
}
