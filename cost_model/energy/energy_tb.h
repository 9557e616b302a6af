/* The testbench that counts toggles.  macgen writes the operand streams
 * (one hex line of stimulus per cycle, stim.hex) and this Verilog around
 * the mapped netlist; the simulator runs it and writes the counts.
 *
 * mg_energy_core (clock input only; what Verilator builds) reads stim.hex,
 * drives the DUT's inputs from it at each rising edge (feedback inputs
 * from the registered value of an output, or zero when the line's clear
 * bit is set: an accumulator in use), and counts:
 *  - sampled (zero-delay): at each falling edge, every counted net's value;
 *    a net toggles in a cycle when it differs from the cycle before (the
 *    functional toggles of a zero-delay simulation; no glitches).  The
 *    counts are kept bit-sliced: slice s holds bit s of every net's count,
 *    so a cycle costs a few wide XORs and ANDs whatever the net count.
 *  - events (SDF-timed, --glitch): every value change of every counted net,
 *    glitches included, after $sdf_annotate of the netlist.
 * Counting starts after `warm` cycles (reset, pipeline fill); it covers the
 * next `cycles` cycles.  mg_energy_tb (Icarus only, its own file) adds the
 * clock. */
#ifndef MG_ENERGY_TB_H
#define MG_ENERGY_TB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MG_TB_FILE "tb.v"
#define MG_TB_TOP_FILE "tb_top.v"
#define MG_TB_STIM "stim.hex"
#define MG_TB_COUNTS "counts.txt"
#define MG_TB_MAIN "tb_main.cpp"
/* The largest stimulus word (bits a cycle). */
#define MG_TB_STIM_BITS_MAX (1 << 20)
/* Bits per line of the counts file (Verilator's $fwrite takes at most 8192). */
#define MG_TB_CHUNK 4096

typedef enum { MG_TB_SAMPLED, MG_TB_EVENTS } mg_tb_mode;

typedef enum {
    MG_TBP_STIM,      /* input bits [stim_lsb + width - 1 : stim_lsb] of the line */
    MG_TBP_CLOCK,     /* the testbench clock */
    MG_TBP_FEEDBACK,  /* input: output port feedback_from, registered (0 on clear) */
    MG_TBP_OUTPUT     /* an output */
} mg_tbp_role;

typedef struct {
    char name[64];      /* the DUT's port */
    int width;
    mg_tbp_role role;
    int stim_lsb;
    int feedback_from;  /* index into ports[] */
} mg_tb_port;

typedef struct {
    const char *top;               /* the DUT module */
    const mg_tb_port *ports;
    int n_ports;
    int stim_bits;                 /* bits of a stimulus line */
    int clear_bit;                 /* the line's bit that zeroes the feedback registers, -1: none */
    const char *const *nets;       /* hierarchical names below the DUT instance */
    int n_nets;
    long warm, cycles;             /* stim.hex holds warm + cycles lines */
    double period_ns;              /* the clock of an SDF-timed run */
    mg_tb_mode mode;
    bool sdf;                      /* events: annotate netlist.sdf (Icarus) */
} mg_tb_spec;

/* Writes tb.v.  -1 with a reason (a name or size it cannot handle). */
int mg_tb_write(const char *path, const mg_tb_spec *s, char *err, size_t errlen);
/* mg_energy_tb, the Icarus top: the clock (period_ns; 10 when 0). */
int mg_tb_write_icarus_top(const char *path, double period_ns, char *err, size_t errlen);
/* The C++ main of the Verilator build (toggles the clock until $finish). */
int mg_tb_write_verilator_main(const char *path, char *err, size_t errlen);
/* Reads the counts the testbench wrote into counts[0..n_nets-1].  -1 with a
 * reason: a missing or short file, or a net that was X or Z (undefined)
 * while counted, named. */
int mg_tb_read_counts(const char *path, const mg_tb_spec *s, uint64_t *counts, char *err, size_t errlen);

/* Slices of the sampled counter: enough bits for `cycles` toggles. */
int mg_tb_slices(long cycles);

#endif
