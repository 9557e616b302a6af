/* Streams of steps through a Verilated device (the array and converter
 * drivers): build the device, then play input words through it cycle by
 * cycle and collect the output words. */
#ifndef MG_VERIFY_STREAM_H
#define MG_VERIFY_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What the device's own simulation-time checks ($error, e.g. the arrays'
 * MG_CHECK_PROTOCOL checks) reported during a stream. */
typedef struct {
    unsigned long count; /* $error reports */
    size_t first_step;   /* the step of the first one (count > 0) */
} mg_verify_stream_errors;

/* Plays steps * in_words input words through the device in so_path
 * (clocked: mg_sim_cycle, else mg_sim_eval); *out receives steps *
 * out_words words (malloc'ed); checks (or NULL) what the device's checks
 * reported.  -1 with err when the device cannot be loaded or its buses are
 * not in_words / out_words wide. */
int mg_verify_stream(const char *so_path, const uint32_t *in, size_t steps, long in_words, long out_words,
                     bool clocked, uint32_t **out, mg_verify_stream_errors *checks, char *err, size_t errlen);

#endif
