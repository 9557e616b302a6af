/* The mapped netlist as the energy sum sees it, read from OpenSTA (Debian's
 * `sta`, run from an argument list on a constant script): every net with
 * its capacitance (pins + set_load, rise and fall) and its driver's slew,
 * every cell instance with the net on each pin, the ports (bit-blasted by
 * OpenSTA, grouped back into buses here) and which inputs are clocks (they
 * reach a flip-flop's clock pin).  OpenSTA computes capacitances and slews
 * the way it times the design (no wire load: pin capacitances only).
 * Optionally it also writes an SDF file of its delays (--glitch). */
#ifndef MG_ENERGY_NETLIST_H
#define MG_ENERGY_NETLIST_H

#include <stdbool.h>
#include <stddef.h>

#define MG_ENET_SCRIPT "energy_sta.tcl"
#define MG_ENET_LOG "energy_sta.log"
#define MG_ENET_SDF "netlist.sdf"

typedef struct {
    char *name;
    char *shown;             /* the name in the netlist as written (escaped names), or NULL: name */
    double cap_r, cap_f;     /* farads */
    double slew_r, slew_f;   /* seconds: its driver's (0 for an input port) */
    int drivers;             /* cell outputs and input ports driving it (0: a constant) */
    bool clock;              /* the net of a clock port */
} mg_enet;

typedef struct {
    char *pin;   /* the library pin ("A", "Y") */
    int net;     /* index into nets, -1: unconnected */
} mg_epin;

typedef struct {
    char *name;
    char *cell;
    int first_pin, n_pins;   /* into pins[] */
} mg_einst;

typedef struct {
    char name[64];
    bool input;
    bool bus;                /* declared with a range: name[msb:lsb] */
    int msb, lsb;
    bool clock;              /* an input reaching a flip-flop's clock pin */
} mg_eport;

typedef struct mg_enet_index mg_enet_index;

typedef struct {
    mg_enet *nets;
    int n_nets;
    mg_einst *insts;
    int n_insts;
    mg_epin *pins;
    int n_pins;
    mg_eport *ports;
    int n_ports;
    mg_enet_index *index;    /* net name -> index */
} mg_enetlist;

/* What the script is told. */
typedef struct {
    const char *top;
    double period_ns;        /* the clock (affects nothing read here but the SDF's context) */
    double output_load;      /* set_load on every output, library capacitance units (0: none) */
    bool write_sdf;          /* also write workdir/MG_ENET_SDF */
} mg_enet_options;

/* Escaped identifiers of a netlist ("\\u_core.acc_q ", kept by Yosys for
 * register outputs) renamed to plain ones ("mg_n3_") that a testbench can
 * reference; the map gives the original back for the reports. */
typedef struct {
    char **plain, **orig;
    int n;
} mg_name_map;

/* Rewrites the Verilog file at path (atomically) with plain names. */
int mg_netlist_plain_names(const char *path, mg_name_map *map, char *err, size_t errlen);
void mg_name_map_free(mg_name_map *m);
/* Sets each net's shown name from the map. */
void mg_enetlist_show_names(mg_enetlist *nl, const mg_name_map *m);

/* Writes the script into workdir (reading MG_FLOW_LIBERTY_LINK and
 * MG_FLOW_NETLIST there), runs OpenSTA (time limit timeout_s) and reads its
 * output.  0; -1 with one line in err for bad input (a net name macgen
 * cannot reference in Verilog); MG_FAIL_TOOL when sta is missing, fails or
 * prints something unreadable. */
int mg_enetlist_run(const char *workdir, const mg_enet_options *o, unsigned timeout_s, mg_enetlist *nl,
                    char *err, size_t errlen);
/* Only the reading (the tests feed it recorded output). */
int mg_enetlist_parse(const char *text, mg_enetlist *nl, char *err, size_t errlen);
int mg_enetlist_write_script(const char *path, const mg_enet_options *o, char *err, size_t errlen);
void mg_enetlist_free(mg_enetlist *nl);

/* The index of net name, or -1. */
int mg_enetlist_find(const mg_enetlist *nl, const char *name);

/* [A-Za-z_][A-Za-z0-9_$]* optionally followed by [N]: a name a testbench
 * can reference hierarchically without escaping. */
bool mg_enet_plain_name(const char *name);

#endif
