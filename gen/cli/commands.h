/* One function per subcommand, each in gen/cmd_<name>.c.  argv[0] is the
 * subcommand's name. */
#ifndef MG_COMMANDS_H
#define MG_COMMANDS_H

int cmd_formats(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_rtl(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_cost(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_accuracy(int argc, char **argv);
int cmd_matmul(int argc, char **argv);
int cmd_energy(int argc, char **argv);

#endif
