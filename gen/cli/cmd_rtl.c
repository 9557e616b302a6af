/* macgen rtl UNIT key=value... -o DIR: emit a unit's Verilog. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "rtl.h"
#include "rtl_cmdline.h"
#include "rtl_outdir.h"
#include "unit.h"

static void usage(FILE *out)
{
    size_t n;
    const mg_unit_def *const *all = mg_unit_all(&n);
    fprintf(out, "usage: macgen rtl UNIT key=value... -o DIR [--clean]\n\n"
                 "Writes plain Verilog-2005 for UNIT into DIR: one module per file (the\n"
                 "templates it uses, copied verbatim) and a top wrapper with concrete\n"
                 "parameters.  Every file's header holds the command; re-runs are\n"
                 "byte-identical.  DIR must be new, empty or hold only .v files macgen\n"
                 "wrote (others are named and nothing is written); all files appear\n"
                 "together or none.  --clean also removes macgen's .v files in DIR that\n"
                 "this unit does not need (left from another unit).  Ports: inputs _i, outputs _o; res_o the result,\n"
                 "flags_o {invalid, infinite(0), overflow, underflow, inexact} as\n"
                 "TestFloat prints them, events_o {swamping, underflow, overflow}.\n\nunits:\n");
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "  %s  %s\n", all[i]->name, all[i]->summary);
        mg_unit_print_help(out, all[i], false, "      ");
    }
    fprintf(out, "\nFormats as in 'macgen formats' (M >= 1, results <= 32 bits); top=NAME must be a\n"
                 "Verilog identifier that is not a keyword.\n");
    mg_print_exit_help(out);
}

int cmd_rtl(int argc, char **argv)
{
    if (mg_wants_help(argc, argv)) {
        usage(stdout);
        return MG_EXIT_OK;
    }
    char cmdline[2048];
    mg_rtl_command_line(argc, argv, cmdline, sizeof cmdline);

    const char *unit = NULL, *outdir = NULL;
    bool clean = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--clean")) {
            clean = true;
        } else if (!strcmp(argv[i], "-o")) {
            if (i + 1 >= argc || !argv[i + 1][0]) {
                mg_error("rtl", "-o needs a directory (e.g. -o out/)");
                return MG_EXIT_USAGE;
            }
            outdir = argv[++i];
        } else if (mg_is_kv(argv[i])) {
            continue;
        } else if (argv[i][0] == '-') {
            mg_error("rtl", "unknown option '%s' (see macgen rtl --help)", argv[i]);
            return MG_EXIT_USAGE;
        } else if (!unit) {
            unit = argv[i];
        } else {
            mg_error("rtl", "unexpected argument '%s' (one UNIT, then key=value pairs)", argv[i]);
            return MG_EXIT_USAGE;
        }
    }
    if (!unit) {
        mg_error("rtl", "missing UNIT (e.g. macgen rtl mac w=lba8 a=lba8 acc=lba12 -o out/)");
        return MG_EXIT_USAGE;
    }
    if (!outdir) {
        mg_error("rtl", "missing -o DIR (where to write the Verilog)");
        return MG_EXIT_USAGE;
    }
    char err[512];
    mg_kv_list kv;
    if (mg_kv_collect(argc, argv, &kv, err, sizeof err)) {
        mg_error("rtl", "%s", err);
        return MG_EXIT_USAGE;
    }
    static mg_rtl_output out; /* 64 KiB: not on the stack */
    int rc = mg_rtl_emit_into(unit, &kv, outdir, cmdline, clean, &out, err, sizeof err);
    if (rc) {
        mg_error("rtl", "%s", err);
        return mg_exit_for(rc);
    }
    for (size_t i = 0; i < out.n_files; i++) printf("%s\n", out.files[i]);
    return MG_EXIT_OK;
}
