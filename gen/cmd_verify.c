/* Placeholder until the verify command lands. */
#include "cli.h"
#include "commands.h"

int cmd_verify(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    mg_error("verify", "not implemented yet");
    return MG_EXIT_USAGE;
}
