/* The device under test as the Verilator harness sees it: a top module, its
 * clock, and its data pins with their places in two flat buses.  Every
 * driver (combinational lanes, step sequences, array and converter streams)
 * describes its unit this way; verify_wrap.c writes the wrapper module
 * mg_lanes (`lanes` copies of the top, every input pin a slice of in_i and
 * every output pin a slice of out_o), the one C++ shim
 * (harness/mg_shim.cpp) moves the buses as 32-bit words, and
 * verify_rtl_check.c checks a user's --rtl DIR against the same pins. */
#ifndef MG_VERIFY_DEVICE_H
#define MG_VERIFY_DEVICE_H

#include <stdbool.h>
#include <stdio.h>

#define MG_VERIFY_MAX_PINS 24

typedef struct {
    char name[24];  /* Verilog port name, e.g. "w_i" */
    bool out;
    int width;
    long offset;    /* lane 0's first bit in in_i (inputs) or out_o (outputs) */
} mg_verify_pin;

typedef struct {
    char top[64];
    char clock[24];              /* the top's clock port, "" when it has none */
    mg_verify_pin pins[MG_VERIFY_MAX_PINS];
    int n_pins;
    int lanes;                   /* copies of the top */
    long in_stride, out_stride;  /* bits from one lane to the next */
} mg_verify_device;

/* Starts a device of one lane whose pins are placed by mg_verify_device_add;
 * clock may be NULL. */
void mg_verify_device_init(mg_verify_device *d, const char *top, const char *clock);
/* Adds a pin after the previous one of its direction; word_aligned: it
 * starts on a 32-bit word (the array and converter drivers' layout).
 * Returns the pin's offset (-1 when the table is full). */
long mg_verify_device_add(mg_verify_device *d, const char *name, bool out, int width, bool word_aligned);

/* Bits of the in_i / out_o buses: every lane, at least 65 (so Verilator
 * keeps them as words), a whole number of words. */
long mg_verify_bus_bits(const mg_verify_device *d, bool out);

/* The wrapper module mg_lanes. */
void mg_verify_write_wrapper(FILE *fp, const mg_verify_device *d);

#endif
