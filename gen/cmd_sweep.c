/* Placeholder until the sweep command lands. */
#include "cli.h"
#include "commands.h"

int cmd_sweep(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    mg_error("sweep", "not implemented yet");
    return MG_EXIT_USAGE;
}
