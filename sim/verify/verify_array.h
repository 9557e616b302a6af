/* The stimulus script of the Verilated array driver (sim/verify/harness/hbfp_tb.cpp,
 * array port list), shared by `macgen verify hbfp_array` and `macgen verify
 * mac_array`: where each port sits in a step's words, a growing list of
 * steps with the result each column should produce, the driver run, and
 * the FAIL report. */
#ifndef MG_VERIFY_ARRAY_H
#define MG_VERIFY_ARRAY_H

#include <stddef.h>
#include <stdint.h>

/* At most this many mismatching outputs are printed. */
#define MG_ARRAY_MAX_REPORTED 8

/* Widths in bits of the driver's ports, all columns / rows / groups
 * together.  acc_o has the width of acc_i; valid_o has one bit a column. */
typedef struct {
    long w, eb, a, ea, en, acc, flags_o;
    int cols;
} mg_array_port_bits;

/* Bit positions of the ports in one step's input and output words; each
 * port starts on a word, in hbfp_tb.cpp's order. */
typedef struct {
    long rst, load_w, w, load_e, eb, valid, a, ea, en, acc, in_words;
    long acc_o, flags_o, valid_o, out_words;
} mg_array_layout;

mg_array_layout mg_array_layout_of(const mg_array_port_bits *b);

/* What one column should show after one step (valid 0: no result due). */
typedef struct {
    int valid;
    uint64_t acc;
    unsigned flags, events; /* events: 0 for units without LBA events */
    int mm, pass, r;        /* matrix multiply, pass and row of X it belongs to */
} mg_array_expect;

/* A growing list of steps (input words) and what each should produce. */
typedef struct {
    uint32_t *in;         /* steps * in_words */
    mg_array_expect *exp; /* steps * cols */
    size_t steps, cap;
    long in_words;
    int cols;
} mg_array_script;

mg_array_script mg_array_script_new(const mg_array_layout *l, int cols);
void mg_array_script_free(mg_array_script *s);
/* Appends a step with every input and expectation zero; returns its input
 * words, or NULL when out of memory. */
uint32_t *mg_array_script_step(mg_array_script *s);
/* The expectations of the last step appended, one per column. */
mg_array_expect *mg_array_script_last_expect(mg_array_script *s);

/* Runs the driver exe on the script; *res receives steps * out_words result
 * words (malloc'ed).  -1 with err when the driver fails or returns a wrong
 * number of words. */
int mg_array_script_run(const char *exe, const mg_array_script *s, const mg_array_layout *l, uint32_t **res,
                        char *err, size_t errlen);

/* The line printed when valid_o is high where no result is due. */
void mg_array_report_unexpected(size_t cycle, int col);

/* The lines printed for a failed run: the count and a reproducing command. */
void mg_array_report_fail(const char *canonical, unsigned long long bad, unsigned long long checked,
                          uint64_t seed, unsigned long matrices, const char *rtl_dir);

#endif
