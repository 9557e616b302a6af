// hbfp_tb.cpp: the Verilator driver of `macgen verify hbfp_array` and
// `macgen verify hbfp_quant`.  It is a pure simulator: macgen writes a
// stimulus file, this program plays it through the Verilated top (class
// Vhbfp, built with --prefix Vhbfp) and writes what the outputs were, and
// macgen compares them with the golden model.  So the model stays plain C
// in macgen and this file needs no knowledge of the arithmetic.
//
// Files are little-endian 32-bit words.  Stimulus: the number of steps, then
// per step every input port in the order of INPUT_PORTS below, each as
// ceil(width/32) words (least significant first).  Result: per step every
// output port in the order of OUTPUT_PORTS.  For the array one step is one
// clock cycle: inputs are applied, outputs sampled, then the clock rises.
// For the converter a step is one evaluation, followed by a clock edge when
// it is built with pipeline registers (HBFP_CLOCKED); with round=sr it also
// takes the random words (HBFP_QUANT_SR).
//
// Usage: hbfp_tb STIMULUS RESULT
// (No backslashes in this file: scripts/embed_files.sh does not escape them.)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "Vhbfp.h"
#include "verilated.h"

#ifdef HBFP_QUANT
#ifdef HBFP_QUANT_SR
#define INPUT_PORTS(X) X(x_i) X(rand_i)
#else
#define INPUT_PORTS(X) X(x_i)
#endif
#define OUTPUT_PORTS(X) X(exp_o) X(q_o) X(flags_o)
#else
#define HBFP_CLOCKED
#define INPUT_PORTS(X) X(rst_ni) X(load_w_i) X(w_i) X(load_e_i) X(eb_i) X(valid_i) X(a_i) X(ea_i) X(en_i) X(acc_i)
#define OUTPUT_PORTS(X) X(acc_o) X(flags_o) X(valid_o)
#endif

// Words per port and word-wise access, for Verilator's port types.
template <std::size_t W> static std::size_t words(const VlWide<W> &) { return W; }
static std::size_t words(const CData &) { return 1; }
static std::size_t words(const SData &) { return 1; }
static std::size_t words(const IData &) { return 1; }
static std::size_t words(const QData &) { return 2; }

template <std::size_t W> static void put(VlWide<W> &p, const uint32_t *w)
{
    for (std::size_t i = 0; i < W; i++) p[i] = w[i];
}
static void put(CData &p, const uint32_t *w) { p = static_cast<CData>(w[0]); }
static void put(SData &p, const uint32_t *w) { p = static_cast<SData>(w[0]); }
static void put(IData &p, const uint32_t *w) { p = w[0]; }
static void put(QData &p, const uint32_t *w) { p = w[0] | (static_cast<QData>(w[1]) << 32); }

template <std::size_t W> static void get(const VlWide<W> &p, uint32_t *w)
{
    for (std::size_t i = 0; i < W; i++) w[i] = p[i];
}
static void get(const CData &p, uint32_t *w) { w[0] = p; }
static void get(const SData &p, uint32_t *w) { w[0] = p; }
static void get(const IData &p, uint32_t *w) { w[0] = p; }
static void get(const QData &p, uint32_t *w)
{
    w[0] = static_cast<uint32_t>(p);
    w[1] = static_cast<uint32_t>(p >> 32);
}

static const char kNewline = 10;

static int fail(const char *what, const char *path)
{
    std::fprintf(stderr, "hbfp_tb: %s %s%c", what, path, kNewline);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: hbfp_tb STIMULUS RESULT%c", kNewline);
        return 2;
    }
    const std::unique_ptr<VerilatedContext> ctx{new VerilatedContext};
    const std::unique_ptr<Vhbfp> top{new Vhbfp{ctx.get()}};

    std::FILE *in = std::fopen(argv[1], "rb");
    if (!in) return fail("cannot read", argv[1]);
    uint32_t steps = 0;
    if (std::fread(&steps, 4, 1, in) != 1) return fail("truncated", argv[1]);
    std::FILE *out = std::fopen(argv[2], "wb");
    if (!out) return fail("cannot write", argv[2]);

    std::size_t in_words = 0, out_words = 0;
#define COUNT_IN(p) in_words += words(top->p);
#define COUNT_OUT(p) out_words += words(top->p);
    INPUT_PORTS(COUNT_IN)
    OUTPUT_PORTS(COUNT_OUT)
    std::vector<uint32_t> iw(in_words), ow(out_words);

#ifdef HBFP_CLOCKED
    top->clk_i = 0;
#endif
    for (uint32_t s = 0; s < steps; s++) {
        if (std::fread(iw.data(), 4, in_words, in) != in_words) return fail("truncated", argv[1]);
        const uint32_t *ip = iw.data();
#define PUT(p) put(top->p, ip); ip += words(top->p);
        INPUT_PORTS(PUT)
        top->eval();
        uint32_t *op = ow.data();
#define GET(p) get(top->p, op); op += words(top->p);
        OUTPUT_PORTS(GET)
        if (std::fwrite(ow.data(), 4, out_words, out) != out_words) return fail("cannot write", argv[2]);
#ifdef HBFP_CLOCKED
        top->clk_i = 1;
        top->eval();
        top->clk_i = 0;
        top->eval();
#endif
    }
    top->final();
    std::fclose(in);
    if (std::fclose(out) != 0) return fail("cannot write", argv[2]);
    return 0;
}
