/* macgen eval OP key=value...: the golden model on hex lines from stdin.
 * OP is a unit of the unit table with a model op (its record gives the
 * parameters, defaults and model adapter: the same ones rtl and verify use)
 * or one of the model-only operations below. */
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "eval.h"
#include "eval_hbfp.h"
#include "eval_mx.h"
#include "eval_unit.h"
#include "unit.h"

/* Operations of the model that no unit implements. */
static const mg_eval_op model_ops[] = {
    { "fma", "A B C -> A B C R FL", "a=fp32 b=a c=a out=a round=rne [rbits=8] [ovf=inf|sat]", mg_eval_fma },
    { "hbfp_dot", MG_EVAL_HBFP_DOT_LINE, MG_EVAL_HBFP_DOT_PARAMS, mg_eval_hbfp_dot },
    { "hbfp_matmul", MG_EVAL_HBFP_MATMUL_LINE, MG_EVAL_HBFP_MATMUL_PARAMS, mg_eval_hbfp_matmul },
    { "mx_dot", MG_EVAL_MX_DOT_LINE, MG_EVAL_MX_DOT_PARAMS, mg_eval_mx_dot },
};
#define N_MODEL_OPS (sizeof model_ops / sizeof model_ops[0])

static void help(FILE *out)
{
    fprintf(out,
            "usage: macgen eval OP key=value... < lines\n\n"
            "Reads lines of whitespace-separated hex operands and prints, per line, the\n"
            "operands, the result and the flags (TestFloat style: lower-case hex, zero-padded\n"
            "to the field width; flags 10 invalid, 04 overflow, 02 underflow, 01 inexact).\n"
            "With round=sr each line carries the random word r (rbits wide) as its last operand.\n"
            "The units (mul, add, mac, ...) take the parameters and defaults of 'macgen rtl'\n"
            "and run the model that 'macgen verify' checks the Verilog against.\n"
            "Formats: see 'macgen formats'.\n\nops:\n");
    size_t n;
    const mg_unit_def *const *all = mg_unit_all(&n);
    for (size_t i = 0; i < n; i++) {
        if (!mg_unit_has_eval(all[i])) continue;
        char line[256], err[256];
        mg_kv_list none = { .count = 0 };
        mg_unit u;
        if (all[i]->eval) snprintf(line, sizeof line, "%s", all[i]->eval_line);
        else if (mg_unit_configure_eval(&u, all[i], &none, err, sizeof err) == 0)
            mg_eval_unit_line_format(&u, line, sizeof line);
        else snprintf(line, sizeof line, "(see the parameters)");
        fprintf(out, "  %s  %s\n      line:   %s\n      params:\n", all[i]->name, all[i]->summary, line);
        mg_unit_print_help(out, all[i], true, "        ");
    }
    for (size_t i = 0; i < N_MODEL_OPS; i++)
        fprintf(out, "  %s\n      line:   %s\n      params: %s\n", model_ops[i].name, model_ops[i].line_format,
                model_ops[i].params);
    mg_print_exit_help(out);
}

/* Runs unit `def` (eval scope) on stdin; an exit status. */
static int eval_unit(const mg_unit_def *def, mg_kv_list *kv)
{
    char err[512];
    mg_unit u;
    if (mg_unit_configure_eval(&u, def, kv, err, sizeof err) || mg_eval_unit(&u, stdin, stdout, err, sizeof err)) {
        mg_error("eval", "%s %s", def->name, err);
        return MG_EXIT_USAGE;
    }
    return MG_EXIT_OK;
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
    const mg_unit_def *def = mg_unit_find(argv[1]);
    if (def && !mg_unit_has_eval(def)) def = NULL;
    const mg_eval_op *op = NULL;
    for (size_t i = 0; i < N_MODEL_OPS; i++)
        if (!strcmp(argv[1], model_ops[i].name)) op = &model_ops[i];
    if (!def && !op) {
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
    if (mg_kv_collect(argc - 2, argv + 2, &kv, err, sizeof err) != 0) {
        mg_error("eval", "%s %s", argv[1], err);
        return MG_EXIT_USAGE;
    }
    if (def) return eval_unit(def, &kv);
    if (op->run(&kv, stdin, stdout, err, sizeof err) != 0) {
        mg_error("eval", "%s %s", op->name, err);
        return MG_EXIT_USAGE;
    }
    return MG_EXIT_OK;
}
