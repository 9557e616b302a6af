#include "eval_lines.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "eval.h"
#include "hexfield.h"

int mg_eval_layout_init(mg_eval_layout *layout, size_t n_ops, size_t n_res, char *err, size_t errlen)
{
    layout->n_ops = n_ops;
    layout->n_res = n_res;
    layout->op_bits = calloc(n_ops ? n_ops : 1, sizeof *layout->op_bits);
    layout->res_bits = calloc(n_res ? n_res : 1, sizeof *layout->res_bits);
    if (!layout->op_bits || !layout->res_bits) {
        mg_eval_layout_free(layout);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

void mg_eval_layout_free(mg_eval_layout *layout)
{
    free(layout->op_bits);
    free(layout->res_bits);
    layout->op_bits = layout->res_bits = NULL;
}

void mg_eval_fill(int *widths, size_t from, size_t count, int bits)
{
    for (size_t i = 0; i < count; i++) widths[from + i] = bits;
}

static int parse_fields(const mg_eval_layout *layout, char **tokens, uint64_t *ops, char *why, size_t len)
{
    for (size_t i = 0; i < layout->n_ops; i++) {
        char reason[160];
        if (mg_hex_parse(tokens[i], layout->op_bits[i], &ops[i], reason, sizeof reason) != 0) {
            snprintf(why, len, "field %zu: %s", i + 1, reason);
            return -1;
        }
    }
    return 0;
}

/* A line holding a NUL or another control byte (tab, CR and the newline
 * aside) is malformed input, not the end of the line or of the input;
 * -1 with the byte and its column in why. */
static int check_bytes(const char *line, size_t n, char *why, size_t len)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)line[i];
        if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f) {
            snprintf(why, len, "control byte 0x%02x at column %zu (a line holds hex fields)", c, i + 1);
            return -1;
        }
    }
    return 0;
}

int mg_eval_answer_lines(const mg_eval_layout *layout, mg_eval_compute compute, const void *ctx, FILE *in,
                         FILE *out, char *err, size_t errlen)
{
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    char **tokens = malloc((layout->n_ops + 1) * sizeof *tokens);
    uint64_t *ops = malloc((layout->n_ops + 1) * sizeof *ops);
    uint64_t *res = malloc((layout->n_res + 1) * sizeof *res);
    int rc = 0;
    if (!tokens || !ops || !res) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    }
    int read_errno = 0;
    while (rc == 0) {
        errno = 0;
        ssize_t n = getline(&line, &cap, in);
        if (n < 0) {
            read_errno = errno;
            break;
        }
        lineno++;
        char why[256];
        if (check_bytes(line, (size_t)n, why, sizeof why) != 0) {
            snprintf(err, errlen, "line %zu: %s", lineno, why);
            rc = -1;
            break;
        }
        size_t got = mg_split_fields(line, tokens, layout->n_ops);
        if (got == 0) continue;
        if (got != layout->n_ops) {
            snprintf(why, sizeof why, "expected %zu hex fields, got %s%zu", layout->n_ops,
                     got > layout->n_ops ? "more than " : "", got > layout->n_ops ? layout->n_ops : got);
            rc = -1;
        }
        if (rc == 0) rc = parse_fields(layout, tokens, ops, why, sizeof why);
        if (rc == 0) rc = compute(ctx, ops, res, why, sizeof why);
        if (rc != 0) {
            snprintf(err, errlen, "line %zu: %s", lineno, why);
            break;
        }
        for (size_t i = 0; i < layout->n_ops; i++) {
            mg_hex_print(out, ops[i], layout->op_bits[i]);
            fputc(' ', out);
        }
        for (size_t i = 0; i < layout->n_res; i++) {
            mg_hex_print(out, res[i], layout->res_bits[i]);
            fputc(i + 1 < layout->n_res ? ' ' : '\n', out);
        }
    }
    /* A read error (a directory, EIO, a closed descriptor) is not the end
     * of the input: answering nothing would look like success. */
    if (rc == 0 && ferror(in)) {
        snprintf(err, errlen, "cannot read standard input after line %zu: %s", lineno,
                 read_errno ? strerror(read_errno) : "read error");
        rc = -1;
    }
    free(line);
    free(tokens);
    free(ops);
    free(res);
    return rc;
}
