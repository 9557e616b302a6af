/* macgen: generate, cost and verify cheap deep-learning arithmetic. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "run_tool.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    { "formats", cmd_formats, "list the named number formats" },
    { "eval", cmd_eval, "evaluate the golden model on hex operand lines (stdin)" },
    { "rtl", cmd_rtl, "emit Verilog-2005 for a unit" },
    { "verify", cmd_verify, "check a unit's Verilog bit for bit against the model (Verilator)" },
    { "cost", cmd_cost, "synthesize a unit with Yosys and report gates, depth, area" },
    { "sweep", cmd_sweep, "run cost over every combination of parameter values" },
    { "accuracy", cmd_accuracy, "measure the error of dot products against exact arithmetic" },
    { "matmul", cmd_matmul, "multiply .npy matrices with exactly a unit's arithmetic" },
    { "energy", cmd_energy, "energy per operation from the mapped cells and simulated switching" },
};

static void usage(FILE *out)
{
    fprintf(out, "usage: macgen COMMAND [key=value ...] [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'macgen COMMAND --help' describes one command.\n");
    mg_print_exit_help(out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return MG_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return MG_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (!strcmp(argv[1], commands[i].name)) {
            int rc = commands[i].run(argc - 1, argv + 1);
            /* Interrupted during a tool run: the command has cleaned up; end
             * with the signal, as the shell expects of a killed program. */
            mg_tool_reraise_pending();
            /* A full disk or closed pipe is a failure, not a silent success
             * (a command that failed has said why already: one line). */
            if ((fflush(stdout) != 0 || ferror(stdout)) && rc == MG_EXIT_OK) {
                mg_error(argv[1], "cannot write standard output: %s",
                         errno ? strerror(errno) : "write error");
                return MG_EXIT_IO;
            }
            return rc;
        }
    }
    mg_error(argv[1], "unknown command (try 'macgen --help')");
    return MG_EXIT_USAGE;
}
