/* Placeholder until the cost command lands. */
#include "cli.h"
#include "commands.h"

int cmd_cost(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    mg_error("cost", "not implemented yet");
    return MG_EXIT_USAGE;
}
