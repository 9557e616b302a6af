// mg_hbfp_quant: the FP32 -> HBFP block converter (docs/spec/hbfp.md section 2,
// docs/hbfp_quant.md).  Block FP32 inputs become one shared 8-bit exponent E
// and Block n-bit two's-complement mantissas q_i (value q_i * 2^(E-M),
// M = N-1):
//   amax = max |x_i|                       (a balanced tree on x[30:0])
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
  // ---- amax: node 0 is the root, nodes Block-1 .. 2*Block-2 the leaves;
  // node i = max(node 2i+1, node 2i+2), so the depth is log2(Block).  Every
  // bit is assigned on each pass (leaves first), so this is no latch.
  reg [31*(2*Block-1)-1:0] node;
  integer i;
  always @* begin
    for (i = 0; i < Block; i = i + 1)
      node[(Block-1+i)*31 +: 31] = x_i[i*32 +: 31];
    for (i = Block-2; i >= 0; i = i - 1)
      node[i*31 +: 31] = (node[(2*i+1)*31 +: 31] > node[(2*i+2)*31 +: 31]) ? node[(2*i+1)*31 +: 31]
                                                                             : node[(2*i+2)*31 +: 31];
  end

  wire [7:0] e_a;
  wire       e_ovf_a, zero_a, invalid_a;
  mg_hbfp_quant_exp #(
    .ExpCeil (ExpCeil)
  ) u_exp (
    .amax_i    (node[30:0]),
    .exp_o     (e_a),
    .ovf_o     (e_ovf_a),
    .zero_o    (zero_a),
    .invalid_o (invalid_a)
  );

  // ---- Optional cut between the exponent and the elements (Pipe 2).
  localparam integer MidWidth = Block*32 + Block*RBits + 11;
  wire [MidWidth-1:0] mid;
  mg_pipe_reg #(
    .Width  (MidWidth),
    .Stages ((Pipe >= 2) ? 1 : 0)
  ) u_mid (
    .clk_i (clk_i),
    .d_i   ({x_i, rand_i, e_a, e_ovf_a, zero_a, invalid_a}),
    .q_o   (mid)
  );
  wire [Block*32-1:0]    x_b       = mid[MidWidth-1 -: Block*32];
  wire [Block*RBits-1:0] rand_b    = mid[11 +: Block*RBits];
  wire [7:0]             e_b       = mid[10:3];
  wire                   e_ovf_b   = mid[2];
  wire                   zero_b    = mid[1];
  wire                   invalid_b = mid[0];

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
  wire               kill  = zero_b | invalid_b;
  wire [Block*N-1:0] q_c   = kill ? {(Block*N){1'b0}} : q_raw;
  wire [4:0]         fl_c  = invalid_b ? 5'h10
                           : (zero_b ? 5'h00 : {2'b00, e_ovf_b | (|ovf), 1'b0, |inexact});

  // ---- Optional output register (Pipe >= 1).
  localparam integer OutWidth = 8 + Block*N + 5;
  wire [OutWidth-1:0] out;
  mg_pipe_reg #(
    .Width  (OutWidth),
    .Stages ((Pipe >= 1) ? 1 : 0)
  ) u_out (
    .clk_i (clk_i),
    .d_i   ({e_b, q_c, fl_c}),
    .q_o   (out)
  );
  assign exp_o   = out[OutWidth-1 -: 8];
  assign q_o     = out[5 +: Block*N];
  assign flags_o = out[4:0];
endmodule

`default_nettype wire
