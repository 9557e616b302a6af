/* Placeholder until the rtl command lands. */
#include "cli.h"
#include "commands.h"

int cmd_rtl(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    mg_error("rtl", "not implemented yet");
    return MG_EXIT_USAGE;
}
