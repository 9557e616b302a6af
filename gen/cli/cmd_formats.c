/* macgen formats: the named formats and what they mean. */
#include <math.h>
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "model.h"

/* 2^e * (1 + frac/2^m) for display (host floating point is fine outside the model). */
static void print_value(FILE *out, int e, uint64_t frac, int m)
{
    fprintf(out, "%-12.5g", ldexp(1.0 + ldexp((double)frac, -m), e));
}

int cmd_formats(int argc, char **argv)
{
    if (mg_wants_help(argc, argv)) {
        printf("usage: macgen formats\n\nLists the named formats.  Any format can also be written eEmM\n"
               "(E 2..11, M 0..52, 1+E+M <= 64) followed by attributes: bias=B, ieee|fn|fin, sub|ftz.\n"
               "Example: e4m7,fin,ftz,bias=9.  Defaults: bias 2^(E-1)-1, ieee, sub.\n");
        mg_print_exit_help(stdout);
        return MG_EXIT_OK;
    }
    if (argc > 1) {
        mg_error("formats", "unexpected argument '%s'", argv[1]);
        return MG_EXIT_USAGE;
    }
    size_t n;
    const mg_named_format *named = mg_named_formats(&n);
    printf("%-8s %-26s %3s %3s %5s %-5s %-4s %-12s %-12s %s\n", "name", "spelling", "E", "M", "bias",
           "spec", "sub", "min normal", "max finite", "note");
    for (size_t i = 0; i < n; i++) {
        mg_format f;
        char err[MG_FORMAT_ERR_LEN], spelled[64];
        mg_format_parse(named[i].name, &f, err);
        mg_format_spell(&f, spelled, sizeof spelled);
        static const char *const sp[] = { "ieee", "fn", "fin" };
        printf("%-8s %-26s %3d %3d %5d %-5s %-4s ", named[i].name, spelled, f.exp_bits, f.frac_bits, f.bias,
               sp[f.specials], f.subnormals ? "sub" : "ftz");
        print_value(stdout, mg_emin(&f), 0, f.frac_bits);
        print_value(stdout, mg_emax(&f), mg_max_frac_at_emax(&f), f.frac_bits);
        printf("%s\n", named[i].note);
    }
    return MG_EXIT_OK;
}
