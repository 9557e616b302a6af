/* Shared pieces of the command line: exit codes, error lines, key=value
 * arguments.  Library code returns errors; only commands choose exit codes. */
#ifndef MG_CLI_H
#define MG_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "number.h"

/* Exit statuses, one per cause (as jq and git tell causes apart). */
enum {
    MG_EXIT_OK = 0,
    MG_EXIT_MISMATCH = 1, /* verify found a difference */
    MG_EXIT_USAGE = 2,    /* bad usage or input */
    MG_EXIT_TOOL = 3,     /* an external tool missing or failing (yosys, verilator, gnuplot, sta) */
    MG_EXIT_IO = 4        /* writing a report, an output file or standard output failed */
};

/* Library functions that can fail for more than one cause return one of
 * these (negative) and the command maps it with mg_exit_for; plain -1 is
 * bad input. */
enum { MG_FAIL_INPUT = -1, MG_FAIL_TOOL = -3, MG_FAIL_IO = -4 };
/* MG_EXIT_OK for 0, MG_EXIT_TOOL for MG_FAIL_TOOL, MG_EXIT_IO for
 * MG_FAIL_IO, MG_EXIT_USAGE for anything else. */
int mg_exit_for(int rc);

/* The "exit status:" paragraph every --help ends with. */
void mg_print_exit_help(FILE *out);

/* Prints "macgen CMD: message" as one line on stderr, control characters
 * (a newline in an echoed argument, an escape sequence) escaped. */
void mg_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Copies in to out with control characters and DEL written as \n, \t,
 * \xNN; if it does not fit, the end is cut and "..." marks the cut.  For
 * echoing user input inside a message: give it a small out (e.g. 80
 * bytes) so that the reason after it survives.  Returns out. */
const char *mg_escape_text(const char *in, char *out, size_t outlen);
/* The same for a byte range that may hold NUL bytes. */
const char *mg_escape_bytes(const char *in, size_t n, char *out, size_t outlen);

/* key=value arguments.  Anything else (flags, positionals) is left to the
 * command. */
typedef struct {
    const char *key;
    const char *value;
    bool used;
} mg_kv;

typedef struct {
    mg_kv items[64];
    size_t count;
} mg_kv_list;

/* Collects every argv[i] of the form key=value; returns -1 (and says why in
 * err) on a repeated key or more than 64 pairs. */
int mg_kv_collect(int argc, char **argv, mg_kv_list *kv, char *err, size_t errlen);
/* The value of key (marking it used) or def when absent. */
const char *mg_kv_get(mg_kv_list *kv, const char *key, const char *def);
/* Parses key's value with mg_parse_int (number.h: decimal only, no
 * leading zero) in [lo, hi]; def when absent; -1 with a reason on error. */
int mg_kv_get_int(mg_kv_list *kv, const char *key, long def, long lo, long hi, long *out,
                  char *err, size_t errlen);
/* -1 with "unknown parameter 'k' (known: ...)" if some pair was never read. */
int mg_kv_check_all_used(const mg_kv_list *kv, const char *known, char *err, size_t errlen);
bool mg_is_kv(const char *arg);

/* True when argv holds "--help" or "-h". */
bool mg_wants_help(int argc, char **argv);

/* The first positional argument of argv[1..argc) (e.g. the UNIT), wherever
 * it stands among the options: neither key=value nor an option, nor the
 * value of an option listed in value_opts (NULL-terminated: the options
 * that take a value, e.g. "--json").  NULL when there is none.  Call it
 * before mg_kv_collect, which cuts the '=' out of argv. */
const char *mg_first_positional(int argc, char **argv, const char *const *value_opts);

/* Parses option opt's value s (NULL: missing) with mg_parse_uint
 * (number.h: decimal, or 0x hex when flags has MG_NUM_HEX) in [lo, hi];
 * -1 after one line on stderr ("macgen CMD: --trials 0: out of range (1..10000000)"). */
int mg_parse_option_u64(const char *cmd, const char *opt, const char *s, unsigned long long lo,
                        unsigned long long hi, unsigned flags, unsigned long long *out);

/* An option that takes a value ("--json FILE"): its name and where the value goes. */
typedef struct {
    const char *name;
    const char **slot;
} mg_value_opt;
/* If argv[*i] is one of opts (ended by { NULL, NULL }): stores the next
 * argument in its slot, advances *i and returns 1; -1 after "macgen CMD: OPT
 * needs a value" on stderr when that argument is missing or empty; 0 when
 * argv[*i] is none of them. */
int mg_take_value_opt(const char *cmd, int argc, char **argv, int *i, const mg_value_opt *opts);
/* The last branch of an option loop: "-x" is an unknown option (the line
 * points at help_cmd's --help), key=value is left for the unit, the first
 * other word is stored in *unit, a second one is an error.  0, or -1 after
 * one line on stderr. */
int mg_take_unit_arg(const char *cmd, const char *arg, const char **unit, const char *help_cmd);

#endif
