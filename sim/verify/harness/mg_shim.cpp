// mg_shim.cpp: the one C++ file between macgen (C) and a Verilated device.
// macgen verify compiles it with the Verilator output of the wrapper mg_lanes
// (sim/verify/verify_wrap.c: every input pin of every lane packed into in_i,
// every output into out_o, both wider than 64 bits so that Verilator stores
// them as 32-bit words) into a shared object that macgen loads; the golden
// model stays in macgen, so model and RTL run in one process and nothing C
// is compiled by Verilator.  Every driver uses it: combinational lanes
// (mg_sim_eval), clocked step sequences (mg_sim_step) and the array and
// converter streams (mg_sim_cycle).
#include <cstdint>

#include "Vmg_lanes.h"
#include "verilated.h"

namespace {
struct Sim {
    VerilatedContext context;
    Vmg_lanes top;
    // A failed $error (the arrays' MG_CHECK_PROTOCOL checks) is printed and
    // counted instead of ending the process: mg_sim_errors reports it.
    Sim() : context(), top(&context, "lanes") { context.fatalOnError(false); }
};
const int kInWords = sizeof(Vmg_lanes::in_i) / sizeof(EData);
const int kOutWords = sizeof(Vmg_lanes::out_o) / sizeof(EData);
}  // namespace

extern "C" {

void *mg_sim_new(void) { return new Sim(); }

void mg_sim_free(void *sim) { delete static_cast<Sim *>(sim); }

int mg_sim_in_words(void) { return kInWords; }

int mg_sim_out_words(void) { return kOutWords; }

// How many $error / $stop the device has reported so far.
int mg_sim_errors(void *sim) { return static_cast<Sim *>(sim)->context.errorCount(); }

// One combinational evaluation of every lane.
void mg_sim_eval(void *sim, const uint32_t *in, uint32_t *out)
{
    Sim *s = static_cast<Sim *>(sim);
    for (int i = 0; i < kInWords; i++) s->top.in_i[i] = in[i];
    s->top.eval();
    for (int i = 0; i < kOutWords; i++) out[i] = s->top.out_o[i];
}

// One clock cycle of a clocked unit: the inputs settle with the clock low,
// then the rising edge; out holds the outputs after the edge.
void mg_sim_step(void *sim, const uint32_t *in, uint32_t *out)
{
    Sim *s = static_cast<Sim *>(sim);
    s->top.clk_i = 0;
    for (int i = 0; i < kInWords; i++) s->top.in_i[i] = in[i];
    s->top.eval();
    s->top.clk_i = 1;
    s->top.eval();
    for (int i = 0; i < kOutWords; i++) out[i] = s->top.out_o[i];
}

// One clock cycle of a stream: the inputs settle with the clock low and out
// samples the outputs before the rising edge; then the edge, and the clock
// falls again.
void mg_sim_cycle(void *sim, const uint32_t *in, uint32_t *out)
{
    Sim *s = static_cast<Sim *>(sim);
    s->top.clk_i = 0;
    for (int i = 0; i < kInWords; i++) s->top.in_i[i] = in[i];
    s->top.eval();
    for (int i = 0; i < kOutWords; i++) out[i] = s->top.out_o[i];
    s->top.clk_i = 1;
    s->top.eval();
    s->top.clk_i = 0;
    s->top.eval();
}

}  // extern "C"
