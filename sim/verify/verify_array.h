/* The array driver of `macgen verify`, shared by the HBFP array
 * (verify_array_hbfp.c) and the float MAC array (verify_array_mac.c):
 * the array as a device (its ports, each starting on a word of the
 * wrapper's buses), a growing script of steps with the result each column
 * should show, the build and the run through the one harness, the
 * comparison of every acc_o word, flag, event and valid bit, and the FAIL
 * report.  A unit supplies its matrix multiplies and its PASS line. */
#ifndef MG_VERIFY_ARRAY_H
#define MG_VERIFY_ARRAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "verify_build.h"

/* At most this many mismatching outputs are printed. */
#define MG_ARRAY_MAX_REPORTED 8

/* Widths in bits of the array's ports, all columns / rows / groups
 * together; 0: the array has no such port.  flags_o has 5 bits a column,
 * events_o 3, valid_o 1. */
typedef struct {
    long w, eb, a, ea, en, acc, flags, events;
    int cols;
    long boost; /* 1: the Accuracy Booster's mode input boost_i */
} mg_array_port_bits;

/* Bit positions of the ports in one step's input and output words (-1:
 * absent). */
typedef struct {
    long rst, load_w, w, load_e, eb, boost, valid, a, ea, en, acc, in_words;
    long acc_o, flags_o, events_o, valid_o, out_words;
} mg_array_layout;

/* What one column should show after one step (valid 0: no result due). */
typedef struct {
    int valid;
    uint64_t acc;
    unsigned flags, events; /* the model's (compared only when the array has the port) */
    int mm, pass, r;        /* matrix multiply, pass and row of X it belongs to (r < 0: a
                               protocol run's probe, not an output of Y, with en_i = -1 - r) */
} mg_array_expect;

/* A growing list of steps (input words) and what each should produce. */
typedef struct {
    uint32_t *in;         /* steps * in_words */
    mg_array_expect *exp; /* steps * cols */
    size_t steps, cap;
    long in_words;
    int cols;
    /* The memory limit (memlimit.h; 0: none) for the script, its results
     * and the build; a step that would pass it is refused (NULL) with
     * over_limit set and the size it would have taken in wanted. */
    unsigned long long limit;
    long out_words;
    bool over_limit;
    double wanted;
} mg_array_script;

/* Appends a step with every input and expectation zero; returns its input
 * words, or NULL when out of memory. */
uint32_t *mg_array_script_step(mg_array_script *s);
/* The expectations of the last step appended, one per column. */
mg_array_expect *mg_array_script_last_expect(mg_array_script *s);

/* Figures of a run for the unit's PASS line. */
typedef struct {
    unsigned long long checked;
    size_t cycles;
    bool cached;
    double build_s, script_s, sim_s; /* build (or cache hit), script, Verilated run */
} mg_array_stats;

/* One verify run of an array unit. */
typedef struct {
    const char *canonical, *top;
    mg_array_port_bits bits;
    const char *extra_args;     /* options the reproducing command repeats (" --k 64"), or NULL */
    const char *rtl_dir;        /* --rtl DIR, or NULL: emit */
    /* The array's processing elements and the memory a cold Verilator
     * build takes per PE (measured, docs/verify.md): the build is refused
     * over the memory limit (memlimit.h) before it starts. */
    long pes;
    double build_bytes_per_pe;
    mg_verify_emit_fn emit;
    const void *emit_ctx;
    uint64_t seed;
    unsigned long cases;        /* matrix multiplies */
    void *ctx;                  /* the unit's, for the callbacks */
    /* Draws matrix multiply i and appends its steps; -1 with err. */
    int (*script)(void *ctx, unsigned long i, const mg_array_layout *l, mg_array_script *sc, char *err,
                  size_t errlen);
    /* Prints "matmul M (KIND data, K=k)" for a mismatch line. */
    void (*describe)(void *ctx, const mg_array_expect *e);
    /* Counts the coverage of one checked output. */
    void (*tally)(void *ctx, const mg_array_expect *e);
    void (*print_pass)(void *ctx, const mg_array_stats *st);
    /* Optional: told every due output's acc_o as the array produced it
     * (given matrices: the RTL's Y, verify_given.h). */
    void (*record)(void *ctx, const mg_array_expect *e, int col, uint64_t acc);
    /* Given matrices: the options that reproduce the run instead of --seed
     * and --matrices (e.g. "--x X.npy --w W.npy"), or NULL. */
    const char *repro;
    /* A protocol run (verify_protocol.h): the unit places every step,
     * resets included, on one timeline (no reset between matrix multiplies
     * here); misuse names the rule it breaks on purpose ("early-load", NULL:
     * none), whose report by the array's MG_CHECK_PROTOCOL checks is then
     * the expected outcome (misuse_what says what it is); trace: print the
     * first N cycles' control signals and valid_o as a waveform. */
    bool timeline;
    const char *misuse, *misuse_what;
    const bool *misused; /* set by the unit's script when it placed the misuse */
    unsigned long trace;
} mg_array_job;

/* Builds, scripts, runs and compares; prints PASS (the job's line) or FAIL
 * with a reproducing command.  Returns the exit status. */
int mg_verify_array_run(const mg_array_job *j);

#endif
