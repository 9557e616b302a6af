// mg_hbfp_quant: the FP32 -> HBFP block converter (docs/spec/hbfp.md section 2,
// docs/hbfp_quant.md).  Block FP32 inputs become one shared 8-bit exponent E
// and Block n-bit two's-complement mantissas q_i (value q_i * 2^(E-M),
// M = N-1):
//   amax = max |x_i|                       (mg_amax on x[30:0])
//   E    = mg_hbfp_quant_exp(amax)         (floor1 or ceil, clamped)
//   q_i  = mg_hbfp_quant_elem(x_i, E)      (rtz / rne / sr, symmetric clamp)
// A zero block gives E = -128, q = 0, no flags; a NaN or Inf anywhere gives
// E = -128, q = 0 and only the invalid flag.  flags_o = {invalid, 0,
// overflow, 0, inexact} as TestFloat prints them: overflow when an element
// was clamped or E was clamped at 127, inexact when some q_i * 2^(E-M)
// differs from x_i.
//
// Pipe 0: combinational (clk_i unused).  Pipe 1: exp_o, q_o and flags_o
// registered (latency 1).  Pipe 2: also a register between the exponent
// (the max tree) and the elements (latency 2).  Datapath registers, no reset.
`default_nettype none

module mg_hbfp_quant #(
  parameter integer N       = 4,   // mantissa bits including the sign
  parameter integer Block   = 64,  // B
  parameter integer ExpCeil = 0,   // 0: E = floor(log2 amax) + 1, 1: ceil(log2 amax)
  parameter integer Mode    = 1,   // 0 rtz, 1 rne, 2 sr
  parameter integer RBits   = 1,   // random word per element (Mode 2)
  parameter integer Pipe    = 0    // register stages, 0..2 (above)
) (
  input  wire                   clk_i,
  input  wire [Block*32-1:0]    x_i,     // element i at [i*32 +: 32]
  input  wire [Block*RBits-1:0] rand_i,  // element i's word at [i*RBits +: RBits]
  output wire [7:0]             exp_o,
  output wire [Block*N-1:0]     q_o,     // element i at [i*N +: N]
  output wire [4:0]             flags_o
);
  // ---- amax = max |x_i| (the magnitudes of FP32 values order as integers).
  wire [30:0] amax;
  mg_amax #(
    .Count (Block)
  ) u_amax (
    .x_i    (x_i),
    .amax_o (amax)
  );

  wire [7:0] e_a;
  wire       e_ovf_a, zero_a, invalid_a;
  mg_hbfp_quant_exp #(
    .ExpCeil (ExpCeil)
  ) u_exp (
    .amax_i    (amax),
    .exp_o     (e_a),
    .ovf_o     (e_ovf_a),
    .zero_o    (zero_a),
    .invalid_o (invalid_a)
  );

  // ---- Optional cut between the exponent and the elements (Pipe 2).
  wire [Block*32-1:0]    x_b;
  wire [Block*RBits-1:0] rand_b;
  wire [7:0]             e_b;
  wire                   e_ovf_b, zero_b, invalid_b;
  mg_quant_mid #(
    .Block    (Block),
    .RBits    (RBits),
    .SideBits (11),
    .Pipe     (Pipe)
  ) u_mid (
    .clk_i  (clk_i),
    .x_i    (x_i),
    .rand_i (rand_i),
    .side_i ({e_a, e_ovf_a, zero_a, invalid_a}),
    .x_o    (x_b),
    .rand_o (rand_b),
    .side_o ({e_b, e_ovf_b, zero_b, invalid_b})
  );

  // ---- Elements.
  wire [Block*N-1:0] q_raw;
  wire [Block-1:0]   inexact, ovf;
  genvar k;
  generate
    for (k = 0; k < Block; k = k + 1) begin : gen_elem
      mg_hbfp_quant_elem #(
        .N     (N),
        .Mode  (Mode),
        .RBits (RBits)
      ) u_elem (
        .x_i       (x_b[k*32 +: 32]),
        .exp_i     (e_b),
        .rand_i    (rand_b[k*RBits +: RBits]),
        .q_o       (q_raw[k*N +: N]),
        .inexact_o (inexact[k]),
        .ovf_o     (ovf[k])
      );
    end
  endgenerate

  // Zero and invalid blocks: q = 0 (E is already -128); invalid alone.
  wire [4:0] fl_c = invalid_b ? 5'h10 : (zero_b ? 5'h00 : {2'b00, e_ovf_b | (|ovf), 1'b0, |inexact});
  mg_quant_out #(
    .N     (N),
    .Block (Block),
    .Pipe  (Pipe)
  ) u_out (
    .clk_i   (clk_i),
    .kill_i  (zero_b | invalid_b),
    .exp_i   (e_b),
    .q_i     (q_raw),
    .flags_i (fl_c),
    .exp_o   (exp_o),
    .q_o     (q_o),
    .flags_o (flags_o)
  );
endmodule

`default_nettype wire
