/* `macgen verify hbfp_array|hbfp_quant|mx_array|mx_quant key=value... [--seed S]
 * [--matrices N | --blocks N] [--rtl DIR]`: option parsing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "unit_mx.h"
#include "verify_hbfp.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: macgen verify hbfp_array|mx_array key=value... [--matrices N] [--xrows R] [--k K] [--seed S]\n"
                 "                                          [--rtl DIR] [--modes 4|6|both]\n"
                 "                                          [--protocol | --misuse KIND] [--trace N]\n"
                 "       macgen verify hbfp_array|mx_array key=value... --x X.npy --w W.npy -o Y.npy [--out-dtype D]\n"
                 "                                          [--mode 4|6]\n"
                 "       macgen verify hbfp_quant|mx_quant key=value... [--blocks N] [--seed S] [--rtl DIR]\n\n"
                 "Verilates the unit (cached by a hash of its Verilog) and compares every output\n"
                 "bit, flag and valid with the HBFP or MX golden model: for the array, N random matrix\n"
                 "multiplies (default 24; several passes when K > rows, zero blocks, extreme\n"
                 "exponents, accumulator overflow, subnormal results), streamed on the\n"
                 "documented schedule; for the converter, edge blocks plus N random blocks\n"
                 "(default 20000).  --rtl DIR checks the Verilog in DIR instead of fresh RTL.\n"
                 "--xrows R and --k K fix the shape of X (default: R random in 1..12, K random\n"
                 "in 1..3*rows+block); long streams measure the Verilated MAC rate (PASS line).\n"
                 "--x --w -o: the given matrices instead, converted as 'macgen matmul' converts\n"
                 "them (FP32 rne, then the default converter), W cut into tiles of cols= columns;\n"
                 "compared with the model as above, and the Y the array produced written to -o\n"
                 "as 'macgen matmul' writes it (--out-dtype float32|float64|bits).\n"
                 "An Accuracy Booster array (hbfp_array n=4 boost=6) runs 4-bit and 6-bit matrix\n"
                 "multiplies in turn, mode changes between them, and 6-bit digit extremes;\n"
                 "--modes 4 or --modes 6 (or --mode 4|6) runs one mode only\n"
                 "(docs/hbfp_array.md); given matrices run in one mode, --mode 4 (the\n"
                 "default) or --mode 6, as 'macgen matmul --mode' computes them (6-bit mode\n"
                 "with 4x4 PEs: cols/2 outputs per tile of W, on the odd columns).\n"
                 "Exit status: 0 equal, 1 mismatch (printed, with a reproducing command), 2 bad\n"
                 "input, 3 Verilator or g++ missing, failing or timed out, 4 the cache or Y\n"
                 "cannot be written.\n\n");
    mg_protocol_help(out);
    fputs("\n  hbfp_array\n", out);
    mg_unit_print_help(out, &mg_unit_hbfp_array, false, "      ");
    fputs("  hbfp_quant\n", out);
    mg_unit_print_help(out, &mg_unit_hbfp_quant, false, "      ");
    fputs("  mx_array (MX arrays also see NaN scales, Inf/NaN elements, saturating and\n"
          "  subnormal blocks; docs/spec/mx.md section 7)\n", out);
    mg_unit_print_help(out, &mg_unit_mx_array, false, "      ");
    fputs("  mx_quant\n", out);
    mg_unit_print_help(out, &mg_unit_mx_quant, false, "      ");
}

static int mode_twice(void)
{
    mg_error("verify", "give one of --mode and --modes, once");
    return MG_EXIT_USAGE;
}

/* Parses the options of argv (the unit is its first positional argument)
 * into o; an exit status, or -1 to go on. */
static int parse(int argc, char **argv, mg_hbfp_verify_opts *o, mg_kv_list *kv)
{
    mg_array_given *g = o->given;
    if (mg_wants_help(argc, argv)) {
        usage(stdout);
        return MG_EXIT_OK;
    }
    const char *unit = NULL;
    unsigned long long v;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        int given = mg_array_given_option(g, argc, argv, &i);
        if (given == 0) given = mg_protocol_option(&o->protocol, argc, argv, &i);
        if (given < 0) return MG_EXIT_USAGE;
        if (given > 0) continue;
        if (!strcmp(a, "--seed")) {
            if (mg_parse_option_u64("verify", a, next, 0, UINT64_MAX, MG_NUM_HEX, &v)) return MG_EXIT_USAGE;
            o->seed = v;
            i++;
        } else if (!strcmp(a, "--matrices") || !strcmp(a, "--blocks")) {
            if (mg_parse_option_u64("verify", a, next, 1, 10000000, 0, &v)) return MG_EXIT_USAGE;
            o->cases = (unsigned long)v;
            i++;
        } else if (!strcmp(a, "--xrows")) {
            if (mg_parse_option_u64("verify", a, next, 1, 1000000, 0, &v)) return MG_EXIT_USAGE;
            o->xrows = (unsigned long)v;
            i++;
        } else if (!strcmp(a, "--k")) {
            if (mg_parse_option_u64("verify", a, next, 1, 1000000, 0, &v)) return MG_EXIT_USAGE;
            o->k = (unsigned long)v;
            i++;
        } else if (!strcmp(a, "--modes")) {
            if (!next || (strcmp(next, "4") && strcmp(next, "6") && strcmp(next, "both"))) {
                mg_error("verify", "--modes needs 4, 6 or both (the Accuracy Booster array's pass modes)");
                return MG_EXIT_USAGE;
            }
            if (o->modes_given) return mode_twice();
            o->modes = !strcmp(next, "both") ? 0 : (next[0] == '6' ? 6 : 4);
            o->modes_given = true;
            i++;
        } else if (!strcmp(a, "--mode")) {
            if (mg_parse_option_u64("verify", a, next, 4, 6, 0, &v)) return MG_EXIT_USAGE;
            if (v == 5) {
                mg_error("verify", "--mode 5: an Accuracy Booster array runs its passes in mode 4 or 6");
                return MG_EXIT_USAGE;
            }
            if (o->modes_given) return mode_twice();
            o->modes = (int)v;
            o->modes_given = true;
            i++;
        } else if (!strcmp(a, "--rtl")) {
            if (!next) {
                mg_error("verify", "--rtl needs a directory of Verilog files");
                return MG_EXIT_USAGE;
            }
            o->rtl_dir = next;
            i++;
        } else if (mg_is_kv(a)) {
            continue;
        } else if (a[0] == '-') {
            mg_error("verify", "unknown option '%s' (see macgen verify hbfp_array --help)", a);
            return MG_EXIT_USAGE;
        } else if (!unit) {
            unit = a;
        } else {
            mg_error("verify", "unexpected argument '%s' (one UNIT, then key=value pairs)", a);
            return MG_EXIT_USAGE;
        }
    }
    char err[512];
    if (mg_kv_collect(argc, argv, kv, err, sizeof err)) {
        mg_error("verify", "%s", err);
        return MG_EXIT_USAGE;
    }
    return -1;
}

typedef int (*array_configure_fn)(mg_hbfp_array_cfg *c, mg_kv_list *kv, char *err, size_t errlen);
typedef int (*quant_configure_fn)(mg_hbfp_quant_cfg *c, mg_kv_list *kv, char *err, size_t errlen);

/* Both drivers: the options, the unit's parameters (array or quant
 * configures; the MX units share the HBFP drivers), then its stream. */
static int verify_block(int argc, char **argv, array_configure_fn array, quant_configure_fn quant,
                        unsigned long cases)
{
    mg_array_given given = { 0 };
    mg_hbfp_verify_opts o = { .seed = 1, .given = &given };
    mg_kv_list kv;
    int rc = parse(argc, argv, &o, &kv);
    if (rc >= 0) return rc;
    char err[4400];
    mg_hbfp_array_cfg ac;
    mg_hbfp_quant_cfg qc;
    if (!mg_array_given_on(&given)) o.given = NULL;
    if (array ? array(&ac, &kv, err, sizeof err) : quant(&qc, &kv, err, sizeof err)) {
        mg_error("verify", "%s", err);
        return MG_EXIT_USAGE;
    }
    /* Usage first, then the given files. */
    const char *bad = o.modes_given && !(array && ac.boost.width)
                          ? "--mode and --modes apply to an Accuracy Booster array only (hbfp_array n=4 boost=6)"
                      : o.given && !array ? "--x, --w and -o are for the arrays (hbfp_array, mx_array)"
                      : o.given && o.modes_given && !o.modes
                          ? "given matrices run in one mode: --mode 4 or --mode 6, not both"
                      : o.protocol.on && (!array || o.given)
                          ? "--protocol, --misuse and --trace are for random matrix multiplies on the arrays "
                            "(not with --x/--w)"
                          : NULL;
    if (!bad && o.protocol.misuse && mg_misuse_applies(o.protocol.misuse, true, ac.boost.width > 0, err, sizeof err))
        bad = err;
    if (bad || (o.given && mg_array_given_load(&given, err, sizeof err))) {
        mg_error("verify", "%s", bad ? bad : err);
        mg_array_given_free(&given);
        return MG_EXIT_USAGE;
    }
    if (!o.cases) o.cases = cases;
    /* Given matrices on a boost array: one mode, 4 unless asked. */
    if (o.given && ac.boost.width && !o.modes) o.modes = ac.n;
    if (o.given) o.cases = mg_array_given_tiles(&given, mg_hbfp_given_tile_cols(&ac, &o));
    rc = array ? mg_hbfp_verify_array(&ac, &o) : mg_hbfp_verify_quant(&qc, &o);
    mg_array_given_free(&given);
    return rc;
}

int mg_hbfp_array_verify(int argc, char **argv) { return verify_block(argc, argv, mg_hbfp_array_configure, NULL, 24); }
int mg_hbfp_quant_verify(int argc, char **argv) { return verify_block(argc, argv, NULL, mg_hbfp_quant_configure, 20000); }
/* 28 matrix multiplies: four of each kind of MX data (verify_array_mx.c). */
int mg_mx_array_verify(int argc, char **argv) { return verify_block(argc, argv, mg_mx_array_configure, NULL, 28); }
int mg_mx_quant_verify(int argc, char **argv) { return verify_block(argc, argv, NULL, mg_mx_quant_configure, 20000); }
