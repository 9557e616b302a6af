/* macgen eval OP key=value...: the golden model on hex lines from stdin. */
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "eval.h"
#include "eval_hbfp.h"
#include "eval_mx.h"

static const mg_eval_op eval_ops[] = {
    { "mul", "A B -> A B R FL", "a=fp32 b=a out=a round=rne [rbits=8] [ovf=inf|sat]", mg_eval_mul },
    { "add", "A B -> A B R FL", "a=fp32 b=a out=a round=rne [rbits=8] [ovf=inf|sat]", mg_eval_add },
    { "fma", "A B C -> A B C R FL", "a=fp32 b=a c=a out=a round=rne [rbits=8] [ovf=inf|sat]", mg_eval_fma },
    { "mac", "W A ACC -> W A ACC R FL",
      "w=lba8 a=lba8 acc=lba12 prod=acc round=rtz fused=0 [rbits=8] [ovf=inf|sat]", mg_eval_mac },
    { "quant", "X -> X R FL", "in=fp64 out=fp32 round=rne [rbits=8] [ovf=inf|sat]", mg_eval_quant },
    { "dot", "W_0..W_{K-1} A_0..A_{K-1} [r..] -> operands R FL NOVF NUNF NSWAMP",
      "k=K chunk=16 w=lba8 a=lba8 acc=lba12 prod=acc acc2=acc round=rtz fused=0", mg_eval_dot },
    { "hbfp_quant", MG_EVAL_HBFP_QUANT_LINE, MG_EVAL_HBFP_QUANT_PARAMS, mg_eval_hbfp_quant },
    { "hbfp_dot", MG_EVAL_HBFP_DOT_LINE, MG_EVAL_HBFP_DOT_PARAMS, mg_eval_hbfp_dot },
    { "hbfp_matmul", MG_EVAL_HBFP_MATMUL_LINE, MG_EVAL_HBFP_MATMUL_PARAMS, mg_eval_hbfp_matmul },
    { "mx_quant", MG_EVAL_MX_QUANT_LINE, MG_EVAL_MX_QUANT_PARAMS, mg_eval_mx_quant },
    { "mx_dot", MG_EVAL_MX_DOT_LINE, MG_EVAL_MX_DOT_PARAMS, mg_eval_mx_dot },
};

bool mg_read_line(FILE *in, char **buf, size_t *cap)
{
    return getline(buf, cap, in) >= 0;
}

static void help(FILE *out)
{
    fprintf(out,
            "usage: macgen eval OP key=value... < lines\n\n"
            "Reads lines of whitespace-separated hex operands and prints, per line, the\n"
            "operands, the result and the flags (TestFloat style: lower-case hex, zero-padded\n"
            "to the field width; flags 10 invalid, 04 overflow, 02 underflow, 01 inexact).\n"
            "With round=sr each line carries the random word r (rbits wide) as its last operand.\n"
            "Formats: see 'macgen formats'.\n\nops:\n");
    for (size_t i = 0; i < sizeof eval_ops / sizeof eval_ops[0]; i++)
        fprintf(out, "  %s\n      line:   %s\n      params: %s\n", eval_ops[i].name, eval_ops[i].line_format,
                eval_ops[i].params);
    mg_print_exit_help(out);
}

int cmd_eval(int argc, char **argv)
{
    if (mg_wants_help(argc, argv)) {
        help(stdout);
        return MG_EXIT_OK;
    }
    if (argc < 2 || mg_is_kv(argv[1])) {
        mg_error("eval", "missing OP (try 'macgen eval --help')");
        return MG_EXIT_USAGE;
    }
    const mg_eval_op *op = NULL;
    for (size_t i = 0; i < sizeof eval_ops / sizeof eval_ops[0]; i++)
        if (!strcmp(argv[1], eval_ops[i].name)) op = &eval_ops[i];
    if (!op) {
        mg_error("eval", "unknown op '%s' (try 'macgen eval --help')", argv[1]);
        return MG_EXIT_USAGE;
    }
    for (int i = 2; i < argc; i++) {
        if (!mg_is_kv(argv[i])) {
            mg_error("eval", "unexpected argument '%s' (parameters are key=value)", argv[i]);
            return MG_EXIT_USAGE;
        }
    }
    mg_kv_list kv;
    char err[512];
    if (mg_kv_collect(argc - 2, argv + 2, &kv, err, sizeof err) != 0 ||
        op->run(&kv, stdin, stdout, err, sizeof err) != 0) {
        mg_error("eval", "%s %s", op->name, err);
        return MG_EXIT_USAGE;
    }
    return MG_EXIT_OK;
}
