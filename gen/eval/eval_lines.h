/* The line engine shared by every eval op: a line is a fixed list of hex
 * fields of known widths; the answer echoes them (normalised) and appends
 * the op's result fields (docs/spec/eval.md). */
#ifndef MG_EVAL_LINES_H
#define MG_EVAL_LINES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Flags print as two hex digits. */
enum { MG_EVAL_FLAG_BITS = 8 };

typedef struct {
    size_t n_ops, n_res;     /* fields read per line, fields appended per answer */
    int *op_bits, *res_bits; /* their widths in bits */
} mg_eval_layout;

/* Allocates the two width tables (every entry 0); -1 on out of memory. */
int mg_eval_layout_init(mg_eval_layout *layout, size_t n_ops, size_t n_res, char *err, size_t errlen);
void mg_eval_layout_free(mg_eval_layout *layout);
/* Sets widths[from .. from+count-1] = bits. */
void mg_eval_fill(int *widths, size_t from, size_t count, int bits);

/* Computes the result fields of one line; -1 with a reason in why when the
 * operands are invalid for the op (reported as a malformed line). */
typedef int (*mg_eval_compute)(const void *ctx, const uint64_t *ops, uint64_t *res, char *why, size_t len);

/* Answers every line of `in`; blank lines are skipped.  Returns 0, or -1 with
 * "line N: ..." in err after answering the lines before N. */
int mg_eval_answer_lines(const mg_eval_layout *layout, mg_eval_compute compute, const void *ctx, FILE *in,
                         FILE *out, char *err, size_t errlen);

#endif
