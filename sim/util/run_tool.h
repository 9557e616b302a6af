/* Runs an external tool (Yosys, Verilator, gnuplot, OpenSTA) as an argument
 * vector, never through a shell, with a time limit and bounded output.
 *
 * The child runs with TMPDIR a private folder inside its working directory
 * (macgen's own work folder; else inside $TMPDIR), removed after the run
 * with whatever the tool left in it (Yosys's yosys-abc-XXXXXX folder when
 * ABC fails or Yosys is stopped).
 *
 * The child runs in a process group of its own, so that everything it starts
 * (make, g++, abc) can be stopped together: on a timeout, and when macgen
 * itself gets SIGINT, SIGTERM or SIGHUP while the tool runs.  In the latter
 * case the runner remembers the signal: the caller cleans up (removes its
 * temporary directory) and returns an error, and main() ends macgen with that
 * same signal (mg_tool_reraise_pending). */
#ifndef MG_RUN_TOOL_H
#define MG_RUN_TOOL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

/* The default of --tool-timeout: generous, so that only a hung tool hits it
 * (the largest array costs in the repository take a few minutes). */
#define MG_TOOL_TIMEOUT_DEFAULT 3600u
/* The largest --tool-timeout accepted (a week). */
#define MG_TOOL_TIMEOUT_MAX 604800u
/* How much of a tool's standard output and error goes into its log file;
 * the rest is read and dropped (the last lines are kept for the message). */
#define MG_TOOL_LOG_MAX (16u << 20)
/* The largest file the tool itself may write (RLIMIT_FSIZE): a runaway
 * output is stopped with SIGXFSZ instead of filling the disk. */
#define MG_TOOL_FILE_MAX (1ull << 30)

typedef struct {
    const char *const *argv;  /* argv[0] is looked up in PATH */
    const char *cwd;          /* working directory, or NULL for the current one */
    const char *log_path;     /* stdout and stderr go here (truncated), or NULL */
    unsigned timeout_s;       /* 0: no limit */
} mg_tool_cmd;

typedef enum {
    MG_TOOL_EXITED,      /* code holds the exit status */
    MG_TOOL_SIGNALLED,   /* code holds the signal that killed it */
    MG_TOOL_TIMED_OUT,   /* killed after timeout_s seconds */
    MG_TOOL_INTERRUPTED, /* macgen got signal code; the tool was stopped */
    MG_TOOL_NOT_FOUND,   /* argv[0] is not in PATH */
    MG_TOOL_NOT_STARTED  /* fork, pipe or exec failed (tail says why) */
} mg_tool_how;

typedef struct {
    mg_tool_how how;
    int code;
    char tail[600];      /* the tool's last non-empty output lines, '; '-joined */
} mg_tool_result;

/* Runs cmd and waits for it (or its time limit).  Returns 0 when the tool ran
 * and exited with status 0, else -1 with r filled and a one-line reason in
 * err ("yosys timed out after 5 s", "yosys failed (exit status 1): ...").
 * Everything the tool started is gone when this returns. */
int mg_tool_run(const mg_tool_cmd *cmd, mg_tool_result *r, char *err, size_t errlen);

/* The signal macgen got during a tool run (0: none).  Once set, further
 * runs are refused as interrupted. */
int mg_tool_pending_signal(void);
/* If a signal is pending, ends the process with it (default action). */
void mg_tool_reraise_pending(void);

/* For a command that waits on children of its own (a sweep's workers):
 * SIGINT, SIGTERM and SIGHUP set the pending signal instead of ending macgen,
 * and interrupt a blocking wait (EINTR), until the handlers are restored.
 * A forked child restores them first, so that it ends as it did before. */
typedef struct {
    struct sigaction old[3];
} mg_signal_guard;
void mg_tool_catch_signals(mg_signal_guard *g);
void mg_tool_restore_signals(const mg_signal_guard *g);

/* The time limit of runs that are not given one explicitly (mg_run_tool,
 * array costing): MG_TOOL_TIMEOUT_DEFAULT until a command sets its
 * --tool-timeout here (process-wide, like the signal state above). */
unsigned mg_tool_default_timeout(void);
void mg_tool_set_default_timeout(unsigned seconds);

/* Parses a --tool-timeout value: whole seconds, 1..MG_TOOL_TIMEOUT_MAX, or 0
 * for no limit.  -1 after one line on stderr. */
int mg_tool_parse_timeout(const char *cmd, const char *s, unsigned *out);

/* Runs argv[0] (looked up in PATH) with argv, standard input from /dev/null,
 * standard output and error appended to log_path (or discarded when NULL),
 * in working directory cwd (or the current one when NULL), through
 * mg_tool_run (run_tool.h) with the default time limit.  Returns 0 and the
 * exit status in *status (128+signal when killed), or -1 when the program
 * could not be started, timed out or macgen was interrupted (err says why,
 * e.g. "yosys not found in PATH").  New code: use mg_tool_run. */
int mg_run_tool(const char *const argv[], const char *cwd, const char *log_path, int *status,
                char *err, size_t errlen);

/* True if an executable named prog is in PATH. */
bool mg_tool_exists(const char *prog);

#endif
