/* `macgen verify mac_array|hbfp_array|mx_array --protocol`: the array
 * driven on the earliest schedule its rules allow (docs/hbfp_array.md and
 * docs/mac_array.md, section "Rules"), with every freedom the rules give
 * taken: the next load in the very cycle the array is drained, the stream
 * in the cycle after the load, load_e_i in any G cycles of the load window
 * (not necessarily among the load_w_i ones), load_w_i with gaps, rows of X
 * in a new random order every pass with idle cycles between some,
 * random accumulator start values (Inf, NaN payloads, -0, subnormals),
 * random bits on every input outside its slot (disabled groups, their
 * weights and exponents included), wavefronts with every group disabled,
 * and a one-cycle reset while results are still due, with the next load in
 * the cycle after it.  `--misuse KIND` breaks one rule once and expects the
 * array's simulation-time checks (MG_CHECK_PROTOCOL) to report it.
 *
 * Everything is placed on one timeline of steps (cycles), written ahead of
 * the end of the script where a load overlaps the previous drain. */
#ifndef MG_VERIFY_PROTOCOL_H
#define MG_VERIFY_PROTOCOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "verify_array.h"

/* The misuses --misuse injects (once each run). */
typedef enum {
    MG_MISUSE_NONE,
    MG_MISUSE_EARLY_LOAD,    /* the next load starts the cycle before the drain cycle */
    MG_MISUSE_EARLY_STREAM,  /* the first wavefront starts in the load's last cycle */
    MG_MISUSE_LATE_EXPONENT, /* a load_e_i cycle after the stream has started (block arrays) */
    MG_MISUSE_PARTIAL_LOAD,  /* Rows - 1 load_w_i cycles */
    MG_MISUSE_MODE_ONLY,     /* a mode change with an exponent load only (boost arrays) */
    MG_MISUSE_SIX_BIT_SLOTS, /* valid_i in a 6-bit row's high-digit slot too (boost arrays) */
    MG_MISUSE_KINDS
} mg_misuse;

typedef struct {
    bool on;             /* --protocol (or --misuse) */
    mg_misuse misuse;    /* --misuse KIND */
    unsigned long trace; /* --trace N: print the first N cycles' control signals */
} mg_protocol_opts;

/* Takes --protocol, --misuse KIND or --trace N at argv[*i]: 1 (taken, *i
 * advanced), 0 (none of them), -1 (after an error line). */
int mg_protocol_option(mg_protocol_opts *p, int argc, char **argv, int *i);
/* The --help lines of those options. */
void mg_protocol_help(FILE *out);
/* 0, or -1 with err when the array cannot suffer misuse m (exponents: it
 * has load_e_i; boost: it has a 6-bit mode). */
int mg_misuse_applies(mg_misuse m, bool exponents, bool boost, char *err, size_t errlen);
const char *mg_misuse_name(mg_misuse m);
const char *mg_misuse_what(mg_misuse m);

/* A protocol run's timeline. */
typedef struct {
    mg_array_script *sc;
    const mg_array_layout *l;
    uint64_t rng;     /* the schedule's choices and the random bits outside slots */
    long free_at;     /* the first cycle the next load may start */
    long last_v;      /* the last wavefront's valid_i cycle (-1: none since reset) */
    int mode;         /* boost arrays: the last pass's mode (1: 6-bit) */
    mg_misuse misuse; /* to inject */
    bool misused;     /* injected */
    bool zero_fill;   /* 0 instead of random bits outside the slots (--trace: the waveform shows them) */
    bool oom;
} mg_timeline;

/* Starts after the script's steps so far (the first load in the next one). */
void mg_timeline_init(mg_timeline *t, mg_array_script *sc, const mg_array_layout *l, uint64_t seed, mg_misuse m);
uint64_t mg_tl_rand(mg_timeline *t);
/* Sets the field at bit pos (width bits; pos < 0: no such port) of step's
 * inputs to v, appending steps up to it (random bits outside the control
 * inputs, rst_ni high). */
void mg_tl_put(mg_timeline *t, long step, long pos, int width, uint64_t v);
/* Column col's expectation in step (appending steps up to it); NULL when
 * out of memory. */
mg_array_expect *mg_tl_expect(mg_timeline *t, long step, int col);
/* rst_ni low in step (one cycle), every result due from it on dropped (the
 * array must show valid_o low at once: the reset is asynchronous); the next
 * load may start in the cycle after. */
void mg_tl_reset(mg_timeline *t, long step);
/* n distinct offsets out of [0, span), increasing (n <= span). */
void mg_tl_pick(mg_timeline *t, long span, long n, long *out);
/* True, once per run, when misuse m is the one to inject. */
bool mg_tl_misuse(mg_timeline *t, mg_misuse m);
/* A random encoding of the accumulator format (w bits, e exponent bits):
 * +-0, +-Inf, NaN with a random payload, subnormal or random values. */
uint64_t mg_tl_start_value(uint64_t *s, int w, int e);

/* One matrix multiply of a float MAC array (verify_array_mac.c): X (mx x
 * kpad, zero-padded), W (kpad x C), the first pass's acc_i (mx x C) and the
 * model's sum, flags and events after each pass (passes x mx x C). */
typedef struct {
    size_t mx, kpad, passes;
    int rows, cols, ww, aw, cw; /* the grid; the widths of w, a and acc */
    long lat, pe_lat;           /* Rows * L and L, docs/mac_array.md */
    const uint64_t *x, *w, *acc0, *out;
    const unsigned *flags, *events;
} mg_mac_protocol_mm;

/* Places matrix multiply mm of a float MAC array on the timeline
 * (verify_protocol_mac.c), as mg_protocol_block_matmul does for the block
 * arrays.  -1 when out of memory. */
int mg_protocol_mac_matmul(mg_timeline *t, const mg_mac_protocol_mm *m, int mm, bool reset_first);

#endif
